//! Purchases (交易): what a customer bought, when, for how much. Every value classification is
//! computed from these.

use crate::domain::blob;
use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::money::{Currency, Money, parse_amount, parse_decimal};
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::{Borrow, Cow};
use std::collections::BTreeMap;

/// One purchase by a customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purchase {
    /// Time-ordered id.
    pub id: Id,
    /// The customer.
    pub customer_id: Id,
    /// The day of the purchase.
    pub date: NaiveDate,
    /// Amount paid, exact.
    pub amount: Money,
    /// Quantity (may be fractional: 2.5 tonnes).
    #[serde(with = "rust_decimal::serde::str")]
    pub quantity: Decimal,
    /// Product or category bought.
    pub product: String,
    /// The order (transaction) number in the system the purchase comes from (订单号 / 单号),
    /// empty when unknown. Lines of one order share it; an import matches by it. Never in
    /// the books' text format (format 1, written before it existed): those read as none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub order: String,
    /// Gross margin on the sale, in the same currency, when known (may be negative).
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub margin: Option<Decimal>,
    /// Notes (order number, terms).
    pub notes: String,
    /// Bought at a discount or promotional price rather than full price (price sensitivity,
    /// one of the loyalty indicators). Absent in records written before it existed.
    #[serde(default)]
    pub discounted: bool,
    /// When created.
    pub created_at: Timestamp,
    /// When last changed.
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

/// A purchase form as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PurchaseInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub amount: String,
    pub currency: Currency,
    pub quantity: String,
    pub product: String,
    /// Order number.
    pub order: String,
    pub margin: String,
    pub notes: String,
    pub discounted: bool,
}

impl PurchaseInput {
    /// The form pre-filled from a purchase.
    pub fn from_purchase(p: &Purchase) -> Self {
        PurchaseInput {
            date: crate::domain::time::date_input_value(p.date),
            amount: p.amount.amount.to_string(),
            currency: p.amount.currency,
            quantity: p.quantity.to_string(),
            product: p.product.clone(),
            order: p.order.clone(),
            margin: p.margin.map(|m| m.to_string()).unwrap_or_default(),
            notes: p.notes.clone(),
            discounted: p.discounted,
        }
    }

    /// Checks the form and builds the purchase. A purchase dated after `today` is refused.
    pub fn validate(
        &self,
        customer_id: Id,
        existing: Option<&Purchase>,
        today: NaiveDate,
        now: Timestamp,
    ) -> Result<Purchase, Vec<FieldError>> {
        let mut e = Errors::default();
        let date = e.check(Field::Date, validate::past_date(&self.date, today));
        let amount = if self.amount.trim().is_empty() {
            e.0.push(FieldError::new(Field::Amount, Problem::Required));
            Decimal::ZERO
        } else {
            e.check(Field::Amount, parse_amount(&self.amount, self.currency))
        };
        let quantity = if self.quantity.trim().is_empty() {
            Decimal::ONE
        } else {
            match parse_decimal(&self.quantity) {
                Ok(q) if q <= Decimal::ZERO => {
                    e.0.push(FieldError::new(Field::Quantity, Problem::NotPositive));
                    Decimal::ONE
                }
                Ok(q) => q.normalize(),
                Err(p) => {
                    e.0.push(FieldError::new(Field::Quantity, p));
                    Decimal::ONE
                }
            }
        };
        let product = e.check(
            Field::Product,
            validate::optional_line(&self.product, MAX_LINE),
        );
        let order = e.check(Field::Order, validate::optional_line(&self.order, MAX_LINE));
        let margin = if self.margin.trim().is_empty() {
            None
        } else {
            match parse_decimal(&self.margin) {
                Ok(m) if m > amount => {
                    e.0.push(FieldError::new(Field::Margin, Problem::MarginAboveAmount));
                    None
                }
                Ok(m) if m.normalize().scale() > self.currency.minor_digits() => {
                    e.0.push(FieldError::new(
                        Field::Margin,
                        Problem::TooManyDecimals {
                            max: self.currency.minor_digits(),
                        },
                    ));
                    None
                }
                Ok(m) => Some(m.normalize()),
                Err(p) => {
                    e.0.push(FieldError::new(Field::Margin, p));
                    None
                }
            }
        };
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        e.finish(Purchase {
            rev: existing.map_or(crate::domain::record::Rev::default(), |x| x.rev),
            id: existing.map_or_else(Id::generate, |p| p.id),
            customer_id,
            date,
            amount: Money::new(amount, self.currency),
            quantity,
            product,
            order,
            margin,
            notes,
            discounted: self.discounted,
            created_at: existing.map_or(now, |p| p.created_at),
            updated_at: now,
        })
    }
}

/// Format of a book whose purchases were each written once (revision 1), by far the common
/// case: each purchase as a [`Wire`] record. Books written before revisions were kept are in
/// this format too, and read as revision 1 — which each of their purchases had at least.
const BOOK_FORMAT: u8 = 2;

/// Format of a book in which some purchase was written more than once: the [`Wire`] records,
/// then every purchase's revision in the same order (one byte each below 128).
const BOOK_FORMAT_REVS: u8 = 3;

/// Format of a book in which some purchase has an order number: the [`Wire`] records, every
/// purchase's revision, then every purchase's order number, all in the same order. Books
/// without order numbers keep the smaller formats above.
const BOOK_FORMAT_ORDERS: u8 = 4;

/// Format of the books written before: each purchase in its serde form, with both ids, the
/// date and the amounts as text. Still read; a book is written in the current format the next
/// time it changes.
const BOOK_FORMAT_TEXT: u8 = 1;

/// Why a stored purchase book could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookError {
    /// Written by another version of the app.
    #[error("purchase book has format {0}, expected {BOOK_FORMAT}")]
    Format(u8),
    /// Damaged bytes.
    #[error("purchase book is damaged: {0}")]
    Corrupt(String),
}

impl From<blob::Undecodable> for BookError {
    fn from(e: blob::Undecodable) -> Self {
        match e {
            blob::Undecodable::Format(f) => BookError::Format(f),
            blob::Undecodable::Corrupt(why) => BookError::Corrupt(why),
        }
    }
}

/// An exact decimal as its integer mantissa and scale (`12.50` is `(1250, 2)`): a few bytes
/// instead of its text, and no parsing.
#[derive(Serialize, Deserialize)]
struct WireDecimal(i128, u8);

impl WireDecimal {
    fn of(d: Decimal) -> Self {
        // A decimal's scale is at most 28.
        WireDecimal(d.mantissa(), d.scale() as u8)
    }

    fn decimal(&self) -> Result<Decimal, BookError> {
        Decimal::try_from_i128_with_scale(self.0, u32::from(self.1))
            .map_err(|e| BookError::Corrupt(e.to_string()))
    }
}

/// One purchase in a book. The customer's id is not repeated (the book is keyed by it), the
/// date is a day number, amounts are mantissa and scale, and the last change is counted from
/// the creation: about half the bytes of the serde form, and decoded without parsing text.
#[derive(Serialize, Deserialize)]
struct Wire<'a> {
    id: [u8; 16],
    /// Days from 1 January of year 1 (`NaiveDate::num_days_from_ce`).
    day: i32,
    amount: WireDecimal,
    currency: Currency,
    quantity: WireDecimal,
    product: Cow<'a, str>,
    margin: Option<WireDecimal>,
    notes: Cow<'a, str>,
    discounted: bool,
    created_at: i64,
    /// `updated_at - created_at` (wrapping, so any pair of instants round-trips).
    updated_after: i64,
}

impl<'a> Wire<'a> {
    fn of(p: &'a Purchase) -> Self {
        Wire {
            id: p.id.to_bytes(),
            day: p.date.num_days_from_ce(),
            amount: WireDecimal::of(p.amount.amount),
            currency: p.amount.currency,
            quantity: WireDecimal::of(p.quantity),
            product: Cow::Borrowed(&p.product),
            margin: p.margin.map(WireDecimal::of),
            notes: Cow::Borrowed(&p.notes),
            discounted: p.discounted,
            created_at: p.created_at.0,
            updated_after: p.updated_at.0.wrapping_sub(p.created_at.0),
        }
    }

    fn purchase(self, customer_id: Id, rev: Rev) -> Result<Purchase, BookError> {
        let date = NaiveDate::from_num_days_from_ce_opt(self.day)
            .ok_or_else(|| BookError::Corrupt(format!("day {} out of range", self.day)))?;
        Ok(Purchase {
            rev,
            id: Id::from_bytes(self.id),
            customer_id,
            date,
            amount: Money::new(self.amount.decimal()?, self.currency),
            quantity: self.quantity.decimal()?,
            product: self.product.into_owned(),
            order: String::new(),
            margin: self.margin.as_ref().map(WireDecimal::decimal).transpose()?,
            notes: self.notes.into_owned(),
            discounted: self.discounted,
            created_at: Timestamp(self.created_at),
            updated_at: Timestamp(self.created_at.wrapping_add(self.updated_after)),
        })
    }
}

/// The purchases of one customer as one compact byte string (a "book"). Nothing in the app
/// needs a purchase without its customer's others; books are stored in pages of many
/// customers (`domain::purchase_page`). Takes purchases or references to them, all of one
/// customer.
pub fn encode_book<P: Borrow<Purchase>>(purchases: &[P]) -> Vec<u8> {
    let wires: Vec<Wire<'_>> = purchases.iter().map(|p| Wire::of(p.borrow())).collect();
    let ordered = purchases.iter().any(|p| !p.borrow().order.is_empty());
    if !ordered && purchases.iter().all(|p| p.borrow().rev.0 == Rev::LEGACY.0) {
        return blob::encode(BOOK_FORMAT, &wires);
    }
    let revs: Vec<u32> = purchases.iter().map(|p| p.borrow().rev.0).collect();
    if !ordered {
        return blob::encode(BOOK_FORMAT_REVS, &(wires, revs));
    }
    let orders: Vec<&str> = purchases
        .iter()
        .map(|p| p.borrow().order.as_str())
        .collect();
    blob::encode(BOOK_FORMAT_ORDERS, &(wires, revs, orders))
}

/// Decodes the book of `customer` written by [`encode_book`] (or by the versions before, in
/// the text format).
pub fn decode_book(customer: Id, bytes: &[u8]) -> Result<Vec<Purchase>, BookError> {
    if bytes.first() == Some(&BOOK_FORMAT_TEXT) {
        let old: Vec<TextPurchase> = blob::decode(BOOK_FORMAT_TEXT, bytes)?;
        return Ok(old.into_iter().map(TextPurchase::purchase).collect());
    }
    type Columns = (Vec<Wire<'static>>, Vec<u32>, Vec<String>);
    let (wires, revs, orders): Columns = match bytes.first() {
        Some(&BOOK_FORMAT_ORDERS) => blob::decode(BOOK_FORMAT_ORDERS, bytes)?,
        Some(&BOOK_FORMAT_REVS) => {
            let (wires, revs): (Vec<Wire<'static>>, Vec<u32>) =
                blob::decode(BOOK_FORMAT_REVS, bytes)?;
            (wires, revs, Vec::new())
        }
        _ => {
            let wires: Vec<Wire<'static>> = blob::decode(BOOK_FORMAT, bytes)?;
            let revs = vec![Rev::LEGACY.0; wires.len()];
            (wires, revs, Vec::new())
        }
    };
    if revs.len() != wires.len() || !(orders.is_empty() || orders.len() == wires.len()) {
        return Err(BookError::Corrupt(format!(
            "{} purchases but {} revisions and {} order numbers",
            wires.len(),
            revs.len(),
            orders.len()
        )));
    }
    let mut orders = orders.into_iter();
    wires
        .into_iter()
        .zip(revs)
        .map(|(w, rev)| {
            let mut p = w.purchase(customer, Rev(rev))?;
            p.order = orders.next().unwrap_or_default();
            Ok(p)
        })
        .collect()
}

/// A purchase as the text format (1) holds it: the serde form of the purchase before order
/// numbers, field for field (the format is positional, so a field added since must not be
/// expected in it).
#[derive(Clone, Serialize, Deserialize)]
struct TextPurchase {
    id: Id,
    customer_id: Id,
    date: NaiveDate,
    amount: Money,
    #[serde(with = "rust_decimal::serde::str")]
    quantity: Decimal,
    product: String,
    #[serde(default, with = "rust_decimal::serde::str_option")]
    margin: Option<Decimal>,
    notes: String,
    #[serde(default)]
    discounted: bool,
    created_at: Timestamp,
    updated_at: Timestamp,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    rev: Rev,
}

impl TextPurchase {
    fn purchase(self) -> Purchase {
        Purchase {
            id: self.id,
            customer_id: self.customer_id,
            date: self.date,
            amount: self.amount,
            quantity: self.quantity,
            product: self.product,
            order: String::new(),
            margin: self.margin,
            notes: self.notes,
            discounted: self.discounted,
            created_at: self.created_at,
            updated_at: self.updated_at,
            rev: self.rev,
        }
    }

    #[cfg(test)]
    fn of(p: &Purchase) -> Self {
        TextPurchase {
            id: p.id,
            customer_id: p.customer_id,
            date: p.date,
            amount: p.amount,
            quantity: p.quantity,
            product: p.product.clone(),
            margin: p.margin,
            notes: p.notes.clone(),
            discounted: p.discounted,
            created_at: p.created_at,
            updated_at: p.updated_at,
            rev: p.rev,
        }
    }
}

/// Puts `p` into `book`: replaces the purchase with its id, or adds it. Returns the purchase
/// it replaced.
pub fn upsert(book: &mut Vec<Purchase>, p: Purchase) -> Option<Purchase> {
    match book.iter_mut().find(|q| q.id == p.id) {
        Some(q) => Some(std::mem::replace(q, p)),
        None => {
            book.push(p);
            None
        }
    }
}

/// Writes `p` into `book` as a new revision of it: one past its own revision and past the
/// one it replaces (see [`Rev::after`]). Returns the purchase it replaced.
pub fn write(book: &mut Vec<Purchase>, mut p: Purchase) -> Option<Purchase> {
    let stored = book.iter().find(|q| q.id == p.id).map(|q| q.rev);
    p.rev = Rev::after(p.rev, stored);
    upsert(book, p)
}

/// Groups purchases (or references to them) into books by customer, in customer-id order.
pub fn books_by_customer<P: Borrow<Purchase>>(
    purchases: impl IntoIterator<Item = P>,
) -> BTreeMap<Id, Vec<P>> {
    let mut books: BTreeMap<Id, Vec<P>> = BTreeMap::new();
    for p in purchases {
        books.entry(p.borrow().customer_id).or_default().push(p);
    }
    books
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A purchase of "绿茶" by `customer` on 2026-11-24 for `cents` hundredths of a yuan,
    /// quantity 1, no margin or notes, created at 1,795,500,000,000 ms and never changed.
    pub(crate) fn green_tea(customer: Id, cents: i64) -> Purchase {
        Purchase {
            // As stored: written once.
            rev: Rev::LEGACY,
            id: Id::generate(),
            customer_id: customer,
            date: NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
            amount: Money::new(Decimal::new(cents, 2), Currency::Cny),
            quantity: Decimal::ONE,
            product: "绿茶".into(),
            order: String::new(),
            margin: None,
            notes: String::new(),
            discounted: false,
            created_at: Timestamp(1_795_500_000_000),
            updated_at: Timestamp(1_795_500_000_000),
        }
    }
    use std::str::FromStr;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn input() -> PurchaseInput {
        PurchaseInput {
            date: "2026-11-20".into(),
            amount: "12,800.50".into(),
            currency: Currency::Cny,
            quantity: "2.5".into(),
            product: "龙井茶 (特级)".into(),
            order: "SO-2026-0042".into(),
            margin: "3200".into(),
            notes: String::new(),
            discounted: true,
        }
    }

    #[test]
    fn the_discount_mark_is_kept_and_old_records_read_as_full_price() {
        let p = input()
            .validate(Id::generate(), None, today(), Timestamp(0))
            .unwrap();
        assert!(p.discounted);
        assert!(PurchaseInput::from_purchase(&p).discounted);
        // A record written before the field existed.
        let mut json = serde_json::to_value(&p).unwrap();
        json.as_object_mut().unwrap().remove("discounted");
        let old: Purchase = serde_json::from_value(json).unwrap();
        assert!(!old.discounted);
    }

    #[test]
    fn a_purchase_keeps_exact_amounts() {
        let p = input()
            .validate(Id::generate(), None, today(), Timestamp(0))
            .unwrap();
        assert_eq!(p.amount.amount, Decimal::from_str("12800.5").unwrap());
        assert_eq!(p.quantity, Decimal::from_str("2.5").unwrap());
        assert_eq!(p.margin, Some(Decimal::from(3200)));
        assert_eq!(p.amount.minor_units(), 1_280_050);
    }

    #[test]
    fn quantity_defaults_to_one_and_margin_may_be_negative() {
        let mut i = input();
        i.quantity.clear();
        i.margin = "-150".into();
        let p = i
            .validate(Id::generate(), None, today(), Timestamp(0))
            .unwrap();
        assert_eq!(p.quantity, Decimal::ONE);
        assert_eq!(p.margin, Some(Decimal::from(-150)));
    }

    #[test]
    fn refuses_bad_purchases_naming_each_field() {
        let i = PurchaseInput {
            date: "2026-02-29".into(),
            amount: "-10".into(),
            currency: Currency::Cny,
            quantity: "0".into(),
            product: String::new(),
            order: "x".repeat(MAX_LINE + 1),
            margin: "abc".into(),
            notes: String::new(),
            discounted: false,
        };
        let errors = i
            .validate(Id::generate(), None, today(), Timestamp(0))
            .unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError::new(Field::Date, Problem::BadDate),
                FieldError::new(Field::Amount, Problem::NegativeAmount),
                FieldError::new(Field::Quantity, Problem::NotPositive),
                FieldError::new(Field::Order, Problem::TooLong { max: MAX_LINE }),
                FieldError::new(Field::Margin, Problem::NotANumber),
            ]
        );
        let mut i = input();
        i.date = "2026-11-24".into();
        i.margin = "20000".into();
        assert_eq!(
            i.validate(Id::generate(), None, today(), Timestamp(0))
                .unwrap_err(),
            vec![
                FieldError::new(Field::Date, Problem::DateInFuture),
                FieldError::new(Field::Margin, Problem::MarginAboveAmount),
            ]
        );
        let mut i = input();
        i.amount = " ".into();
        i.margin.clear();
        assert_eq!(
            i.validate(Id::generate(), None, today(), Timestamp(0))
                .unwrap_err(),
            vec![FieldError::new(Field::Amount, Problem::Required)]
        );
    }

    #[test]
    fn edit_round_trip() {
        let p = input()
            .validate(Id::generate(), None, today(), Timestamp(1))
            .unwrap();
        let again = PurchaseInput::from_purchase(&p)
            .validate(p.customer_id, Some(&p), today(), Timestamp(1))
            .unwrap();
        assert_eq!(again, p);
    }

    #[test]
    fn a_book_keeps_every_purchase_exactly_and_refuses_damage() {
        let a = input()
            .validate(Id::generate(), None, today(), Timestamp(5))
            .unwrap();
        let mut other = input();
        other.margin.clear();
        other.amount = "0.01".into();
        other.currency = Currency::Usd;
        other.notes = "订单 #88 \"急\"".into();
        let b = other
            .validate(a.customer_id, None, today(), Timestamp(6))
            .unwrap();
        // As the store writes them: each at its first revision, here without order numbers.
        let unordered = |p: Purchase| Purchase {
            rev: Rev(1),
            order: String::new(),
            ..p
        };
        let (a, b) = (unordered(a), unordered(b));
        let book = vec![a.clone(), b.clone()];
        let bytes = encode_book(&book);
        assert_eq!(bytes[0], 2);
        let customer = a.customer_id;
        assert_eq!(decode_book(customer, &bytes).unwrap(), book);
        assert_eq!(
            decode_book(customer, &encode_book::<Purchase>(&[])).unwrap(),
            Vec::new()
        );
        assert_eq!(
            decode_book(customer, &[]),
            Err(BookError::Corrupt("empty".into()))
        );
        assert_eq!(decode_book(customer, &[7, 0]), Err(BookError::Format(7)));
        assert!(matches!(
            decode_book(customer, &bytes[..bytes.len() - 3]),
            Err(BookError::Corrupt(_))
        ));
        // A day number beyond the calendar is damage, not a panic.
        let mut far = bytes.clone();
        // Byte 0 is the format, 1 the count, 2..18 the first id, then the day's varint.
        far.splice(18..21, [0xff, 0xff, 0xff, 0xff, 0x0f]);
        assert!(matches!(
            decode_book(customer, &far),
            Err(BookError::Corrupt(_))
        ));
    }

    #[test]
    fn a_book_with_order_numbers_keeps_them_and_costs_nothing_without() {
        let customer = Id::generate();
        let plain = green_tea(customer, 100);
        let ordered = Purchase {
            order: "单号 SO-88".into(),
            ..green_tea(customer, 250)
        };
        let book = vec![plain.clone(), ordered.clone()];
        let bytes = encode_book(&book);
        assert_eq!(bytes[0], 4);
        assert_eq!(decode_book(customer, &bytes).unwrap(), book);
        // Without order numbers the book is byte for byte what it was before they existed.
        let without = encode_book(&[plain.clone(), plain.clone()]);
        assert_eq!(without[0], 2);
        // An order-number column of the wrong length is damage.
        let (wires, revs, _): (Vec<Wire<'static>>, Vec<u32>, Vec<String>) =
            blob::decode(4, &bytes).unwrap();
        let short = blob::encode(4, &(wires, revs, vec!["x".to_string()]));
        assert!(matches!(
            decode_book(customer, &short),
            Err(BookError::Corrupt(_))
        ));
    }

    #[test]
    fn a_book_with_an_edited_purchase_keeps_every_revision() {
        let customer = Id::generate();
        let once = green_tea(customer, 100);
        let edited = Purchase {
            rev: Rev(200),
            ..green_tea(customer, 250)
        };
        let book = vec![once.clone(), edited];
        let bytes = encode_book(&book);
        assert_eq!(bytes[0], 3);
        // The same purchases at revision 1, then the revisions: a count byte, 1 (one byte)
        // and 200 (two bytes of varint, being at least 128).
        assert_eq!(bytes.len(), encode_book(&[&once, &once]).len() + 1 + 1 + 2);
        let back = decode_book(customer, &bytes).unwrap();
        assert_eq!(back, book);
        assert_eq!((back[0].rev.0, back[1].rev.0), (1, 200));
        // Revisions that do not match the purchases are damage.
        let mut short = blob::encode(BOOK_FORMAT_REVS, &(Vec::<Wire>::new(), vec![1u32]));
        assert!(matches!(
            decode_book(customer, &short),
            Err(BookError::Corrupt(_))
        ));
        short.truncate(1);
        assert!(decode_book(customer, &short).is_err());
        // Never-stored purchases (revision 0) keep it too.
        let fresh = Purchase {
            rev: Rev(0),
            ..once
        };
        assert_eq!(
            decode_book(customer, &encode_book(&[&fresh])).unwrap(),
            vec![fresh]
        );
    }

    #[test]
    fn a_book_takes_a_few_bytes_per_field() {
        // 2026-11-24, 128.00 CNY, quantity 1, "绿茶" (6 bytes), no margin, no notes, created
        // at 1,795,500,000,000 ms and never changed. By hand, in bytes: id 16, day 3 (739,944
        // days from 1 January of year 1: 719,163 to 1970 and 20,781 since; zigzag 1,479,888
        // < 2^21), amount 3 + 1 (12800
        // zigzag 25600, over 2^14; scale 2), currency 1, quantity 1 + 1, product 1 + 6, margin 1,
        // notes 1, discounted 1, created 6 (zigzag 3.59e12 < 2^42), updated after 1: 43.
        let p = green_tea(Id::generate(), 12_800);
        assert_eq!(p.date.num_days_from_ce(), 739_944);
        // The format byte and the count, then 43 bytes a purchase.
        assert_eq!(encode_book(&[&p]).len(), 2 + 43);
        assert_eq!(encode_book(&vec![p.clone(); 10]).len(), 2 + 430);
        // The text format took 77: both ids 17 each (length and bytes), the date as text 11,
        // amount "128.00" 7, currency 1, quantity "1" 2, product 7, margin, notes and
        // discount 1 each, both instants 6 each; the serde form now adds the revision, 1.
        assert_eq!(
            blob::encode(BOOK_FORMAT_TEXT, &vec![TextPurchase::of(&p); 10]).len(),
            2 + 780
        );
    }

    #[test]
    fn books_written_in_the_text_format_still_read() {
        let a = input()
            .validate(Id::generate(), None, today(), Timestamp(5))
            .unwrap();
        // Written before order numbers existed: none in the text format.
        let a = Purchase {
            order: String::new(),
            ..a
        };
        let mut b = a.clone();
        b.id = Id::generate();
        b.margin = None;
        b.discounted = true;
        let book = vec![a.clone(), b];
        let text: Vec<TextPurchase> = book.iter().map(TextPurchase::of).collect();
        let old = blob::encode(BOOK_FORMAT_TEXT, &text);
        assert_eq!(old[0], 1);
        assert_eq!(decode_book(a.customer_id, &old).unwrap(), book);
    }

    #[test]
    fn extreme_values_round_trip_exactly() {
        let customer = Id::generate();
        let p = Purchase {
            rev: crate::domain::record::Rev::default(),
            id: Id::from_bytes([0xff; 16]),
            customer_id: customer,
            date: NaiveDate::MIN,
            amount: Money::new(Decimal::MAX, Currency::Jpy),
            quantity: Decimal::from_i128_with_scale(1, 28),
            product: "\u{0}'\"<script>".into(),
            order: "订单 \u{0}".repeat(500),
            margin: Some(Decimal::MIN),
            notes: "x".repeat(10_000),
            discounted: true,
            created_at: Timestamp(i64::MAX),
            updated_at: Timestamp(i64::MIN),
        };
        let mut q = p.clone();
        q.date = NaiveDate::MAX;
        q.margin = Some(Decimal::new(-5, 1));
        let book = vec![p, q];
        assert_eq!(decode_book(customer, &encode_book(&book)).unwrap(), book);
    }

    #[test]
    fn upsert_replaces_by_id_and_books_group_by_customer() {
        let a = input()
            .validate(Id::generate(), None, today(), Timestamp(1))
            .unwrap();
        let mut book = vec![a.clone()];
        let mut edited = a.clone();
        edited.product = "红茶".into();
        assert_eq!(upsert(&mut book, edited.clone()), Some(a.clone()));
        assert_eq!(book, vec![edited.clone()]);
        let b = input()
            .validate(a.customer_id, None, today(), Timestamp(2))
            .unwrap();
        assert_eq!(upsert(&mut book, b.clone()), None);
        // A write is a new revision: past the one it replaces, or the first.
        let mut book = vec![a.clone()];
        write(
            &mut book,
            Purchase {
                rev: Rev(0),
                ..edited.clone()
            },
        );
        assert_eq!(book[0].rev.0, a.rev.0 + 1);
        write(
            &mut book,
            Purchase {
                rev: Rev(0),
                ..b.clone()
            },
        );
        assert_eq!(book[1].rev.0, 1);
        assert_eq!(book.len(), 2);
        let c = input()
            .validate(Id::generate(), None, today(), Timestamp(3))
            .unwrap();
        let books = books_by_customer(vec![edited.clone(), c.clone(), b.clone()]);
        assert_eq!(books.len(), 2);
        assert_eq!(books[&a.customer_id], vec![edited, b]);
        assert_eq!(books[&c.customer_id], vec![c]);
    }
}
