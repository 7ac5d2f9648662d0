//! Closing a deal as won: the day it closed, and whether its amount is recorded as a purchase
//! of the customer (on by default, so the segmentation and forecasts count the sale).

use super::moves::DealWriter;
use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::time::date_input_value;
use crate::domain::validate::{self, Field};
use crate::ui::clock;
use crate::ui::state::{use_prefs, use_texts};
use crate::ui::widgets::field::{TextField, label};
use crate::ui::widgets::modal::Modal;
use leptos::prelude::*;

/// The dialog that wins `deal`; `on_close` runs when it closes, saved or not.
#[component]
pub fn WinDialog(
    deal: Opportunity,
    pipeline: Pipeline,
    writer: DealWriter,
    on_close: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let date = RwSignal::new(date_input_value(clock::today()));
    let book = RwSignal::new(!deal.amount.amount.is_zero());
    let error = RwSignal::new(None::<String>);
    let deal = StoredValue::new(deal);
    let pipeline = StoredValue::new(pipeline);
    let confirm = move || {
        let day = match validate::past_date(&date.get_untracked(), clock::today()) {
            Ok(d) => d,
            Err(p) => {
                let t = t.get_untracked();
                error.set(Some(format!("{}: {}", Field::Date.label(t), p.message(t))));
                return;
            }
        };
        let before = deal.get_value();
        let mut won = before.clone();
        let now = clock::now();
        let pid = book.get_untracked().then(Id::generate);
        pipeline.with_value(|p| won.win(p, day, pid, me, now));
        let purchase = pid.map(|id| won.purchase(id, day, now));
        let t = t.get_untracked();
        let said = if purchase.is_some() {
            t.win_booked
        } else {
            t.win_done
        };
        writer.save(before, won, purchase, said.into(), |_| {});
        on_close.run(());
    };
    view! {
        <Modal open=Signal::derive(|| true) on_close=on_close title=label(t, |t| t.win_title)>
            <form
                class="form"
                novalidate
                data-testid="win-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    confirm();
                }
            >
                <p class="deal-dialog-name">{deal.with_value(|d| d.name.clone())}</p>
                <TextField
                    id="win-date"
                    kind="date"
                    label=label(t, |t| t.win_date)
                    value=Signal::derive(move || date.get())
                    on_input=Callback::new(move |v| date.set(v))
                    error=Signal::derive(move || error.get())
                />
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="win-book"
                        prop:checked=move || book.get()
                        on:change=move |ev| book.set(event_target_checked(&ev))
                    />
                    {move || t.get().win_book}
                </label>
                <p class="field-msg">{move || t.get().win_book_hint}</p>
                <div class="form-actions">
                    <button type="button" class="btn" on:click=move |_| on_close.run(())>{move || t.get().cancel}</button>
                    <button type="submit" class="btn btn-primary" data-testid="win-confirm">{move || t.get().deal_win}</button>
                </div>
            </form>
        </Modal>
    }
}
