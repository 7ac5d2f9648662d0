//! Opportunities in the trash, on the trash page: restore one, or delete it for good.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use crate::store::{self, AppError, Db};
use crate::ui::routes::Page;
use crate::ui::trash::section::Trashable;

impl Trashable for Opportunity {
    const NAME: &'static str = "deal";
    fn id(&self) -> Id {
        self.id
    }
    fn name(&self) -> String {
        self.name.clone()
    }
    fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }
    fn page(id: Id) -> Page {
        Page::Opportunity(id)
    }
    fn heading(t: &Texts) -> &'static str {
        t.deals_in_trash
    }
    fn restored(t: &Texts) -> &'static str {
        t.deal_restored
    }
    async fn read(db: &Db) -> Result<Vec<Self>, AppError> {
        store::all_opportunities(db).await
    }
    async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::set_opportunities_trashed(db, ids, None)
            .await
            .map(|_| Vec::new())
    }
    async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::purge_opportunities(db, ids)
            .await
            .map(|()| Vec::new())
    }
}
