//! Customers: create, update, the 360 view's data, trash / restore / purge, bulk changes.

use super::idb::{self, Db, get, keys_by};
use super::schema::{
    ALL_STORES, BY_CUSTOMER, CHURN_EVENTS, COMPLAINTS, CONTACTS, CUSTOMERS, IMPORTS, INTERACTIONS,
    LOYALTY_RATINGS, PURCHASE_PAGES, RESPONSES, SUMMARIES, SURVEYS, WINBACKS,
};
use super::summaries::{self, Change};
use super::{AppError, Result};
use crate::domain::churn::{ChurnEvent, WinBack};
use crate::domain::complaint::Complaint;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::loyalty::OwnerRatings;
use crate::domain::purchase::Purchase;
use crate::domain::satisfaction::{Response, Survey};
use crate::domain::summary::{Activity, CustomerSummary};
use crate::domain::time::Timestamp;
use indexed_db_futures::transaction::Transaction;

/// The stores holding a customer's own records, each indexed by customer. Purchases are in
/// pages of books ([`PURCHASE_PAGES`]).
const BY_CUSTOMER_STORES: [&str; 6] = [
    CONTACTS,
    INTERACTIONS,
    COMPLAINTS,
    CHURN_EVENTS,
    WINBACKS,
    RESPONSES,
];

/// The stores deleting a customer with all their records touches, with the summaries.
pub(crate) fn purge_stores() -> Vec<&'static str> {
    [CUSTOMERS]
        .into_iter()
        .chain(BY_CUSTOMER_STORES)
        .chain([PURCHASE_PAGES, LOYALTY_RATINGS, SUMMARIES])
        .collect()
}

/// Everything the customer 360 view shows, read in one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub contacts: Vec<ContactPerson>,
    /// Newest first.
    pub interactions: Vec<Interaction>,
    /// Newest first.
    pub purchases: Vec<Purchase>,
    /// Newest first.
    pub complaints: Vec<Complaint>,
    /// Newest first.
    pub churn_events: Vec<ChurnEvent>,
    /// Newest first.
    pub winbacks: Vec<WinBack>,
    /// The owner's loyalty ratings, once rated.
    pub ratings: Option<OwnerRatings>,
    /// Survey responses, newest first.
    pub responses: Vec<Response>,
    /// Every survey (few), to show and enter responses.
    pub surveys: Vec<Survey>,
}

/// Stores a new customer and its summary.
pub async fn create_customer(db: &Db, customer: &Customer) -> Result<CustomerSummary> {
    let tx = db.tx(&[CUSTOMERS, SUMMARIES], true)?;
    idb::add(&tx.object_store(CUSTOMERS).map_err(idb::convert)?, customer)?;
    let summary = CustomerSummary::of_customer(customer, Activity::default());
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(&store, vec![Change::Upsert(summary.clone())]).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Saves an edited customer (its own fields) and refreshes its summary.
pub async fn update_customer(db: &Db, customer: &Customer) -> Result<CustomerSummary> {
    let tx = db.tx(&[CUSTOMERS, SUMMARIES], true)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    if get::<Customer>(&customers, &customer.id.to_string())
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    idb::put(&customers, customer)?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let mut out = summaries::apply(&store, vec![Change::Refresh(customer.clone())]).await?;
    idb::commit(tx).await?;
    out.pop().ok_or(AppError::NotFound)
}

/// Reads a customer with all of its contact persons, interactions and purchases.
pub async fn load_detail(db: &Db, id: Id) -> Result<Option<CustomerDetail>> {
    let stores: Vec<&str> = [CUSTOMERS]
        .into_iter()
        .chain(BY_CUSTOMER_STORES)
        .chain([PURCHASE_PAGES, LOYALTY_RATINGS, SURVEYS])
        .collect();
    let tx = db.tx(&stores, false)?;
    let key = id.to_string();
    let Some(customer) =
        get::<Customer>(&tx.object_store(CUSTOMERS).map_err(idb::convert)?, &key).await?
    else {
        return Ok(None);
    };
    let mut contacts: Vec<ContactPerson> = idb::of_customer(&tx, CONTACTS, &key).await?;
    let mut interactions: Vec<Interaction> = idb::of_customer(&tx, INTERACTIONS, &key).await?;
    let mut purchases = super::purchases::book_of(&tx, id).await?;
    let mut complaints: Vec<Complaint> = idb::of_customer(&tx, COMPLAINTS, &key).await?;
    complaints.sort_by(|a, b| b.received_at.cmp(&a.received_at).then(b.id.cmp(&a.id)));
    let mut churn_events: Vec<ChurnEvent> = idb::of_customer(&tx, CHURN_EVENTS, &key).await?;
    churn_events.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut winbacks: Vec<WinBack> = idb::of_customer(&tx, WINBACKS, &key).await?;
    winbacks.sort_by_key(|w| std::cmp::Reverse(w.id));
    let mut responses: Vec<Response> = idb::of_customer(&tx, RESPONSES, &key).await?;
    responses.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    let mut surveys: Vec<Survey> =
        idb::get_all(&tx.object_store(SURVEYS).map_err(idb::convert)?).await?;
    surveys.sort_by_key(|s| s.id);
    let ratings = get::<OwnerRatings>(
        &tx.object_store(LOYALTY_RATINGS).map_err(idb::convert)?,
        &key,
    )
    .await?;
    contacts.sort_by_key(|c| c.id);
    interactions.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
    purchases.sort_by(|a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
    Ok(Some(CustomerDetail {
        customer,
        contacts,
        interactions,
        purchases,
        complaints,
        churn_events,
        winbacks,
        ratings,
        responses,
        surveys,
    }))
}

/// Changes several customers in one transaction: reads each, lets `change` edit it (returning
/// whether anything changed), writes back the changed ones and refreshes their summaries.
async fn modify_each(
    db: &Db,
    ids: &[Id],
    mut change: impl FnMut(&mut Customer) -> bool,
) -> Result<Vec<CustomerSummary>> {
    let tx = db.tx(&[CUSTOMERS, SUMMARIES], true)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let mut changes = Vec::new();
    for id in ids {
        let Some(mut c) = get::<Customer>(&customers, &id.to_string()).await? else {
            continue;
        };
        if change(&mut c) {
            idb::put(&customers, &c)?;
            changes.push(Change::Refresh(c));
        }
    }
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let out = summaries::apply(&store, changes).await?;
    idb::commit(tx).await?;
    Ok(out)
}

/// Moves customers to the trash (restorable).
pub async fn trash(db: &Db, ids: &[Id], now: Timestamp) -> Result<Vec<CustomerSummary>> {
    modify_each(db, ids, |c| {
        if c.deleted_at.is_some() {
            return false;
        }
        c.deleted_at = Some(now);
        true
    })
    .await
}

/// Takes customers out of the trash.
pub async fn restore(db: &Db, ids: &[Id]) -> Result<Vec<CustomerSummary>> {
    modify_each(db, ids, |c| c.deleted_at.take().is_some()).await
}

/// Assigns (or clears) the owner of several customers.
pub async fn assign_owner(
    db: &Db,
    ids: &[Id],
    owner: Option<Id>,
    now: Timestamp,
) -> Result<Vec<CustomerSummary>> {
    modify_each(db, ids, |c| {
        if c.owner_id == owner {
            return false;
        }
        c.owner_id = owner;
        c.updated_at = now;
        true
    })
    .await
}

/// Adds a tag to several customers.
pub async fn add_tag(
    db: &Db,
    ids: &[Id],
    tag: &str,
    now: Timestamp,
) -> Result<Vec<CustomerSummary>> {
    modify_each(db, ids, |c| c.add_tag(tag, now)).await
}

/// Deletes customers for good with every record of theirs (contact persons, interactions,
/// purchases, complaints, churn, win-back plans, loyalty ratings), all in one transaction. Only customers already in the trash are purged.
pub async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<Id>> {
    let tx = db.tx(&purge_stores(), true)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let mut purged = Vec::new();
    for id in ids {
        let key = id.to_string();
        match get::<Customer>(&customers, &key).await? {
            Some(c) if c.deleted_at.is_some() => {}
            _ => continue,
        }
        delete_with_records(&tx, &key).await?;
        purged.push(*id);
    }
    super::purchases::Books::open(&tx)
        .await?
        .remove(&purged)
        .await?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(
        &store,
        purged.iter().map(|id| Change::Remove(*id)).collect(),
    )
    .await?;
    idb::commit(tx).await?;
    Ok(purged)
}

/// Deletes customer `key` and every record of theirs but the purchases inside `tx`, which must
/// cover [`purge_stores`]. The caller removes the purchase books, all customers' at once.
async fn delete_with_records(tx: &Transaction<'_>, key: &str) -> Result<()> {
    for store_name in BY_CUSTOMER_STORES {
        let store = tx.object_store(store_name).map_err(idb::convert)?;
        for k in keys_by(&store, BY_CUSTOMER, key).await? {
            idb::delete(&store, &k)?;
        }
    }
    idb::delete(
        &tx.object_store(LOYALTY_RATINGS).map_err(idb::convert)?,
        key,
    )?;
    idb::delete(&tx.object_store(CUSTOMERS).map_err(idb::convert)?, key)?;
    Ok(())
}

/// Deletes the customers `ids` that exist, each with every record of theirs, inside `tx`
/// (which must cover [`purge_stores`]). Returns the customers deleted and how many records
/// went, customers included.
///
/// Built for many customers at once (undoing an import of 100,000): ids are time-ordered, so
/// customers created together lie in one key range; each store is read once over that range
/// and only the records of these customers are deleted, instead of one index lookup per
/// customer and store.
pub(crate) async fn delete_many_with_records(
    tx: &Transaction<'_>,
    ids: &[Id],
) -> Result<(Vec<Id>, usize)> {
    #[derive(serde::Deserialize)]
    struct Owned {
        id: String,
        customer_id: String,
    }
    let wanted: std::collections::HashSet<String> = ids.iter().map(Id::to_string).collect();
    let (Some(lo), Some(hi)) = (wanted.iter().min().cloned(), wanted.iter().max().cloned()) else {
        return Ok((Vec::new(), 0));
    };
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let mut gone = Vec::new();
    for key in idb::keys_between(&customers, &lo, &hi).await? {
        if wanted.contains(&key) {
            idb::delete(&customers, &key)?;
            gone.push(key);
        }
    }
    let mut n = gone.len();
    // A customer's purchase book counts as one record.
    let gone_ids: Vec<Id> = gone.iter().filter_map(|k| k.parse().ok()).collect();
    n += super::purchases::Books::open(tx)
        .await?
        .remove(&gone_ids)
        .await?;
    for store_name in BY_CUSTOMER_STORES {
        let store = tx.object_store(store_name).map_err(idb::convert)?;
        for r in idb::get_all_between::<Owned>(&store, BY_CUSTOMER, &lo, &hi).await? {
            if wanted.contains(&r.customer_id) {
                idb::delete(&store, &r.id)?;
                n += 1;
            }
        }
    }
    let ratings = tx.object_store(LOYALTY_RATINGS).map_err(idb::convert)?;
    for key in idb::keys_between(&ratings, &lo, &hi).await? {
        if wanted.contains(&key) {
            idb::delete(&ratings, &key)?;
        }
    }
    Ok((gone_ids, n))
}

/// Removes every record of every kind, and the import journal, in one transaction.
pub async fn delete_all(db: &Db) -> Result<()> {
    let stores: Vec<&str> = ALL_STORES.into_iter().chain([IMPORTS]).collect();
    let tx = db.tx(&stores, true)?;
    for name in stores {
        tx.object_store(name)
            .map_err(idb::convert)?
            .clear()
            .map_err(idb::convert)?;
    }
    idb::commit(tx).await
}
