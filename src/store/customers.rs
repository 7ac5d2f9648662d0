//! Customers: create, update, the 360 view's data, trash / restore / purge, bulk changes.
//! What a customer's page reads and what goes with a customer purged comes from the kinds'
//! declaration (`domain::kinds`, `store::kinds`): every kind that belongs to a customer.

use super::error::{AppError, Result};
use super::idb::{self, Db, get};
use super::kinds::{self, spec};
use super::schema::{BY_CUSTOMER, CUSTOMERS, IMPORTS, SUMMARIES, TOMBSTONES};
use super::summaries::{self, Change};
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::record::{
    AsyncKindVisitor, KindVisitor, Record, RecordKind, RecordSet, Rev, Tombstone, for_each_kind,
    for_each_kind_async,
};
use crate::domain::summary::{Activity, CustomerSummary};
use crate::domain::time::Timestamp;
use futures::future::{join, try_join_all};
use indexed_db_futures::transaction::Transaction;
use std::future::Future;
use std::pin::Pin;

/// The stores of the kinds that belong to a customer.
fn owned_stores() -> impl Iterator<Item = &'static str> {
    RecordKind::ALL
        .iter()
        .filter(|k| k.owned_by_customer())
        .map(|k| spec(*k).store)
}

/// The stores deleting a customer with all their records touches, with the summaries and
/// the tombstones.
pub(crate) fn purge_stores() -> Vec<&'static str> {
    [CUSTOMERS]
        .into_iter()
        .chain(owned_stores())
        .chain([SUMMARIES, TOMBSTONES])
        .collect()
}

/// Everything the customer 360 view shows, read in one transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct CustomerDetail {
    pub customer: Customer,
    /// The customer's own records of every kind, each in its page order (most newest
    /// first), and every survey (few), to show and enter responses.
    pub records: RecordSet,
}

impl CustomerDetail {
    /// The owner's loyalty ratings, once rated.
    pub fn ratings(&self) -> Option<&crate::domain::loyalty::OwnerRatings> {
        self.records.loyalty_ratings.first()
    }
}

/// Stores a new customer (its first revision) and its summary.
pub async fn create_customer(db: &Db, customer: &Customer) -> Result<CustomerSummary> {
    let tx = db.tx(&[CUSTOMERS, SUMMARIES], true)?;
    kinds::add_new(
        &tx.object_store(CUSTOMERS).map_err(idb::convert)?,
        std::slice::from_ref(customer),
    )?;
    let summary = CustomerSummary::of_customer(customer, Activity::default());
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(&store, vec![Change::Upsert(summary.clone())]).await?;
    idb::commit(tx).await?;
    Ok(summary)
}

/// Saves an edited customer (its own fields) as a new revision and refreshes its summary.
pub async fn update_customer(db: &Db, customer: &Customer) -> Result<CustomerSummary> {
    let tx = db.tx(&[CUSTOMERS, SUMMARIES], true)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    if get::<Customer>(&customers, &customer.id.to_string())
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let written = kinds::put_revision(&customers, customer).await?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let mut out = summaries::apply(&store, vec![Change::Refresh(written)]).await?;
    idb::commit(tx).await?;
    out.pop().ok_or(AppError::NotFound)
}

/// Reads a customer with every record of theirs the customer's page shows. Every read is
/// asked for at once, in one transaction, and awaited together: one round trip to the
/// database instead of one per kind, each of which waited behind whatever else the page was
/// doing (at 100,000 customers, a list decoding in the background made a dozen sequential
/// reads take 300 ms).
pub async fn load_detail(db: &Db, id: Id) -> Result<Option<CustomerDetail>> {
    /// A kind's read, and where its records go.
    type Fill<'a> = Pin<Box<dyn Future<Output = Result<Box<dyn FnOnce(&mut RecordSet)>>> + 'a>>;
    struct Ask<'a, 'b> {
        tx: &'a Transaction<'b>,
        customer: Id,
        reads: Vec<Fill<'a>>,
    }
    impl<'a> KindVisitor for Ask<'a, '_> {
        fn visit<R: Record>(&mut self) {
            let (tx, customer) = (self.tx, self.customer);
            let kind = R::KIND;
            if !kind.on_customer_page() {
                return;
            }
            self.reads.push(Box::pin(async move {
                let records: Vec<R> = if kind.owned_by_customer() {
                    kinds::of_customer(tx, customer).await?
                } else {
                    kinds::read_all(tx).await?
                };
                let fill = move |set: &mut RecordSet| *R::column_mut(set) = records;
                Ok(Box::new(fill) as Box<dyn FnOnce(&mut RecordSet)>)
            }));
        }
    }
    let stores: Vec<&str> = [CUSTOMERS]
        .into_iter()
        .chain(
            RecordKind::ALL
                .iter()
                .filter(|k| k.on_customer_page())
                .map(|k| spec(*k).store),
        )
        .collect();
    let tx = db.tx(&stores, false)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let mut ask = Ask {
        tx: &tx,
        customer: id,
        reads: Vec::new(),
    };
    for_each_kind(&mut ask);
    let (customer, fills) = join(
        get::<Customer>(&customers, &id.to_string()),
        try_join_all(ask.reads),
    )
    .await;
    let Some(customer) = customer? else {
        return Ok(None);
    };
    let mut set = RecordSet::default();
    for fill in fills? {
        fill(&mut set);
    }
    Ok(Some(CustomerDetail {
        customer,
        records: set.in_page_order(),
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
            c.rev = Rev::after(c.rev, None);
            idb::put_js(&customers, kinds::encode(&c)?)?;
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
    modify_each(db, ids, |c| c.set_owner(owner, now)).await
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

/// Deletes customers for good with every record of theirs (every kind that belongs to a
/// customer), all in one transaction, leaving tombstones. Only customers already in the
/// trash are purged.
pub async fn purge(db: &Db, ids: &[Id]) -> Result<Vec<Id>> {
    let tx = db.tx(&purge_stores(), true)?;
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let now = kinds::now();
    let mut purged = Vec::new();
    let mut tombs = Vec::new();
    for id in ids {
        match get::<Customer>(&customers, &id.to_string()).await? {
            Some(c) if c.deleted_at.is_some() => {
                idb::delete(&customers, &c.key())?;
                tombs.push(Tombstone::of(&c, now));
                purged.push(*id);
            }
            _ => continue,
        }
    }
    tombs.extend(delete_owned(&tx, &purged, now).await?);
    kinds::delete_books(&tx, &purged).await?;
    kinds::bury(&tx, &tombs)?;
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    summaries::apply(
        &store,
        purged.iter().map(|id| Change::Remove(*id)).collect(),
    )
    .await?;
    idb::commit(tx).await?;
    Ok(purged)
}

/// Deletes the records of every kind that belongs to a customer (the purchases apart) of the
/// customers `ids` inside `tx`, and returns their tombstones.
pub(crate) async fn delete_owned(
    tx: &Transaction<'_>,
    ids: &[Id],
    now: Timestamp,
) -> Result<Vec<Tombstone>> {
    struct Delete<'a, 'b> {
        tx: &'a Transaction<'b>,
        ids: &'a [Id],
        now: Timestamp,
        tombs: Vec<Tombstone>,
    }
    impl AsyncKindVisitor for Delete<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            if R::KIND.owned_by_customer() {
                let gone = kinds::delete_of_customers::<R>(self.tx, self.ids, self.now).await?;
                self.tombs.extend(gone);
            }
            Ok(())
        }
    }
    let mut delete = Delete {
        tx,
        ids,
        now,
        tombs: Vec::new(),
    };
    for_each_kind_async(&mut delete).await?;
    Ok(delete.tombs)
}

/// Deletes the customers `ids` that exist, each with every record of theirs, inside `tx`
/// (which must cover [`purge_stores`]), leaving tombstones. Returns the customers deleted and
/// how many records went, customers included (a customer's purchase book counting as one).
///
/// Built for many customers at once (undoing an import of 100,000): ids are time-ordered, so
/// customers created together lie in one key range; each store is read once over that range
/// and only the records of these customers are deleted, instead of one index lookup per
/// customer and store.
pub(crate) async fn delete_many_with_records(
    tx: &Transaction<'_>,
    ids: &[Id],
) -> Result<(Vec<Id>, usize)> {
    /// What is needed of a record to delete it and leave its tombstone.
    #[derive(serde::Deserialize)]
    struct Owned {
        #[serde(default)]
        id: String,
        #[serde(default)]
        customer_id: String,
        #[serde(default = "Rev::legacy")]
        rev: Rev,
    }
    let wanted: std::collections::HashSet<String> = ids.iter().map(Id::to_string).collect();
    let (Some(lo), Some(hi)) = (wanted.iter().min().cloned(), wanted.iter().max().cloned()) else {
        return Ok((Vec::new(), 0));
    };
    let now = kinds::now();
    let mut tombs = Vec::new();
    let customers = tx.object_store(CUSTOMERS).map_err(idb::convert)?;
    let mut gone = Vec::new();
    for c in idb::get_all_in_key_range::<Owned>(&customers, &lo, &hi).await? {
        if wanted.contains(&c.id) {
            idb::delete(&customers, &c.id)?;
            tombs.push(Tombstone::new(
                RecordKind::Customer,
                c.id.clone(),
                Rev::after(c.rev, None),
                now,
            ));
            gone.push(c.id);
        }
    }
    let mut n = gone.len();
    let gone_ids: Vec<Id> = gone.iter().filter_map(|k| k.parse().ok()).collect();
    n += kinds::delete_books(tx, &gone_ids).await?;
    for kind in RecordKind::ALL.iter().filter(|k| k.owned_by_customer()) {
        let spec = spec(*kind);
        let store = tx.object_store(spec.store).map_err(idb::convert)?;
        let records: Vec<Owned> = match spec.per_customer {
            kinds::PerCustomer::Index => {
                idb::get_all_between(&store, BY_CUSTOMER, &lo, &hi).await?
            }
            // Keyed by the customer's id: its key range is the customers'.
            kinds::PerCustomer::Key => idb::get_all_in_key_range(&store, &lo, &hi).await?,
            kinds::PerCustomer::Book | kinds::PerCustomer::No => Vec::new(),
        };
        for r in records {
            if wanted.contains(&r.customer_id) {
                let key = if spec.per_customer == kinds::PerCustomer::Key {
                    r.customer_id.clone()
                } else {
                    r.id.clone()
                };
                idb::delete(&store, &key)?;
                tombs.push(Tombstone::new(*kind, key, Rev::after(r.rev, None), now));
                if spec.per_customer == kinds::PerCustomer::Index {
                    n += 1;
                }
            }
        }
    }
    kinds::bury(tx, &tombs)?;
    Ok((gone_ids, n))
}

/// Removes every record of every kind, the import journal and the tombstones, in one
/// transaction.
pub async fn delete_all(db: &Db) -> Result<()> {
    let stores: Vec<&str> = kinds::data_stores()
        .into_iter()
        .chain([IMPORTS, TOMBSTONES])
        .collect();
    let tx = db.tx(&stores, true)?;
    for name in stores {
        idb::clear(&tx.object_store(name).map_err(idb::convert)?)?;
    }
    idb::commit(tx).await
}
