//! Closing a deal as lost: why, and — lost to a competitor — which one (offered from the
//! deal's competitors; a new name joins them, and the customer's competitor block can use it).

use super::moves::DealWriter;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::opportunity::{LostReason, Opportunity};
use crate::domain::validate::{self, MAX_LINE};
use crate::ui::clock;
use crate::ui::state::{use_prefs, use_texts};
use crate::ui::widgets::field::{SelectField, TextField, label};
use crate::ui::widgets::modal::Modal;
use leptos::prelude::*;

/// The dialog that loses `deal`; `on_close` runs when it closes, saved or not.
#[component]
pub fn LoseDialog(
    deal: Opportunity,
    pipeline: Pipeline,
    writer: DealWriter,
    on_close: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let reason = RwSignal::new(LostReason::Price);
    let lost_to = RwSignal::new(deal.competitors.first().cloned().unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let known = deal.competitors.clone();
    let deal = StoredValue::new(deal);
    let pipeline = StoredValue::new(pipeline);
    let confirm = move || {
        let to = match validate::optional_line(&lost_to.get_untracked(), MAX_LINE) {
            Ok(v) => v,
            Err(p) => {
                error.set(Some(p.message(t.get_untracked())));
                return;
            }
        };
        let reason = reason.get_untracked();
        // The competitor is asked for when it won; another reason keeps no name.
        let to = if reason == LostReason::Competitor {
            to
        } else {
            String::new()
        };
        let before = deal.get_value();
        let mut lost = before.clone();
        pipeline.with_value(|p| lost.lose(p, reason, &to, clock::today(), me, clock::now()));
        writer.save(
            before,
            lost,
            None,
            t.get_untracked().lose_done.into(),
            |_| {},
        );
        on_close.run(());
    };
    view! {
        <Modal open=Signal::derive(|| true) on_close=on_close title=label(t, |t| t.lose_title)>
            <form
                class="form"
                novalidate
                data-testid="lose-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    confirm();
                }
            >
                <p class="deal-dialog-name">{deal.with_value(|d| d.name.clone())}</p>
                <SelectField
                    id="lose-reason"
                    label=label(t, |t| t.lose_reason)
                    options=Signal::derive(move || LostReason::ALL.into_iter().map(|r| (r, r.label(t.get()).to_string())).collect())
                    value=Signal::derive(move || reason.get())
                    on_change=Callback::new(move |r| reason.set(r))
                />
                <Show when=move || reason.get() == LostReason::Competitor>
                    <TextField
                        id="lose-to"
                        label=label(t, |t| t.lose_to)
                        value=Signal::derive(move || lost_to.get())
                        on_input=Callback::new(move |v| lost_to.set(v))
                        error=Signal::derive(move || error.get())
                    />
                </Show>
                {(!known.is_empty()).then(|| {
                    let known = known.clone();
                    view! {
                        <p class="chips" hidden=move || reason.get() != LostReason::Competitor>
                            {known.into_iter().map(|c| {
                                let name = c.clone();
                                view! { <button type="button" class="chip" on:click=move |_| lost_to.set(name.clone())>{c}</button> }
                            }).collect::<Vec<_>>()}
                        </p>
                    }
                })}
                <div class="form-actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>{move || t.get().cancel}</button>
                    <button type="submit" class="btn btn-danger" data-testid="lose-confirm">{move || t.get().deal_lose}</button>
                </div>
            </form>
        </Modal>
    }
}
