//! Complaints.

use super::error::Result;
use super::idb::{self, Db};
use super::owned;
use super::schema::COMPLAINTS;
use crate::domain::complaint::Complaint;
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;

/// Saves a complaint (new, edited, or moved along its flow).
pub async fn save_complaint(db: &Db, c: &Complaint) -> Result<CustomerSummary> {
    owned::save(db, c).await
}

/// Saves a step of a complaint's handling; gives the complaint as written (at its new
/// revision), from which the next step goes on.
pub async fn save_complaint_step(db: &Db, c: &Complaint) -> Result<(Complaint, CustomerSummary)> {
    owned::save_written(db, c).await
}

/// Deletes a complaint (one entered by mistake).
pub async fn delete_complaint(db: &Db, id: Id) -> Result<CustomerSummary> {
    owned::delete::<Complaint>(db, id).await
}

/// Every complaint of every customer.
pub async fn all_complaints(db: &Db) -> Result<Vec<Complaint>> {
    let tx = db.tx(&[COMPLAINTS], false)?;
    idb::get_all(&tx.object_store(COMPLAINTS).map_err(idb::convert)?).await
}
