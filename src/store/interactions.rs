//! Interactions and the commitments made in them.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds;
use super::owned;
use super::schema::{BY_OPEN_DUE, INTERACTIONS};
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;

/// Saves an interaction.
pub async fn save_interaction(db: &Db, i: &Interaction) -> Result<CustomerSummary> {
    owned::save(db, i).await
}

/// Deletes an interaction.
pub async fn delete_interaction(db: &Db, id: Id) -> Result<CustomerSummary> {
    owned::delete::<Interaction>(db, id).await
}

/// Marks an interaction's commitment done (`Some(time)`) or open again (`None`).
pub async fn set_commitment_done(
    db: &Db,
    interaction_id: Id,
    done_at: Option<Timestamp>,
) -> Result<(Interaction, CustomerSummary)> {
    let tx = db.tx(&owned::stores(), true)?;
    let store = tx.object_store(INTERACTIONS).map_err(idb::convert)?;
    let mut i: Interaction = get(&store, &interaction_id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(c) = i.commitment.as_mut() else {
        return Err(AppError::NotFound);
    };
    c.done_at = done_at;
    let i = kinds::put_revision(&store, &i).await?;
    let summary = owned::refresh(&tx, i.customer_id).await?;
    idb::commit(tx).await?;
    Ok((i, summary))
}

/// Every interaction with an open commitment, earliest due first.
pub async fn open_commitments(db: &Db) -> Result<Vec<Interaction>> {
    let tx = db.tx(&[INTERACTIONS], false)?;
    let store = tx.object_store(INTERACTIONS).map_err(idb::convert)?;
    idb::get_all_in_index(&store, BY_OPEN_DUE).await
}
