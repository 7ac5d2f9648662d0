//! Price agreements (价格协议) and the rule that picks a customer's price.
//!
//! An agreement gives a party — one customer, every customer of an importance class, or every
//! customer of a kind — either a fixed unit price or a discount off the list price, for one
//! product or a whole category, from one day to another (or open-ended).
//!
//! **The rule.** Of the agreements in force on the day (from `valid_from` to `valid_until`,
//! both included) for this customer and this product, in the quote's currency, the most
//! specific wins:
//!
//! 1. the customer's own agreement for the product,
//! 2. the customer's own agreement for the product's category,
//! 3. its importance class's, for the product, then for the category,
//! 4. its kind's, for the product, then for the category.
//!
//! Who the agreement is with counts before what it covers: a price negotiated with this
//! customer beats a class's price even when the class's names the product. Between
//! agreements of the same rank the one that started last wins (it replaced the older), then
//! the lower price, then the earlier-made one. With no agreement in force, the list price.
//! A discount's price is the list price less the discount, rounded to the currency's minor
//! unit half away from zero.
//!
//! [`price_for`] returns the price with where it came from and why each other agreement that
//! names this product or its category did not apply, so the quote can say so.

use crate::domain::analysis::importance::Importance;
use crate::domain::customer::{CustomerKind, Errors};
use crate::domain::id::Id;
use crate::domain::money::{Currency, Money};
use crate::domain::product::{Product, parse_percent, required_amount};
use crate::domain::record::Rev;
use crate::domain::time::{Timestamp, parse_date};
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_TEXT, Problem};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Whom an agreement is with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// One customer.
    Customer(Id),
    /// Every customer of an importance class (贵宾/重要/普通), as classified on the day.
    Importance(Importance),
    /// Every customer of a kind (经销商, 企业购买者 …).
    Kind(CustomerKind),
}

/// What an agreement covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One product.
    Product(Id),
    /// Every product of a category (compared without regard to case and surrounding spaces).
    Category(String),
}

/// What an agreement grants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Terms {
    /// A fixed price per unit, before tax.
    Price(Money),
    /// A discount off the list price, in percent.
    Discount(#[serde(with = "rust_decimal::serde::str")] Decimal),
}

/// A price agreement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceAgreement {
    pub id: Id,
    pub party: Party,
    pub scope: Scope,
    pub terms: Terms,
    /// The first day it applies.
    pub valid_from: NaiveDate,
    /// The last day it applies; `None`: until further notice.
    pub valid_until: Option<NaiveDate>,
    /// The contract or the reason ("2026 年度框架协议").
    pub notes: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When it was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

impl PriceAgreement {
    /// Whether it applies on `day`.
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.deleted_at.is_none()
            && self.valid_from <= day
            && self.valid_until.is_none_or(|end| day <= end)
    }

    /// Whether it names this product, directly or by its category.
    pub fn covers(&self, product: &Product) -> bool {
        match &self.scope {
            Scope::Product(id) => *id == product.id,
            Scope::Category(c) => same_category(c, &product.category),
        }
    }

    /// Whether it is with this buyer.
    pub fn with(&self, buyer: &Buyer) -> bool {
        match self.party {
            Party::Customer(id) => id == buyer.customer_id,
            Party::Importance(c) => buyer.importance == Some(c),
            Party::Kind(k) => k == buyer.kind,
        }
    }

    /// Its place in the rule: 0 (the customer's own, for the product) to 5 (the kind's, for
    /// the category).
    pub fn rank(&self) -> u8 {
        let party = match self.party {
            Party::Customer(_) => 0,
            Party::Importance(_) => 1,
            Party::Kind(_) => 2,
        };
        let scope = match self.scope {
            Scope::Product(_) => 0,
            Scope::Category(_) => 1,
        };
        party * 2 + scope
    }

    /// The unit price it gives for a product whose list price is `list`; `None` when its
    /// fixed price is in another currency.
    pub fn price(&self, list: Money) -> Option<Decimal> {
        match self.terms {
            Terms::Price(p) => (p.currency == list.currency).then_some(p.amount),
            Terms::Discount(d) => Some(discounted(list, d)),
        }
    }
}

fn same_category(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

/// `list` less `percent` %, rounded to the currency's minor unit half away from zero.
pub fn discounted(list: Money, percent: Decimal) -> Decimal {
    let factor = (Decimal::ONE_HUNDRED - percent) / Decimal::ONE_HUNDRED;
    (list.amount * factor).round_dp_with_strategy(
        list.currency.minor_digits(),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// What the rule needs to know of the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Buyer {
    pub customer_id: Id,
    pub kind: CustomerKind,
    /// Its importance class as classified now; `None` before the classes exist.
    pub importance: Option<Importance>,
}

/// Where a price came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PriceSource {
    /// The product's list price.
    List,
    /// An agreement.
    Agreement {
        id: Id,
        /// Its place in the rule (see [`PriceAgreement::rank`]).
        rank: u8,
    },
}

/// Why an agreement that names the product (or its category) and the customer did not set
/// the price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassedOver {
    /// Not yet in force on the day.
    NotYet,
    /// Ended before the day.
    Ended,
    /// Its fixed price is in another currency.
    OtherCurrency,
    /// A more specific agreement applies.
    LessSpecific,
    /// An agreement of the same rank started later, or gives a lower price.
    Outranked,
}

/// The price the rule picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceChoice {
    /// The unit price before tax, in the product's currency.
    pub unit_price: Decimal,
    /// The list price, for comparison.
    pub list_price: Decimal,
    pub source: PriceSource,
    /// Every other agreement with this buyer for this product, and why it did not apply.
    pub passed_over: Vec<(Id, PassedOver)>,
}

/// The unit price `buyer` pays for `product` on `day`, by the rule above.
pub fn price_for(
    product: &Product,
    buyer: &Buyer,
    day: NaiveDate,
    agreements: &[PriceAgreement],
) -> PriceChoice {
    let list = product.list_price;
    let mut passed_over = Vec::new();
    let mut best: Option<(&PriceAgreement, Decimal)> = None;
    for a in agreements {
        if a.deleted_at.is_some() || !a.with(buyer) || !a.covers(product) {
            continue;
        }
        if day < a.valid_from {
            passed_over.push((a.id, PassedOver::NotYet));
            continue;
        }
        if a.valid_until.is_some_and(|end| end < day) {
            passed_over.push((a.id, PassedOver::Ended));
            continue;
        }
        let Some(price) = a.price(list) else {
            passed_over.push((a.id, PassedOver::OtherCurrency));
            continue;
        };
        best = match best {
            None => Some((a, price)),
            Some((b, bp)) => {
                if better(a, price, b, bp) {
                    passed_over.push((b.id, reason(b, a)));
                    Some((a, price))
                } else {
                    passed_over.push((a.id, reason(a, b)));
                    Some((b, bp))
                }
            }
        };
    }
    match best {
        Some((a, price)) => PriceChoice {
            unit_price: price,
            list_price: list.amount,
            source: PriceSource::Agreement {
                id: a.id,
                rank: a.rank(),
            },
            passed_over,
        },
        None => PriceChoice {
            unit_price: list.amount,
            list_price: list.amount,
            source: PriceSource::List,
            passed_over,
        },
    }
}

/// Whether `a` (giving `ap`) beats `b` (giving `bp`).
fn better(a: &PriceAgreement, ap: Decimal, b: &PriceAgreement, bp: Decimal) -> bool {
    (a.rank(), std::cmp::Reverse(a.valid_from), ap, a.id)
        < (b.rank(), std::cmp::Reverse(b.valid_from), bp, b.id)
}

/// Why `loser` lost to `winner`.
fn reason(loser: &PriceAgreement, winner: &PriceAgreement) -> PassedOver {
    if loser.rank() > winner.rank() {
        PassedOver::LessSpecific
    } else {
        PassedOver::Outranked
    }
}

/// Which kind of party an agreement form is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PartyChoice {
    #[default]
    Customer,
    Importance,
    Kind,
}

/// A price agreement form as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgreementInput {
    pub party: PartyChoice,
    pub customer_id: Option<Id>,
    pub importance: Importance,
    pub kind: CustomerKind,
    /// The product it covers; `None`: the category.
    pub product_id: Option<Id>,
    pub category: String,
    /// A fixed price (true) or a discount in percent (false).
    pub fixed_price: bool,
    pub value: String,
    pub currency: Currency,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    /// `YYYY-MM-DD`, empty: open-ended.
    pub valid_until: String,
    pub notes: String,
}

impl Default for AgreementInput {
    fn default() -> Self {
        AgreementInput {
            party: PartyChoice::Customer,
            customer_id: None,
            importance: Importance::Vip,
            kind: CustomerKind::default(),
            product_id: None,
            category: String::new(),
            fixed_price: true,
            value: String::new(),
            currency: Currency::default(),
            valid_from: String::new(),
            valid_until: String::new(),
            notes: String::new(),
        }
    }
}

/// The validated content of an [`AgreementInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct AgreementFields {
    pub party: Party,
    pub scope: Scope,
    pub terms: Terms,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub notes: String,
}

impl AgreementInput {
    /// Checks every field; all problems at once. `product_known` says whether a product id is
    /// on the price list.
    pub fn validate(
        &self,
        product_known: impl Fn(Id) -> bool,
    ) -> Result<AgreementFields, Vec<FieldError>> {
        let mut e = Errors::default();
        let party = match self.party {
            PartyChoice::Customer => match self.customer_id {
                Some(id) => Some(Party::Customer(id)),
                None => {
                    e.0.push(FieldError::new(Field::Customer, Problem::Required));
                    None
                }
            },
            PartyChoice::Importance => Some(Party::Importance(self.importance)),
            PartyChoice::Kind => Some(Party::Kind(self.kind)),
        };
        let scope = match self.product_id {
            Some(id) if product_known(id) => Some(Scope::Product(id)),
            Some(_) => {
                e.0.push(FieldError::new(Field::Product, Problem::UnknownProduct));
                None
            }
            None => {
                let c = e.check(
                    Field::Category,
                    validate::required_line(&self.category, MAX_LINE),
                );
                (!c.is_empty()).then_some(Scope::Category(c))
            }
        };
        let terms = if self.fixed_price {
            let p = e.check(
                Field::UnitPrice,
                required_amount(&self.value, self.currency),
            );
            Terms::Price(Money::new(p, self.currency))
        } else {
            let d = match parse_percent(&self.value) {
                Ok(d) if d.is_zero() => Err(Problem::NotPositive),
                other => other,
            };
            Terms::Discount(e.check(Field::Discount, d))
        };
        let valid_from = e.check(Field::ValidFrom, validate::date(&self.valid_from));
        let valid_until = match self.valid_until.trim() {
            "" => None,
            text => match parse_date(text) {
                Some(d) if !e.has(Field::ValidFrom) && d < valid_from => {
                    e.0.push(FieldError::new(Field::ValidUntil, Problem::EndBeforeStart));
                    None
                }
                Some(d) => Some(d),
                None => {
                    e.0.push(FieldError::new(Field::ValidUntil, Problem::BadDate));
                    None
                }
            },
        };
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        match (party, scope) {
            (Some(party), Some(scope)) if e.0.is_empty() => Ok(AgreementFields {
                party,
                scope,
                terms,
                valid_from,
                valid_until,
                notes,
            }),
            _ => Err(e.0),
        }
    }
}

impl AgreementFields {
    /// A new agreement with these fields.
    pub fn into_agreement(self, now: Timestamp) -> PriceAgreement {
        PriceAgreement {
            id: Id::generate(),
            party: self.party,
            scope: self.scope,
            terms: self.terms,
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            notes: self.notes,
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: Rev::default(),
        }
    }
}
