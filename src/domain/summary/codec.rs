//! The bytes of a chunk of summaries (format 4), written and read by hand with
//! [`crate::domain::wire`]: every start-up reads all of them, and this reads 100,000 summaries
//! in about 60 % of the time postcard's serde form took in the size-optimised browser build
//! (about 150 against 255 ms, the rest of the load being the read from disk).
//!
//! A chunk is its row count, then each row:
//! - id (16 bytes); party, kind and source (a byte each, codes below); a flags byte (bit 0 do
//!   not contact, bit 1 owner present, bit 2 deleted);
//! - name, company, region, industry, wechat (length and UTF-8); phones, emails, contact
//!   names, tags (count, then each text);
//! - owner id (16 bytes, if flagged); created (zigzag varint ms), updated as the difference
//!   from created, deleted (if flagged, ms);
//! - the activity: purchase count and days; an options byte (bit 0 first purchase, 1 last
//!   purchase, 2 last interaction, 3 next commitment due, 4 next complaint due) and the
//!   values present; revenue and margin per currency; interaction, open commitment and open
//!   complaint counts; the purchase history, each day as the difference from the day before,
//!   a byte of currency code and margin flag, the amount and the margin if flagged.
//!
//! The code tables are part of the stored format: never reorder them, only append.

use super::{Activity, CustomerSummary, DayHistory, OpenQuote, PurchaseDay, TextList};
use crate::domain::analysis::input::Histories;
use crate::domain::customer::{CustomerKind, Party, Source};
use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::time::Timestamp;
use crate::domain::wire::{Reader, Result, WireError, Writer};

const PARTIES: [Party; 2] = [Party::Organisation, Party::Individual];

const KINDS: [CustomerKind; 4] = [
    CustomerKind::EnterpriseBuyer,
    CustomerKind::InstitutionalBuyer,
    CustomerKind::Distributor,
    CustomerKind::Consumer,
];

const SOURCES: [Source; 6] = [
    Source::TradeShow,
    Source::Referral,
    Source::Website,
    Source::ColdCall,
    Source::Advertising,
    Source::Other,
];

const CURRENCIES: [Currency; 6] = [
    Currency::Cny,
    Currency::Usd,
    Currency::Eur,
    Currency::Hkd,
    Currency::Jpy,
    Currency::Gbp,
];

fn party_code(p: Party) -> u8 {
    match p {
        Party::Organisation => 0,
        Party::Individual => 1,
    }
}

fn kind_code(k: CustomerKind) -> u8 {
    match k {
        CustomerKind::EnterpriseBuyer => 0,
        CustomerKind::InstitutionalBuyer => 1,
        CustomerKind::Distributor => 2,
        CustomerKind::Consumer => 3,
    }
}

fn source_code(s: Source) -> u8 {
    match s {
        Source::TradeShow => 0,
        Source::Referral => 1,
        Source::Website => 2,
        Source::ColdCall => 3,
        Source::Advertising => 4,
        Source::Other => 5,
    }
}

fn currency_code(c: Currency) -> u8 {
    match c {
        Currency::Cny => 0,
        Currency::Usd => 1,
        Currency::Eur => 2,
        Currency::Hkd => 3,
        Currency::Jpy => 4,
        Currency::Gbp => 5,
    }
}

#[inline(always)]
fn coded<T: Copy>(table: &[T], code: u8) -> Result<T> {
    table
        .get(usize::from(code))
        .copied()
        .ok_or(WireError("unknown code"))
}

const DO_NOT_CONTACT: u8 = 1;
const HAS_OWNER: u8 = 2;
const DELETED: u8 = 4;

const FIRST_PURCHASE: u8 = 1;
const LAST_PURCHASE: u8 = 2;
const LAST_INTERACTION: u8 = 4;
const COMMITMENT_DUE: u8 = 8;
const COMPLAINT_DUE: u8 = 16;

/// Bytes to reserve per row when writing: a little above the average of the sample data.
pub(super) const ROW_BYTES: usize = 320;

pub(super) fn write_rows(w: &mut Writer, rows: &[CustomerSummary], layout: Layout) {
    w.uvar(rows.len() as u64);
    for row in rows {
        write_row(w, row, layout);
    }
}

/// What a chunk's rows hold beyond the fields every hand-written format has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Layout {
    /// Format 4: no quote figures (read as none; the chunk is rewritten with them).
    Version4,
    /// Format 5: each row's open quotes after its purchase history.
    WithQuotes,
}

/// Reads the rows onto the end of `rows` (with those read before an error).
pub(super) fn read_rows(
    r: &mut Reader<'_>,
    rows: &mut Vec<CustomerSummary>,
    layout: Layout,
) -> Result<()> {
    let n = r.len()?;
    rows.reserve(n);
    for _ in 0..n {
        rows.push(read_row(r, layout)?);
    }
    Ok(())
}

fn write_row(w: &mut Writer, s: &CustomerSummary, layout: Layout) {
    w.bytes16(s.id.to_bytes());
    w.u8(party_code(s.party));
    w.u8(kind_code(s.kind));
    w.u8(source_code(s.source));
    let mut flags = 0;
    if s.do_not_contact {
        flags |= DO_NOT_CONTACT;
    }
    if s.owner_id.is_some() {
        flags |= HAS_OWNER;
    }
    if s.deleted_at.is_some() {
        flags |= DELETED;
    }
    w.u8(flags);
    for text in [&s.name, &s.company, &s.region, &s.industry, &s.wechat] {
        w.str(text);
    }
    for list in [&s.phones, &s.emails, &s.contact_names, &s.tags] {
        list.write(w);
    }
    if let Some(owner) = s.owner_id {
        w.bytes16(owner.to_bytes());
    }
    w.ivar(s.created_at.0);
    w.ivar(s.updated_at.0.wrapping_sub(s.created_at.0));
    if let Some(deleted) = s.deleted_at {
        w.ivar(deleted.0);
    }
    write_activity(w, &s.activity, layout);
}

#[inline(always)]
fn read_row(r: &mut Reader<'_>, layout: Layout) -> Result<CustomerSummary> {
    let id = Id::from_bytes(r.bytes16()?);
    let party = coded(&PARTIES, r.u8()?)?;
    let kind = coded(&KINDS, r.u8()?)?;
    let source = coded(&SOURCES, r.u8()?)?;
    let flags = r.u8()?;
    let name = r.string()?;
    let company = r.string()?;
    let region = r.string()?;
    let industry = r.string()?;
    let wechat = r.string()?;
    let phones = TextList::read(r)?;
    let emails = TextList::read(r)?;
    let contact_names = TextList::read(r)?;
    let tags = TextList::read(r)?;
    let owner_id = if flags & HAS_OWNER != 0 {
        Some(Id::from_bytes(r.bytes16()?))
    } else {
        None
    };
    let created = r.ivar()?;
    let updated = created.wrapping_add(r.ivar()?);
    let deleted_at = if flags & DELETED != 0 {
        Some(Timestamp(r.ivar()?))
    } else {
        None
    };
    Ok(CustomerSummary {
        id,
        party,
        kind,
        name,
        company,
        region,
        industry,
        phones,
        emails,
        wechat,
        contact_names,
        owner_id,
        tags,
        source,
        do_not_contact: flags & DO_NOT_CONTACT != 0,
        created_at: Timestamp(created),
        updated_at: Timestamp(updated),
        deleted_at,
        activity: read_activity(r, layout)?,
    })
}

/// Reads only what the analysis needs from the rows — the id and purchase history of each
/// customer not in the trash — onto the end of `out`, stepping over everything else without
/// allocating (with those read before an error).
pub(super) fn read_histories(
    r: &mut Reader<'_>,
    out: &mut Histories,
    layout: Layout,
) -> Result<()> {
    let n = r.len()?;
    for _ in 0..n {
        let id = Id::from_bytes(r.bytes16()?);
        r.take(3)?; // party, kind, source
        let flags = r.u8()?;
        for _ in 0..5 {
            skip_str(r)?;
        }
        for _ in 0..4 {
            for _ in 0..r.len()? {
                skip_str(r)?;
            }
        }
        if flags & HAS_OWNER != 0 {
            r.take(16)?;
        }
        r.ivar()?;
        r.ivar()?;
        if flags & DELETED != 0 {
            r.ivar()?;
        }
        // The activity up to the history.
        r.u32()?;
        r.u32()?;
        let options = r.u8()?;
        for _ in 0..options.count_ones() {
            r.ivar()?;
        }
        for _ in 0..2 {
            for _ in 0..r.len()? {
                r.u8()?;
                r.ivar()?;
            }
        }
        for _ in 0..3 {
            r.u32()?;
        }
        let active = flags & DELETED == 0;
        if active {
            out.begin(id);
        }
        let mut day = 0i64;
        for _ in 0..r.len()? {
            let h = read_day(r, &mut day)?;
            if active {
                out.push_day(h);
            }
        }
        if layout == Layout::WithQuotes {
            for _ in 0..r.len()? {
                read_open_quote(r)?;
            }
        }
    }
    Ok(())
}

#[inline(always)]
fn skip_str(r: &mut Reader<'_>) -> Result<()> {
    let n = r.len()?;
    r.take(n).map(|_| ())
}

fn write_totals(w: &mut Writer, totals: &[(Currency, i64)]) {
    w.uvar(totals.len() as u64);
    for &(currency, minor) in totals {
        w.u8(currency_code(currency));
        w.ivar(minor);
    }
}

#[inline(always)]
fn read_totals(r: &mut Reader<'_>) -> Result<Vec<(Currency, i64)>> {
    let n = r.len()?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push((coded(&CURRENCIES, r.u8()?)?, r.ivar()?));
    }
    Ok(out)
}

fn write_activity(w: &mut Writer, a: &Activity, layout: Layout) {
    w.uvar(u64::from(a.purchase_count));
    w.uvar(u64::from(a.purchase_days));
    let options = [
        (FIRST_PURCHASE, a.first_purchase.map(i64::from)),
        (LAST_PURCHASE, a.last_purchase.map(i64::from)),
        (LAST_INTERACTION, a.last_interaction.map(|t| t.0)),
        (COMMITMENT_DUE, a.next_commitment_due.map(i64::from)),
        (COMPLAINT_DUE, a.next_complaint_due.map(|t| t.0)),
    ];
    w.u8(options
        .iter()
        .filter(|(_, v)| v.is_some())
        .fold(0, |bits, (bit, _)| bits | bit));
    for v in options.iter().filter_map(|(_, v)| *v) {
        w.ivar(v);
    }
    write_totals(w, &a.revenue);
    write_totals(w, &a.margin);
    w.uvar(u64::from(a.interaction_count));
    w.uvar(u64::from(a.open_commitments));
    w.uvar(u64::from(a.open_complaints));
    a.history.write(w);
    if layout == Layout::Version4 {
        return;
    }
    w.uvar(a.open_quotes.len() as u64);
    for q in &a.open_quotes {
        w.u8(currency_code(q.currency) << 1 | u8::from(q.until.is_some()));
        if let Some(until) = q.until {
            w.ivar(i64::from(until));
        }
        w.ivar(q.net);
    }
}

/// Reads an open quote [`write_activity`] wrote.
fn read_open_quote(r: &mut Reader<'_>) -> Result<OpenQuote> {
    let tag = r.u8()?;
    let until = if tag & 1 != 0 { Some(r.i32()?) } else { None };
    Ok(OpenQuote {
        until,
        currency: coded(&CURRENCIES, tag >> 1)?,
        net: r.ivar()?,
    })
}

/// Writes a purchase day: the days since `day` (the day written before it, then this one),
/// the currency and whether a margin follows, the amount and the margin.
#[inline]
pub(super) fn write_day(w: &mut Writer, day: &mut i64, h: &PurchaseDay) {
    w.ivar(i64::from(h.day) - *day);
    *day = i64::from(h.day);
    w.u8(currency_code(h.currency) << 1 | u8::from(h.margin.is_some()));
    w.ivar(h.amount);
    if let Some(m) = h.margin {
        w.ivar(m);
    }
}

/// Reads a purchase day [`write_day`] wrote after `day`.
#[inline(always)]
pub(super) fn read_day(r: &mut Reader<'_>, day: &mut i64) -> Result<PurchaseDay> {
    *day = day
        .checked_add(r.ivar()?)
        .ok_or(WireError("day out of range"))?;
    let tag = r.u8()?;
    let amount = r.ivar()?;
    let margin = if tag & 1 != 0 { Some(r.ivar()?) } else { None };
    Ok(PurchaseDay {
        day: i32::try_from(*day).map_err(|_| WireError("day out of range"))?,
        currency: coded(&CURRENCIES, tag >> 1)?,
        amount,
        margin,
    })
}

#[inline(always)]
fn read_activity(r: &mut Reader<'_>, layout: Layout) -> Result<Activity> {
    let purchase_count = r.u32()?;
    let purchase_days = r.u32()?;
    let options = r.u8()?;
    let day_if = |bit: u8, r: &mut Reader<'_>| -> Result<Option<i32>> {
        if options & bit != 0 {
            r.i32().map(Some)
        } else {
            Ok(None)
        }
    };
    let first_purchase = day_if(FIRST_PURCHASE, r)?;
    let last_purchase = day_if(LAST_PURCHASE, r)?;
    let last_interaction = if options & LAST_INTERACTION != 0 {
        Some(Timestamp(r.ivar()?))
    } else {
        None
    };
    let next_commitment_due = day_if(COMMITMENT_DUE, r)?;
    let next_complaint_due = if options & COMPLAINT_DUE != 0 {
        Some(Timestamp(r.ivar()?))
    } else {
        None
    };
    let revenue = read_totals(r)?;
    let margin = read_totals(r)?;
    let interaction_count = r.u32()?;
    let open_commitments = r.u32()?;
    let open_complaints = r.u32()?;
    let history = DayHistory::read(r)?;
    let open_quotes = match layout {
        Layout::Version4 => Vec::new(),
        Layout::WithQuotes => {
            let n = r.len()?;
            let mut out = Vec::with_capacity(n);
            for _ in 0..n {
                out.push(read_open_quote(r)?);
            }
            out
        }
    };
    Ok(Activity {
        purchase_count,
        purchase_days,
        first_purchase,
        last_purchase,
        revenue,
        margin,
        interaction_count,
        last_interaction,
        open_commitments,
        next_commitment_due,
        history,
        open_complaints,
        next_complaint_due,
        open_quotes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_tables_match_the_codes_of_every_variant() {
        // A variant added to an enum fails to compile in its code function; this catches a
        // table that was not extended with it, or one reordered.
        for p in PARTIES {
            assert_eq!(PARTIES[usize::from(party_code(p))], p);
        }
        assert_eq!(PARTIES.len(), 2);
        for k in CustomerKind::ALL {
            assert_eq!(KINDS[usize::from(kind_code(k))], k);
        }
        for s in Source::ALL {
            assert_eq!(SOURCES[usize::from(source_code(s))], s);
        }
        for c in Currency::ALL {
            assert_eq!(CURRENCIES[usize::from(currency_code(c))], c);
        }
        assert_eq!(KINDS.len(), CustomerKind::ALL.len());
        assert_eq!(SOURCES.len(), Source::ALL.len());
        assert_eq!(CURRENCIES.len(), Currency::ALL.len());
    }
}
