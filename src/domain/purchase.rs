//! Purchases (交易): what a customer bought, when, for how much. Every value classification is
//! computed from these.

use crate::domain::blob;
use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::money::{Currency, Money, parse_amount, parse_decimal};
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
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
    /// Gross margin on the sale, in the same currency, when known (may be negative).
    #[serde(with = "rust_decimal::serde::str_option")]
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
            id: existing.map_or_else(Id::generate, |p| p.id),
            customer_id,
            date,
            amount: Money::new(amount, self.currency),
            quantity,
            product,
            margin,
            notes,
            discounted: self.discounted,
            created_at: existing.map_or(now, |p| p.created_at),
            updated_at: now,
        })
    }
}

/// Format version of a purchase book's bytes ([`encode_book`]).
const BOOK_FORMAT: u8 = 1;

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

/// The purchases of one customer as one compact byte string (a "book"). A million purchases
/// are stored as one book per customer: the browser writes and clones a hundred thousand byte
/// strings far faster than a million objects, and nothing in the app needs a purchase without
/// its customer's others. Takes purchases or references to them.
pub fn encode_book<P: Borrow<Purchase> + Serialize>(purchases: &[P]) -> Vec<u8> {
    blob::encode(BOOK_FORMAT, purchases)
}

/// Decodes a book written by [`encode_book`].
pub fn decode_book(bytes: &[u8]) -> Result<Vec<Purchase>, BookError> {
    blob::decode(BOOK_FORMAT, bytes).map_err(|e| match e {
        blob::Undecodable::Format(f) => BookError::Format(f),
        blob::Undecodable::Corrupt(why) => BookError::Corrupt(why),
    })
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
mod tests {
    use super::*;
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
        let book = vec![a.clone(), b.clone()];
        let bytes = encode_book(&book);
        assert_eq!(bytes[0], 1);
        assert_eq!(decode_book(&bytes).unwrap(), book);
        assert_eq!(
            decode_book(&encode_book::<Purchase>(&[])).unwrap(),
            Vec::new()
        );
        assert_eq!(decode_book(&[]), Err(BookError::Corrupt("empty".into())));
        assert_eq!(decode_book(&[7, 0]), Err(BookError::Format(7)));
        assert!(matches!(
            decode_book(&bytes[..bytes.len() - 3]),
            Err(BookError::Corrupt(_))
        ));
        // Ten purchases take a few hundred bytes, not kilobytes of objects.
        let ten: Vec<Purchase> = (0..10).map(|_| a.clone()).collect();
        assert!(
            encode_book(&ten).len() < 1_200,
            "{}",
            encode_book(&ten).len()
        );
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
