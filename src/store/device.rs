//! Persistent-storage permission and usage figures of this browser.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the browser says about the app's storage.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct StorageStatus {
    /// `Some(true)` when the data is protected from automatic eviction, `None` when the browser
    /// does not say.
    pub persisted: Option<bool>,
    /// Bytes in use.
    pub usage: Option<f64>,
    /// Bytes available to the app.
    pub quota: Option<f64>,
}

fn manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing in old browsers and insecure contexts.
    let storage = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    storage.dyn_into::<web_sys::StorageManager>().ok()
}

/// Asks the browser to protect the app's data from automatic eviction; returns whether it did.
pub async fn request_persistence() -> Option<bool> {
    let promise = manager()?.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Whether the data is protected, and how much space it uses.
pub async fn storage_status() -> StorageStatus {
    let Some(m) = manager() else {
        return StorageStatus::default();
    };
    let persisted = match m.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let (usage, quota) = match m.estimate() {
        Ok(p) => match JsFuture::from(p).await {
            Ok(v) => {
                let e: web_sys::StorageEstimate = v.unchecked_into();
                (e.get_usage(), e.get_quota())
            }
            Err(_) => (None, None),
        },
        Err(_) => (None, None),
    };
    StorageStatus {
        persisted,
        usage,
        quota,
    }
}
