//! Writing a change of a deal from the board or its page: shown at once, saved in the
//! background, and put back as it was (with the reason in the user's language) when the save
//! fails — a deal changed in another tab, a customer gone to the trash.

use super::data::{DealsSignal, put};
use crate::domain::opportunity::Opportunity;
use crate::domain::purchase::Purchase;
use crate::store;
use crate::ui::state::{Workspace, use_texts, use_workspace};
use crate::ui::widgets::toast::{Toasts, use_toasts};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Saves deal changes for the pipeline's pages.
#[derive(Clone, Copy)]
pub struct DealWriter {
    ws: Workspace,
    toasts: Toasts,
    deals: DealsSignal,
    t: Signal<&'static crate::domain::i18n::Texts>,
}

impl DealWriter {
    /// A writer for the pages holding `deals`.
    pub fn new(deals: DealsSignal) -> Self {
        DealWriter {
            ws: use_workspace(),
            toasts: use_toasts(),
            deals,
            t: use_texts(),
        }
    }

    /// Shows `changed` (an edit of `before`) at once and saves it; `message` is said once it
    /// is saved, and `then` runs with the deal as written.
    pub fn save(
        self,
        before: Opportunity,
        changed: Opportunity,
        purchase: Option<Purchase>,
        message: String,
        then: impl FnOnce(Opportunity) + 'static,
    ) {
        let Some(db) = self.ws.db() else { return };
        put(self.deals, self.ws, changed.clone());
        spawn_local(async move {
            let written = match &purchase {
                Some(p) => {
                    store::win_opportunity(&db, &changed, Some(p))
                        .await
                        .map(|(o, summary)| {
                            if let Some(s) = summary {
                                self.ws.apply(vec![s]);
                            }
                            o
                        })
                }
                None => store::save_opportunity(&db, &changed).await,
            };
            match written {
                Ok(o) => {
                    store::notify_changed();
                    if purchase.is_some() {
                        // The customer's page and the analysis see the new purchase.
                        self.ws.revision.update(|r| *r += 1);
                    }
                    put(self.deals, self.ws, o.clone());
                    self.toasts.info(&message);
                    then(o);
                }
                Err(e) => {
                    put(self.deals, self.ws, before);
                    match e {
                        store::AppError::NotFound => self
                            .toasts
                            .problem(self.t.get_untracked().deal_customer_gone),
                        e => self.toasts.error(&e),
                    }
                }
            }
        });
    }
}
