//! Per-customer summaries: the compact data the app loads at start-up instead of every record.
//!
//! A summary holds what the customer list shows, filters, sorts and searches (identity, owner,
//! tags, contact channels) plus activity aggregates computed from the customer's contacts,
//! interactions and purchases. The store keeps summaries in chunks of about
//! [`CHUNK_TARGET`] customers, each one binary blob, updated in the same IndexedDB transaction
//! as the records they summarise: reading 100,000 summaries is then a few hundred blob reads
//! rather than 100,000 object clones. Everything here is pure so the chunk arithmetic and the
//! aggregates are tested natively; a test rebuilds summaries from records and compares.

use crate::domain::complaint::Complaint;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::{Customer, CustomerKind, Party, Source};
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::money::Currency;
use crate::domain::money::Money;
use crate::domain::purchase::Purchase;
use crate::domain::quote::{Quote, QuoteStatus};
use crate::domain::time::{Timestamp, epoch_day, from_epoch_day};
use crate::domain::wire::{Reader, Writer};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

mod codec;
mod days;
mod texts;

pub use days::{DayHistory, Days};
pub use texts::{TextList, Texts};

/// What a customer bought on one day in one currency: the purchase history the analysis
/// (RFM, importance, loyalty, lifecycle, the prediction models) is computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurchaseDay {
    /// Days since 1970-01-01.
    pub day: i32,
    /// Currency of the amounts.
    pub currency: Currency,
    /// Total paid that day, in minor units.
    pub amount: i64,
    /// Total gross margin recorded that day, in minor units; `None` when no purchase of the
    /// day has a margin.
    pub margin: Option<i64>,
}

/// Activity aggregates of one customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Activity {
    /// Number of purchases.
    pub purchase_count: u32,
    /// Number of distinct days with a purchase.
    pub purchase_days: u32,
    /// First purchase, as days since 1970-01-01.
    pub first_purchase: Option<i32>,
    /// Last purchase, as days since 1970-01-01.
    pub last_purchase: Option<i32>,
    /// Lifetime revenue per currency, in minor units, sorted by currency.
    pub revenue: Vec<(Currency, i64)>,
    /// Lifetime gross margin per currency where recorded, in minor units.
    pub margin: Vec<(Currency, i64)>,
    /// Number of interactions.
    pub interaction_count: u32,
    /// Most recent interaction.
    pub last_interaction: Option<Timestamp>,
    /// Commitments not yet done.
    pub open_commitments: u32,
    /// Earliest due date among open commitments, as days since 1970-01-01.
    pub next_commitment_due: Option<i32>,
    /// Purchases per day and currency, oldest first (packed: see [`DayHistory`]).
    pub history: DayHistory,
    /// Complaints not yet closed: while above zero the customer is flagged everywhere and
    /// left out of marketing exports.
    pub open_complaints: u32,
    /// Earliest deadline among complaints still waiting for a solution.
    pub next_complaint_due: Option<Timestamp>,
    /// The customer's quotes in play (see [`OpenQuote`]), oldest first: the "open quote" and
    /// "quoted amount" of the list and the segments. Not in the serde form (only the
    /// format-3 chunks of before quotes are decoded with it).
    #[serde(skip)]
    pub open_quotes: Vec<OpenQuote>,
}

/// One quote of a customer still in play when it was written: a draft or one awaiting
/// approval (open until it is sent, rejected or dropped), or a sent one — open until its
/// last valid day, then expired without anything being written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenQuote {
    /// The last day a sent quote holds, as days since 1970-01-01; `None` for a draft or a
    /// quote awaiting approval, which do not expire.
    pub until: Option<i32>,
    pub currency: Currency,
    /// Its net total (after discounts, before tax), in minor units.
    pub net: i64,
}

impl OpenQuote {
    /// Whether it is still open on `day` (days since 1970-01-01).
    pub fn open_on(&self, day: i32) -> bool {
        self.until.is_none_or(|u| day <= u)
    }
}

impl Activity {
    /// Aggregates computed from all of a customer's purchases and interactions.
    pub fn compute(purchases: &[Purchase], interactions: &[Interaction]) -> Self {
        let mut a = Activity::default();
        a.set_purchases(purchases);
        a.interaction_count = interactions.len() as u32;
        a.last_interaction = interactions.iter().map(|i| i.at).max();
        for c in interactions.iter().filter_map(|i| i.commitment.as_ref()) {
            if c.is_open() {
                a.open_commitments += 1;
                let due = epoch_day(c.due);
                a.next_commitment_due = Some(a.next_commitment_due.map_or(due, |d| d.min(due)));
            }
        }
        a
    }

    /// Recomputes the figures that come from purchases from all of the customer's purchases,
    /// keeping those from interactions and complaints.
    pub fn set_purchases(&mut self, purchases: &[Purchase]) {
        let a = self;
        let mut days: Vec<i32> = purchases.iter().map(|p| epoch_day(p.date)).collect();
        days.sort_unstable();
        a.first_purchase = days.first().copied();
        a.last_purchase = days.last().copied();
        days.dedup();
        a.purchase_days = days.len() as u32;
        a.purchase_count = purchases.len() as u32;
        a.revenue.clear();
        a.margin.clear();
        let mut history: Vec<PurchaseDay> = Vec::new();
        for p in purchases {
            let amount = p.amount.minor_units();
            let margin = p
                .margin
                .map(|m| crate::domain::money::Money::new(m, p.amount.currency).minor_units());
            add_to(&mut a.revenue, p.amount.currency, amount);
            if let Some(minor) = margin {
                add_to(&mut a.margin, p.amount.currency, minor);
            }
            let day = epoch_day(p.date);
            let key = (day, p.amount.currency);
            match history.binary_search_by_key(&key, |h| (h.day, h.currency)) {
                Ok(i) => {
                    let h = &mut history[i];
                    h.amount = h.amount.saturating_add(amount);
                    if let Some(m) = margin {
                        h.margin = Some(h.margin.unwrap_or(0).saturating_add(m));
                    }
                }
                Err(i) => history.insert(
                    i,
                    PurchaseDay {
                        day,
                        currency: p.amount.currency,
                        amount,
                        margin,
                    },
                ),
            }
        }
        a.history = history.into();
    }

    /// Lifetime revenue in one currency, in minor units.
    pub fn revenue_in(&self, currency: Currency) -> i64 {
        self.revenue
            .iter()
            .find(|(c, _)| *c == currency)
            .map_or(0, |(_, v)| *v)
    }

    /// Sets the complaint figures from all of the customer's complaints.
    pub fn set_complaints(&mut self, complaints: &[Complaint]) {
        self.open_complaints = complaints.iter().filter(|c| c.is_open()).count() as u32;
        self.next_complaint_due = complaints
            .iter()
            .filter(|c| c.is_pending())
            .map(|c| c.due)
            .min();
    }

    /// Sets the quote figures from all of the customer's quotes (every version, those in the
    /// trash included): the versions still in play as [`OpenQuote`]s, whatever the day.
    pub fn set_quotes(&mut self, quotes: &[Quote]) {
        let mut open: Vec<(Id, OpenQuote)> = quotes
            .iter()
            .filter(|q| q.deleted_at.is_none() && q.superseded_by.is_none())
            .filter_map(|q| {
                let until = match q.status {
                    QuoteStatus::Draft | QuoteStatus::AwaitingApproval => None,
                    QuoteStatus::Sent { .. } => Some(epoch_day(q.valid_until)),
                    QuoteStatus::Accepted { .. } | QuoteStatus::Rejected { .. } => return None,
                };
                let net = Money::new(q.totals().net, q.currency).minor_units();
                Some((
                    q.id,
                    OpenQuote {
                        until,
                        currency: q.currency,
                        net,
                    },
                ))
            })
            .collect();
        open.sort_by_key(|(id, _)| *id);
        self.open_quotes = open.into_iter().map(|(_, o)| o).collect();
    }

    /// Whether a quote is open on `day` (days since 1970-01-01).
    pub fn has_open_quote(&self, day: i32) -> bool {
        self.open_quotes.iter().any(|q| q.open_on(day))
    }

    /// The net total of the quotes open on `day`, per currency (minor units), sorted by
    /// currency.
    pub fn quoted_on(&self, day: i32) -> Vec<(Currency, i64)> {
        let mut out = Vec::new();
        for q in self.open_quotes.iter().filter(|q| q.open_on(day)) {
            add_to(&mut out, q.currency, q.net);
        }
        out
    }

    /// Whether a complaint waiting for a solution is past its deadline at `now`.
    pub fn has_overdue_complaint(&self, now: Timestamp) -> bool {
        self.next_complaint_due.is_some_and(|d| now.0 > d.0)
    }

    /// The last purchase as a date.
    pub fn last_purchase_date(&self) -> Option<NaiveDate> {
        self.last_purchase.map(from_epoch_day)
    }

    /// The first purchase as a date.
    pub fn first_purchase_date(&self) -> Option<NaiveDate> {
        self.first_purchase.map(from_epoch_day)
    }

    /// Whether an open commitment is past its due date.
    pub fn has_overdue_commitment(&self, today: NaiveDate) -> bool {
        self.next_commitment_due
            .is_some_and(|d| d < epoch_day(today))
    }
}

fn add_to(totals: &mut Vec<(Currency, i64)>, currency: Currency, minor: i64) {
    match totals.binary_search_by_key(&currency, |(c, _)| *c) {
        Ok(i) => totals[i].1 = totals[i].1.saturating_add(minor),
        Err(i) => totals.insert(i, (currency, minor)),
    }
}

/// What the list needs to know about one customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub id: Id,
    pub party: Party,
    pub kind: CustomerKind,
    pub name: String,
    pub company: String,
    pub region: String,
    pub industry: String,
    pub phones: TextList,
    pub emails: TextList,
    pub wechat: String,
    /// Names of the customer's contact persons (searchable).
    pub contact_names: TextList,
    pub owner_id: Option<Id>,
    pub tags: TextList,
    pub source: Source,
    pub do_not_contact: bool,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub deleted_at: Option<Timestamp>,
    pub activity: Activity,
}

impl CustomerSummary {
    /// The summary of a customer and all of its records.
    pub fn build(
        customer: &Customer,
        contacts: &[ContactPerson],
        interactions: &[Interaction],
        purchases: &[Purchase],
    ) -> Self {
        let mut s = Self::of_customer(customer, Activity::compute(purchases, interactions));
        // In id order, so the same records always give the same summary.
        let mut people: Vec<&ContactPerson> = contacts.iter().collect();
        people.sort_by_key(|c| c.id);
        s.contact_names = people.into_iter().map(|c| c.name.as_str()).collect();
        s
    }

    /// The summary of a customer's own fields, with activity figures already known.
    pub fn of_customer(c: &Customer, activity: Activity) -> Self {
        CustomerSummary {
            id: c.id,
            party: c.party,
            kind: c.kind,
            name: c.name.clone(),
            company: c.company.clone(),
            region: c.region.clone(),
            industry: c.industry.clone(),
            phones: TextList::from(&c.phones),
            emails: TextList::from(&c.emails),
            wechat: c.wechat.clone(),
            contact_names: TextList::default(),
            owner_id: c.owner_id,
            tags: TextList::from(&c.tags),
            source: c.source,
            do_not_contact: c.do_not_contact.is_some(),
            created_at: c.created_at,
            updated_at: c.updated_at,
            deleted_at: c.deleted_at,
            activity,
        }
    }

    /// Refreshes the customer's own fields, keeping activity and contact names.
    pub fn refresh_customer(&mut self, c: &Customer) {
        let activity = std::mem::take(&mut self.activity);
        let contact_names = std::mem::take(&mut self.contact_names);
        *self = Self::of_customer(c, activity);
        self.contact_names = contact_names;
    }
}

/// Target number of customers per chunk.
pub const CHUNK_TARGET: usize = 1000;
/// A chunk that grows beyond this is split into chunks of [`CHUNK_TARGET`].
pub const CHUNK_MAX: usize = 2 * CHUNK_TARGET;

/// The key of the first chunk. Chunks are keyed by the lowest id they may hold (as text), and
/// the first one by the empty string, so every id has a chunk: the one with the greatest key
/// not above the id.
pub const FIRST_CHUNK: &str = "";

/// What a set of stored chunks holds, as one number: each chunk carries a generation, a
/// random number drawn whenever its rows are written, and the stamp folds every chunk's key
/// and generation (in key order). Equal stamps mean the same rows, so an analysis stored
/// with the stamp of the chunks it was made from can be reused while the stamp holds,
/// without comparing any rows. Chunks written before generations existed count as
/// generation 0: nothing can write them again without giving them one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp(u64);

impl Default for Stamp {
    fn default() -> Self {
        // FNV-1a's offset basis.
        Stamp(0xcbf2_9ce4_8422_2325)
    }
}

impl Stamp {
    /// Folds in the next chunk (chunks in key order).
    pub fn add(&mut self, key: &str, generation: f64) {
        // The key's length first, so no two sequences of keys run together alike.
        self.fold(&(key.len() as u64).to_le_bytes());
        self.fold(key.as_bytes());
        self.fold(&generation.to_bits().to_le_bytes());
    }

    /// FNV-1a over `bytes`.
    fn fold(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(PRIME);
        }
    }

    /// The stamp as a number.
    pub fn value(self) -> u64 {
        self.0
    }
}

/// Format version of the chunk encoding, written by [`encode_chunk`] (see [`codec`]).
/// Version 2 added the purchase history, version 3 the complaint figures; version 4 is the
/// hand-written encoding of the same fields, version 5 adds the open quotes. Chunks of
/// versions 3 and 4 are still read (without quote figures, which the rewrite of an outdated
/// chunk adds: see `store::summaries::upgrade_outdated_chunks`); older ones are rebuilt from
/// the records.
const CHUNK_FORMAT: u8 = 5;
/// Version 4: the hand-written encoding without the open quotes.
const CHUNK_FORMAT_V4: u8 = 4;
/// Version 3: the same fields in postcard's serde encoding.
const CHUNK_FORMAT_SERDE: u8 = 3;

/// Encodes the summaries of a chunk.
pub fn encode_chunk(rows: &[CustomerSummary]) -> Vec<u8> {
    let mut w = Writer::with_capacity(1 + 5 + rows.len() * codec::ROW_BYTES);
    w.u8(CHUNK_FORMAT);
    codec::write_rows(&mut w, rows, codec::Layout::WithQuotes);
    w.into_bytes()
}

/// Encodes the summaries of a chunk whose rows were read from a chunk without quote figures
/// (an older format) in format 4, without them: a write to such a chunk before its upgrade
/// (see `store::summaries::upgrade_outdated_chunks`) keeps it marked as lacking them, so the
/// upgrade still fills them in.
pub fn encode_chunk_without_quotes(rows: &[CustomerSummary]) -> Vec<u8> {
    let mut w = Writer::with_capacity(1 + 5 + rows.len() * codec::ROW_BYTES);
    w.u8(CHUNK_FORMAT_V4);
    codec::write_rows(&mut w, rows, codec::Layout::Version4);
    w.into_bytes()
}

/// Why a chunk could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChunkError {
    /// Written by another version of the app.
    #[error("summary chunk has format {0}, expected {CHUNK_FORMAT}")]
    Format(u8),
    /// Damaged bytes.
    #[error("summary chunk is damaged: {0}")]
    Corrupt(String),
}

/// How many summaries a chunk holds, read from its first bytes (the format byte and the
/// length in front of the rows), so a reader can make room for all chunks before decoding
/// any. `None` for a chunk of another format or too short to say.
pub fn chunk_len(head: &[u8]) -> Option<usize> {
    match head.split_first() {
        // Both formats put the row count first, as a LEB128 varint.
        Some((&(CHUNK_FORMAT | CHUNK_FORMAT_V4 | CHUNK_FORMAT_SERDE), rest)) => Reader::new(rest)
            .uvar()
            .ok()
            .and_then(|n| usize::try_from(n).ok()),
        _ => None,
    }
}

/// Whether a chunk is in the format [`encode_chunk`] writes (and not an older one that is
/// still read, or damaged).
pub fn chunk_is_current(bytes: &[u8]) -> bool {
    bytes.first() == Some(&CHUNK_FORMAT)
}

/// The layout of a chunk of a hand-written format.
fn layout(format: u8) -> codec::Layout {
    if format == CHUNK_FORMAT_V4 {
        codec::Layout::Version4
    } else {
        codec::Layout::WithQuotes
    }
}

/// Decodes a chunk written by [`encode_chunk`] (or by the versions before).
pub fn decode_chunk(bytes: &[u8]) -> Result<Vec<CustomerSummary>, ChunkError> {
    let mut rows = Vec::new();
    decode_chunk_into(bytes, &mut rows)?;
    Ok(rows)
}

/// Decodes a chunk onto the end of `rows`, where start-up gathers every chunk without moving
/// them again. On an error `rows` is as it was.
pub fn decode_chunk_into(bytes: &[u8], rows: &mut Vec<CustomerSummary>) -> Result<(), ChunkError> {
    use crate::domain::blob::{Undecodable, decode};
    match bytes.split_first() {
        Some((&(CHUNK_FORMAT | CHUNK_FORMAT_V4), rest)) => {
            let before = rows.len();
            let mut r = Reader::new(rest);
            let read = codec::read_rows(&mut r, rows, layout(bytes[0])).and_then(|()| r.finish());
            read.map_err(|e| {
                rows.truncate(before);
                ChunkError::Corrupt(e.to_string())
            })
        }
        Some((&CHUNK_FORMAT_SERDE, _)) => match decode(CHUNK_FORMAT_SERDE, bytes) {
            Ok(mut read) => {
                rows.append(&mut read);
                Ok(())
            }
            Err(Undecodable::Format(f)) => Err(ChunkError::Format(f)),
            Err(Undecodable::Corrupt(why)) => Err(ChunkError::Corrupt(why)),
        },
        Some((&other, _)) => Err(ChunkError::Format(other)),
        None => Err(ChunkError::Corrupt("empty".into())),
    }
}

/// Reads the purchase histories of a chunk's customers not in the trash onto the end of
/// `out` (see [`Histories`]): what the analysis needs, without decoding whole summaries. On
/// an error `out` may hold part of the chunk; the caller discards it.
pub fn chunk_histories(
    bytes: &[u8],
    out: &mut crate::domain::analysis::input::Histories,
) -> Result<(), ChunkError> {
    match bytes.split_first() {
        Some((&(CHUNK_FORMAT | CHUNK_FORMAT_V4), rest)) => {
            let mut r = Reader::new(rest);
            codec::read_histories(&mut r, out, layout(bytes[0]))
                .and_then(|()| r.finish())
                .map_err(|e| ChunkError::Corrupt(e.to_string()))
        }
        _ => {
            for row in decode_chunk(bytes)?
                .iter()
                .filter(|r| r.deleted_at.is_none())
            {
                out.push(row.id, row.activity.history.iter());
            }
            Ok(())
        }
    }
}

/// The index (into `keys`, sorted ascending, starting with [`FIRST_CHUNK`]) of the chunk that
/// holds or would hold `id`.
pub fn chunk_of(keys: &[String], id: Id) -> usize {
    let text = id.to_string();
    keys.partition_point(|k| k.as_str() <= text.as_str())
        .saturating_sub(1)
}

/// Applies changes to the rows of one chunk: replaces or inserts `upserts` and removes
/// `removals`, keeping rows sorted by id.
pub fn merge_rows(rows: &mut Vec<CustomerSummary>, upserts: Vec<CustomerSummary>, removals: &[Id]) {
    for s in upserts {
        match rows.binary_search_by_key(&s.id, |r| r.id) {
            Ok(i) => rows[i] = s,
            Err(i) => rows.insert(i, s),
        }
    }
    rows.retain(|r| !removals.contains(&r.id));
}

/// Splits an oversized chunk into pieces of [`CHUNK_TARGET`] rows: the first piece keeps the
/// chunk's key, each further piece is keyed by the id of its first row. A chunk within
/// [`CHUNK_MAX`] is returned whole.
pub fn split_chunk(key: String, rows: Vec<CustomerSummary>) -> Vec<(String, Vec<CustomerSummary>)> {
    if rows.len() <= CHUNK_MAX {
        return vec![(key, rows)];
    }
    let mut pieces = Vec::new();
    let mut rows = rows.into_iter().peekable();
    let mut first = true;
    while rows.peek().is_some() {
        let piece: Vec<CustomerSummary> = rows.by_ref().take(CHUNK_TARGET).collect();
        let piece_key = if first {
            key.clone()
        } else {
            piece[0].id.to_string()
        };
        first = false;
        pieces.push((piece_key, piece));
    }
    pieces
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::interaction::{Channel, Commitment};
    use crate::domain::money::Money;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn purchase(
        customer: Id,
        date: NaiveDate,
        amount: &str,
        currency: Currency,
        margin: Option<&str>,
    ) -> Purchase {
        Purchase {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            customer_id: customer,
            date,
            amount: Money::new(Decimal::from_str(amount).unwrap(), currency),
            quantity: Decimal::ONE,
            product: "x".into(),
            order: String::new(),
            margin: margin.map(|m| Decimal::from_str(m).unwrap()),
            notes: String::new(),
            discounted: false,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
        }
    }

    fn interaction(customer: Id, at: i64, commitment: Option<(NaiveDate, bool)>) -> Interaction {
        Interaction {
            rev: crate::domain::record::Rev::default(),
            id: Id::generate(),
            customer_id: customer,
            at: Timestamp(at),
            channel: Channel::Call,
            member_id: None,
            contact_id: None,
            summary: "s".into(),
            commitment: commitment.map(|(due, done)| Commitment {
                text: "c".into(),
                due,
                owner_id: None,
                done_at: done.then_some(Timestamp(1)),
            }),
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
        }
    }

    #[test]
    fn a_chunk_tells_its_length_from_its_first_bytes() {
        let rows: Vec<CustomerSummary> = (0..300)
            .map(|n| summary(Id::from_parts(1_700_000_000_000 + n, [0; 10])))
            .collect();
        let bytes = encode_chunk(&rows);
        // 300 needs two bytes of length: 0b1010_1100, 0b10.
        assert_eq!(chunk_len(&bytes[..3]), Some(300));
        assert_eq!(chunk_len(&bytes[..2]), None, "cut inside the length");
        assert_eq!(chunk_len(&encode_chunk(&[])), Some(0));
        let mut other = bytes.clone();
        other[0] = CHUNK_FORMAT + 1;
        assert_eq!(chunk_len(&other), None);
        assert_eq!(chunk_len(&[]), None);
    }

    #[test]
    fn activity_from_records() {
        let c = Id::generate();
        let purchases = vec![
            purchase(c, day(2025, 3, 1), "100.10", Currency::Cny, Some("30")),
            purchase(c, day(2025, 3, 1), "50", Currency::Cny, None),
            purchase(c, day(2024, 12, 31), "20", Currency::Usd, Some("-5.5")),
            purchase(c, day(2026, 1, 2), "0.9", Currency::Cny, None),
        ];
        let interactions = vec![
            interaction(c, 10, Some((day(2026, 12, 1), false))),
            interaction(c, 30, Some((day(2026, 11, 1), false))),
            interaction(c, 20, Some((day(2026, 10, 1), true))),
            interaction(c, 5, None),
        ];
        let a = Activity::compute(&purchases, &interactions);
        assert_eq!(a.purchase_count, 4);
        assert_eq!(
            a.purchase_days, 3,
            "two purchases on 2025-03-01 count as one day"
        );
        assert_eq!(a.first_purchase_date(), Some(day(2024, 12, 31)));
        assert_eq!(a.last_purchase_date(), Some(day(2026, 1, 2)));
        // 100.10 + 50 + 0.90 = 151.00 yuan = 15,100 fen; 20 dollars = 2,000 cents.
        assert_eq!(
            a.revenue,
            vec![(Currency::Cny, 15_100), (Currency::Usd, 2_000)]
        );
        assert_eq!(a.revenue_in(Currency::Cny), 15_100);
        assert_eq!(a.revenue_in(Currency::Eur), 0);
        assert_eq!(
            a.margin,
            vec![(Currency::Cny, 3_000), (Currency::Usd, -550)]
        );
        assert_eq!(a.interaction_count, 4);
        assert_eq!(a.last_interaction, Some(Timestamp(30)));
        assert_eq!(a.open_commitments, 2, "the done one does not count");
        assert_eq!(
            a.next_commitment_due.map(from_epoch_day),
            Some(day(2026, 11, 1))
        );
        assert!(a.has_overdue_commitment(day(2026, 11, 2)));
        assert!(!a.has_overdue_commitment(day(2026, 11, 1)));
    }

    #[test]
    fn new_purchases_replace_only_the_purchase_figures() {
        let c = Id::generate();
        let first = vec![purchase(
            c,
            day(2025, 3, 1),
            "100",
            Currency::Cny,
            Some("30"),
        )];
        let interactions = vec![interaction(c, 10, Some((day(2026, 12, 1), false)))];
        let mut a = Activity::compute(&first, &interactions);
        a.open_complaints = 2;
        let mut all = first.clone();
        all.push(purchase(c, day(2024, 1, 5), "20", Currency::Usd, None));
        all.push(purchase(c, day(2025, 3, 1), "0.5", Currency::Cny, None));
        a.set_purchases(&all);
        // 100 + 0.50 yuan = 10,050 fen on 2025-03-01, 20 dollars on 2024-01-05.
        assert_eq!(a.purchase_count, 3);
        assert_eq!(a.purchase_days, 2);
        assert_eq!(a.first_purchase_date(), Some(day(2024, 1, 5)));
        assert_eq!(a.last_purchase_date(), Some(day(2025, 3, 1)));
        assert_eq!(
            a.revenue,
            vec![(Currency::Cny, 10_050), (Currency::Usd, 2_000)]
        );
        assert_eq!(a.margin, vec![(Currency::Cny, 3_000)]);
        assert_eq!(a.history.len(), 2);
        // Interaction and complaint figures are kept.
        assert_eq!(a.interaction_count, 1);
        assert_eq!(a.open_commitments, 1);
        assert_eq!(a.open_complaints, 2);
        let mut expected = Activity::compute(&all, &interactions);
        expected.open_complaints = 2;
        assert_eq!(a, expected);
        a.set_purchases(&[]);
        assert_eq!(a.purchase_count, 0);
        assert!(a.revenue.is_empty() && a.history.is_empty() && a.last_purchase.is_none());
    }

    #[test]
    fn empty_activity() {
        let a = Activity::compute(&[], &[]);
        assert_eq!(a, Activity::default());
        assert!(!a.has_overdue_commitment(day(2030, 1, 1)));
    }

    pub(crate) fn summary(id: Id) -> CustomerSummary {
        CustomerSummary {
            id,
            party: Party::Organisation,
            kind: CustomerKind::EnterpriseBuyer,
            name: format!("c{id}"),
            company: String::new(),
            region: String::new(),
            industry: String::new(),
            phones: TextList::default(),
            emails: TextList::default(),
            wechat: String::new(),
            contact_names: TextList::default(),
            owner_id: None,
            tags: TextList::default(),
            source: Source::Other,
            do_not_contact: false,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            deleted_at: None,
            activity: Activity::default(),
        }
    }

    fn ids(n: usize) -> Vec<Id> {
        (0..n)
            .map(|i| Id::from_parts(1_700_000_000_000 + i as u64, [0; 10]))
            .collect()
    }

    #[test]
    fn chunks_round_trip_and_refuse_garbage() {
        let rows: Vec<_> = ids(3).into_iter().map(summary).collect();
        let bytes = encode_chunk(&rows);
        assert_eq!(decode_chunk(&bytes).unwrap(), rows);
        assert_eq!(decode_chunk(&[]), Err(ChunkError::Corrupt("empty".into())));
        assert_eq!(decode_chunk(&[9, 1, 2]), Err(ChunkError::Format(9)));
        assert!(matches!(
            decode_chunk(&bytes[..bytes.len() / 2]),
            Err(ChunkError::Corrupt(_))
        ));
    }

    /// A summary with every optional field present and values away from zero.
    fn full_summary() -> CustomerSummary {
        let mut s = summary(Id::from_parts(1_795_420_800_000, [9; 10]));
        s.party = Party::Individual;
        s.kind = CustomerKind::Distributor;
        s.source = Source::Referral;
        s.company = "杭州西湖茶业有限公司".into();
        s.region = "浙江".into();
        s.industry = "茶叶".into();
        s.phones = ["13800138000", "0571-8888 6666"].into();
        s.emails = ["li@example.com"].into();
        s.wechat = "wx_li".into();
        s.contact_names = ["李娜", ""].into();
        s.owner_id = Some(Id::from_parts(1_700_000_000_000, [1; 10]));
        s.tags = ["VIP"].into();
        s.do_not_contact = true;
        s.created_at = Timestamp(1_795_420_800_123);
        s.updated_at = Timestamp(1_795_000_000_000);
        s.deleted_at = Some(Timestamp(-1));
        s.activity = Activity {
            purchase_count: 3,
            purchase_days: 2,
            first_purchase: Some(-3),
            last_purchase: Some(20_500),
            revenue: vec![(Currency::Cny, 1_234_567), (Currency::Gbp, -20)],
            margin: vec![(Currency::Cny, 99)],
            interaction_count: 7,
            last_interaction: Some(Timestamp(i64::MIN)),
            open_commitments: 1,
            next_commitment_due: Some(i32::MAX),
            history: vec![
                PurchaseDay {
                    day: 20_500,
                    currency: Currency::Cny,
                    amount: 1_234_567,
                    margin: Some(99),
                },
                PurchaseDay {
                    day: -3,
                    currency: Currency::Gbp,
                    amount: -20,
                    margin: None,
                },
            ]
            .into(),
            open_complaints: u32::MAX,
            next_complaint_due: Some(Timestamp(i64::MAX)),
            open_quotes: vec![
                OpenQuote {
                    until: Some(i32::MIN),
                    currency: Currency::Jpy,
                    net: i64::MAX,
                },
                OpenQuote {
                    until: None,
                    currency: Currency::Cny,
                    net: -1,
                },
            ],
        };
        s
    }

    #[test]
    fn a_chunk_is_written_in_the_documented_bytes() {
        let mut s = summary(Id::from_bytes([1; 16]));
        s.name = "王".into();
        s.created_at = Timestamp(1000);
        s.updated_at = Timestamp(1500);
        s.activity.purchase_count = 2;
        s.activity.purchase_days = 1;
        s.activity.first_purchase = Some(20_000);
        s.activity.last_purchase = Some(20_000);
        s.activity.revenue = vec![(Currency::Cny, 12_345)];
        s.activity.history = vec![PurchaseDay {
            day: 20_000,
            currency: Currency::Cny,
            amount: 12_345,
            margin: Some(-5),
        }]
        .into();
        // Worked out by hand from the layout in `codec`: zigzag(1000) = 2000 = [0xD0, 0x0F];
        // zigzag(500) = 1000 = [0xE8, 0x07]; zigzag(20000) = 40000 = [0xC0, 0xB8, 0x02];
        // zigzag(12345) = 24690 = [0xF2, 0xC0, 0x01]; zigzag(-5) = 9.
        let mut expected = vec![5, 1];
        expected.extend([1; 16]);
        expected.extend([0, 0, 5, 0]); // organisation, enterprise buyer, other source, no flags
        expected.extend([3, 0xE7, 0x8E, 0x8B, 0, 0, 0, 0]); // "王", four empty texts
        expected.extend([0, 0, 0, 0]); // four empty lists
        expected.extend([0xD0, 0x0F, 0xE8, 0x07]); // created, updated - created
        expected.extend([2, 1, 3, 0xC0, 0xB8, 0x02, 0xC0, 0xB8, 0x02]); // counts, first and last day
        expected.extend([1, 0, 0xF2, 0xC0, 0x01, 0]); // revenue in CNY, no margin
        expected.extend([0, 0, 0]); // interactions, open commitments, open complaints
        expected.extend([1, 0xC0, 0xB8, 0x02, 1, 0xF2, 0xC0, 0x01, 9]); // one day of history
        expected.push(0); // no open quote
        assert_eq!(encode_chunk(std::slice::from_ref(&s)), expected);
        assert_eq!(decode_chunk(&expected).unwrap(), vec![s.clone()]);
        // A sent dollar quote of $10.00 valid until day 20,010: tag USD (1) << 1 | 1 = 3,
        // zigzag(20010) = 40020 = [0xD4, 0xB8, 0x02], zigzag(1000) = 2000 = [0xD0, 0x0F].
        s.activity.open_quotes = vec![OpenQuote {
            until: Some(20_010),
            currency: Currency::Usd,
            net: 1000,
        }];
        expected.pop();
        expected.extend([1, 3, 0xD4, 0xB8, 0x02, 0xD0, 0x0F]);
        assert_eq!(encode_chunk(std::slice::from_ref(&s)), expected);
        assert_eq!(decode_chunk(&expected).unwrap(), vec![s]);
    }

    #[test]
    fn chunks_of_format_4_are_read_without_quotes_and_marked_for_rewriting() {
        let mut rows = vec![full_summary(), summary(Id::MIN)];
        for r in &mut rows {
            r.activity.open_quotes.clear();
        }
        // Format 5 without quotes is format 4 with a zero after each row's history.
        let mut v4 = vec![4, 2];
        for r in &rows {
            let one = encode_chunk(std::slice::from_ref(r));
            // The format byte, the row count (1), the row, its zero quote count.
            assert_eq!(one.last(), Some(&0));
            v4.extend(&one[2..one.len() - 1]);
        }
        assert_eq!(encode_chunk_without_quotes(&rows), v4);
        // Rows with quotes lose them there (and only there).
        assert_eq!(
            decode_chunk(&encode_chunk_without_quotes(&[full_summary()])).unwrap()[0]
                .activity
                .open_quotes,
            []
        );
        assert_eq!(chunk_len(&v4), Some(2));
        assert_eq!(decode_chunk(&v4).unwrap(), rows);
        assert!(!chunk_is_current(&v4));
        assert!(chunk_is_current(&encode_chunk(&rows)));
        let mut from_v4 = crate::domain::analysis::input::Histories::default();
        chunk_histories(&v4, &mut from_v4).unwrap();
        assert_eq!(from_v4, histories_of(&rows));
    }

    fn quote(status: QuoteStatus, valid_until: NaiveDate, price: &str) -> Quote {
        use crate::domain::quote::totals::TaxMode;
        use crate::domain::quote::{LinePrice, QuoteFields, QuoteLine};
        let line = QuoteLine {
            product_id: Id::MIN,
            code: "A".into(),
            name: "A".into(),
            category: String::new(),
            unit: "个".into(),
            quantity: Decimal::from(3),
            unit_price: Decimal::from_str(price).unwrap(),
            reference_price: Decimal::from_str(price).unwrap(),
            list_price: Decimal::from_str(price).unwrap(),
            price: LinePrice::Manual,
            discount: Decimal::from(10),
            tax_rate: Decimal::from(13),
            cost: None,
        };
        let mut q = QuoteFields {
            customer_id: Id::MIN,
            opportunity_id: None,
            currency: Currency::Cny,
            tax_mode: TaxMode::Exclusive,
            lines: vec![line],
            discount: Decimal::ZERO,
            valid_until,
            payment_terms: String::new(),
            notes: String::new(),
        }
        .into_quote("QT-1".into(), None, Timestamp(0));
        q.status = status;
        q
    }

    #[test]
    fn open_quotes_are_drafts_awaiting_and_sent_ones_until_their_last_valid_day() {
        let sent = QuoteStatus::Sent { at: Timestamp(1) };
        let until = day(2026, 12, 10);
        // 3 × ¥100.00 less 10 % = ¥270.00 net (27,000 fen), before 13 % VAT.
        let draft = quote(QuoteStatus::Draft, day(2026, 1, 1), "100.00");
        let awaiting = quote(QuoteStatus::AwaitingApproval, day(2026, 1, 1), "100.00");
        // 3 × ¥33.33 = 99.99 less 10 % = 89.991 → ¥89.99 net.
        let sent_one = quote(sent.clone(), until, "33.33");
        let accepted = quote(QuoteStatus::Accepted { at: Timestamp(2) }, until, "1");
        let rejected = quote(
            QuoteStatus::Rejected {
                at: Timestamp(2),
                reason: crate::domain::quote::RejectReason::Price,
                note: String::new(),
            },
            until,
            "1",
        );
        let mut superseded = quote(sent.clone(), until, "1");
        superseded.superseded_by = Some(Id::from_parts(9, [9; 10]));
        let mut trashed = quote(sent, until, "1");
        trashed.deleted_at = Some(Timestamp(3));
        let mut a = Activity::default();
        a.set_quotes(&[
            draft, accepted, awaiting, rejected, superseded, sent_one, trashed,
        ]);
        assert_eq!(a.open_quotes.len(), 3, "{:?}", a.open_quotes);
        let on = |d| epoch_day(d);
        assert!(
            a.has_open_quote(on(day(2030, 1, 1))),
            "drafts do not expire"
        );
        assert_eq!(
            a.quoted_on(on(until)),
            vec![(Currency::Cny, 27_000 + 27_000 + 8_999)],
            "the sent quote holds on its last day"
        );
        assert_eq!(
            a.quoted_on(on(day(2026, 12, 11))),
            vec![(Currency::Cny, 54_000)],
            "and not the day after"
        );
        let mut none = Activity::default();
        none.set_quotes(&[]);
        assert!(!none.has_open_quote(0));
        assert!(none.quoted_on(0).is_empty());
    }

    #[test]
    fn every_field_round_trips_and_every_cut_is_refused() {
        let rows = vec![full_summary(), summary(Id::MIN), full_summary()];
        let bytes = encode_chunk(&rows);
        assert_eq!(decode_chunk(&bytes).unwrap(), rows);
        assert_eq!(chunk_len(&bytes), Some(3));
        for cut in 0..bytes.len() {
            assert!(decode_chunk(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode_chunk(&longer).is_err(), "a byte after the end");
    }

    #[test]
    fn chunks_decode_onto_the_rows_read_before_and_a_damaged_one_adds_nothing() {
        let first = vec![full_summary()];
        let second = vec![summary(Id::MIN), full_summary()];
        let mut rows = Vec::new();
        decode_chunk_into(&encode_chunk(&first), &mut rows).unwrap();
        let damaged = encode_chunk(&second);
        // Cut inside the second row: the first row of the chunk decodes, then the cut fails.
        assert!(decode_chunk_into(&damaged[..damaged.len() - 3], &mut rows).is_err());
        assert_eq!(rows, first);
        decode_chunk_into(&damaged, &mut rows).unwrap();
        assert_eq!(rows, [first, second].concat());
    }

    #[test]
    fn chunks_of_the_serde_format_are_still_read() {
        // Written before quotes: without them.
        let mut rows = vec![full_summary(), summary(Id::MIN)];
        rows[0].activity.open_quotes.clear();
        let old = crate::domain::blob::encode(CHUNK_FORMAT_SERDE, &rows);
        assert_eq!(chunk_len(&old), Some(2));
        assert_eq!(decode_chunk(&old).unwrap(), rows);
        assert!(decode_chunk(&old[..old.len() - 1]).is_err());
        // Rewritten in the current format, the same rows in fewer bytes.
        assert!(encode_chunk(&rows).len() < old.len());
    }

    /// The histories the analysis reads of rows, worked out from the decoded summaries.
    fn histories_of(rows: &[CustomerSummary]) -> crate::domain::analysis::input::Histories {
        let active: Vec<&CustomerSummary> =
            rows.iter().filter(|r| r.deleted_at.is_none()).collect();
        crate::domain::analysis::input::Histories::of(&active)
    }

    #[test]
    fn the_analysis_reads_the_histories_of_active_customers_without_decoding_the_rest() {
        let mut trashed = full_summary();
        trashed.deleted_at = Some(Timestamp(5));
        let mut active = full_summary();
        active.deleted_at = None;
        active.owner_id = None;
        let rows = vec![active.clone(), trashed, summary(Id::MIN), active];
        let bytes = encode_chunk(&rows);
        let mut read = crate::domain::analysis::input::Histories::default();
        chunk_histories(&bytes, &mut read).unwrap();
        assert_eq!(read.len(), 3, "the customer in the trash is left out");
        assert_eq!(read.day_count(), 4, "two days each for the two full rows");
        assert_eq!(read, histories_of(&rows));
        // The older serde format gives the same.
        let old = crate::domain::blob::encode(CHUNK_FORMAT_SERDE, &rows);
        let mut from_old = crate::domain::analysis::input::Histories::default();
        chunk_histories(&old, &mut from_old).unwrap();
        assert_eq!(from_old, read);
        for cut in 0..bytes.len() {
            let mut out = crate::domain::analysis::input::Histories::default();
            assert!(
                chunk_histories(&bytes[..cut], &mut out).is_err(),
                "cut at {cut}"
            );
        }
    }

    /// Native only: proptest is not built for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    mod property {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn damaged_chunks_never_panic(flips in proptest::collection::vec((0usize..4096, any::<u8>()), 1..8)) {
                let mut bytes = encode_chunk(&[full_summary(), full_summary()]);
                let n = bytes.len();
                for (at, byte) in flips {
                    bytes[at % n] = byte;
                }
                // Decoding either succeeds or says why; it never panics or runs away.
                let _ = decode_chunk(&bytes);
            }

            #[test]
            fn any_history_and_totals_round_trip(
                days in proptest::collection::vec((any::<i32>(), 0usize..6, any::<i64>(), proptest::option::of(any::<i64>())), 0..20),
                counts in any::<(u32, u32, u32)>(),
                stamps in any::<(i64, i64, Option<i64>)>(),
                texts in proptest::collection::vec(".{0,12}", 0..5),
            ) {
                let mut s = full_summary();
                s.activity.history = days.iter().map(|&(day, c, amount, margin)| PurchaseDay {
                    day, currency: Currency::ALL[c], amount, margin,
                }).collect();
                s.activity.revenue = days.iter().map(|&(_, c, amount, _)| (Currency::ALL[c], amount)).collect();
                (s.activity.purchase_count, s.activity.interaction_count, s.activity.open_commitments) = counts;
                s.created_at = Timestamp(stamps.0);
                s.updated_at = Timestamp(stamps.1);
                s.deleted_at = stamps.2.map(Timestamp);
                s.name = texts.concat();
                s.tags = texts.into();
                let rows = vec![s, summary(Id::MIN)];
                let bytes = encode_chunk(&rows);
                let mut read = crate::domain::analysis::input::Histories::default();
                chunk_histories(&bytes, &mut read).unwrap();
                prop_assert_eq!(read, histories_of(&rows));
                prop_assert_eq!(decode_chunk(&bytes).unwrap(), rows);
            }
        }
    }

    #[test]
    fn every_id_has_exactly_one_chunk() {
        let all = ids(10);
        let keys = vec![
            FIRST_CHUNK.to_string(),
            all[3].to_string(),
            all[7].to_string(),
        ];
        assert_eq!(chunk_of(&keys, Id::MIN), 0);
        assert_eq!(chunk_of(&keys, all[0]), 0);
        assert_eq!(chunk_of(&keys, all[2]), 0);
        assert_eq!(
            chunk_of(&keys, all[3]),
            1,
            "a chunk's own key belongs to it"
        );
        assert_eq!(chunk_of(&keys, all[6]), 1);
        assert_eq!(chunk_of(&keys, all[9]), 2);
        assert_eq!(chunk_of(&[FIRST_CHUNK.to_string()], all[5]), 0);
    }

    #[test]
    fn merging_keeps_rows_sorted_and_unique() {
        let all = ids(5);
        let mut rows = vec![summary(all[1]), summary(all[3])];
        let mut changed = summary(all[3]);
        changed.name = "changed".into();
        merge_rows(
            &mut rows,
            vec![summary(all[4]), summary(all[0]), changed],
            &[all[1]],
        );
        let got: Vec<Id> = rows.iter().map(|r| r.id).collect();
        assert_eq!(got, vec![all[0], all[3], all[4]]);
        assert_eq!(rows[1].name, "changed");
    }

    #[test]
    fn oversized_chunks_split_at_their_ids() {
        let all = ids(CHUNK_MAX + 1);
        let rows: Vec<_> = all.iter().copied().map(summary).collect();
        let pieces = split_chunk(FIRST_CHUNK.into(), rows);
        assert_eq!(pieces.len(), 3);
        assert_eq!(pieces[0].0, FIRST_CHUNK);
        assert_eq!(pieces[1].0, all[CHUNK_TARGET].to_string());
        assert_eq!(pieces[2].0, all[2 * CHUNK_TARGET].to_string());
        assert_eq!(
            pieces.iter().map(|p| p.1.len()).sum::<usize>(),
            CHUNK_MAX + 1
        );
        // Each row sits in the chunk chunk_of picks for it.
        let keys: Vec<String> = pieces.iter().map(|p| p.0.clone()).collect();
        for (i, (_, rows)) in pieces.iter().enumerate() {
            for r in rows {
                assert_eq!(chunk_of(&keys, r.id), i);
            }
        }
        let small: Vec<_> = all[..CHUNK_MAX].iter().copied().map(summary).collect();
        assert_eq!(split_chunk("k".into(), small).len(), 1);
    }

    #[test]
    fn complaint_figures_count_open_ones_and_the_earliest_pending_deadline() {
        use crate::domain::complaint::{ComplaintInput, Severity};
        let now = Timestamp(1_795_420_800_000);
        let customer = Id::generate();
        let make = |at: &str, severity: Severity| {
            ComplaintInput {
                received_at: at.into(),
                severity,
                description: "质量问题".into(),
                ..ComplaintInput::default()
            }
            .validate(customer, None, now, 0)
            .unwrap()
        };
        let pending_late = make("2026-11-20T08:00", Severity::Critical); // due 11-21 08:00
        let pending = make("2026-11-23T07:00", Severity::Low); // due 12-03 07:00
        let mut resolved = make("2026-11-10T08:00", Severity::Critical);
        resolved.resolve(now, "已换货", false).unwrap();
        let mut closed = make("2026-11-01T08:00", Severity::Low);
        closed.resolve(now, "已换货", false).unwrap();
        closed.close(now, true).unwrap();
        let mut a = Activity::default();
        a.set_complaints(&[pending.clone(), resolved, closed, pending_late.clone()]);
        // Open: both pending ones and the resolved one awaiting closure.
        assert_eq!(a.open_complaints, 3);
        // 2026-11-21T08:00Z; the resolved one's earlier deadline no longer counts.
        assert_eq!(a.next_complaint_due, Some(pending_late.due));
        assert_eq!(pending_late.due, Timestamp(now.0 - 2 * 86_400_000));
        assert!(a.has_overdue_complaint(now));
        a.set_complaints(&[pending]);
        assert!(!a.has_overdue_complaint(now));
        a.set_complaints(&[]);
        assert_eq!((a.open_complaints, a.next_complaint_due), (0, None));
    }

    #[test]
    fn the_stamp_is_fnv_1a_and_tells_chunk_sets_apart() {
        // Published FNV-1a 64-bit test vectors.
        for (text, expected) in [
            ("", 0xcbf2_9ce4_8422_2325_u64),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            let mut s = Stamp::default();
            s.fold(text.as_bytes());
            assert_eq!(s.value(), expected, "{text:?}");
        }
        let of = |chunks: &[(&str, f64)]| {
            let mut s = Stamp::default();
            for (key, generation) in chunks {
                s.add(key, *generation);
            }
            s.value()
        };
        let base = of(&[("", 1.0), ("8f", 2.0)]);
        assert_eq!(base, of(&[("", 1.0), ("8f", 2.0)]));
        // A chunk rewritten, split off, merged away, or keys that only run together alike.
        assert_ne!(base, of(&[("", 1.0), ("8f", 3.0)]));
        assert_ne!(base, of(&[("", 1.0), ("8f", 2.0), ("c0", 4.0)]));
        assert_ne!(base, of(&[("", 1.0)]));
        assert_ne!(
            of(&[("ab", 0.0), ("c", 0.0)]),
            of(&[("a", 0.0), ("bc", 0.0)])
        );
        assert_ne!(of(&[]), of(&[("", 0.0)]));
    }
}
