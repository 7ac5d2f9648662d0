//! The browser's clock and time zone, for the pure date functions of the domain.

use crate::domain::time::Timestamp;
use chrono::{NaiveDate, NaiveDateTime};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::JsCast;

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

/// Resolves on a later turn of the event loop (a message the page posts to itself), so a long
/// computation cut into slices lets the page repaint and take input between them.
pub async fn next_tick() {
    tick(false).await;
}

/// Like [`next_tick`], but after every slice waiting in [`next_tick`]: for work that may wait
/// (building search keys) behind work someone waits for (applying the classes).
pub async fn later_tick() {
    tick(true).await;
}

async fn tick(later: bool) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        TICKS.with(|t| t.post(resolve, later));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves after `d` (a timer).
pub async fn sleep(d: std::time::Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let ms = i32::try_from(d.as_millis()).unwrap_or(i32::MAX);
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` in a task of its own once the next frame is painted: for work that follows a
/// change but need not delay its paint (the URL following a filter, charts after a count).
pub fn after_paint(f: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(f, std::time::Duration::ZERO);
    });
}

/// Resolves in a task of its own once the next frame is painted (see [`after_paint`]).
pub async fn painted() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        after_paint(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Runs `f` when the page is next idle (`requestIdleCallback`: no task waiting, the frame
/// painted), or after `at_most` if it never is.
pub fn when_idle(at_most: std::time::Duration, f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(u32::try_from(at_most.as_millis()).unwrap_or(u32::MAX));
    // Called exactly once (the timeout is the browser's own), which frees it.
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = window.request_idle_callback_with_options(callback.unchecked_ref(), &options);
}

/// Frees `value` in an idle moment a second from now: dropping a large structure a page
/// leaves behind (50,000 quotes and their search keys: about 20 ms) is not work the page the
/// user went to should wait for — nor fill the first idle moment, which comes while that page
/// waits for its reads.
pub fn drop_when_idle<T: 'static>(value: T) {
    leptos::prelude::set_timeout(
        move || when_idle(std::time::Duration::from_secs(2), move || drop(value)),
        std::time::Duration::from_secs(1),
    );
}

/// Resolves when the page is next idle (see [`when_idle`]).
pub async fn idle(at_most: std::time::Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        when_idle(at_most, move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The channel [`next_tick`] posts to: a message is a new task at once, where a zero timeout
/// nested in timeouts waits at least 4 ms after the fifth (the browser's clamp), which adds
/// up over the slices of a long job.
struct Ticks {
    port: Option<web_sys::MessagePort>,
    waiting: Rc<RefCell<Waiting>>,
    _on_message: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

/// The slices waiting for their turn: each message posted wakes one, the first of `soon`, or
/// when none waits there the first of `later`.
#[derive(Default)]
struct Waiting {
    soon: VecDeque<js_sys::Function>,
    later: VecDeque<js_sys::Function>,
}

impl Ticks {
    fn new() -> Self {
        let waiting: Rc<RefCell<Waiting>> = Default::default();
        let Ok(channel) = web_sys::MessageChannel::new() else {
            return Ticks {
                port: None,
                waiting,
                _on_message: None,
            };
        };
        let queue = waiting.clone();
        let on_message = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let next = {
                let mut q = queue.borrow_mut();
                q.soon.pop_front().or_else(|| q.later.pop_front())
            };
            if let Some(resolve) = next {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        channel
            .port1()
            .set_onmessage(Some(wasm_bindgen::JsCast::unchecked_ref(
                on_message.as_ref(),
            )));
        Ticks {
            port: Some(channel.port2()),
            waiting,
            _on_message: Some(on_message),
        }
    }

    fn post(&self, resolve: js_sys::Function, later: bool) {
        if let Some(port) = &self.port {
            let mut q = self.waiting.borrow_mut();
            if later {
                q.later.push_back(resolve.clone());
            } else {
                q.soon.push_back(resolve.clone());
            }
            drop(q);
            if port.post_message(&wasm_bindgen::JsValue::NULL).is_ok() {
                return;
            }
            let mut q = self.waiting.borrow_mut();
            q.soon.retain(|f| f != &resolve);
            q.later.retain(|f| f != &resolve);
        }
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    }
}

thread_local! {
    static TICKS: Ticks = Ticks::new();
}

/// Records a named point of start-up on the page's performance timeline (for the benchmark
/// and the browser's profiler; it shows nowhere in the app).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Work cut into slices of at most [`Slices::MS`] between which the page takes input: call
/// [`Slices::step`] often; it lets the page in once the slice has run its time.
pub struct Slices {
    started: f64,
}

impl Slices {
    /// A slice's length in milliseconds: well under the 50 ms after which input waits.
    pub const MS: f64 = 12.0;

    /// Starts the first slice.
    pub fn start() -> Self {
        Slices { started: ms() }
    }

    /// Ends the slice (behind any other sliced work, see [`later_tick`]) when it has run its
    /// time.
    pub async fn step(&mut self) {
        if ms() - self.started >= Self::MS {
            later_tick().await;
            self.started = ms();
        }
    }
}

/// Pauses for a loop in other hands (the store's, which knows no clock): call the returned
/// function after every small piece of work and await its future, which lets the page in
/// (behind other sliced work, see [`later_tick`]) only once the slice has run [`Slices::MS`].
pub fn pauses() -> impl FnMut() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> {
    let started = Rc::new(std::cell::Cell::new(ms()));
    move || {
        if ms() - started.get() < Slices::MS {
            return Box::pin(std::future::ready(()));
        }
        let started = started.clone();
        Box::pin(async move {
            later_tick().await;
            started.set(ms());
        })
    }
}

/// Milliseconds on the page's clock.
fn ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Runs `task` until it ends or the reactive owner it is started under is cleaned up — the
/// page goes, or the effect that started it runs again — whichever comes first. For a
/// page's work in slices (decoding a large read, building search keys) that nobody wants once
/// the page has gone, and that would otherwise hold up the page the user went to.
pub fn spawn_scoped(task: impl std::future::Future<Output = ()> + 'static) {
    let (task, handle) = futures::future::abortable(task);
    leptos::prelude::on_cleanup(move || handle.abort());
    leptos::task::spawn_local(async move {
        let _ = task.await;
    });
}
