//! Writing generated sample data in chunked transactions.

use super::idb::{self, Db};
use super::records::insert_batch;
use super::schema::{MEMBERS, SURVEYS};
use super::{Result, members};
use crate::domain::member::TeamMember;
use crate::domain::sample::{Generator, SampleConfig, sample_survey, team};
use crate::domain::summary::CustomerSummary;

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
    let generator = Generator::new(config, team.clone());
    let mut summaries = Vec::with_capacity(total);
    let mut done = 0;
    let mut purchases = 0;
    let mut batch = Vec::with_capacity(BATCH);
    for customer in generator {
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
    Ok((summaries, team))
}
