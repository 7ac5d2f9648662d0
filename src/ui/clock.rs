//! The browser's clock and time zone, for the pure date functions of the domain.

use crate::domain::time::Timestamp;
use chrono::{NaiveDate, NaiveDateTime};

/// Now, in Unix milliseconds.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// The local offset east of UTC, in minutes (Beijing: 480).
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The offset east of UTC in force at an instant: in a zone with daylight saving time (New
/// York, Berlin) a July instant and a December one have different offsets.
pub fn offset_at(t: Timestamp) -> i32 {
    -(js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.0 as f64)).get_timezone_offset() as i32)
}

/// The local wall-clock date and time of an instant, with the offset in force then.
pub fn local(t: Timestamp) -> NaiveDateTime {
    t.local_datetime(offset_at(t))
}

/// The offset in force at a local wall-clock time: the offset at the instant the time names
/// under today's offset, checked once more from there (a time in the hour skipped when clocks
/// go forward takes the later offset).
pub fn offset_for_local(local: NaiveDateTime) -> i32 {
    let first = offset_at(Timestamp::from_local(local, offset_minutes()));
    offset_at(Timestamp::from_local(local, first))
}

/// The browser's time zone, daylight saving included, for the domain's functions.
pub fn zone() -> crate::domain::time::Zone {
    crate::domain::time::Zone::Rules {
        at: offset_at,
        for_local: offset_for_local,
    }
}

/// The instant a local wall-clock time names.
pub fn instant(local: NaiveDateTime) -> Timestamp {
    Timestamp::from_local(local, offset_for_local(local))
}

/// The offset for a form's `datetime-local` text (today's when the text does not parse; the
/// form's validation names that mistake).
pub fn offset_for_input(text: &str) -> i32 {
    crate::domain::time::parse_datetime_local(text).map_or_else(offset_minutes, offset_for_local)
}

/// Today's local date.
pub fn today() -> NaiveDate {
    now().local_date(offset_minutes())
}

/// Resolves on a later turn of the event loop (a zero-delay timer), so a long computation cut
/// into slices lets the page repaint and take input between them.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Records a named point of start-up on the page's performance timeline (for the benchmark
/// and the browser's profiler; it shows nowhere in the app).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
