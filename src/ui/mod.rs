//! Leptos components, grouped by feature: `layout` (shell, navigation, start-up screens),
//! `customers` (list, 360 view, forms), `commitments`, `trash`, `settings`, and shared
//! `widgets`. Components call `store` functions and `domain` logic; they never touch
//! IndexedDB themselves.

mod actions;
mod app;
pub mod clock;
mod commitments;
mod customers;
mod layout;
pub mod panic;
pub mod routes;
mod settings;
pub mod state;
mod trash;
mod widgets;

use wasm_bindgen::prelude::*;

/// Installs the panic screen, removes the loading placeholder and mounts the app.
pub fn start() {
    panic::install();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}

/// Fills a fresh database with `customers` sample customers (about ten purchases each) and
/// resolves to the number of purchases written. For benchmarks and scale checks, called from
/// the browser console or a test driver as `wasmBindings.generate_sample(100000, 42)`.
#[wasm_bindgen]
pub async fn generate_sample(customers: u32, seed: u32) -> Result<u32, JsValue> {
    let db = crate::store::open(crate::store::DB_NAME, || {})
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let config = crate::domain::sample::SampleConfig {
        seed: u64::from(seed),
        customers: customers as usize,
        today: clock::today(),
        id_epoch_ms: clock::now().0 as u64,
    };
    let mut purchases = 0;
    crate::store::load_sample(&db, config, |p| purchases = p.purchases_done)
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    db.close();
    Ok(purchases as u32)
}

/// Bytes of WebAssembly memory in use, for measurements.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}
