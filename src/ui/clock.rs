//! The browser's clock and time zone, for the pure date functions of the domain.

use crate::domain::time::Timestamp;
use chrono::NaiveDate;

/// Now, in Unix milliseconds.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// The local offset east of UTC, in minutes (Beijing: 480).
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
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
