//! Records two people changed at once: the list, and for one of them the version every
//! device shows beside the other, field by field, each with a choice of which value stays.
//! The chosen record is saved as the next revision of the version shown and the other
//! version is closed on the server, so the resolution reaches everyone.

use super::service::use_sync;
use crate::domain::conflict::{FieldChoice, differences, merge};
use crate::domain::i18n::conflict::field_order;
use crate::domain::i18n::sync::problem_text;
use crate::domain::sync::doc::parse_doc_id;
use crate::store::sync::{self, Conflicted, SyncError};
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::conflict::ChoiceTable;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

/// Every conflict still to resolve.
#[component]
pub fn ConflictList() -> impl IntoView {
    let t = use_texts();
    let sync = use_sync();
    let open = RwSignal::new(None::<String>);
    view! {
        <h3 class="subhead" data-testid="sync-conflicts-title">
            {move || (t.get().sync_conflicts_count)(sync.conflicts.with(Vec::len))}
        </h3>
        {move || {
            let list = sync.conflicts.get();
            if list.is_empty() {
                return view! { <p class="muted small" data-testid="sync-no-conflicts">{t.get().sync_conflicts_none}</p> }.into_any();
            }
            view! {
                <ul class="sync-conflicts">
                    {list.into_iter().map(|c| {
                        let id = c.id.clone();
                        let shown = id.clone();
                        let doc = id.clone();
                        let title = c.clone();
                        view! {
                            <li data-testid="sync-conflict" data-doc=doc>
                                <ConflictTitle conflict=title />
                                <button class="btn btn-small" data-testid="sync-conflict-open" on:click=move |_| open.set(Some(id.clone()))>
                                    {move || t.get().sync_conflict_compare}
                                </button>
                                {move || (open.get().as_deref() == Some(shown.as_str())).then(|| view! {
                                    <Resolver conflict=c.clone() on_done=Callback::new(move |_| open.set(None)) />
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// The record's kind and name.
#[component]
fn ConflictTitle(conflict: Conflicted) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let label = RwSignal::new(String::new());
    let kind = parse_doc_id(&conflict.id).map(|(k, _)| k);
    if let Some(db) = ws.db() {
        let id = conflict.id.clone();
        spawn_local(async move {
            if let Ok(Some((_, name))) = sync::local_version(&db, &id).await {
                label.try_set(name);
            }
        });
    }
    view! {
        <span class="sync-conflict-name">
            <span class="muted">{move || t.get().sync_conflicts_title}</span>
            {move || kind.map(|k| k.label(t.get()).to_string()).unwrap_or_default()}
            " · "
            <strong>{move || label.get()}</strong>
        </span>
    }
}

/// What the resolver is showing.
#[derive(Clone)]
enum Loaded {
    Loading,
    Problem(String),
    /// The version shown and the other one (`None`: no longer on the server).
    Ready(Value, Option<Value>),
}

#[component]
fn Resolver(conflict: Conflicted, on_done: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let sync = use_sync();
    let toasts = use_toasts();
    let loaded = RwSignal::new(Loaded::Loading);
    let choices = RwSignal::new(Vec::<FieldChoice>::new());
    let id = StoredValue::new(conflict.id.clone());
    if let Some(db) = ws.db() {
        let tt = t.get_untracked();
        spawn_local(async move {
            let id = id.get_value();
            let Ok(Some((shown, _))) = sync::local_version(&db, &id).await else {
                loaded.set(Loaded::Problem(tt.sync_conflict_missing.into()));
                return;
            };
            let Some(server) = sync.server() else {
                loaded.set(Loaded::Problem(tt.sync_conflict_needs_server.into()));
                return;
            };
            match sync::versions(&server, &id, &conflict.others).await {
                Ok(versions) => {
                    let other = versions
                        .into_iter()
                        .find_map(|(_, body)| body)
                        .map(Value::Object);
                    if let Some(o) = &other {
                        choices.set(differences(&Value::Null, &shown, o, &field_order()));
                    }
                    loaded.set(Loaded::Ready(shown, other));
                }
                Err(SyncError::Server(p)) => loaded.set(Loaded::Problem(problem_text(&p, tt))),
                Err(SyncError::Local(e)) => loaded.set(Loaded::Problem(e.message(tt))),
            }
        });
    }
    let keep = move |shown: Value, other: Option<Value>| {
        let Some(db) = ws.db() else { return };
        let mut chosen = match &other {
            Some(o) => choices.with_untracked(|c| merge(&shown, o, c)),
            None => shown.clone(),
        };
        // The next revision of the version shown, in or out of the trash as it is.
        if let Some(fields) = chosen.as_object_mut() {
            for key in ["rev", "deleted_at"] {
                match shown.get(key) {
                    Some(v) => fields.insert(key.into(), v.clone()),
                    None => fields.remove(key),
                };
            }
        }
        let tt = t.get_untracked();
        spawn_local(async move {
            match sync::keep_resolution(&db, &id.get_value(), &chosen).await {
                Ok(_) => {
                    toasts.info(tt.sync_conflict_resolved);
                    let _ = ws.reload(&db).await;
                    ws.changed();
                    sync.refresh_counts(&db).await;
                    sync.poke();
                    on_done.run(());
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let name = move |id: &str| -> Option<String> {
        ws.members.with_untracked(|m| {
            m.iter()
                .find(|m| m.id.to_string() == id)
                .map(|m| m.name.clone())
        })
    };
    move || {
        match loaded.get() {
        Loaded::Loading => view! { <p class="muted small">"…"</p> }.into_any(),
        Loaded::Problem(why) => view! { <p class="warn small" role="alert" data-testid="sync-conflict-problem">{why}</p> }.into_any(),
        Loaded::Ready(shown, other) => {
            let tt = t.get();
            let gone = other.is_none();
            let save = {
                let (shown, other) = (shown.clone(), other.clone());
                move |_| keep(shown.clone(), other.clone())
            };
            view! {
                <div class="conflict-panel" data-testid="sync-resolver">
                    <p class="small">{if gone { tt.sync_conflict_gone } else { tt.sync_conflict_intro }}</p>
                    {(!gone).then(|| view! {
                        <ChoiceTable
                            choices=choices
                            left=Signal::derive(move || t.get().sync_conflict_shown.to_string())
                            right=Signal::derive(move || t.get().sync_conflict_other.to_string())
                            name=Callback::new(move |id: String| name(&id))
                            mark_both=false
                        />
                    })}
                    <div class="form-actions">
                        <button type="button" class="btn" on:click=move |_| on_done.run(())>{tt.cancel}</button>
                        <button type="button" class="btn btn-primary" data-testid="sync-conflict-keep" on:click=save>{tt.sync_conflict_keep}</button>
                    </div>
                </div>
            }
            .into_any()
        }
    }
    }
}
