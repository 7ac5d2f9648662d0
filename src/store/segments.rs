//! Saved segments.

use super::Result;
use super::idb::{self, Db, get_all};
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

/// Saves (creates or replaces) a segment.
pub async fn save_segment(db: &Db, segment: &Segment) -> Result<()> {
    let tx = db.tx(&[SEGMENTS], true)?;
    idb::put(&tx.object_store(SEGMENTS).map_err(idb::convert)?, segment)?;
    idb::commit(tx).await
}

/// Deletes a segment.
pub async fn delete_segment(db: &Db, id: Id) -> Result<()> {
    let tx = db.tx(&[SEGMENTS], true)?;
    idb::delete(
        &tx.object_store(SEGMENTS).map_err(idb::convert)?,
        &id.to_string(),
    )?;
    idb::commit(tx).await
}
