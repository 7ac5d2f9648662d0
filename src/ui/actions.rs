//! Running a store write from a component: the same steps for every record form.

use crate::domain::error::AppError;
use crate::domain::summary::CustomerSummary;
use crate::ui::state::Workspace;
use crate::ui::widgets::toast::Toasts;
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
