//! Running a store write from a component: the same steps for every record form.

use crate::domain::error::AppError;
use crate::domain::i18n::Texts;
use crate::domain::summary::CustomerSummary;
use crate::domain::validate::FieldError;
use crate::store::Db;
use crate::ui::state::{Workspace, use_texts, use_workspace};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;
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

/// What a record form keeps while it is open: its field errors and whether a save runs.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The errors of the last submit, shown at their fields.
    pub errors: RwSignal<Vec<FieldError>>,
    /// True while a save runs (the submit button says so; another submit does nothing).
    pub saving: RwSignal<bool>,
}

impl FormState {
    /// A form with no errors, not saving.
    pub fn new() -> Self {
        FormState {
            errors: RwSignal::new(Vec::new()),
            saving: RwSignal::new(false),
        }
    }
}

impl Default for FormState {
    fn default() -> Self {
        FormState::new()
    }
}

/// The submit of a form for one record of a customer, the same steps for every such form:
/// nothing while a save runs; `validate`'s field errors go to the form; a valid record goes
/// to `save` in the background (see [`save_record`]), and on success the customer's summary
/// enters the index, `message` is shown and `then` runs (reset the form, close it). Call it
/// while the component is built (it reads the workspace, the texts and the toasts).
pub fn record_submit<R, F>(
    form: FormState,
    message: fn(&'static Texts) -> &'static str,
    validate: impl Fn() -> Result<R, Vec<FieldError>> + Copy + 'static,
    save: impl Fn(Db, R) -> F + Copy + 'static,
    then: impl Fn() + Copy + 'static,
) -> impl Fn() + Copy + 'static
where
    R: 'static,
    F: Future<Output = Result<CustomerSummary, AppError>> + 'static,
{
    let ws = use_workspace();
    let toasts = use_toasts();
    let t = use_texts();
    move || {
        if form.saving.get_untracked() {
            return;
        }
        let Some(db) = ws.db() else { return };
        match validate() {
            Err(e) => form.errors.set(e),
            Ok(record) => {
                form.errors.set(Vec::new());
                save_record(
                    ws,
                    toasts,
                    form.saving,
                    message(t.get_untracked()),
                    save(db, record),
                    then,
                );
            }
        }
    }
}
