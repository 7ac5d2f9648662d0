//! Quotes (报价): lines from the price list for a customer (and, optionally, one of its
//! deals), in one currency, with line and quote discounts, tax per line, a validity date and
//! payment terms.
//!
//! A quote moves draft → awaiting approval (when its discount is deeper than its author may
//! give, see [`policy`]) → sent → accepted or rejected (with a reason); a sent quote past its
//! validity reads as expired ([`Quote::status_on`]). Revising a sent, rejected or expired
//! quote makes version *n + 1* under the same number and keeps version *n* as it was
//! ([`Quote::revise`]). The arithmetic is [`totals`]'s.

pub mod list;
pub mod policy;
#[cfg(test)]
mod tests;
pub mod totals;

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::member::MemberRole;
use crate::domain::money::{Currency, Money, parse_amount, parse_decimal};
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::product::pricing::PriceSource;
use crate::domain::product::{Product, parse_percent};
use crate::domain::purchase::Purchase;
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::NaiveDate;
use policy::{QuotePolicy, line_depth};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use totals::{LineFigures, TaxMode, Totals};

/// Most lines on one quote.
pub const MAX_LINES: usize = 200;

/// Where a line's price came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinePrice {
    /// The product's list price.
    List,
    /// A price agreement.
    Agreement(Id),
    /// Typed by the author (the reference price stays what the rule gave).
    Manual,
}

impl From<PriceSource> for LinePrice {
    fn from(s: PriceSource) -> Self {
        match s {
            PriceSource::List => LinePrice::List,
            PriceSource::Agreement { id, .. } => LinePrice::Agreement(id),
        }
    }
}

/// One line: a product as it was on the price list when quoted (code, name, unit, tax and
/// cost are copied, so a later change of the list does not change a sent quote).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteLine {
    pub product_id: Id,
    pub code: String,
    pub name: String,
    pub category: String,
    pub unit: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub unit_price: Decimal,
    /// The price the pricing rule gave (agreement or list): what the discount depth is
    /// measured against. Like every price on the line, in the quote's tax mode (including
    /// tax when the quote's prices do).
    #[serde(with = "rust_decimal::serde::str")]
    pub reference_price: Decimal,
    /// The product's list price when quoted, in the quote's tax mode: what the price analysis
    /// and the purchase's "bought at a discount" compare with.
    #[serde(with = "rust_decimal::serde::str")]
    pub list_price: Decimal,
    pub price: LinePrice,
    /// Percent.
    #[serde(with = "rust_decimal::serde::str")]
    pub discount: Decimal,
    /// Percent.
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: Decimal,
    /// One unit's cost, when known.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub cost: Option<Decimal>,
}

impl QuoteLine {
    /// The figures its arithmetic needs.
    pub fn figures(&self) -> LineFigures {
        LineFigures {
            quantity: self.quantity,
            unit_price: self.unit_price,
            discount: self.discount,
            tax_rate: self.tax_rate,
        }
    }
}

/// Why a quote was turned down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    Price,
    Competitor,
    NoNeed,
    Timing,
    Other,
}

impl RejectReason {
    pub const ALL: [RejectReason; 5] = [
        RejectReason::Price,
        RejectReason::Competitor,
        RejectReason::NoNeed,
        RejectReason::Timing,
        RejectReason::Other,
    ];
}

/// Where a quote stands (as stored; see [`Quote::status_on`] for expiry).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    Draft,
    /// Deeper than its author may discount: waits for a member who may.
    AwaitingApproval,
    Sent {
        at: Timestamp,
    },
    Accepted {
        at: Timestamp,
    },
    Rejected {
        at: Timestamp,
        reason: RejectReason,
        note: String,
    },
}

/// Where a quote stands on a day, expiry included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Standing {
    Draft,
    AwaitingApproval,
    Sent,
    /// Sent, and past its validity without an answer.
    Expired,
    Accepted,
    Rejected,
    /// Replaced by a later version.
    Superseded,
}

/// Who approved a discount, when, how deep, and what they said.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    pub by: Id,
    pub at: Timestamp,
    /// The depth approved, in percent.
    #[serde(with = "rust_decimal::serde::str")]
    pub depth: Decimal,
    pub note: String,
}

/// A quote (one version of it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub id: Id,
    /// The number every version shares ("QT-20261204-003").
    pub number: String,
    /// 1 for the first.
    pub version: u16,
    pub customer_id: Id,
    pub opportunity_id: Option<Id>,
    /// Who wrote it (and answers for it).
    pub owner_id: Option<Id>,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    pub lines: Vec<QuoteLine>,
    /// The quote discount, percent, over every line.
    #[serde(with = "rust_decimal::serde::str")]
    pub discount: Decimal,
    /// The last day it holds.
    pub valid_until: NaiveDate,
    pub payment_terms: String,
    pub notes: String,
    pub status: QuoteStatus,
    pub approval: Option<Approval>,
    /// The version this one revised.
    pub previous: Option<Id>,
    /// The version that revised this one.
    pub superseded_by: Option<Id>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When it was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

/// A change a quote's state cannot take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// Only a draft (or one awaiting approval) can be edited or sent; revise a sent one.
    NotEditable,
    /// A quote needs at least one line.
    NoLines,
    /// The discount is deeper than the sender may give, and nobody approved it.
    NeedsApproval,
    /// The approver's role may not give this discount either.
    BeyondApprover,
    /// Only a quote awaiting approval can be approved.
    NotAwaiting,
    /// Only a sent quote, still valid, can be accepted.
    NotOpen,
    /// The quote's validity ended: revise it first.
    Expired,
    /// Only a sent, rejected or expired quote is revised (a draft is edited).
    NotRevisable,
    /// A later version exists.
    Superseded,
}

impl Quote {
    /// Its arithmetic.
    pub fn totals(&self) -> Totals {
        let figures: Vec<LineFigures> = self.lines.iter().map(QuoteLine::figures).collect();
        totals::totals(&figures, self.discount, self.tax_mode, self.currency)
    }

    /// Its discount depth in percent: the deepest line below its reference price (see
    /// [`policy`]).
    pub fn depth(&self) -> Decimal {
        let t = self.totals();
        self.lines
            .iter()
            .zip(&t.lines)
            .map(|(l, lt)| {
                let after = match self.tax_mode {
                    TaxMode::Exclusive => lt.net,
                    TaxMode::Inclusive => lt.total,
                };
                line_depth(l.quantity, l.reference_price, after)
            })
            .max()
            .unwrap_or_default()
    }

    /// The gross margin of its lines whose cost is known, and whether every line's is.
    pub fn margin(&self) -> (Decimal, bool) {
        let t = self.totals();
        let mut all = true;
        let mut m = Decimal::ZERO;
        for (l, lt) in self.lines.iter().zip(&t.lines) {
            match l.cost {
                Some(c) => m += lt.net - totals::round(c * l.quantity, self.currency),
                None => all = false,
            }
        }
        (m, all)
    }

    /// The customer accepted it on `today`: it is accepted, its lines become purchases on
    /// the customer dated `today` (each line's net amount, before tax, with its quantity and
    /// product; the margin where the cost is known; "bought at a discount" when it ended
    /// below the list price; the quote's number as the order), and its deal, when it has
    /// one still open, is won for the quote's net total with the first purchase as its
    /// booking. The store writes all of it in one transaction.
    pub fn accept_with(
        &mut self,
        deal: Option<&mut Opportunity>,
        pipeline: &Pipeline,
        by: Option<Id>,
        today: NaiveDate,
        now: Timestamp,
    ) -> Result<Vec<Purchase>, QuoteError> {
        self.accept(today, now)?;
        let t = self.totals();
        let purchases: Vec<Purchase> = self
            .lines
            .iter()
            .zip(&t.lines)
            .map(|(l, lt)| {
                let after = match self.tax_mode {
                    TaxMode::Exclusive => lt.net,
                    TaxMode::Inclusive => lt.total,
                };
                Purchase {
                    id: Id::generate(),
                    customer_id: self.customer_id,
                    date: today,
                    amount: Money::new(lt.net, self.currency),
                    quantity: l.quantity,
                    product: l.name.clone(),
                    order: self.number.clone(),
                    margin: l
                        .cost
                        .map(|c| lt.net - totals::round(c * l.quantity, self.currency)),
                    notes: format!("{} v{} · {}", self.number, self.version, l.code),
                    discounted: after < totals::round(l.quantity * l.list_price, self.currency),
                    created_at: now,
                    updated_at: now,
                    rev: Rev::default(),
                }
            })
            .collect();
        if let Some(d) = deal.filter(|d| d.closing.is_none()) {
            d.amount = Money::new(t.net, self.currency);
            d.win(pipeline, today, purchases.first().map(|p| p.id), by, now);
        }
        Ok(purchases)
    }

    /// Where it stands on `today`.
    pub fn status_on(&self, today: NaiveDate) -> Standing {
        if self.superseded_by.is_some() {
            return Standing::Superseded;
        }
        match self.status {
            QuoteStatus::Draft => Standing::Draft,
            QuoteStatus::AwaitingApproval => Standing::AwaitingApproval,
            QuoteStatus::Sent { .. } if today > self.valid_until => Standing::Expired,
            QuoteStatus::Sent { .. } => Standing::Sent,
            QuoteStatus::Accepted { .. } => Standing::Accepted,
            QuoteStatus::Rejected { .. } => Standing::Rejected,
        }
    }

    /// Whether it is still in play on `today` (a draft, awaiting approval, or sent and
    /// valid): the "open quote" of the lists and the checks against other quotes.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.deleted_at.is_none()
            && matches!(
                self.status_on(today),
                Standing::Draft | Standing::AwaitingApproval | Standing::Sent
            )
    }

    fn editable(&self) -> Result<(), QuoteError> {
        if self.superseded_by.is_some() {
            return Err(QuoteError::Superseded);
        }
        match self.status {
            QuoteStatus::Draft | QuoteStatus::AwaitingApproval => Ok(()),
            _ => Err(QuoteError::NotEditable),
        }
    }

    /// Replaces its content with a validated form's; a quote awaiting approval goes back to
    /// draft (what was asked to be approved is no longer what it says).
    pub fn edit(&mut self, f: QuoteFields, now: Timestamp) -> Result<(), QuoteError> {
        self.editable()?;
        self.customer_id = f.customer_id;
        self.opportunity_id = f.opportunity_id;
        self.currency = f.currency;
        self.tax_mode = f.tax_mode;
        self.lines = f.lines;
        self.discount = f.discount;
        self.valid_until = f.valid_until;
        self.payment_terms = f.payment_terms;
        self.notes = f.notes;
        self.status = QuoteStatus::Draft;
        self.updated_at = now;
        Ok(())
    }

    /// Sends it as written by a member of `role` on `today`: sent when the discount is within
    /// the role's limit, otherwise it waits for approval (and says so).
    pub fn send(
        &mut self,
        role: MemberRole,
        policy: &QuotePolicy,
        today: NaiveDate,
        now: Timestamp,
    ) -> Result<Standing, QuoteError> {
        self.editable()?;
        if self.lines.is_empty() {
            return Err(QuoteError::NoLines);
        }
        if self.valid_until < today {
            return Err(QuoteError::Expired);
        }
        self.updated_at = now;
        if policy.needs_approval(role, self.depth()) {
            self.status = QuoteStatus::AwaitingApproval;
            return Ok(Standing::AwaitingApproval);
        }
        self.status = QuoteStatus::Sent { at: now };
        Ok(Standing::Sent)
    }

    /// Approves its discount (a member `by` of `role`, with a note) and sends it.
    pub fn approve(
        &mut self,
        by: Id,
        role: MemberRole,
        note: String,
        policy: &QuotePolicy,
        now: Timestamp,
    ) -> Result<(), QuoteError> {
        if self.status != QuoteStatus::AwaitingApproval || self.superseded_by.is_some() {
            return Err(QuoteError::NotAwaiting);
        }
        let depth = self.depth();
        if !policy.may_approve(role, depth) {
            return Err(QuoteError::BeyondApprover);
        }
        self.approval = Some(Approval {
            by,
            at: now,
            depth,
            note,
        });
        self.status = QuoteStatus::Sent { at: now };
        self.updated_at = now;
        Ok(())
    }

    /// The customer accepted it (on or before its last valid day).
    pub fn accept(&mut self, today: NaiveDate, now: Timestamp) -> Result<(), QuoteError> {
        match self.status_on(today) {
            Standing::Sent => {
                self.status = QuoteStatus::Accepted { at: now };
                self.updated_at = now;
                Ok(())
            }
            Standing::Expired => Err(QuoteError::Expired),
            Standing::Superseded => Err(QuoteError::Superseded),
            _ => Err(QuoteError::NotOpen),
        }
    }

    /// The customer turned it down.
    pub fn reject(
        &mut self,
        reason: RejectReason,
        note: String,
        today: NaiveDate,
        now: Timestamp,
    ) -> Result<(), QuoteError> {
        match self.status_on(today) {
            Standing::Sent | Standing::Expired => {
                self.status = QuoteStatus::Rejected {
                    at: now,
                    reason,
                    note,
                };
                self.updated_at = now;
                Ok(())
            }
            Standing::Superseded => Err(QuoteError::Superseded),
            _ => Err(QuoteError::NotOpen),
        }
    }

    /// The next version, a draft with the same number and content (valid for another
    /// `valid_days` from `today`); this one is marked as superseded by it and stays
    /// readable as it was sent.
    pub fn revise(
        &mut self,
        today: NaiveDate,
        valid_days: u16,
        now: Timestamp,
    ) -> Result<Quote, QuoteError> {
        match self.status_on(today) {
            Standing::Sent | Standing::Expired | Standing::Rejected => {}
            Standing::Superseded => return Err(QuoteError::Superseded),
            _ => return Err(QuoteError::NotRevisable),
        }
        let next = Quote {
            id: Id::generate(),
            version: self.version.saturating_add(1),
            status: QuoteStatus::Draft,
            approval: None,
            previous: Some(self.id),
            superseded_by: None,
            valid_until: today + chrono::Days::new(u64::from(valid_days)),
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: Rev::default(),
            ..self.clone()
        };
        self.superseded_by = Some(next.id);
        self.updated_at = now;
        Ok(next)
    }
}

/// The next quote number for a quote made on `day`: `QT-<yyyymmdd>-<n>` with *n* one past the
/// highest of that day's numbers in `existing` (three digits at least).
pub fn next_number<'a>(day: NaiveDate, existing: impl IntoIterator<Item = &'a str>) -> String {
    let prefix = format!("QT-{}-", day.format("%Y%m%d"));
    let highest = existing
        .into_iter()
        .filter_map(|n| n.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:03}", highest + 1)
}

/// One line of a quote form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    pub product_id: Option<Id>,
    pub quantity: String,
    pub unit_price: String,
    /// Percent; empty: none.
    pub discount: String,
}

/// A quote form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteInput {
    pub customer_id: Option<Id>,
    pub opportunity_id: Option<Id>,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    pub lines: Vec<LineInput>,
    /// Percent; empty: none.
    pub discount: String,
    /// `YYYY-MM-DD`.
    pub valid_until: String,
    pub payment_terms: String,
    pub notes: String,
}

/// The validated content of a [`QuoteInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct QuoteFields {
    pub customer_id: Id,
    pub opportunity_id: Option<Id>,
    pub currency: Currency,
    pub tax_mode: TaxMode,
    pub lines: Vec<QuoteLine>,
    pub discount: Decimal,
    pub valid_until: NaiveDate,
    pub payment_terms: String,
    pub notes: String,
}

/// A discount as typed: blank is none, otherwise 0–100 with at most two decimals.
fn discount(text: &str) -> Result<Decimal, Problem> {
    if text.trim().is_empty() {
        Ok(Decimal::ZERO)
    } else {
        parse_percent(text)
    }
}

/// A quantity as typed: more than zero, at most four decimals.
pub fn quantity(text: &str) -> Result<Decimal, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Required);
    }
    let q = parse_decimal(text)?;
    if q <= Decimal::ZERO {
        return Err(Problem::NotPositive);
    }
    if q.normalize().scale() > 4 {
        return Err(Problem::TooManyDecimals { max: 4 });
    }
    if q > Decimal::from(1_000_000_000i64) {
        return Err(Problem::TooLarge);
    }
    Ok(q.normalize())
}

impl QuoteInput {
    /// The form filled from a stored quote, for editing: a line priced by hand keeps its
    /// price, the others are priced by the rule again (an agreement may have begun since).
    pub fn from_quote(q: &Quote) -> Self {
        QuoteInput {
            customer_id: Some(q.customer_id),
            opportunity_id: q.opportunity_id,
            currency: q.currency,
            tax_mode: q.tax_mode,
            lines: q
                .lines
                .iter()
                .map(|l| LineInput {
                    product_id: Some(l.product_id),
                    quantity: l.quantity.normalize().to_string(),
                    unit_price: match l.price {
                        LinePrice::Manual => l.unit_price.to_string(),
                        _ => String::new(),
                    },
                    discount: if l.discount.is_zero() {
                        String::new()
                    } else {
                        l.discount.normalize().to_string()
                    },
                })
                .collect(),
            discount: if q.discount.is_zero() {
                String::new()
            } else {
                q.discount.normalize().to_string()
            },
            valid_until: crate::domain::time::date_input_value(q.valid_until),
            payment_terms: q.payment_terms.clone(),
            notes: q.notes.clone(),
        }
    }

    /// Checks every field; all problems at once, each line's naming its line. `product`
    /// finds an offered product by id; `reference` gives the price the pricing rule sets for
    /// it (agreement or list) and where it came from. A line whose price is left blank takes
    /// the reference price; one whose price differs from it is a manual price.
    pub fn validate<'p>(
        &self,
        product: impl Fn(Id) -> Option<&'p Product>,
        reference: impl Fn(&Product) -> (Decimal, LinePrice),
    ) -> Result<QuoteFields, Vec<FieldError>> {
        let mut e = Errors::default();
        if self.customer_id.is_none() {
            e.0.push(FieldError::new(Field::Customer, Problem::Required));
        }
        let filled: Vec<(usize, &LineInput)> = self
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.product_id.is_some()
                    || !l.quantity.trim().is_empty()
                    || !l.unit_price.trim().is_empty()
            })
            .collect();
        if filled.is_empty() {
            e.0.push(FieldError::new(Field::Lines, Problem::Required));
        }
        if filled.len() > MAX_LINES {
            e.0.push(FieldError::new(
                Field::Lines,
                Problem::TooLong { max: MAX_LINES },
            ));
        }
        let mut lines = Vec::with_capacity(filled.len());
        for (i, l) in filled {
            let p = match l.product_id.and_then(&product) {
                Some(p) => p,
                None => {
                    e.0.push(FieldError::at(Field::Product, i, Problem::UnknownProduct));
                    continue;
                }
            };
            if p.list_price.currency != self.currency {
                e.0.push(FieldError::at(Field::Product, i, Problem::OtherCurrency));
                continue;
            }
            let q = e.check_at(Field::Quantity, i, quantity(&l.quantity));
            // Prices before tax on the list and in agreements; with tax when the quote's are.
            let in_mode =
                |price: Decimal| totals::in_mode(price, p.tax_rate, self.tax_mode, self.currency);
            let (reference_price, source) = reference(p);
            let reference_price = in_mode(reference_price);
            let (unit_price, price) = if l.unit_price.trim().is_empty() {
                (reference_price, source)
            } else {
                let typed = e.check_at(
                    Field::UnitPrice,
                    i,
                    parse_amount(&l.unit_price, self.currency),
                );
                let how = if typed == reference_price {
                    source
                } else {
                    LinePrice::Manual
                };
                (typed, how)
            };
            let d = e.check_at(Field::Discount, i, discount(&l.discount));
            lines.push(QuoteLine {
                product_id: p.id,
                code: p.code.clone(),
                name: if p.name_zh.is_empty() {
                    p.name_en.clone()
                } else {
                    p.name_zh.clone()
                },
                category: p.category.clone(),
                unit: p.unit.clone(),
                quantity: q,
                unit_price,
                reference_price,
                list_price: in_mode(p.list_price.amount),
                price,
                discount: d,
                tax_rate: p.tax_rate,
                cost: p.cost,
            });
        }
        let overall = e.check(Field::Discount, discount(&self.discount));
        let valid_until = e.check(Field::ValidUntil, validate::date(&self.valid_until));
        let payment_terms = e.check(
            Field::PaymentTerms,
            validate::optional_line(&self.payment_terms, MAX_LINE),
        );
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        match self.customer_id {
            Some(customer_id) if e.0.is_empty() => Ok(QuoteFields {
                customer_id,
                opportunity_id: self.opportunity_id,
                currency: self.currency,
                tax_mode: self.tax_mode,
                lines,
                discount: overall,
                valid_until,
                payment_terms,
                notes,
            }),
            _ => Err(e.0),
        }
    }
}

impl QuoteFields {
    /// A new draft, version 1, numbered `number`, owned by `owner`.
    pub fn into_quote(self, number: String, owner: Option<Id>, now: Timestamp) -> Quote {
        Quote {
            id: Id::generate(),
            number,
            version: 1,
            customer_id: self.customer_id,
            opportunity_id: self.opportunity_id,
            owner_id: owner,
            currency: self.currency,
            tax_mode: self.tax_mode,
            lines: self.lines,
            discount: self.discount,
            valid_until: self.valid_until,
            payment_terms: self.payment_terms,
            notes: self.notes,
            status: QuoteStatus::Draft,
            approval: None,
            previous: None,
            superseded_by: None,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: Rev::default(),
        }
    }
}
