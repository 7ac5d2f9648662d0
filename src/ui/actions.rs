//! Running a store write from a component: the same steps for every record form.

use crate::domain::error::AppError;
use crate::domain::i18n::Texts;
use crate::domain::record::Record;
use crate::domain::summary::CustomerSummary;
use crate::domain::validate::FieldError;
use crate::store::Db;
use crate::ui::state::{Workspace, use_texts, use_workspace};
use crate::ui::widgets::conflict::{ConflictSlot, Pending};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::future::Future;

/// Runs `write` (a store call that returns the customer's fresh summary) in the background:
/// `busy` is true meanwhile; on success the summary goes into the index, `message` is shown
/// and `then` runs; on failure the error is shown in the user's language and nothing else
/// changes (the store rolled the write back).
pub fn save_record(
    ws: Workspace,
    toasts: Toasts,
    busy: RwSignal<bool>,
    message: &'static str,
    write: impl Future<Output = Result<CustomerSummary, AppError>> + 'static,
    then: impl FnOnce() + 'static,
) {
    busy.set(true);
    spawn_local(async move {
        match write.await {
            Ok(summary) => {
                ws.apply(vec![summary]);
                toasts.info(message);
                then();
            }
            Err(e) => toasts.error(&e),
        }
        // The component may be gone by now (the page was rebuilt by a reload).
        busy.try_set(false);
    });
}

/// What a successful save hands back for the index: the customer's fresh summary, or nothing
/// for a record that belongs to no customer (a lead's interaction).
pub trait Saved: 'static {
    /// Puts what changed into the workspace's index.
    fn apply_to(self, ws: Workspace);
}

impl Saved for CustomerSummary {
    fn apply_to(self, ws: Workspace) {
        ws.apply(vec![self]);
    }
}

impl Saved for () {
    fn apply_to(self, _: Workspace) {}
}

/// What a record form keeps while it is open: its field errors, whether a save runs, and a
/// conflict with a change made elsewhere, while the user resolves it.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The errors of the last submit, shown at their fields.
    pub errors: RwSignal<Vec<FieldError>>,
    /// True while a save runs (the submit button says so; another submit does nothing).
    pub saving: RwSignal<bool>,
    /// The record changed elsewhere since the form opened: what differs, to resolve.
    pub conflict: ConflictSlot,
}

impl FormState {
    /// A form with no errors, not saving.
    pub fn new() -> Self {
        FormState {
            errors: RwSignal::new(Vec::new()),
            saving: RwSignal::new(false),
            conflict: ConflictSlot::new(),
        }
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}

/// Saves `record` with `save` for a form: on success the customer's summary enters the
/// index, `message` is shown and `then` runs; a conflict with a change made elsewhere opens
/// the form's conflict panel (whose resolution is saved the same way); any other failure is
/// shown in the user's language, and nothing else changes (the store rolled the write back).
#[allow(clippy::too_many_arguments)]
fn save_form<R, S, F>(
    ws: Workspace,
    toasts: Toasts,
    form: FormState,
    message: &'static str,
    base: Value,
    record: R,
    save: impl Fn(Db, R) -> F + Copy + 'static,
    then: impl Fn() + Copy + 'static,
) where
    R: Serialize + DeserializeOwned + 'static,
    S: Saved,
    F: Future<Output = Result<S, AppError>> + 'static,
{
    let Some(db) = ws.db() else { return };
    let mine = serde_json::to_value(&record).unwrap_or(Value::Null);
    form.saving.set(true);
    spawn_local(async move {
        match save(db, record).await {
            Ok(saved) => {
                saved.apply_to(ws);
                toasts.info(message);
                then();
            }
            Err(AppError::Conflict(conflict)) => {
                let pending = Pending {
                    conflict: *conflict,
                    mine,
                    base: base.clone(),
                };
                form.conflict.open(pending, move |resolved| {
                    match serde_json::from_value::<R>(resolved) {
                        Ok(r) => save_form(ws, toasts, form, message, base.clone(), r, save, then),
                        Err(e) => toasts.error(&AppError::Damaged(e.to_string())),
                    }
                });
            }
            Err(e) => toasts.error(&e),
        }
        // The component may be gone by now (the page was rebuilt by a reload).
        form.saving.try_set(false);
    });
}

/// The submit of a form for one record of a customer, the same steps for every such form:
/// nothing while a save runs; `validate`'s field errors go to the form; a valid record goes
/// to `save` in the background, and on success the customer's summary enters the index,
/// `message` is shown and `then` runs (reset the form, close it). Saving checks that the
/// record was not changed elsewhere since `base` (the record as the form opened it, `None`
/// for a new one); if it was, the form's conflict panel shows what differs. Call it while the
/// component is built (it reads the workspace, the texts and the toasts).
pub fn record_submit<R, S, F>(
    form: FormState,
    message: fn(&'static Texts) -> &'static str,
    validate: impl Fn() -> Result<R, Vec<FieldError>> + Copy + 'static,
    base: impl Fn() -> Option<R> + Copy + 'static,
    save: impl Fn(Db, R) -> F + Copy + 'static,
    then: impl Fn() + Copy + 'static,
) -> impl Fn() + Copy + 'static
where
    R: Record,
    S: Saved,
    F: Future<Output = Result<S, AppError>> + 'static,
{
    let ws = use_workspace();
    let toasts = use_toasts();
    let t = use_texts();
    form.conflict.watch(base);
    move || {
        if form.saving.get_untracked() || ws.db().is_none() {
            return;
        }
        match validate() {
            Err(e) => form.errors.set(e),
            Ok(record) => {
                form.errors.set(Vec::new());
                let base = base()
                    .and_then(|b| serde_json::to_value(&b).ok())
                    .unwrap_or(Value::Null);
                save_form(
                    ws,
                    toasts,
                    form,
                    message(t.get_untracked()),
                    base,
                    record,
                    save,
                    then,
                );
            }
        }
    }
}
