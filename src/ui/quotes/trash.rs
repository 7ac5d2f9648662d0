//! Quotes in the trash, on the trash page: restore one, or delete it for good.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::quote::Quote;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;
use crate::store::{self, AppError, Db};
use crate::ui::routes::Page;
use crate::ui::trash::section::Trashable;

impl Trashable for Quote {
    const NAME: &'static str = "quote";
    fn id(&self) -> Id {
        self.id
    }
    fn name(&self) -> String {
        format!("{} v{}", self.number, self.version)
    }
    fn deleted_at(&self) -> Option<Timestamp> {
        self.deleted_at
    }
    fn page(id: Id) -> Page {
        Page::Quote(id)
    }
    fn heading(t: &Texts) -> &'static str {
        t.quotes_in_trash
    }
    fn restored(t: &Texts) -> &'static str {
        t.quote_restored
    }
    async fn read(db: &Db) -> Result<Vec<Self>, AppError> {
        store::all_quotes(db).await
    }
    async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::set_quotes_trashed(db, ids, None)
            .await
            .map(|(_, summaries)| summaries)
    }
    async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>, AppError> {
        store::purge_quotes(db, ids).await
    }
}
