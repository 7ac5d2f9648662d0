//! Icons from the Lucide set (ISC licence), bundled into the wasm: no request leaves the origin.

use leptos::prelude::*;

pub use icondata_core::Icon as IconData;
pub use icondata_lu as lu;

/// An inline SVG icon. Decorative by default (`aria-hidden`); pass `label` when the icon alone
/// carries meaning.
#[component]
pub fn Icon(
    /// The icon, e.g. `lu::LuSearch`.
    icon: IconData,
    /// Accessible name when the icon stands alone.
    #[prop(optional, into)]
    label: Option<String>,
    /// Extra CSS class.
    #[prop(optional, into)]
    class: Option<&'static str>,
) -> impl IntoView {
    let hidden = label.is_none().then_some("true");
    let role = label.is_some().then_some("img");
    view! {
        <svg
            class=format!("icon {}", class.unwrap_or(""))
            viewBox=icon.view_box.unwrap_or("0 0 24 24")
            fill=icon.fill.unwrap_or("none")
            stroke=icon.stroke.unwrap_or("currentColor")
            stroke-width=icon.stroke_width.unwrap_or("2")
            stroke-linecap=icon.stroke_linecap.unwrap_or("round")
            stroke-linejoin=icon.stroke_linejoin.unwrap_or("round")
            aria-hidden=hidden
            role=role
            aria-label=label
            focusable="false"
            inner_html=icon.data
        ></svg>
    }
}
