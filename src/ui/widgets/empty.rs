//! An empty state: what is missing and what to do about it.

use super::icon::{Icon, IconData};
use leptos::prelude::*;

/// A centred message with an icon and actions (passed as children).
#[component]
pub fn EmptyState(
    icon: IconData,
    #[prop(into)] title: Signal<String>,
    #[prop(into)] body: Signal<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty" data-testid="empty-state">
            <div class="empty-icon"><Icon icon=icon /></div>
            <h2>{move || title.get()}</h2>
            <p>{move || body.get()}</p>
            <div class="empty-actions">{children.map(|c| c())}</div>
        </div>
    }
}
