//! Requests to the team's server: JSON in and out, the member's credentials in a header,
//! a time limit on every request, and every failure turned into a [`Problem`] (the browser's
//! own refusals — offline, CORS, a server that is down — all reach us as one rejected fetch).

use crate::domain::sync::protocol::{Problem, ServerAddress, basic_auth, problem_of};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue, closure::Closure};
use wasm_bindgen_futures::JsFuture;

/// How long one request may take before it counts as unanswered.
const LIMIT_MS: i32 = 60_000;

/// The team's database and how to sign in to it.
#[derive(Clone, Debug)]
pub struct Server {
    pub address: ServerAddress,
    /// The `Authorization` header, kept in memory only; `None` for a server open to all.
    auth: Option<String>,
}

impl Server {
    /// The database at `address`, signed in as `user` with `password` (both empty: none).
    pub fn new(address: ServerAddress, user: &str, password: &str) -> Server {
        let auth = (!user.is_empty()).then(|| basic_auth(user, password));
        Server { address, auth }
    }

    /// `GET` of a path of the database; the reply's text.
    pub(crate) async fn get(&self, path: &str) -> Result<String, Problem> {
        self.send("GET", &self.address.url(path), None, LIMIT_MS)
            .await
    }

    /// `GET` with its own time limit (a long poll).
    pub(crate) async fn get_within(&self, path: &str, limit_ms: i32) -> Result<String, Problem> {
        self.send("GET", &self.address.url(path), None, limit_ms)
            .await
    }

    /// `POST` of JSON to a path of the database.
    pub(crate) async fn post(&self, path: &str, body: &Value) -> Result<String, Problem> {
        self.send("POST", &self.address.url(path), Some(body), LIMIT_MS)
            .await
    }

    /// `PUT` of JSON to a path of the database.
    pub(crate) async fn put(&self, path: &str, body: &Value) -> Result<String, Problem> {
        self.send("PUT", &self.address.url(path), Some(body), LIMIT_MS)
            .await
    }

    /// Creates the database (`PUT /db`); an administrator's work (the set-up script, tests).
    pub async fn create_database(&self) -> Result<(), Problem> {
        self.send("PUT", &self.address.url(""), None, LIMIT_MS)
            .await
            .map(drop)
    }

    /// `PUT` of a whole document by id (tests, and the set-up of a team).
    pub async fn put_doc(&self, id: &str, body: &Value) -> Result<String, Problem> {
        let path = format!("/{}", js_sys::encode_uri_component(id));
        self.put(&path, body).await
    }

    /// `GET` of a document by id, as the server has it (its winning version).
    pub async fn get_doc(&self, id: &str) -> Result<String, Problem> {
        self.get(&format!(
            "/{}?conflicts=true",
            js_sys::encode_uri_component(id)
        ))
        .await
    }

    /// `GET /_session` on the server: who the server takes this member for, and their roles.
    pub(crate) async fn session(&self) -> Result<String, Problem> {
        let url = self.address.server_url("/_session");
        self.send("GET", &url, None, LIMIT_MS).await
    }

    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<&Value>,
        limit_ms: i32,
    ) -> Result<String, Problem> {
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        init.set_mode(web_sys::RequestMode::Cors);
        // The member's password goes in our header, never in a cookie the browser keeps.
        init.set_credentials(web_sys::RequestCredentials::Omit);
        let headers = web_sys::Headers::new().map_err(|_| Problem::Unreachable)?;
        let _ = headers.set("Accept", "application/json");
        if let Some(auth) = &self.auth {
            let _ = headers.set("Authorization", auth);
        }
        if let Some(body) = body {
            let _ = headers.set("Content-Type", "application/json");
            init.set_body(&JsValue::from_str(&body.to_string()));
        }
        init.set_headers(&headers);
        let abort = web_sys::AbortController::new().ok();
        if let Some(a) = &abort {
            init.set_signal(Some(&a.signal()));
        }
        let request =
            web_sys::Request::new_with_str_and_init(url, &init).map_err(|_| Problem::BadAddress)?;
        let timer = abort
            .as_ref()
            .and_then(|a| Timer::start(a.clone(), limit_ms));
        let outcome = fetch(request).await;
        let timed_out = timer.map(Timer::stop).unwrap_or(false);
        let (status, text) = match outcome {
            Ok(reply) => reply,
            Err(_) if timed_out => return Err(Problem::TimedOut),
            Err(_) => return Err(Problem::Unreachable),
        };
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            Err(problem_of(status, &text))
        }
    }
}

/// The request's status and body text; `Err` when no answer arrived or it could not be read.
async fn fetch(request: web_sys::Request) -> Result<(u16, String), JsValue> {
    let promise = global_fetch(&request)?;
    let response: web_sys::Response = JsFuture::from(promise).await?.dyn_into()?;
    let text = JsFuture::from(response.text()?).await?;
    Ok((response.status(), text.as_string().unwrap_or_default()))
}

/// `fetch` of the window, or of the worker's global scope.
fn global_fetch(request: &web_sys::Request) -> Result<js_sys::Promise, JsValue> {
    if let Some(w) = web_sys::window() {
        return Ok(w.fetch_with_request(request));
    }
    let scope: web_sys::WorkerGlobalScope = js_sys::global().dyn_into()?;
    Ok(scope.fetch_with_request(request))
}

/// Aborts a request when its time is up, or when the request is dropped before it ends (a
/// long poll given up for a local change).
struct Timer {
    handle: i32,
    fired: std::rc::Rc<std::cell::Cell<bool>>,
    abort: web_sys::AbortController,
    _closure: Closure<dyn FnMut()>,
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.handle);
        }
        // Nothing to abort once the reply was read.
        self.abort.abort();
    }
}

impl Timer {
    fn start(abort: web_sys::AbortController, ms: i32) -> Option<Timer> {
        let fired = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = fired.clone();
        let on_time_up = abort.clone();
        let closure = Closure::<dyn FnMut()>::new(move || {
            flag.set(true);
            on_time_up.abort();
        });
        let handle = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms,
            )
            .ok()?;
        Some(Timer {
            handle,
            fired,
            abort,
            _closure: closure,
        })
    }

    /// Stops the timer; whether it had fired.
    fn stop(self) -> bool {
        self.fired.get()
    }
}
