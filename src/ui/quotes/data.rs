//! What the quote pages read: every quote, the price list and its agreements, the team's
//! quoting policy — read when a page opens and again after a change here or in another tab —
//! and what the pricing rule needs to know of a customer.

use crate::domain::id::Id;
use crate::domain::member::MemberRole;
use crate::domain::product::Product;
use crate::domain::product::list::PriceList;
use crate::domain::product::pricing::{Buyer, PriceAgreement, price_for};
use crate::domain::quote::list::QuoteBook;
use crate::domain::quote::policy::QuotePolicy;
use crate::domain::quote::{LinePrice, Quote};
use crate::store::{self, AppError};
use crate::ui::clock;
use crate::ui::insights::state::Insights;
use crate::ui::state::{Workspace, use_prefs, use_texts, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;
use std::sync::Arc;

/// Everything the quote pages work with.
#[derive(Clone, Debug, Default)]
pub struct QuoteData {
    /// Every quote, every version, those in the trash included, searchable.
    pub book: Arc<QuoteBook>,
    /// The price list (out of the trash).
    pub list: PriceList,
    /// Agreements out of the trash.
    pub agreements: Vec<PriceAgreement>,
    pub policy: QuotePolicy,
}

impl QuoteData {
    /// The quote `id`.
    pub fn quote(&self, id: Id) -> Option<&Quote> {
        self.book.quotes().iter().find(|q| q.id == id)
    }

    /// The offered product `id`.
    pub fn product(&self, id: Id) -> Option<&Product> {
        self.list.products().iter().find(|p| p.id == id && p.active)
    }
}

/// Not read yet, a failure in the user's language, or read.
pub type QuoteSignal = RwSignal<Option<Result<QuoteData, String>>>;

async fn read(ws: Workspace) -> Result<QuoteData, AppError> {
    let db = ws.db().ok_or(AppError::NotFound)?;
    let quotes = store::all_quotes(&db).await?;
    let book = QuoteBook::new(quotes, |id| customer_name(ws, id));
    let products = store::all_products(&db).await?;
    let mut agreements = store::all_agreements(&db).await?;
    agreements.retain(|a| a.deleted_at.is_none());
    let policy = store::quote_policy(&db).await?;
    Ok(QuoteData {
        book: Arc::new(book),
        list: PriceList::new(products),
        agreements,
        policy,
    })
}

/// The quote data, read now and again whenever the workspace changes.
pub fn use_quote_data() -> QuoteSignal {
    let ws = use_workspace();
    let t = use_texts();
    let data: QuoteSignal = RwSignal::new(None);
    Effect::new(move |_| {
        ws.revision.track();
        if ws.db().is_none() {
            return;
        }
        spawn_local(async move {
            let r = read(ws).await.map_err(|e| e.message(t.get_untracked()));
            let book = r.as_ref().ok().map(|d| d.book.clone());
            data.try_set(Some(r));
            // The search keys, a slice at a time once the page is painted.
            if let Some(book) = book {
                clock::after_paint(move || {
                    spawn_local(async move {
                        while !book.warm_step(WARM_QUOTES) {
                            clock::later_tick().await;
                        }
                    });
                });
            }
        });
    });
    data
}

/// Search keys built per slice after the list is painted.
const WARM_QUOTES: usize = 1_500;

/// What the pricing rule knows of customer `id`: its kind, and its importance class as the
/// analysis last classified it.
pub fn buyer(ws: Workspace, insights: Insights, id: Id) -> Buyer {
    let kind = ws
        .index
        .with_untracked(|ix| ix.get(id).map(|s| s.kind))
        .unwrap_or_default();
    let importance = insights
        .now
        .with_untracked(|a| a.get(id).map(|c| c.importance.class));
    Buyer {
        customer_id: id,
        kind,
        importance,
    }
}

/// The price the rule gives `buyer` for `p` today, and where it came from.
pub fn reference(
    p: &Product,
    buyer: &Buyer,
    agreements: &[PriceAgreement],
) -> (Decimal, LinePrice) {
    let choice = price_for(p, buyer, clock::today(), agreements);
    (choice.unit_price, choice.source.into())
}

/// The member using this browser and their role (a sales rep's limits when nobody is chosen).
pub fn me(ws: Workspace) -> (Option<Id>, MemberRole) {
    let me = use_prefs().0.with_untracked(|s| s.me);
    let role = me
        .and_then(|m| {
            ws.members
                .with_untracked(|ms| ms.iter().find(|x| x.id == m).map(|x| x.role))
        })
        .unwrap_or(MemberRole::SalesRep);
    (me, role)
}

/// The name of customer `id` as the workspace knows it (empty when gone).
pub fn customer_name(ws: Workspace, id: Id) -> String {
    ws.index
        .with_untracked(|ix| ix.get(id).map(|s| s.name.clone()))
        .unwrap_or_default()
}
