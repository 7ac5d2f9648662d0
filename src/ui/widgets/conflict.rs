//! What a form shows when its record changed elsewhere (another tab) since it was opened:
//! the fields that differ, side by side, each with a choice of which value stays; then a save
//! of the merged record, or discarding this form's changes. Nothing was written before the
//! user chooses (see `domain::conflict`).

use crate::domain::conflict::{Conflict, FieldChoice, differences, merge};
use crate::domain::i18n::conflict::{Lookup, field_name, field_order, field_text};
use crate::domain::lang::Lang;
use crate::domain::record::Record;
use crate::domain::time::{Timestamp, format_datetime};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::rc::Rc;

/// A save that found its record changed: the stored version, what the form tried to save, and
/// the record as the form opened it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub conflict: Conflict,
    /// The form's record (as serialised).
    pub mine: Value,
    /// The record when the form was opened (`Null` when the form does not know it).
    pub base: Value,
}

/// Saves a resolved record (as serialised) the way its form saves.
type Retry = Rc<dyn Fn(Value)>;

/// A form's conflict state: the conflict while one waits for the user, and how to save a
/// resolved record (as serialised) the way the form saves.
#[derive(Clone, Copy)]
pub struct ConflictSlot {
    pub pending: RwSignal<Option<Pending>>,
    retry: StoredValue<Option<Retry>, LocalStorage>,
    /// Another tab saved this form's record since the form opened (a save will conflict).
    pub changed_elsewhere: RwSignal<bool>,
}

impl ConflictSlot {
    /// No conflict.
    pub fn new() -> Self {
        ConflictSlot {
            pending: RwSignal::new(None),
            retry: StoredValue::new_local(None),
            changed_elsewhere: RwSignal::new(false),
        }
    }

    /// Watches the record the form opened (`opened`, `None` for a new one): whenever another
    /// tab announces a change, compares the stored revision with it and says whether it
    /// changed. Call it while the form is built.
    pub fn watch<R: Record>(self, opened: impl Fn() -> Option<R> + 'static) {
        let ws = use_workspace();
        Effect::new(move |seen: Option<u64>| {
            let remote = ws.remote.get();
            if seen.is_some_and(|s| s != remote)
                && let (Some(record), Some(db)) = (opened(), ws.db())
            {
                let opened_rev = record.rev().0;
                spawn_local(async move {
                    if let Ok(stored) = store::stored_rev(&db, &record).await {
                        self.changed_elsewhere.try_set(stored != Some(opened_rev));
                    }
                });
            }
            remote
        });
    }

    /// Shows `pending`; the user's resolution is saved by `retry`.
    pub fn open(self, pending: Pending, retry: impl Fn(Value) + 'static) {
        self.retry.set_value(Some(Rc::new(retry)));
        self.pending.try_set(Some(pending));
    }

    /// Saves `record` the way the form does, closing the panel.
    fn resolve(self, record: Value) {
        self.pending.set(None);
        self.changed_elsewhere.set(false);
        if let Some(retry) = self.retry.get_value() {
            retry(record);
        }
    }

    /// Closes the panel without saving.
    fn close(self) {
        self.pending.set(None);
        self.changed_elsewhere.set(false);
        self.retry.set_value(None);
    }
}

impl Default for ConflictSlot {
    fn default() -> Self {
        ConflictSlot::new()
    }
}

/// Names of records the conflict may refer to beyond the team (the customer's contacts, the
/// surveys), provided by the page that holds the form.
#[derive(Clone, Default)]
pub struct ConflictNames(pub Vec<(String, String)>);

/// The conflict panel: shown while `slot` holds a conflict; `on_discard` closes the form
/// without saving.
#[component]
pub fn ConflictPanel(state: ConflictSlot, on_discard: Callback<()>) -> impl IntoView {
    let slot = state;
    let t = use_texts();
    move || match slot.pending.get() {
        Some(p) => view! { <Resolve pending=p state=slot on_discard=on_discard /> }.into_any(),
        None => slot
            .changed_elsewhere
            .get()
            .then(|| {
                view! {
                    <p class="conflict-banner" role="status" data-testid="changed-elsewhere">
                        {move || t.get().conflict_changed_banner}
                    </p>
                }
            })
            .into_any(),
    }
}

#[component]
fn Resolve(pending: Pending, state: ConflictSlot, on_discard: Callback<()>) -> impl IntoView {
    let slot = state;
    let t = use_texts();
    let ws = use_workspace();
    let extra = use_context::<ConflictNames>().unwrap_or_default();
    let Pending {
        conflict,
        mine,
        base,
    } = pending;
    let discard = move |_| {
        slot.close();
        on_discard.run(());
    };
    let Some(theirs) = conflict.theirs.clone() else {
        // Deleted elsewhere: save this form's record as a new one, or let it go.
        let again = {
            let mine = mine.clone();
            move |_| {
                let mut record = mine.clone();
                if let Some(o) = record.as_object_mut() {
                    o.insert("rev".into(), Value::from(0));
                }
                slot.resolve(record);
            }
        };
        return view! {
            <div class="conflict-panel" role="alert" data-testid="conflict-panel">
                <p class="conflict-title">{move || t.get().conflict_deleted}</p>
                <div class="form-actions">
                    <button type="button" class="btn" data-testid="conflict-discard" on:click=discard>{move || t.get().conflict_discard}</button>
                    <button type="button" class="btn btn-primary" data-testid="conflict-save-new" on:click=again>{move || t.get().conflict_save_as_new}</button>
                </div>
            </div>
        }
        .into_any();
    };
    let choices = RwSignal::new(differences(&base, &mine, &theirs, &field_order()));
    let stamp = theirs
        .get("updated_at")
        .and_then(Value::as_i64)
        .map(Timestamp);
    let theirs_rev = conflict.theirs_rev().unwrap_or_default();
    let base_rev = conflict.base_rev;
    let when = move || {
        let tt = t.get();
        let lang = Lang::of(tt);
        let at = stamp.map_or_else(
            || "—".to_string(),
            |s| format_datetime(clock::local(s), lang),
        );
        (tt.conflict_when)(at, theirs_rev, base_rev)
    };
    // Names of the team, then of whatever the page knows.
    let name = move |id: &str| -> Option<String> {
        ws.members
            .with_untracked(|m| {
                m.iter()
                    .find(|m| m.id.to_string() == id)
                    .map(|m| m.name.clone())
            })
            .or_else(|| {
                extra
                    .0
                    .iter()
                    .find(|(k, _)| k == id)
                    .map(|(_, v)| v.clone())
            })
    };
    let set_all = move |take: bool| {
        choices.update(|c| {
            for f in c.iter_mut() {
                f.take_theirs = take;
            }
        })
    };
    let save = {
        let (mine, theirs) = (mine.clone(), theirs.clone());
        move |_| {
            let merged = choices.with_untracked(|c| merge(&mine, &theirs, c));
            slot.resolve(merged);
        }
    };
    let names = Callback::new(move |id: String| name(&id));
    let rows = move || {
        if choices.with(Vec::is_empty) {
            return view! { <p class="muted small" data-testid="conflict-same">{t.get().conflict_same}</p> }.into_any();
        }
        view! {
            <ChoiceTable
                choices=choices
                left=Signal::derive(move || t.get().conflict_col_yours.to_string())
                right=Signal::derive(move || t.get().conflict_col_theirs.to_string())
                name=names
                mark_both=true
            />
        }
        .into_any()
    };
    // The panel opens below the save button, possibly past the screen's edge: bring it in.
    let panel = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            el.scroll_into_view_with_bool(false);
        }
    });
    view! {
        <div class="conflict-panel" role="alert" data-testid="conflict-panel" node_ref=panel>
            <p class="conflict-title">{move || t.get().conflict_title}</p>
            <p class="muted small" data-testid="conflict-when">{when}</p>
            <p class="small">{move || t.get().conflict_intro}</p>
            {rows}
            <div class="form-actions conflict-actions">
                <button type="button" class="btn" data-testid="conflict-discard" on:click=discard>{move || t.get().conflict_discard}</button>
                <button type="button" class="btn" data-testid="conflict-all-mine" on:click=move |_| set_all(false)>{move || t.get().conflict_all_mine}</button>
                <button type="button" class="btn" data-testid="conflict-all-theirs" on:click=move |_| set_all(true)>{move || t.get().conflict_all_theirs}</button>
                <button type="button" class="btn btn-primary" data-testid="conflict-save" on:click=save>{move || t.get().conflict_save}</button>
            </div>
        </div>
    }
    .into_any()
}

/// The fields that differ, side by side — `left` the version kept unless chosen otherwise,
/// `right` the other — each row with a choice of which value stays. `name` says what a
/// record id in a value stands for (a member, a contact); `mark_both` flags the fields both
/// sides changed since a common version (a form's conflict knows that version; two synced
/// versions do not).
#[component]
pub fn ChoiceTable(
    choices: RwSignal<Vec<FieldChoice>>,
    left: Signal<String>,
    right: Signal<String>,
    name: Callback<String, Option<String>>,
    mark_both: bool,
) -> impl IntoView {
    let t = use_texts();
    let names = move |id: &str| name.run(id.to_string());
    let time = move |ts: Timestamp| format_datetime(clock::local(ts), Lang::of(t.get_untracked()));
    move || {
        let tt = t.get();
        let lookup = Lookup {
            name: &names,
            time: &time,
        };
        let body = choices
            .get()
            .iter()
            .enumerate()
            .map(|(i, f): (usize, &FieldChoice)| {
                let group = format!("conflict-{i}");
                let both = mark_both && f.both_changed();
                let take = f.take_theirs;
                let pick = move |theirs: bool| {
                    choices.update(|c| {
                        if let Some(f) = c.get_mut(i) {
                            f.take_theirs = theirs;
                        }
                    })
                };
                view! {
                    <tr data-testid="conflict-row" data-field=f.key.clone() class:both=both>
                        <th scope="row">
                            {field_name(&f.key, tt)}
                            {both.then(|| view! { <span class="badge badge-warn">{tt.conflict_both}</span> })}
                        </th>
                        <td class:chosen=!take>
                            <label class="conflict-choice">
                                <input type="radio" name=group.clone() checked=!take data-testid="conflict-keep-mine" on:change=move |_| pick(false) />
                                <span class="conflict-value">{field_text(&f.key, &f.mine, tt, &lookup)}</span>
                            </label>
                        </td>
                        <td class:chosen=take>
                            <label class="conflict-choice">
                                <input type="radio" name=group checked=take data-testid="conflict-take-theirs" on:change=move |_| pick(true) />
                                <span class="conflict-value">{field_text(&f.key, &f.theirs, tt, &lookup)}</span>
                            </label>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table compact conflict-table">
                    <thead>
                        <tr>
                            <th scope="col">{tt.conflict_col_field}</th>
                            <th scope="col">{left.get()}</th>
                            <th scope="col">{right.get()}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    }
}
