//! Browser entry point: install the panic screen and mount the app.
#[cfg(target_arch = "wasm32")]
fn main() {
    // The analysis thread loads this same module; it starts through its own entry point.
    if !crm::worker::in_worker() {
        crm::ui::start();
    }
}

// The binary only means something in the browser; natively the crate is a library under test.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
