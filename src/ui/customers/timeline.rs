//! One timeline of a customer's interactions and purchases, newest first, with commitments
//! marked open, done or overdue.

use super::interaction_form::InteractionForm;
use super::purchase_form::PurchaseForm;
use crate::domain::contact::ContactPerson;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::money::Currency;
use crate::domain::purchase::Purchase;
use crate::domain::time::{Timestamp, format_date, format_datetime};
use crate::store;
use crate::ui::clock;
use crate::ui::commitments::promise::PromiseLine;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, IconData, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Entries shown before "show all".
const SHOWN_FIRST: usize = 20;

/// An entry of the timeline.
#[derive(Clone, PartialEq)]
enum Entry {
    Interaction(Interaction),
    Purchase(Purchase),
}

impl Entry {
    /// When it happened; a purchase counts from noon of its day.
    fn at(&self) -> Timestamp {
        match self {
            Entry::Interaction(i) => i.at,
            Entry::Purchase(p) => clock::instant(p.date.and_hms_opt(12, 0, 0).unwrap_or_default()),
        }
    }
}

pub(crate) fn channel_icon(i: &Interaction) -> IconData {
    use crate::domain::interaction::Channel::*;
    match i.channel {
        Call => lu::LuPhone,
        Visit => lu::LuMapPin,
        Email => lu::LuMail,
        WeChat => lu::LuMessageCircle,
        Meeting => lu::LuUsers,
        Event => lu::LuCalendarDays,
        Note => lu::LuStickyNote,
    }
}

/// What is being edited or deleted.
#[derive(Clone, PartialEq)]
enum Target {
    Interaction(Interaction),
    Purchase(Purchase),
}

/// The timeline.
#[component]
pub fn Timeline(
    customer_id: Id,
    interactions: Vec<Interaction>,
    purchases: Vec<Purchase>,
    contacts: Vec<ContactPerson>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let today = clock::today();
    let mut entries: Vec<Entry> = interactions
        .into_iter()
        .map(Entry::Interaction)
        .chain(purchases.into_iter().map(Entry::Purchase))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.at()));
    let empty = entries.is_empty();
    let contacts = StoredValue::new(contacts);
    let editing = RwSignal::new(None::<Target>);
    let deleting = RwSignal::new(None::<String>);
    let delete_target = StoredValue::new(None::<Target>);

    let toggle_done = move |id: Id, done: bool| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::set_commitment_done(&db, id, done.then(clock::now)).await {
                Ok((_, s)) => ws.apply(vec![s]),
                Err(e) => toasts.error(&e),
            }
        });
    };
    let confirm_delete = Callback::new(move |_| {
        let (Some(db), Some(target)) = (ws.db(), delete_target.get_value()) else {
            return;
        };
        spawn_local(async move {
            let result = match target {
                Target::Interaction(i) => store::delete_interaction(&db, i.id).await,
                Target::Purchase(p) => store::delete_purchase(&db, p.customer_id, p.id).await,
            };
            match result {
                Ok(s) => {
                    ws.apply(vec![s]);
                    toasts.info(t.get_untracked().deleted_item);
                }
                Err(e) => toasts.error(&e),
            }
        });
    });
    let ask_delete = move |target: Target| {
        delete_target.set_value(Some(target));
        deleting.set(Some(t.get_untracked().confirm_delete_item.to_string()));
    };
    let member = move |id: Option<Id>| ws.member_name(id);
    let contact_name = move |id: Option<Id>| {
        let id = id?;
        contacts.with_value(|cs| cs.iter().find(|c| c.id == id).map(|c| c.name.clone()))
    };

    let render = move |entry: Entry| match entry {
        Entry::Interaction(i) => {
            let who = member(i.member_id);
            let whom = contact_name(i.contact_id);
            let at = clock::local(i.at);
            let channel = i.channel;
            let edit_target = Target::Interaction(i.clone());
            let delete_target = Target::Interaction(i.clone());
            let commitment = i.commitment.clone().map(|c| {
                let (id, open) = (i.id, c.is_open());
                view! { <PromiseLine commitment=c today=today on_toggle=Some(Callback::new(move |_| toggle_done(id, open))) /> }
            });
            view! {
                            <li class=format!("tl-item tl-{}", channel.as_str()) data-testid="timeline-interaction">
                                <span class="tl-icon"><Icon icon=channel_icon(&i) /></span>
                                <div class="tl-body">
                                    <div class="tl-head">
                                        <strong>{move || channel.label(t.get())}</strong>
                                        <span class="muted">
                                            {move || format_datetime(at, lang.get())}
                                            {who.map(|w| format!(" · {w}"))}
                                            {whom.map(|w| format!(" → {w}"))}
                                        </span>
                                        <span class="tl-actions">
                                            <button class="btn-icon" aria-label=move || t.get().edit on:click=move |_| editing.set(Some(edit_target.clone()))><Icon icon=lu::LuPencil /></button>
                                            <button class="btn-icon" aria-label=move || t.get().delete on:click=move |_| ask_delete(delete_target.clone())><Icon icon=lu::LuTrash2 /></button>
                                        </span>
                                    </div>
                                    <p class="tl-text">{i.summary.clone()}</p>
                                    {commitment}
                                </div>
                            </li>
                        }.into_any()
        }
        Entry::Purchase(p) => {
            let amount = p.amount;
            let margin = p
                .margin
                .map(|m| crate::domain::money::Money::new(m, p.amount.currency));
            let date = p.date;
            let detail = format!(
                "{}{}{}",
                p.product,
                if p.quantity == rust_decimal::Decimal::ONE {
                    String::new()
                } else {
                    format!(" × {}", p.quantity)
                },
                if p.order.is_empty() {
                    String::new()
                } else {
                    format!(" · #{}", p.order)
                }
            );
            let edit_target = Target::Purchase(p.clone());
            let delete_target = Target::Purchase(p.clone());
            view! {
                            <li class="tl-item tl-purchase" data-testid="timeline-purchase">
                                <span class="tl-icon"><Icon icon=lu::LuShoppingCart /></span>
                                <div class="tl-body">
                                    <div class="tl-head">
                                        <strong>{move || t.get().kind_purchase}</strong>
                                        <span class="muted">{move || format_date(date, lang.get())}</span>
                                        <span class="tl-actions">
                                            <button class="btn-icon" aria-label=move || t.get().edit on:click=move |_| editing.set(Some(edit_target.clone()))><Icon icon=lu::LuPencil /></button>
                                            <button class="btn-icon" aria-label=move || t.get().delete on:click=move |_| ask_delete(delete_target.clone())><Icon icon=lu::LuTrash2 /></button>
                                        </span>
                                    </div>
                                    <p class="tl-text">
                                        <strong class="amount">{move || amount.format(lang.get())}</strong>
                                        " "
                                        <span>{detail}</span>
                                        {margin.map(|m| view! {
                                            <span class="muted">{move || format!(" · {} {}", t.get().margin, m.format(lang.get()))}</span>
                                        })}
                                        {p.discounted.then(|| view! { <span class="pill">{move || t.get().discount_badge}</span> })}
                                    </p>
                                    {(!p.notes.is_empty()).then(|| view! { <p class="muted">{p.notes.clone()}</p> })}
                                </div>
                            </li>
                        }.into_any()
        }
    };
    // The latest entries first; the older ones on request (a long-standing customer has
    // hundreds).
    let total = entries.len();
    let rest = entries.split_off(total.min(SHOWN_FIRST));
    let first = entries;
    let shown_all = RwSignal::new(false);

    view! {
        <section class="panel" aria-labelledby="timeline-title">
            <header class="panel-header"><h2 id="timeline-title">{move || t.get().timeline}</h2></header>
            {empty.then(|| view! { <p class="muted">{move || t.get().timeline_empty}</p> })}
            <ol class="timeline" data-testid="timeline">
                {first.into_iter().map(render).collect_view()}
                {move || shown_all.get().then(|| rest.clone().into_iter().map(render).collect_view())}
            </ol>
            {(total > SHOWN_FIRST).then(|| view! {
                <Show when=move || !shown_all.get()>
                    <button class="btn btn-ghost timeline-more" data-testid="timeline-all" on:click=move |_| shown_all.set(true)>
                        {move || (t.get().timeline_show_all)(total)}
                    </button>
                </Show>
            })}
            <Modal
                open=Signal::derive(move || editing.with(Option::is_some))
                on_close=Callback::new(move |_| editing.set(None))
                title=Signal::derive(move || t.get().edit.to_string())
                class="modal-wide"
            >
                {move || editing.get().map(|target| {
                    let done = Callback::new(move |_| editing.set(None));
                    match target {
                        Target::Interaction(i) => view! {
                            <InteractionForm customer_id=customer_id existing=Some(i) contacts=contacts.get_value() on_done=done on_cancel=done />
                        }.into_any(),
                        Target::Purchase(p) => {
                            let currency: Currency = p.amount.currency;
                            view! { <PurchaseForm customer_id=customer_id existing=Some(p) currency=currency on_done=done on_cancel=done /> }.into_any()
                        }
                    }
                })}
            </Modal>
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=confirm_delete />
        </section>
    }
}
