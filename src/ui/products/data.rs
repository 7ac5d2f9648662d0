//! What the products pages read: every product (as the searchable price list) and every price
//! agreement, read when a page opens and again after a change here or in another tab.

use crate::domain::id::Id;
use crate::domain::product::Product;
use crate::domain::product::list::PriceList;
use crate::domain::product::pricing::PriceAgreement;
use crate::store::{self, AppError};
use crate::ui::state::{Workspace, use_texts, use_workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The price list and the agreements, once read.
#[derive(Clone, Debug, Default)]
pub struct Prices {
    pub list: PriceList,
    /// Those in the trash included.
    pub all_products: Vec<Product>,
    /// Out of the trash.
    pub agreements: Vec<PriceAgreement>,
}

impl Prices {
    /// The product `id` (in the trash too).
    pub fn product(&self, id: Id) -> Option<&Product> {
        self.all_products.iter().find(|p| p.id == id)
    }
}

/// Not read yet, a failure in the user's language, or read.
pub type PricesSignal = RwSignal<Option<Result<Prices, String>>>;

async fn read(ws: Workspace) -> Result<Prices, AppError> {
    let db = ws.db().ok_or(AppError::NotFound)?;
    let all_products = store::all_products(&db).await?;
    let mut agreements = store::all_agreements(&db).await?;
    agreements.retain(|a| a.deleted_at.is_none());
    agreements.sort_by(|a, b| b.valid_from.cmp(&a.valid_from).then(a.id.cmp(&b.id)));
    Ok(Prices {
        list: PriceList::new(all_products.clone()),
        all_products,
        agreements,
    })
}

/// The prices, read now and again whenever the workspace changes.
pub fn use_prices() -> PricesSignal {
    let ws = use_workspace();
    let t = use_texts();
    let prices: PricesSignal = RwSignal::new(None);
    Effect::new(move |_| {
        ws.revision.track();
        if ws.db().is_none() {
            return;
        }
        spawn_local(async move {
            let r = read(ws).await.map_err(|e| e.message(t.get_untracked()));
            prices.try_set(Some(r));
        });
    });
    prices
}
