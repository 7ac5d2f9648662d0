//! The app's side of the analysis thread ([`crate::worker`]): starts the worker, sends it
//! requests and hands its answers (bytes) to a callback.
//!
//! The build names the worker's script in `<meta name="crm-analysis-worker">`; without it (a
//! test page, a build without the script) or when the worker fails, there is no thread and
//! the app analyses on its own thread as before.

use crate::domain::analysis::transfer::{Job, Request, encode_job};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The running analysis thread.
pub struct AnalysisThread {
    worker: web_sys::Worker,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl AnalysisThread {
    /// Starts the thread; `on_answer` receives each answer's bytes, `on_failure` is called
    /// once if the thread cannot load or stops working. `None` when the build provides no
    /// worker script or the browser refuses to start it.
    pub fn spawn(
        on_answer: impl Fn(Vec<u8>) + 'static,
        on_failure: impl Fn() + 'static,
    ) -> Option<Self> {
        Self::spawn_named("analysis", on_answer, on_failure)
    }

    /// [`spawn`](Self::spawn), the thread named `name` (as the browser's tools list it).
    pub fn spawn_named(
        name: &str,
        on_answer: impl Fn(Vec<u8>) + 'static,
        on_failure: impl Fn() + 'static,
    ) -> Option<Self> {
        let url = web_sys::window()?
            .document()?
            .query_selector("meta[name=crm-analysis-worker]")
            .ok()??
            .get_attribute("content")?;
        let options = web_sys::WorkerOptions::new();
        options.set_type(web_sys::WorkerType::Module);
        options.set_name(name);
        let worker = web_sys::Worker::new_with_options(&url, &options).ok()?;
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(bytes) = e.data().dyn_ref::<js_sys::Uint8Array>() {
                    on_answer(bytes.to_vec());
                }
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let why = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_default();
            leptos::logging::warn!("the analysis thread stopped; analysing here instead. {why}");
            on_failure();
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(AnalysisThread {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request; `false` if it could not be sent.
    pub fn ask(&self, request: &Request) -> bool {
        self.give(&Job::Analyse(request.clone()))
    }

    /// Sends a job; `false` if it could not be sent.
    pub fn give(&self, job: &Job) -> bool {
        let bytes = js_sys::Uint8Array::from(encode_job(job).as_slice());
        self.worker.post_message(&bytes).is_ok()
    }
}

impl Drop for AnalysisThread {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
