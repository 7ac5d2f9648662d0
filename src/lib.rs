//! A customer-relationship manager that runs entirely in the browser.
//!
//! Three layers, each in its own module tree:
//! - [`domain`]: pure Rust (records, validation, summaries, search, translations, sample data);
//!   it compiles and is tested natively.
//! - `store`: the only code that touches IndexedDB and localStorage (browser only).
//! - `ui`: Leptos components grouped by feature (browser only).
//! - `worker`: the analysis thread, a Web Worker running this same module without the page
//!   (browser only).

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod store;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;
