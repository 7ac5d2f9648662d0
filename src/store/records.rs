//! Contact persons, interactions and purchases. Every change refreshes the customer's summary
//! in the same transaction, so list figures can never drift from the records.

use super::idb::{self, Db, get};
use super::purchases;
use super::schema::{
    BY_OPEN_DUE, COMPLAINTS, CONTACTS, CUSTOMERS, INTERACTIONS, OPEN_DUE, PURCHASE_PAGES,
    RESPONSES, SUMMARIES, SUMMARISED,
};
use super::summaries::{self, Change};
use super::{AppError, Result};
use crate::domain::complaint::Complaint;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::purchase::Purchase;
use crate::domain::sample::SampleCustomer;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::{Timestamp, date_input_value};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::transaction::Transaction;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// The JavaScript value of an interaction, with the `open_due` property that the sparse
/// open-commitments index reads while its commitment is open.
pub(crate) fn interaction_js(i: &Interaction) -> Result<JsValue> {
    let js = idb::to_js(i)?;
    if let Some(c) = i.commitment.as_ref().filter(|c| c.is_open()) {
        js_sys::Reflect::set(
            &js,
            &JsValue::from_str(OPEN_DUE),
            &JsValue::from_str(&date_input_value(c.due)),
        )
        .map_err(|_| AppError::Storage("cannot set open_due".into()))?;
    }
    Ok(js)
}

/// Recomputes the summary of `customer_id` inside `tx` and writes it.
async fn refresh(tx: &Transaction<'_>, customer_id: Id) -> Result<CustomerSummary> {
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let customer: Customer = get(&customers, &customer_id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let summary = summaries::summary_of(tx, &customer).await?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(&store, vec![Change::Upsert(summary.clone())]).await?;
    Ok(summary)
}

/// Saves (creates or replaces) one record of a customer and refreshes the summary.
async fn save_one(
    db: &Db,
    store_name: &str,
    customer_id: Id,
    value: JsValue,
) -> Result<CustomerSummary> {
    let tx = db.tx(&SUMMARISED, true)?;
    idb::put_js(&tx.object_store(store_name).map_err(idb::convert)?, value)?;
    let summary = refresh(&tx, customer_id).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Deletes one record of a customer and refreshes the summary.
async fn delete_one<T: DeserializeOwned>(
    db: &Db,
    store_name: &str,
    id: Id,
    customer_of: impl Fn(&T) -> Id,
) -> Result<CustomerSummary> {
    let tx = db.tx(&SUMMARISED, true)?;
    let store = tx.object_store(store_name).map_err(idb::convert)?;
    let record: T = get(&store, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    idb::delete(&store, &id.to_string())?;
    let summary = refresh(&tx, customer_of(&record)).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Saves a contact person.
pub async fn save_contact(db: &Db, c: &ContactPerson) -> Result<CustomerSummary> {
    save_one(db, CONTACTS, c.customer_id, idb::to_js(c)?).await
}

/// Deletes a contact person.
pub async fn delete_contact(db: &Db, id: Id) -> Result<CustomerSummary> {
    delete_one(db, CONTACTS, id, |c: &ContactPerson| c.customer_id).await
}

/// Saves an interaction.
pub async fn save_interaction(db: &Db, i: &Interaction) -> Result<CustomerSummary> {
    save_one(db, INTERACTIONS, i.customer_id, interaction_js(i)?).await
}

/// Deletes an interaction.
pub async fn delete_interaction(db: &Db, id: Id) -> Result<CustomerSummary> {
    delete_one(db, INTERACTIONS, id, |i: &Interaction| i.customer_id).await
}

/// Saves a purchase (new or edited) into its customer's book.
pub async fn save_purchase(db: &Db, p: &Purchase) -> Result<CustomerSummary> {
    let tx = db.tx(&SUMMARISED, true)?;
    let mut books = purchases::Books::open(&tx).await?;
    books.load(&[p.customer_id]).await?;
    let mut book = books.book(p.customer_id)?;
    crate::domain::purchase::upsert(&mut book, p.clone());
    books.set(p.customer_id, &book)?;
    books.flush()?;
    let summary = refresh(&tx, p.customer_id).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Deletes purchase `id` of customer `customer_id`.
pub async fn delete_purchase(db: &Db, customer_id: Id, id: Id) -> Result<CustomerSummary> {
    let tx = db.tx(&SUMMARISED, true)?;
    let mut books = purchases::Books::open(&tx).await?;
    books.load(&[customer_id]).await?;
    let mut book = books.book(customer_id)?;
    let before = book.len();
    book.retain(|p| p.id != id);
    if book.len() == before {
        return Err(AppError::NotFound);
    }
    books.set(customer_id, &book)?;
    books.flush()?;
    let summary = refresh(&tx, customer_id).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Saves a complaint (new, edited, or moved along its flow).
pub async fn save_complaint(db: &Db, c: &Complaint) -> Result<CustomerSummary> {
    save_one(db, COMPLAINTS, c.customer_id, idb::to_js(c)?).await
}

/// Deletes a complaint (one entered by mistake).
pub async fn delete_complaint(db: &Db, id: Id) -> Result<CustomerSummary> {
    delete_one(db, COMPLAINTS, id, |c: &Complaint| c.customer_id).await
}

/// Every complaint of every customer.
pub async fn all_complaints(db: &Db) -> Result<Vec<Complaint>> {
    let tx = db.tx(&[COMPLAINTS], false)?;
    idb::get_all(&tx.object_store(COMPLAINTS).map_err(idb::convert)?).await
}

/// Marks an interaction's commitment done (`Some(time)`) or open again (`None`).
pub async fn set_commitment_done(
    db: &Db,
    interaction_id: Id,
    done_at: Option<Timestamp>,
) -> Result<(Interaction, CustomerSummary)> {
    let tx = db.tx(&SUMMARISED, true)?;
    let store = tx.object_store(INTERACTIONS).map_err(idb::convert)?;
    let mut i: Interaction = get(&store, &interaction_id.to_string())
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(c) = i.commitment.as_mut() else {
        return Err(AppError::NotFound);
    };
    c.done_at = done_at;
    idb::put_js(&store, interaction_js(&i)?)?;
    let summary = refresh(&tx, i.customer_id).await?;
    idb::commit(tx).await?;
    Ok((i, summary))
}

/// Every interaction with an open commitment, earliest due first.
pub async fn open_commitments(db: &Db) -> Result<Vec<Interaction>> {
    let tx = db.tx(&[INTERACTIONS], false)?;
    let store = tx.object_store(INTERACTIONS).map_err(idb::convert)?;
    idb::get_all_in_index(&store, BY_OPEN_DUE).await
}

pub(crate) fn add_all<T: Serialize>(store: &ObjectStore<'_>, items: &[T]) -> Result<()> {
    for item in items {
        idb::add(store, item)?;
    }
    Ok(())
}

/// Inserts a batch of customers with all their records in one transaction: either all of it
/// is stored, or (any key already taken, quota exceeded...) none of it.
pub async fn insert_batch(db: &Db, batch: &[SampleCustomer]) -> Result<Vec<CustomerSummary>> {
    // Only the stores it writes: complaints and survey responses only when the batch has some.
    let with_complaints = batch.iter().any(|s| !s.complaints.is_empty());
    let with_responses = batch.iter().any(|s| !s.responses.is_empty());
    let with_purchases = batch.iter().any(|s| !s.purchases.is_empty());
    let mut stores = vec![CUSTOMERS, CONTACTS, INTERACTIONS, SUMMARIES];
    if with_purchases {
        stores.push(PURCHASE_PAGES);
    }
    if with_complaints {
        stores.push(COMPLAINTS);
    }
    if with_responses {
        stores.push(RESPONSES);
    }
    let tx = db.tx(&stores, true)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let contacts = tx.object_store(CONTACTS).map_err(idb::convert)?;
    let interactions = tx.object_store(INTERACTIONS).map_err(idb::convert)?;
    let mut books = match with_purchases {
        true => {
            let mut books = purchases::Books::open(&tx).await?;
            let buyers: Vec<Id> = batch
                .iter()
                .filter(|s| !s.purchases.is_empty())
                .map(|s| s.customer.id)
                .collect();
            books.load(&buyers).await?;
            Some(books)
        }
        false => None,
    };
    let complaints = if with_complaints {
        Some(tx.object_store(COMPLAINTS).map_err(idb::convert)?)
    } else {
        None
    };
    let responses = if with_responses {
        Some(tx.object_store(RESPONSES).map_err(idb::convert)?)
    } else {
        None
    };
    let mut changes = Vec::with_capacity(batch.len());
    for s in batch {
        idb::add(&customers, &s.customer)?;
        add_all(&contacts, &s.contacts)?;
        for i in &s.interactions {
            interactions
                .add(interaction_js(i)?)
                .primitive()
                .map_err(idb::convert)?;
        }
        if let Some(books) = books.as_mut().filter(|_| !s.purchases.is_empty()) {
            books.set(s.customer.id, &s.purchases)?;
        }
        if let Some(store) = &complaints {
            add_all(store, &s.complaints)?;
        }
        if let Some(store) = &responses {
            add_all(store, &s.responses)?;
        }
        changes.push(Change::Upsert(s.summary()));
    }
    if let Some(books) = books.as_mut() {
        books.flush()?;
    }
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let out = summaries::apply(&store, changes).await?;
    idb::commit(tx).await?;
    Ok(out)
}

use indexed_db_futures::prelude::*;

/// Stores imported people in one transaction: new customers, and contact persons at new or
/// existing customers, with every touched customer's summary recomputed from its records.
/// All of it, or on any failure nothing.
pub async fn import_people(
    db: &Db,
    customers: &[Customer],
    contacts: &[ContactPerson],
) -> Result<Vec<CustomerSummary>> {
    let tx = db.tx(&SUMMARISED, true)?;
    let store = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    add_all(&store, customers)?;
    add_all(&tx.object_store(CONTACTS).map_err(idb::convert)?, contacts)?;
    let mut touched: Vec<Id> = customers
        .iter()
        .map(|c| c.id)
        .chain(contacts.iter().map(|c| c.customer_id))
        .collect();
    touched.sort();
    touched.dedup();
    let mut changes = Vec::with_capacity(touched.len());
    for id in touched {
        let c = get::<Customer>(&store, &id.to_string())
            .await?
            .ok_or(AppError::NotFound)?;
        changes.push(Change::Upsert(summaries::summary_of(&tx, &c).await?));
    }
    let out = summaries::apply(&tx.object_store(SUMMARIES).map_err(idb::convert)?, changes).await?;
    idb::commit(tx).await?;
    Ok(out)
}

/// Every customer and contact person, read in one transaction (vCard export and matching).
pub async fn all_people(db: &Db) -> Result<(Vec<Customer>, Vec<ContactPerson>)> {
    let tx = db.tx(&[CUSTOMERS, CONTACTS], false)?;
    let customers = idb::get_all(&tx.object_store(CUSTOMERS).map_err(idb::convert)?).await?;
    let contacts = idb::get_all(&tx.object_store(CONTACTS).map_err(idb::convert)?).await?;
    Ok((customers, contacts))
}
