//! What the quote pages read — the list every quote; the editor the price list, its
//! agreements, the team's quoting policy and its customer's quotes and purchases; a quote's
//! page its customer's quotes — read when a page opens and again after a change here or in
//! another tab, and what the pricing rule needs to know of a customer.

use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::domain::member::MemberRole;
use crate::domain::product::Product;
use crate::domain::product::list::PriceList;
use crate::domain::product::pricing::{Buyer, PriceAgreement, price_for};
use crate::domain::purchase::Purchase;
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

/// What the quote editor and a quote's page work with: the price list, its agreements, the
/// team's quoting policy and — on a quote's page — its customer's quotes.
#[derive(Clone, Debug, Default)]
pub struct QuoteData {
    /// The quotes of the page's customer (every version, those in the trash included);
    /// empty on the new-quote page, whose editor reads its customer's itself.
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

/// Every quote, for the quotes list.
pub type BookSignal = RwSignal<Option<Result<Arc<QuoteBook>, String>>>;

/// The price list, agreements and policy, with the quotes of quote `of`'s customer.
async fn read(ws: Workspace, of: Option<Id>) -> Result<QuoteData, AppError> {
    let db = ws.db().ok_or(AppError::NotFound)?;
    let quotes = match of {
        Some(id) => match store::quote(&db, id).await? {
            Some(q) => store::quotes_of(&db, q.customer_id).await?,
            None => Vec::new(),
        },
        None => Vec::new(),
    };
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

/// The price list, agreements and policy, with the quotes of quote `of`'s customer (none:
/// the new-quote page), read now and again whenever the workspace changes.
pub fn use_quote_data(of: Signal<Option<Id>>) -> QuoteSignal {
    let ws = use_workspace();
    let t = use_texts();
    let data: QuoteSignal = RwSignal::new(None);
    Effect::new(move |_| {
        ws.revision.track();
        let of = of.get();
        if ws.db().is_none() {
            return;
        }
        spawn_local(async move {
            let r = read(ws, of).await.map_err(|e| e.message(t.get_untracked()));
            data.try_set(Some(r));
        });
    });
    data
}

/// Every quote (read beside the summaries when the app opens on the quotes list), read now
/// and again whenever the workspace changes; their search keys are built a slice at a time
/// once the list is painted. On the first read, the quotes of the last [`NEWEST_DAYS`] days
/// are read one object each and shown first: decoding the pack of 50,000 quotes takes the
/// page about 400 ms.
pub fn use_quote_book() -> BookSignal {
    let ws = use_workspace();
    let t = use_texts();
    let data: BookSignal = RwSignal::new(None);
    // The page the user goes to is drawn first; the quotes are freed after.
    on_cleanup(move || {
        if let Some(book) = data.try_update_untracked(Option::take) {
            clock::drop_when_idle(book);
        }
    });
    Effect::new(move |_| {
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        let first = data.with_untracked(Option::is_none);
        // Dropped when the list goes (or reads again): a user who opened a customer from the
        // list does not wait behind the rest of a decode nobody will see.
        clock::spawn_scoped(async move {
            let held = ws.hold_background();
            let early = ws.take_early(RecordKind::Quote);
            if first {
                let since = clock::now().0 - i64::from(NEWEST_DAYS) * 86_400_000;
                if let Ok(newest) = store::quotes_since(&db, since).await
                    && data.with_untracked(Option::is_none)
                {
                    let book = QuoteBook::newest(newest, |id| customer_name(ws, id));
                    data.try_set(Some(Ok(Arc::new(book))));
                }
            }
            let r = store::all_quotes_early(&db, early, crate::ui::clock::next_tick)
                .await
                .map(|quotes| Arc::new(QuoteBook::new(quotes, |id| customer_name(ws, id))))
                .map_err(|e| e.message(t.get_untracked()));
            let book = r.as_ref().ok().cloned();
            data.try_set(Some(r));
            clock::painted().await;
            drop(held);
            let Some(book) = book else { return };
            while !book.warm_step(WARM_QUOTES) {
                clock::later_tick().await;
            }
        });
    });
    data
}

/// The days of quotes the list shows while it reads all of them.
const NEWEST_DAYS: u32 = 7;

/// Search keys built per slice after the list is painted.
const WARM_QUOTES: usize = 1_500;

/// What the editor shows beside the form for its customer: every quote of theirs and the
/// last price they paid for each product; re-read when the customer changes or the
/// workspace does.
#[derive(Clone, Debug, Default)]
pub struct CustomerContext {
    pub customer: Option<Id>,
    pub quotes: Vec<Quote>,
    pub purchases: Vec<Purchase>,
}

/// The [`CustomerContext`] of `customer`, read whenever it or the workspace changes.
pub fn use_customer_context(customer: Signal<Option<Id>>) -> RwSignal<CustomerContext> {
    let ws = use_workspace();
    let context = RwSignal::new(CustomerContext::default());
    Effect::new(move |_| {
        ws.revision.track();
        let c = customer.get();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            let (quotes, purchases) = match c {
                Some(c) => store::quote_context(&db, c).await.unwrap_or_default(),
                None => Default::default(),
            };
            context.try_set(CustomerContext {
                customer: c,
                quotes,
                purchases,
            });
        });
    });
    context
}

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
