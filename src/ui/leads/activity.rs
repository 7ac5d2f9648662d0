//! A lead's interactions and promises: logged with the customer's interaction form, listed
//! newest first with their promises (marked done or open again) and deleted with a question.
//! What is logged here feeds the lead's score and moves to the customer on conversion.

use super::score::ScorePanel;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::time::format_datetime;
use crate::store;
use crate::ui::clock;
use crate::ui::commitments::promise::PromiseLine;
use crate::ui::customers::interaction_form::InteractionForm;
use crate::ui::customers::timeline::channel_icon;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The score and the interactions of `lead` (not for a converted lead, whose interactions
/// are the customer's).
#[component]
pub fn LeadActivity(lead: Lead, editable: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let lead_id = lead.id;
    let list = RwSignal::new(Vec::<Interaction>::new());
    let reload = move || {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::lead_interactions(&db, lead_id).await {
                Ok(found) => {
                    list.try_set(found.into_iter().map(|i| i.0).collect());
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    reload();
    let changed = move || {
        store::notify_changed();
        reload();
    };
    let toggle = move |id: Id, open: bool| {
        let Some(db) = ws.db() else { return };
        let at = open.then(clock::now);
        spawn_local(async move {
            match store::set_lead_commitment_done(&db, id, at).await {
                Ok(_) => changed(),
                Err(e) => toasts.error(&e),
            }
        });
    };
    let deleting = RwSignal::new(None::<String>);
    let target = StoredValue::new(None::<Id>);
    let confirm_delete = Callback::new(move |_| {
        deleting.set(None);
        let (Some(db), Some(id)) = (ws.db(), target.get_value()) else {
            return;
        };
        let message = t.get_untracked().deleted_item;
        spawn_local(async move {
            match store::delete_lead_interaction(&db, id).await {
                Ok(_) => {
                    toasts.info(message);
                    changed();
                }
                Err(e) => toasts.error(&e),
            }
        });
    });
    let today = clock::today();

    view! {
        <ScorePanel lead=lead interactions=Signal::derive(move || list.get()) />
        <section class="panel lead-activity" aria-labelledby="lead-activity-h" data-testid="lead-activity">
            <header class="panel-header"><h2 id="lead-activity-h">{move || t.get().lead_activity}</h2></header>
            {editable.then(|| view! {
                <InteractionForm customer_id=lead_id lead=true existing=None contacts=Vec::new() on_done=Callback::new(move |_| changed()) />
            })}
            {move || list.with(Vec::is_empty).then(|| view! { <p class="muted">{move || t.get().lead_activity_empty}</p> })}
            <ol class="timeline" data-testid="lead-timeline">
                <For each=move || list.get() key=|i| (i.id, i.rev.0) let:i>
                    {
                        let channel = i.channel;
                        let at = clock::local(i.at);
                        let who = ws.member_name(i.member_id);
                        let id = i.id;
                        let commitment = i.commitment.clone().map(|c| {
                            let open = c.is_open();
                            let toggle = editable.then(|| Callback::new(move |_| toggle(id, open)));
                            view! { <PromiseLine commitment=c today=today on_toggle=toggle /> }
                        });
                        view! {
                            <li class=format!("tl-item tl-{}", channel.as_str()) data-testid="lead-interaction">
                                <span class="tl-icon"><Icon icon=channel_icon(&i) /></span>
                                <div class="tl-body">
                                    <div class="tl-head">
                                        <strong>{move || channel.label(t.get())}</strong>
                                        <span class="muted">
                                            {move || format_datetime(at, lang.get())}
                                            {who.map(|w| format!(" · {w}"))}
                                        </span>
                                        {editable.then(|| view! {
                                            <span class="tl-actions">
                                                <button class="btn-icon" aria-label=move || t.get().delete on:click=move |_| {
                                                    target.set_value(Some(id));
                                                    deleting.set(Some(t.get_untracked().confirm_delete_item.to_string()));
                                                }><Icon icon=lu::LuTrash2 /></button>
                                            </span>
                                        })}
                                    </div>
                                    <p class="tl-text">{i.summary.clone()}</p>
                                    {commitment}
                                </div>
                            </li>
                        }
                    }
                </For>
            </ol>
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=confirm_delete />
        </section>
    }
}
