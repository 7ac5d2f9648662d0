//! Churn events, win-back plans and the owners' loyalty ratings: one store each, by customer.
//! They do not enter the summaries (the list does not show them), so each write is a single
//! put of a new revision.

use super::error::Result;
use super::idb::{self, Db, get};
use super::kinds::{self, all_alone, delete_alone, save_alone};
use super::schema::LOYALTY_RATINGS;
use crate::domain::churn::{ChurnEvent, WinBack};
use crate::domain::id::Id;
use crate::domain::loyalty::OwnerRatings;
use crate::domain::time::Timestamp;

/// Records (or corrects) a churn event.
pub async fn save_churn_event(db: &Db, e: &ChurnEvent) -> Result<ChurnEvent> {
    save_alone(db, e).await
}

/// Deletes a churn event recorded by mistake.
pub async fn delete_churn_event(db: &Db, id: Id) -> Result<()> {
    delete_alone::<ChurnEvent>(db, &id.to_string())
        .await
        .map(drop)
}

/// Every churn event.
pub async fn all_churn_events(db: &Db) -> Result<Vec<ChurnEvent>> {
    all_alone(db).await
}

/// Saves a win-back plan; returns it as written (at its new revision).
pub async fn save_winback(db: &Db, w: &WinBack) -> Result<WinBack> {
    save_alone(db, w).await
}

/// Deletes a win-back plan.
pub async fn delete_winback(db: &Db, id: Id) -> Result<()> {
    delete_alone::<WinBack>(db, &id.to_string()).await.map(drop)
}

/// Every win-back plan.
pub async fn all_winbacks(db: &Db) -> Result<Vec<WinBack>> {
    all_alone(db).await
}

/// Saves the owner's loyalty ratings of a customer (one record per customer).
pub async fn save_ratings(db: &Db, r: &OwnerRatings) -> Result<OwnerRatings> {
    save_alone(db, r).await
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
    let r = kinds::put_revision(&store, &r).await?;
    idb::commit(tx).await?;
    Ok(r)
}
