//! Saved segments.

use super::error::{AppError, Result};
use super::idb::{self, Db, get_all};
use super::kinds;
use super::schema::SEGMENTS;
use crate::domain::analysis::segment::Segment;
use crate::domain::id::Id;

/// Every saved segment, by name.
pub async fn list_segments(db: &Db) -> Result<Vec<Segment>> {
    let tx = db.tx(&[SEGMENTS], false)?;
    let mut all: Vec<Segment> = get_all(&tx.object_store(SEGMENTS).map_err(idb::convert)?).await?;
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}

/// Saves (creates or replaces) a segment; returns it as written (at its new revision).
pub async fn save_segment(db: &Db, segment: &Segment) -> Result<Segment> {
    kinds::save_alone(db, segment).await
}

/// Deletes a segment.
pub async fn delete_segment(db: &Db, id: Id) -> Result<()> {
    // Deleting one that is already gone is not an error.
    match kinds::delete_alone::<Segment>(db, &id.to_string()).await {
        Ok(_) | Err(AppError::NotFound) => Ok(()),
        Err(e) => Err(e),
    }
}
