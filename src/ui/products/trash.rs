//! Products and price agreements in the trash, on the trash page: restore one, or delete it
//! for good.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::product::Product;
use crate::domain::product::pricing::PriceAgreement;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use crate::store::{self, AppError, Db};
use crate::ui::routes::Page;
use crate::ui::trash::section::Trashable;

impl Trashable for Product {
    const NAME: &'static str = "product";
    fn id(&self) -> Id {
        self.id
    }
    fn name(&self) -> String {
        format!("{} {}", self.code, self.name(true))
    }
    fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }
    fn page(id: Id) -> Page {
        Page::Product(id)
    }
    fn heading(t: &Texts) -> &'static str {
        t.products_in_trash
    }
    fn restored(t: &Texts) -> &'static str {
        t.product_restored
    }
    async fn read(db: &Db) -> Result<Vec<Self>, AppError> {
        store::all_products(db).await
    }
    async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::set_products_trashed(db, ids, None)
            .await
            .map(|_| Vec::new())
    }
    async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::purge_products(db, ids).await.map(|()| Vec::new())
    }
}

impl Trashable for PriceAgreement {
    const NAME: &'static str = "agreement";
    fn id(&self) -> Id {
        self.id
    }
    fn name(&self) -> String {
        if self.notes.is_empty() {
            self.valid_from.to_string()
        } else {
            format!("{} · {}", self.notes, self.valid_from)
        }
    }
    fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }
    fn page(_: Id) -> Page {
        Page::Products
    }
    fn heading(t: &Texts) -> &'static str {
        t.agreements_in_trash
    }
    fn restored(t: &Texts) -> &'static str {
        t.agreement_restored
    }
    async fn read(db: &Db) -> Result<Vec<Self>, AppError> {
        store::all_agreements(db).await
    }
    async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::set_agreements_trashed(db, ids, None)
            .await
            .map(|_| Vec::new())
    }
    async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::purge_agreements(db, ids).await.map(|()| Vec::new())
    }
}
