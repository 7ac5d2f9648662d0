//! The complaints section of the customer 360 view: take a new complaint, and handle the
//! customer's complaints, open ones first.

use super::card::ComplaintCard;
use super::form::ComplaintForm;
use crate::domain::complaint::Complaint;
use crate::domain::id::Id;
use crate::ui::state::use_texts;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use leptos::prelude::*;

/// The customer's complaints (newest first as loaded; open ones are put first here).
#[component]
pub fn ComplaintsPanel(customer_id: Id, complaints: Vec<Complaint>) -> impl IntoView {
    let t = use_texts();
    let taking = RwSignal::new(false);
    let mut complaints = complaints;
    // Stable: open ones first, each group newest first as loaded.
    complaints.sort_by_key(|c| !c.is_open());
    let count = complaints.len();
    view! {
        <section class="panel" aria-labelledby="complaints-heading" data-testid="complaints-panel">
            <header class="panel-header">
                <h2 id="complaints-heading">
                    {move || t.get().complaints_panel}
                    {(count > 0).then(|| view! { <span class="count">{count}</span> })}
                </h2>
                <button class="btn btn-small" data-testid="new-complaint" on:click=move |_| taking.set(true)>
                    <Icon icon=lu::LuMessageSquareWarning />
                    {move || t.get().complaint_new}
                </button>
            </header>
            {if complaints.is_empty() {
                view! { <p class="muted">{move || t.get().no_complaints}</p> }.into_any()
            } else {
                complaints
                    .into_iter()
                    .map(|c| view! { <ComplaintCard complaint=c /> })
                    .collect_view()
                    .into_any()
            }}
            <Modal
                open=Signal::derive(move || taking.get())
                on_close=Callback::new(move |_| taking.set(false))
                title=Signal::derive(move || t.get().complaint_new.to_string())
                class="modal-wide"
            >
                <ComplaintForm
                    customer_id=customer_id
                    existing=None
                    on_done=Callback::new(move |_| taking.set(false))
                    on_cancel=Callback::new(move |_| taking.set(false))
                />
            </Modal>
        </section>
    }
}
