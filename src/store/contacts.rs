//! Contact persons.

use super::error::Result;
use super::idb::{self, Db};
use super::owned;
use super::schema::{CONTACTS, CUSTOMERS};
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::summary::CustomerSummary;

/// Saves a contact person.
pub async fn save_contact(db: &Db, c: &ContactPerson) -> Result<CustomerSummary> {
    owned::save(db, c).await
}

/// Deletes a contact person.
pub async fn delete_contact(db: &Db, id: Id) -> Result<CustomerSummary> {
    owned::delete::<ContactPerson>(db, id).await
}

/// Every customer and contact person, read in one transaction (vCard export and matching).
pub async fn all_people(db: &Db) -> Result<(Vec<Customer>, Vec<ContactPerson>)> {
    let tx = db.tx(&[CUSTOMERS, CONTACTS], false)?;
    let customers = idb::get_all(&tx.object_store(CUSTOMERS).map_err(idb::convert)?).await?;
    let contacts = idb::get_all(&tx.object_store(CONTACTS).map_err(idb::convert)?).await?;
    Ok((customers, contacts))
}
