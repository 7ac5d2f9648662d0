//! Interactions and commitments logged on leads: read one lead's or all of them, save, delete,
//! mark a commitment done. They belong to no customer, so no summary changes with them.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{self, delete_alone, save_alone, store_of};
use super::schema::{BY_CUSTOMER, BY_OPEN_DUE, LEAD_INTERACTIONS};
use crate::domain::id::Id;
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::time::Timestamp;

/// The interactions logged on lead `lead`, newest first.
pub async fn lead_interactions(db: &Db, lead: Id) -> Result<Vec<LeadInteraction>> {
    let tx = db.tx(&[LEAD_INTERACTIONS], false)?;
    let store = store_of::<LeadInteraction>(&tx)?;
    let mut all: Vec<LeadInteraction> =
        idb::get_all_by(&store, BY_CUSTOMER, &lead.to_string()).await?;
    all.sort_by(|a, b| b.0.at.cmp(&a.0.at).then(b.0.id.cmp(&a.0.id)));
    Ok(all)
}

/// Every interaction logged on a lead (what the leads' scores are computed from).
pub async fn all_lead_interactions(db: &Db) -> Result<Vec<LeadInteraction>> {
    super::packed::read_all::<LeadInteraction>(db).await
}

/// Every lead interaction with an open commitment.
pub async fn open_lead_commitments(db: &Db) -> Result<Vec<LeadInteraction>> {
    let tx = db.tx(&[LEAD_INTERACTIONS], false)?;
    idb::get_all_in_index(&store_of::<LeadInteraction>(&tx)?, BY_OPEN_DUE).await
}

/// Saves a new or edited lead interaction as its next revision; returns it as written.
pub async fn save_lead_interaction(db: &Db, i: &LeadInteraction) -> Result<LeadInteraction> {
    save_alone(db, i).await
}

/// Deletes a lead interaction for good, leaving its tombstone.
pub async fn delete_lead_interaction(db: &Db, id: Id) -> Result<LeadInteraction> {
    delete_alone::<LeadInteraction>(db, &id.to_string()).await
}

/// Marks a lead interaction's commitment done (`Some(time)`) or open again (`None`).
pub async fn set_lead_commitment_done(
    db: &Db,
    id: Id,
    done_at: Option<Timestamp>,
) -> Result<LeadInteraction> {
    let tx = db.tx(&[LEAD_INTERACTIONS], true)?;
    let store = store_of::<LeadInteraction>(&tx)?;
    let mut i: LeadInteraction = get(&store, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(c) = i.0.commitment.as_mut() else {
        return Err(AppError::NotFound);
    };
    c.done_at = done_at;
    let written = kinds::put_revision(&store, &i).await?;
    idb::commit(tx).await?;
    Ok(written)
}
