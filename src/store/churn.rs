//! Churn events, win-back plans and the owners' loyalty ratings: one store each, by customer.
//! They do not enter the summaries (the list does not show them), so each write is a single
//! put.

use super::idb::{self, Db, get};
use super::schema::{CHURN_EVENTS, LOYALTY_RATINGS, WINBACKS};
use super::{AppError, Result};
use crate::domain::churn::{ChurnEvent, WinBack};
use crate::domain::id::Id;
use crate::domain::loyalty::OwnerRatings;
use crate::domain::time::Timestamp;
use serde::Serialize;
use serde::de::DeserializeOwned;

async fn put<T: Serialize>(db: &Db, store: &str, value: &T) -> Result<()> {
    let tx = db.tx(&[store], true)?;
    idb::put(&tx.object_store(store).map_err(idb::convert)?, value)?;
    idb::commit(tx).await
}

async fn remove<T: DeserializeOwned>(db: &Db, store: &str, id: Id) -> Result<()> {
    let tx = db.tx(&[store], true)?;
    let s = tx.object_store(store).map_err(idb::convert)?;
    get::<T>(&s, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    idb::delete(&s, &id.to_string())?;
    idb::commit(tx).await
}

async fn all<T: DeserializeOwned>(db: &Db, store: &str) -> Result<Vec<T>> {
    let tx = db.tx(&[store], false)?;
    idb::get_all(&tx.object_store(store).map_err(idb::convert)?).await
}

/// Records (or corrects) a churn event.
pub async fn save_churn_event(db: &Db, e: &ChurnEvent) -> Result<()> {
    put(db, CHURN_EVENTS, e).await
}

/// Deletes a churn event recorded by mistake.
pub async fn delete_churn_event(db: &Db, id: Id) -> Result<()> {
    remove::<ChurnEvent>(db, CHURN_EVENTS, id).await
}

/// Every churn event.
pub async fn all_churn_events(db: &Db) -> Result<Vec<ChurnEvent>> {
    all(db, CHURN_EVENTS).await
}

/// Saves a win-back plan.
pub async fn save_winback(db: &Db, w: &WinBack) -> Result<()> {
    put(db, WINBACKS, w).await
}

/// Deletes a win-back plan.
pub async fn delete_winback(db: &Db, id: Id) -> Result<()> {
    remove::<WinBack>(db, WINBACKS, id).await
}

/// Every win-back plan.
pub async fn all_winbacks(db: &Db) -> Result<Vec<WinBack>> {
    all(db, WINBACKS).await
}

/// Saves the owner's loyalty ratings of a customer (one record per customer).
pub async fn save_ratings(db: &Db, r: &OwnerRatings) -> Result<()> {
    put(db, LOYALTY_RATINGS, r).await
}

/// Sets one rating (slot in `OwnerRatings::all` order) of a customer, reading and writing the
/// record in one transaction, so quick successive ratings never overwrite each other. Returns
/// the ratings as stored.
pub async fn set_rating(
    db: &Db,
    customer_id: Id,
    slot: usize,
    value: Option<u8>,
    now: Timestamp,
) -> Result<OwnerRatings> {
    let tx = db.tx(&[LOYALTY_RATINGS], true)?;
    let store = tx.object_store(LOYALTY_RATINGS).map_err(idb::convert)?;
    let mut r = get::<OwnerRatings>(&store, &customer_id.to_string())
        .await?
        .unwrap_or_else(|| OwnerRatings::new(customer_id));
    r.set(slot, value);
    r.rated_at = Some(now);
    idb::put(&store, &r)?;
    idb::commit(tx).await?;
    Ok(r)
}
