//! Team members.

use super::error::{AppError, Result};
use super::idb::{self, Db, count_by, get_all};
use super::kinds;
use super::schema::{BY_OWNER, CUSTOMERS, MEMBERS, TOMBSTONES};
use crate::domain::id::Id;
use crate::domain::member::TeamMember;

/// Every team member, in the order they were added.
pub async fn list_members(db: &Db) -> Result<Vec<TeamMember>> {
    let tx = db.tx(&[MEMBERS], false)?;
    let mut members: Vec<TeamMember> =
        get_all(&tx.object_store(MEMBERS).map_err(idb::convert)?).await?;
    members.sort_by_key(|m| m.id);
    Ok(members)
}

/// Adds or renames a member; returns it as written (at its new revision).
pub async fn save_member(db: &Db, member: &TeamMember) -> Result<TeamMember> {
    kinds::save_alone(db, member).await
}

/// Removes a member who owns no customers (trashed ones included); otherwise
/// [`AppError::MemberInUse`] with the number of customers to hand over first.
pub async fn delete_member(db: &Db, id: Id) -> Result<()> {
    let tx = db.tx(&[MEMBERS, CUSTOMERS, TOMBSTONES], true)?;
    let owned = count_by(
        &tx.object_store(CUSTOMERS).map_err(idb::convert)?,
        BY_OWNER,
        &id.to_string(),
    )
    .await?;
    if owned > 0 {
        return Err(AppError::MemberInUse(owned as usize));
    }
    let members = tx.object_store(MEMBERS).map_err(idb::convert)?;
    // Removing one that is not there changes nothing (and leaves no tombstone).
    if let Ok((_, tomb)) =
        kinds::delete_one::<TeamMember>(&members, &id.to_string(), kinds::now()).await
    {
        kinds::bury(&tx, &[tomb])?;
    }
    idb::commit(tx).await
}
