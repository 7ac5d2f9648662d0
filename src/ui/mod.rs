//! Leptos components, grouped by feature: `layout` (shell, navigation, start-up screens),
//! `customers` (list, 360 view, forms), `leads`, `pipeline`, `commitments`, `complaints`, `churn`, `satisfaction`, `validation`, `today`, `trash`, `settings`, and shared
//! `widgets`. Components call `store` functions and `domain` logic; they never touch
//! IndexedDB themselves.

mod actions;
mod app;
pub mod bench;
mod churn;
pub mod clock;
mod codec;
mod commitments;
mod complaints;
mod customers;
mod download;
mod import;
mod insights;
mod layout;
mod leads;
mod members;
mod pages;
pub mod panic;
mod pipeline;
mod products;
mod quotes;
pub mod routes;
mod satisfaction;
mod settings;
pub mod state;
mod sync;
mod text_file;
mod today;
mod trash;
mod validation;
mod widgets;

/// Installs the panic screen, removes the loading placeholder and mounts the app.
pub fn start() {
    clock::mark("crm:wasm-started");
    panic::install();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
