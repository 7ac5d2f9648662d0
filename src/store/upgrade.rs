//! The store's upgrade path: opening the database at the current schema (`schema::upgrade`
//! creates stores and indexes), then moving data that an earlier version stored in another
//! form, each move one transaction that does nothing once done.
//!
//! - Purchases stored one object each (before version 7) and books stored one record per
//!   customer (version 7) move into pages of books (version 8).
//! - Records written before version 9 have no revision: they read as revision 1, so nothing
//!   is rewritten for them.

use super::error::Result;
use super::idb::{self, Db};
use super::purchases::{Books, damaged};
use super::schema::{DB_VERSION, PURCHASE_BOOKS, PURCHASE_PAGES, PURCHASES};
use crate::domain::id::Id;
use crate::domain::purchase::{Purchase, books_by_customer, decode_book};
use serde::Deserialize;

/// Opens (creating or upgrading) the database `name`. `on_blocked` runs if an older version
/// open in another tab holds up the upgrade; the open then waits until that tab lets go.
pub async fn open(name: &str, on_blocked: impl Fn() + 'static) -> Result<Db> {
    open_at(name, DB_VERSION, on_blocked).await
}

/// Opens the database for reading from the analysis thread: at the current schema version,
/// without the moves [`open`] makes (the app's own thread opens the database first and has
/// made them). The connection lets go when another tab upgrades or deletes the database.
pub async fn open_to_read(name: &str) -> Result<Db> {
    idb::connect(name, DB_VERSION, || {}).await
}

/// Opens the database at a given schema version (at most [`DB_VERSION`]) and moves what that
/// version keeps in a new form. The app always uses the current one; tests use older ones to
/// check that upgrades keep data.
pub async fn open_at(name: &str, version: u32, on_blocked: impl Fn() + 'static) -> Result<Db> {
    let db = idb::connect(name, version, on_blocked).await?;
    if version >= 8 {
        move_purchases_into_pages(&db).await?;
    }
    Ok(db)
}

/// A book as stored in version 7, one record per customer keyed by its id.
#[derive(Deserialize)]
struct BookRecord {
    id: String,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

/// Moves purchases stored one object each (before version 7) and books stored one record per
/// customer (version 7) into pages, in one transaction: either all of them move or none. Does
/// nothing when there are none.
async fn move_purchases_into_pages(db: &Db) -> Result<()> {
    let tx = db.tx(&[PURCHASES, PURCHASE_BOOKS, PURCHASE_PAGES], true)?;
    let legacy = tx.object_store(PURCHASES).map_err(idb::convert)?;
    let books = tx.object_store(PURCHASE_BOOKS).map_err(idb::convert)?;
    if idb::count(&legacy).await? == 0 && idb::count(&books).await? == 0 {
        return idb::commit(tx).await;
    }
    let mut old: Vec<Purchase> = idb::get_all(&legacy).await?;
    for value in idb::get_all_js(&books).await? {
        let record: BookRecord = idb::from_js(value)?;
        let customer: Id = record
            .id
            .parse()
            .map_err(|_| damaged(format!("purchase book key {:?}", record.id)))?;
        old.append(&mut decode_book(customer, &record.data).map_err(damaged)?);
    }
    let grouped: Vec<(Id, Vec<&Purchase>)> = books_by_customer(&old).into_iter().collect();
    // Moved as they were: no new revision.
    Books::open(&tx).await?.merge(&grouped, false).await?;
    legacy.clear().map_err(idb::convert)?;
    books.clear().map_err(idb::convert)?;
    idb::commit(tx).await
}
