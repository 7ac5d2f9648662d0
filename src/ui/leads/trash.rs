//! Leads in the trash, on the trash page: restore one, or delete it for good.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use crate::store::{self, AppError, Db};
use crate::ui::routes::Page;
use crate::ui::trash::section::Trashable;

impl Trashable for Lead {
    const NAME: &'static str = "lead";
    fn id(&self) -> Id {
        self.id
    }
    fn name(&self) -> String {
        self.display_name()
    }
    fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }
    fn page(id: Id) -> Page {
        Page::Lead(id)
    }
    fn heading(t: &Texts) -> &'static str {
        t.leads_in_trash
    }
    fn restored(t: &Texts) -> &'static str {
        t.lead_restored
    }
    async fn read(db: &Db) -> Result<Vec<Self>, AppError> {
        store::all_leads(db).await
    }
    async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::set_leads_trashed(db, ids, None)
            .await
            .map(|_| Vec::new())
    }
    async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::purge_leads(db, ids).await.map(|()| Vec::new())
    }
}
