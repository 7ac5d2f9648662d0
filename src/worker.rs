//! The analysis thread: a Web Worker running this same module without the page.
//!
//! The app asks it for the analysis of the stored workspace ([`transfer::Request`]); it reads
//! the customers' purchase histories straight from IndexedDB (only those, not whole
//! summaries), fits both models, classifies every customer and answers with the analysis as
//! of the date, then as of the start of the period. The page stays responsive meanwhile: the
//! app decodes the answer a slice at a time. It keeps both analyses in storage with what they
//! describe (`store::keep_analysis`), so the next start-up shows them without analysing; a
//! request without a reply only does that, and nothing when they are kept already. Requests
//! are handled one at a time; one arriving while another runs waits, and only the newest
//! waiting one is handled (a request without a reply never displaces one awaiting it).
//!
//! The leads page starts one of its own to count the leads' matches ([`Job::MatchLeads`]):
//! that reads every customer and contact person, which on the page left the garbage of a
//! quarter of a million objects behind.
//!
//! Started by `analysis-<hash>.js`, which the build writes next to the app's files
//! (`scripts/split-wasm.mjs`): it loads the module and calls [`analysis_worker_main`] with the
//! messages that arrived while it loaded.

use crate::domain::analysis::engine::{Models, analyse_histories, warm_up};
use crate::domain::analysis::transfer::{self, Job, Request, Which};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Whether this module runs in a worker (the analysis thread) rather than a page.
pub fn in_worker() -> bool {
    js_sys::global()
        .dyn_ref::<web_sys::WorkerGlobalScope>()
        .is_some()
}

thread_local! {
    /// The newest request not yet started.
    static WAITING: RefCell<Option<Request>> = const { RefCell::new(None) };
    /// Whether a request is being handled.
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

fn scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Starts the analysis thread: handles `early` (the messages that arrived while the module
/// loaded), then every later message.
#[wasm_bindgen]
pub fn analysis_worker_main(early: js_sys::Array) {
    console_error_panic_hook::set_once();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
            receive(&e.data());
        });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let asked = early.length() > 0;
    for message in early.iter() {
        receive(&message);
    }
    // Until the first request: run the analysis over a few hundred generated customers, so
    // the browser has optimised its hot loops before the real one (not in a thread started
    // for another job).
    if !asked {
        let today = (now_ms() / 86_400_000.0).floor() as i32;
        drop(warm_up(crate::domain::time::from_epoch_day(today)));
    }
}

fn receive(message: &JsValue) {
    let Some(bytes) = message.dyn_ref::<js_sys::Uint8Array>() else {
        return;
    };
    let request = match transfer::decode_job(&bytes.to_vec()) {
        Ok(Job::Analyse(request)) => request,
        Ok(Job::MatchLeads { db }) => {
            wasm_bindgen_futures::spawn_local(match_leads(db));
            return;
        }
        Err(_) => return,
    };
    WAITING.with_borrow_mut(|w| {
        // An answer awaited is not dropped for a question asked only to keep an analysis:
        // the answer's analysis is kept too.
        if request.reply || !w.as_ref().is_some_and(|waiting| waiting.reply) {
            *w = Some(request);
        }
    });
    if !BUSY.get() {
        BUSY.set(true);
        wasm_bindgen_futures::spawn_local(work());
    }
}

/// Handles waiting requests until none is left.
async fn work() {
    while let Some(request) = WAITING.with_borrow_mut(Option::take) {
        handle(request).await;
    }
    BUSY.set(false);
}

async fn handle(r: Request) {
    let started = now_ms();
    let db = match crate::store::open_to_read(&r.db).await {
        Ok(db) => db,
        Err(e) => return post(transfer::encode_failure(r.seq, &e.to_string())),
    };
    answer(&db, &r, started).await;
    db.close();
    post(transfer::encode_done(r.seq));
}

/// Counts the leads' matches (see `store::lead_match_counts`) and sends them.
async fn match_leads(name: String) {
    let counts = match crate::store::open_to_read(&name).await {
        Ok(db) => {
            let counts = crate::store::lead_match_counts(&db, || std::future::ready(())).await;
            db.close();
            counts.map_err(|e| e.to_string())
        }
        Err(e) => Err(e.to_string()),
    };
    post(transfer::encode_lead_matches(&counts));
}

/// Makes, keeps and (if asked) sends the analyses `r` asks for.
async fn answer(db: &crate::store::Db, r: &Request, started: f64) {
    let (histories, stamp) = match crate::store::load_histories(db).await {
        Ok(read) => read,
        Err(e) => return post(transfer::encode_failure(r.seq, &e.to_string())),
    };
    let read_ms = now_ms() - started;
    let describes = transfer::describes(stamp.value(), r.as_of, &r.config);
    if !r.reply && crate::store::kept_describes(db).await.ok().flatten() == Some(describes.clone())
    {
        return; // Kept already.
    }
    let t = now_ms();
    let now = analyse_histories(&histories, r.as_of, &r.config, Models::Fit(r.start));
    let bytes = transfer::encode_answer(r.seq, Which::Now, &now, read_ms, now_ms() - t);
    keep(db, Which::Now, &describes, &bytes).await;
    if r.reply {
        post(bytes);
    }
    // A newer request makes the period's start of this one pointless.
    if WAITING.with_borrow(Option::is_some) {
        return;
    }
    // Let a request that arrived meanwhile in first.
    tick().await;
    if WAITING.with_borrow(Option::is_some) {
        return;
    }
    let (p, s) = now.model_params();
    drop(now);
    let t = now_ms();
    let before = analyse_histories(&histories, r.before, &r.config, Models::Use(p, s));
    let bytes = transfer::encode_answer(r.seq, Which::Before, &before, 0.0, now_ms() - t);
    drop(before);
    keep(db, Which::Before, &describes, &bytes).await;
    if r.reply {
        post(bytes);
    }
}

/// Keeps an analysis for the next start-up; a failure (storage full, the database deleted
/// meanwhile) only costs that start-up an analysis of its own.
async fn keep(db: &crate::store::Db, which: Which, describes: &[u8], bytes: &[u8]) {
    if let Err(e) = crate::store::keep_analysis(db, which, describes, bytes).await {
        web_sys::console::warn_1(&format!("analysis not kept: {e}").into());
    }
}

/// Waits for the next task of this thread (messages that arrived meanwhile are received).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Sends bytes to the app, handing over their buffer rather than copying it.
fn post(bytes: Vec<u8>) {
    let array = js_sys::Uint8Array::from(bytes.as_slice());
    let transfer = js_sys::Array::of1(&array.buffer());
    let _ = scope().post_message_with_transfer(&array, &transfer);
}
