//! Leptos components, grouped by feature.
pub fn start() {}
