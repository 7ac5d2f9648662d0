//! Writing generated sample data in chunked transactions.

use super::error::AppError;
use super::error::Result;
use super::idb::{self, Db};
use super::kinds::{self, spec};
use super::members;
use super::purchases::Books;
use super::schema::{
    LEAD_INTERACTIONS, LEADS, MEMBERS, OPPORTUNITIES, PRICE_AGREEMENTS, PRODUCTS, QUOTES,
    SUMMARIES, SURVEYS,
};
use super::summaries::{self, Change};
use crate::domain::id::Id;
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::member::TeamMember;
use crate::domain::money::Currency;
use crate::domain::opportunity::Opportunity;
use crate::domain::product::Product;
use crate::domain::product::pricing::PriceAgreement;
use crate::domain::purchase::Purchase;
use crate::domain::quote::Quote;
use crate::domain::record::{
    AsyncKindVisitor, Record, RecordKind, RecordSet, Rev, for_each_kind_async,
};
use crate::domain::sample::SampleCustomer;
use crate::domain::sample::{
    DealSeed, Generator, QuoteSeed, SampleConfig, industry_of, sample_agreements, sample_deals,
    sample_lead_activity, sample_leads, sample_products, sample_quotes, sample_survey, team,
};
use crate::domain::summary::CustomerSummary;
use crate::domain::time::Timestamp;

/// How far a sample load has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SampleProgress {
    pub customers_done: usize,
    pub customers_total: usize,
    pub purchases_done: usize,
}

/// Seed of the sample team's ids.
const SAMPLE_TEAM_SEED: u64 = 42;

/// Customers written per transaction: large enough to amortise the commit, small enough to
/// keep each transaction's memory and the UI's progress steps modest.
const BATCH: usize = 500;

/// Writes the sample team (members already present are kept) and `config.customers`
/// customers, [`BATCH`] per transaction, reporting progress after each. Returns the new
/// summaries and the team. A failing batch stops the load; earlier batches stay (each is a
/// complete set of customers with all their records, so nothing is half-written).
pub async fn load_sample(
    db: &Db,
    config: SampleConfig,
    mut progress: impl FnMut(SampleProgress),
) -> Result<(Vec<CustomerSummary>, Vec<TeamMember>)> {
    let existing = members::list_members(db).await?;
    // The same sample team every time, so loading sample data twice does not double it.
    let team = team(SAMPLE_TEAM_SEED);
    {
        let tx = db.tx(&[MEMBERS, SURVEYS], true)?;
        let store = tx.object_store(MEMBERS).map_err(idb::convert)?;
        for m in &team {
            if !existing.iter().any(|e| e.id == m.id) {
                idb::put(&store, m)?;
            }
        }
        // The sample survey, unless it is there already (perhaps edited by the user).
        let survey = sample_survey(config.lang);
        let surveys = tx.object_store(SURVEYS).map_err(idb::convert)?;
        if idb::get::<crate::domain::satisfaction::Survey>(&surveys, &survey.id.to_string())
            .await?
            .is_none()
        {
            idb::put(&surveys, &survey)?;
        }
        idb::commit(tx).await?;
    }
    let total = config.customers;
    let (seed, now, today) = (
        config.seed,
        Timestamp(config.id_epoch_ms as i64),
        config.today,
    );
    let generator = Generator::new(config, team.clone());
    // The customers some sample leads turn out to be.
    let mut known: Vec<SampleCustomer> = Vec::new();
    let mut summaries = Vec::with_capacity(total);
    let mut done = 0;
    let mut purchases = 0;
    let mut batch = Vec::with_capacity(BATCH);
    // A deal for every fifth customer.
    let mut deal_seeds = Vec::with_capacity(total / 5 + 1);
    // A quote for every second customer billed in yuan.
    let mut quote_seeds = Vec::with_capacity(total / 2 + 1);
    for customer in generator {
        if known.len() < KNOWN {
            known.push(customer.clone());
        }
        if (done + batch.len()) % 5 == 0 {
            let first = customer.purchases.first();
            deal_seeds.push(DealSeed {
                customer: customer.customer.id,
                owner: customer.customer.owner_id,
                product: first.map_or_else(|| "服务".into(), |p| p.product.clone()),
                currency: first.map_or_else(Default::default, |p| p.amount.currency),
            });
        }
        let c = &customer.customer;
        if (done + batch.len()) % 2 == 1
            && customer
                .purchases
                .first()
                .is_none_or(|p| p.amount.currency == Currency::Cny)
            && let Some(industry) = industry_of(&c.industry)
        {
            quote_seeds.push(QuoteSeed {
                customer: c.id,
                owner: c.owner_id,
                kind: c.kind,
                industry,
            });
        }
        batch.push(customer);
        if batch.len() == BATCH || done + batch.len() == total {
            purchases += batch.iter().map(|c| c.purchases.len()).sum::<usize>();
            summaries.extend(insert_batch(db, &batch).await?);
            done += batch.len();
            batch.clear();
            progress(SampleProgress {
                customers_done: done,
                customers_total: total,
                purchases_done: purchases,
            });
        }
    }
    // A lead for every two customers (50,000 at 100,000: the trade-show card boxes of a
    // busy year), written after them.
    let leads = sample_leads(seed, total / 2, &known, &team, now, 180);
    let activity = sample_lead_activity(seed, &leads, &team, now, today);
    for (chunk, i) in leads.chunks(5_000).zip(0..) {
        let tx = db.tx(&[LEADS, LEAD_INTERACTIONS], true)?;
        kinds::add_new(&kinds::store_of::<crate::domain::lead::Lead>(&tx)?, chunk)?;
        // The leads' interactions with the first chunk (they are few).
        if i == 0 {
            kinds::add_new(&kinds::store_of::<LeadInteraction>(&tx)?, &activity)?;
        }
        idb::commit(tx).await?;
    }
    let deals = sample_deals(seed, &deal_seeds, &team, now, today);
    for chunk in deals.chunks(5_000) {
        let tx = db.tx(&[OPPORTUNITIES], true)?;
        kinds::add_new(&kinds::store_of::<Opportunity>(&tx)?, chunk)?;
        idb::commit(tx).await?;
    }
    // The price list (one product for every 20 customers, 30 to 5,000), its agreements and
    // the quotes.
    let products = sample_products(seed, (total / 20).clamp(30, 5_000), now);
    let regulars: Vec<(Id, usize)> = known
        .iter()
        .filter_map(|k| Some((k.customer.id, industry_of(&k.customer.industry)?)))
        .collect();
    let agreements = sample_agreements(seed, &products, &regulars, today, now);
    let quotes = sample_quotes(
        seed,
        &quote_seeds,
        &products,
        &agreements,
        &team,
        today,
        now,
    );
    {
        let tx = db.tx(&[PRODUCTS, PRICE_AGREEMENTS], true)?;
        kinds::add_new(&kinds::store_of::<Product>(&tx)?, &products)?;
        kinds::add_new(&kinds::store_of::<PriceAgreement>(&tx)?, &agreements)?;
        idb::commit(tx).await?;
    }
    for chunk in quotes.chunks(5_000) {
        let tx = db.tx(&[QUOTES], true)?;
        kinds::add_new(&kinds::store_of::<Quote>(&tx)?, chunk)?;
        idb::commit(tx).await?;
    }
    // The quoted customers' open quotes, into their summaries.
    let mut by_customer: std::collections::BTreeMap<Id, Vec<Quote>> = Default::default();
    for q in quotes {
        by_customer.entry(q.customer_id).or_default().push(q);
    }
    let changes: Vec<Change> = by_customer
        .into_iter()
        .map(|(id, quotes)| Change::Quotes(id, quotes))
        .collect();
    let tx = db.tx(&[SUMMARIES], true)?;
    let quoted =
        summaries::apply(&tx.object_store(SUMMARIES).map_err(idb::convert)?, changes).await?;
    idb::commit(tx).await?;
    let at: std::collections::HashMap<Id, usize> = summaries
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    for s in quoted {
        if let Some(&i) = at.get(&s.id) {
            summaries[i] = s;
        }
    }
    Ok((summaries, team))
}

/// Customers whose contact persons sample leads may be.
const KNOWN: usize = 20;

/// Inserts a batch of customers with all their records (each at its first revision) in one
/// transaction: either all of it is stored, or (any key already taken, quota exceeded...)
/// none of it.
pub async fn insert_batch(db: &Db, batch: &[SampleCustomer]) -> Result<Vec<CustomerSummary>> {
    let mut set = RecordSet::default();
    for s in batch {
        s.add_to(&mut set);
    }
    // Purchases go into books as they are: give them their first revision here, in the copy
    // already made (the other kinds get theirs as they are encoded).
    for p in &mut set.purchases {
        p.rev = Rev::after(p.rev, None);
    }
    // Only the stores it writes.
    let stores: Vec<&str> = RecordKind::ALL
        .iter()
        .filter(|k| set.count(**k) > 0)
        .map(|k| spec(*k).store)
        .chain([SUMMARIES])
        .collect();
    let tx = db.tx(&stores, true)?;
    struct Add<'a, 'b> {
        tx: &'a indexed_db_futures::transaction::Transaction<'b>,
        set: &'a RecordSet,
    }
    impl AsyncKindVisitor for Add<'_, '_> {
        type Error = AppError;
        async fn visit<R: Record>(&mut self) -> Result<()> {
            let records = R::column(self.set);
            if records.is_empty() {
                return Ok(());
            }
            if R::KIND == RecordKind::Purchase {
                return add_purchases(self.tx, &self.set.purchases).await;
            }
            kinds::add_new(&kinds::store_of::<R>(self.tx)?, records)
        }
    }
    for_each_kind_async(&mut Add { tx: &tx, set: &set }).await?;
    let changes = batch.iter().map(|s| Change::Upsert(s.summary())).collect();
    let store = tx.object_store(SUMMARIES).map_err(idb::convert)?;
    let out = summaries::apply(&store, changes).await?;
    idb::commit(tx).await?;
    Ok(out)
}

/// Adds new customers' purchases to their books.
async fn add_purchases(
    tx: &indexed_db_futures::transaction::Transaction<'_>,
    purchases: &[Purchase],
) -> Result<()> {
    let mut books = Books::open(tx).await?;
    let grouped = crate::domain::purchase::books_by_customer(purchases);
    let buyers: Vec<Id> = grouped.keys().copied().collect();
    books.load(&buyers).await?;
    for (customer, book) in &grouped {
        books.set(*customer, book)?;
    }
    books.flush()
}
