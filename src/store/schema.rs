//! The database schema: store and index names, and the stepwise upgrade.
//!
//! Every schema change bumps [`DB_VERSION`] and adds an `if old < N` step; steps never change
//! once released, so a database written by any earlier version upgrades through each of them.

use indexed_db_futures::KeyPath;
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;

/// The app's database name.
pub const DB_NAME: &str = "zhike-crm";
/// The current schema version.
///
/// 1. customers, contacts, interactions, purchases, members, summary chunks.
/// 2. saved segments.
/// 3. complaints.
/// 4. churn events, win-back plans and the owners' loyalty ratings.
/// 5. satisfaction surveys and their responses.
/// 6. the journal of imports.
/// 7. purchases stored as one book per customer (moved from `purchases` when opened).
/// 8. purchase books stored in pages of many customers (moved from `purchase_books` when
///    opened).
/// 9. tombstones of records deleted for good; every record has a revision (records written
///    before read as revision 1, so none is rewritten).
/// 10. the last analysis kept with what it describes (see `store::analyses`).
/// 11. leads.
/// 12. lead interactions.
/// 13. pipelines and opportunities.
/// 14. the packed copies of the leads, their interactions and the opportunities.
/// 15. products, price agreements, quotes and the quoting policy.
/// 16. team sync's bookkeeping: what is known of each document on the server, the outbox of
///     documents changed here, and the checkpoint (see `store::sync`).
pub const DB_VERSION: u32 = 16;

/// Customers, keyed by `id`.
pub const CUSTOMERS: &str = "customers";
/// Contact persons, keyed by `id`.
pub const CONTACTS: &str = "contacts";
/// Interactions, keyed by `id`.
pub const INTERACTIONS: &str = "interactions";
/// Purchases one object each, keyed by `id`: used before version 7, empty since (its records
/// are moved into [`PURCHASE_BOOKS`] when the database is opened).
pub const PURCHASES: &str = "purchases";
/// Purchases as one book per customer, `{id, customer_id, data}` keyed by the customer's id:
/// used in version 7, empty since (its books are moved into [`PURCHASE_PAGES`] when the
/// database is opened).
pub const PURCHASE_BOOKS: &str = "purchase_books";
/// Pages of purchase books, `{start, data}` keyed by the lowest customer id they may hold
/// (since version 8; see `store::purchases` and `domain::purchase_page`).
pub const PURCHASE_PAGES: &str = "purchase_pages";
/// Team members, keyed by `id`.
pub const MEMBERS: &str = "members";
/// Summary chunks `{start, data}`, keyed by `start` (see `domain::summary`).
pub const SUMMARIES: &str = "summaries";

/// Customers by owner (member id); unowned customers are not in it.
pub const BY_OWNER: &str = "by_owner";
/// Customers by last change.
pub const BY_UPDATED: &str = "by_updated";
/// Contacts, interactions, purchases and complaints by customer id.
pub const BY_CUSTOMER: &str = "by_customer";
/// Interactions with an open commitment, by due date (a sparse index: the `open_due` property
/// is only present while the commitment is open).
pub const BY_OPEN_DUE: &str = "by_open_due";
/// Name of the property behind [`BY_OPEN_DUE`].
pub const OPEN_DUE: &str = crate::domain::kinds::OPEN_DUE;

/// Saved segments, keyed by `id` (since version 2).
pub const SEGMENTS: &str = "segments";

/// Complaints, keyed by `id`, indexed by customer (since version 3).
pub const COMPLAINTS: &str = "complaints";

/// Recorded churn, keyed by `id`, indexed by customer (since version 4).
pub const CHURN_EVENTS: &str = "churn_events";
/// Win-back plans, keyed by `id`, indexed by customer (since version 4).
pub const WINBACKS: &str = "winbacks";

/// The account owner's loyalty ratings, keyed by `customer_id` (since version 4).
pub const LOYALTY_RATINGS: &str = "loyalty_ratings";

/// Satisfaction surveys, keyed by `id` (since version 5).
pub const SURVEYS: &str = "surveys";
/// Survey responses, keyed by `id`, indexed by customer and by survey (since version 5).
pub const RESPONSES: &str = "responses";
/// Responses by survey id.
pub const BY_SURVEY: &str = "by_survey";

/// The journal of imports, keyed by `id` (since version 6): what each import created and
/// what the records it changed were before, for undo. Not part of a backup.
pub const IMPORTS: &str = "imports";

/// Tombstones of records deleted for good, keyed by `id` (`kind:key`; since version 9).
pub const TOMBSTONES: &str = "tombstones";

/// The last analysis of the workspace, `{key, describes, data}` keyed by `key` (since
/// version 10): derived from the summaries, never backed up, cleared with the data.
pub const ANALYSES: &str = "analyses";

/// Leads, keyed by `id` (since version 11).
pub const LEADS: &str = "leads";
/// Interactions logged on leads, keyed by `id`, indexed by lead (`customer_id`) and by open
/// commitment due date (since version 12).
pub const LEAD_INTERACTIONS: &str = "lead_interactions";
/// The team's pipeline stages, one record keyed by `id` (since version 13).
pub const PIPELINES: &str = "pipelines";
/// Opportunities, keyed by `id`, indexed by customer and by their open next step's due date
/// (since version 13).
pub const OPPORTUNITIES: &str = "opportunities";

/// Products (the price list), keyed by `id`, indexed by code (since version 15).
pub const PRODUCTS: &str = "products";
/// Products by code in lower case (not unique: two devices may each add a code before a
/// merge; a save checks it).
pub const BY_CODE: &str = "by_code";
/// Name of the property behind [`BY_CODE`].
pub const CODE_KEY: &str = crate::domain::kinds::CODE_KEY;
/// Price agreements, keyed by `id` (since version 15).
pub const PRICE_AGREEMENTS: &str = "price_agreements";
/// Quotes, every version, keyed by `id`, indexed by customer (since version 15).
pub const QUOTES: &str = "quotes";
/// The team's quoting policy, one record keyed by `id` (since version 15).
pub const QUOTE_POLICIES: &str = "quote_policies";

/// What this device knows of each document on the team's server, keyed by `id` (the
/// document id), indexed by its unresolved conflicts (since version 16; see `store::sync`).
pub const SYNC_DOCS: &str = "sync_docs";
/// Documents with conflicting versions ([`SYNC_DOCS`] records with a `conflicts` list).
pub const BY_CONFLICTS: &str = "by_conflicts";
/// The outbox: documents changed here since they were last sent, `{id, at}` keyed by `id`,
/// marked in the same transaction as the change (since version 16).
pub const SYNC_OUTBOX: &str = "sync_outbox";
/// Sync's own state, keyed by `k`: the checkpoint of the server's changes read (since
/// version 16).
pub const SYNC_META: &str = "sync_meta";

/// The packed copy of every record of the [`PACKED_SOURCES`] (see `store::packed`), keyed by
/// `k`: `<store>/base` the pack, `<store>/d/<key>` a record written since (since version 14).
pub const PACKED: &str = "packed";
/// The stores read packed: every write transaction over one of them also covers [`PACKED`].
pub const PACKED_SOURCES: [&str; 5] = [LEADS, LEAD_INTERACTIONS, OPPORTUNITIES, PRODUCTS, QUOTES];

/// The stores a customer's summary is computed from, with the summaries themselves: every
/// write that can change a summary opens these.
pub const SUMMARISED: [&str; 7] = [
    CUSTOMERS,
    CONTACTS,
    INTERACTIONS,
    PURCHASE_PAGES,
    COMPLAINTS,
    QUOTES,
    SUMMARIES,
];

/// Stores of earlier versions, empty since their data moved (see `store::upgrade`): cleared
/// with the rest when everything is replaced or deleted.
pub const LEGACY_STORES: [&str; 2] = [PURCHASES, PURCHASE_BOOKS];

/// Brings a database from `old` (0 for a new one) to `new`, one version at a time.
pub fn upgrade(old: u32, new: u32, db: &Database) -> indexed_db_futures::Result<()> {
    if old < 1 && new >= 1 {
        let customers = db
            .create_object_store(CUSTOMERS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        customers
            .create_index(BY_OWNER, KeyPath::from("owner_id"))
            .build()?;
        customers
            .create_index(BY_UPDATED, KeyPath::from("updated_at"))
            .build()?;
        for name in [CONTACTS, PURCHASES] {
            db.create_object_store(name)
                .with_key_path(KeyPath::from("id"))
                .build()?
                .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
                .build()?;
        }
        let interactions = db
            .create_object_store(INTERACTIONS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        interactions
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
        interactions
            .create_index(BY_OPEN_DUE, KeyPath::from(OPEN_DUE))
            .build()?;
        db.create_object_store(MEMBERS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        db.create_object_store(SUMMARIES)
            .with_key_path(KeyPath::from("start"))
            .build()?;
    }
    if old < 2 && new >= 2 {
        db.create_object_store(SEGMENTS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
    }
    if old < 3 && new >= 3 {
        db.create_object_store(COMPLAINTS)
            .with_key_path(KeyPath::from("id"))
            .build()?
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
    }
    if old < 4 && new >= 4 {
        for name in [CHURN_EVENTS, WINBACKS] {
            db.create_object_store(name)
                .with_key_path(KeyPath::from("id"))
                .build()?
                .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
                .build()?;
        }
        db.create_object_store(LOYALTY_RATINGS)
            .with_key_path(KeyPath::from("customer_id"))
            .build()?;
    }
    if old < 5 && new >= 5 {
        db.create_object_store(SURVEYS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        let responses = db
            .create_object_store(RESPONSES)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        responses
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
        responses
            .create_index(BY_SURVEY, KeyPath::from("survey_id"))
            .build()?;
    }
    if old < 6 && new >= 6 {
        db.create_object_store(IMPORTS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
    }
    if old < 7 && new >= 7 {
        db.create_object_store(PURCHASE_BOOKS)
            .with_key_path(KeyPath::from("id"))
            .build()?
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
    }
    if old < 8 && new >= 8 {
        db.create_object_store(PURCHASE_PAGES)
            .with_key_path(KeyPath::from("start"))
            .build()?;
    }
    if old < 9 && new >= 9 {
        db.create_object_store(TOMBSTONES)
            .with_key_path(KeyPath::from("id"))
            .build()?;
    }
    if old < 10 && new >= 10 {
        db.create_object_store(ANALYSES)
            .with_key_path(KeyPath::from("key"))
            .build()?;
    }
    if old < 11 && new >= 11 {
        db.create_object_store(LEADS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
    }
    if old < 12 && new >= 12 {
        let activity = db
            .create_object_store(LEAD_INTERACTIONS)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        activity
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
        activity
            .create_index(BY_OPEN_DUE, KeyPath::from(OPEN_DUE))
            .build()?;
    }
    if old < 13 && new >= 13 {
        db.create_object_store(PIPELINES)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        let deals = db
            .create_object_store(OPPORTUNITIES)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        deals
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
        deals
            .create_index(BY_OPEN_DUE, KeyPath::from(OPEN_DUE))
            .build()?;
    }
    if old < 14 && new >= 14 {
        // Empty: each pack is made from its records the first time they are read.
        db.create_object_store(PACKED)
            .with_key_path(KeyPath::from("k"))
            .build()?;
    }
    if old < 15 && new >= 15 {
        db.create_object_store(PRODUCTS)
            .with_key_path(KeyPath::from("id"))
            .build()?
            .create_index(BY_CODE, KeyPath::from(CODE_KEY))
            .build()?;
        for name in [PRICE_AGREEMENTS, QUOTE_POLICIES] {
            db.create_object_store(name)
                .with_key_path(KeyPath::from("id"))
                .build()?;
        }
        db.create_object_store(QUOTES)
            .with_key_path(KeyPath::from("id"))
            .build()?
            .create_index(BY_CUSTOMER, KeyPath::from("customer_id"))
            .build()?;
    }
    if old < 16 && new >= 16 {
        db.create_object_store(SYNC_DOCS)
            .with_key_path(KeyPath::from("id"))
            .build()?
            .create_index(BY_CONFLICTS, KeyPath::from("conflicts"))
            .build()?;
        db.create_object_store(SYNC_OUTBOX)
            .with_key_path(KeyPath::from("id"))
            .build()?;
        db.create_object_store(SYNC_META)
            .with_key_path(KeyPath::from("k"))
            .build()?;
    }
    Ok(())
}
