//! Products and the price list (产品与价目表): what the company sells, under a code, with a
//! name in Chinese and in English, a category (the same words purchases record, so earlier
//! purchases link to products by category or name), a unit, an exact list price in a
//! currency, a tax rate and, when known, a cost for the margin.
//!
//! What a given customer pays for a product on a given day is [`pricing`]'s: the list price,
//! or the price agreement (价格协议) that applies, picked by a stated rule.

pub mod analysis;
pub mod export;
pub mod link;
pub mod list;
pub mod pricing;
#[cfg(test)]
mod tests;

use crate::domain::customer::Errors;
use crate::domain::id::Id;
use crate::domain::money::{Currency, Money, parse_amount, parse_decimal};
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_NAME, MAX_TEXT, Problem};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Longest product code (SKU, 物料编码).
pub const MAX_CODE: usize = 40;

/// The units the unit picker offers first; any other short word is accepted too.
pub const UNITS: [&str; 12] = [
    "个", "件", "台", "套", "箱", "包", "吨", "千克", "米", "升", "小时", "次",
];

/// A product or service on the price list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Product {
    pub id: Id,
    /// The company's own code for it (SKU, 物料编码): unique among products, compared
    /// without regard to case.
    pub code: String,
    /// Its Chinese name; a product has this or an English name, or both.
    pub name_zh: String,
    pub name_en: String,
    /// The category purchases record ("包装材料"); may be empty.
    pub category: String,
    /// The unit it is sold in (个, 台, 吨, 小时 …).
    pub unit: String,
    /// The list price per unit, before tax.
    pub list_price: Money,
    /// The tax rate in percent (13 for China's standard VAT rate, 6 for most services).
    #[serde(with = "rust_decimal::serde::str")]
    pub tax_rate: Decimal,
    /// What one unit costs the company, in the list price's currency, when known.
    #[serde(default, with = "rust_decimal::serde::str_option")]
    pub cost: Option<Decimal>,
    /// Offered in new quotes; an inactive product stays on the quotes that have it.
    pub active: bool,
    pub notes: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When it was moved to the trash.
    pub deleted_at: Option<Timestamp>,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

impl Product {
    /// Its name in the reader's language, the other one when that is empty.
    pub fn name(&self, zh: bool) -> &str {
        match (zh, self.name_zh.is_empty(), self.name_en.is_empty()) {
            (true, false, _) | (false, false, true) => &self.name_zh,
            _ => &self.name_en,
        }
    }

    /// Its code as compared with others' (trimmed, lower case).
    pub fn code_key(&self) -> String {
        self.code.trim().to_lowercase()
    }

    /// The gross margin on one unit at `price`, when the cost is known.
    pub fn unit_margin(&self, price: Decimal) -> Option<Decimal> {
        self.cost.map(|c| price - c)
    }
}

/// A product form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductInput {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: String,
    pub unit: String,
    pub list_price: String,
    pub currency: Currency,
    /// Percent; empty means 0.
    pub tax_rate: String,
    /// Empty when unknown.
    pub cost: String,
    pub active: bool,
    pub notes: String,
}

/// The validated content of a [`ProductInput`].
#[derive(Clone, Debug, PartialEq)]
pub struct ProductFields {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub category: String,
    pub unit: String,
    pub list_price: Money,
    pub tax_rate: Decimal,
    pub cost: Option<Decimal>,
    pub active: bool,
    pub notes: String,
}

/// A percentage as typed (`13`, `13%`, `６`), from 0 to 100 with at most two decimals; blank
/// is [`Problem::Required`].
pub fn parse_percent(text: &str) -> Result<Decimal, Problem> {
    let text = text.trim().trim_end_matches(['%', '％']).trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let value = parse_decimal(text)?;
    if value.is_sign_negative() && !value.is_zero() || value > Decimal::ONE_HUNDRED {
        return Err(Problem::BadPercent);
    }
    if value.normalize().scale() > 2 {
        return Err(Problem::TooManyDecimals { max: 2 });
    }
    Ok(value.normalize())
}

/// An amount that must be given: blank is [`Problem::Required`], not "not a number".
pub fn required_amount(text: &str, currency: Currency) -> Result<Decimal, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Required);
    }
    parse_amount(text, currency)
}

impl ProductInput {
    /// The form filled from a stored product, for editing.
    pub fn from_product(p: &Product) -> Self {
        ProductInput {
            code: p.code.clone(),
            name_zh: p.name_zh.clone(),
            name_en: p.name_en.clone(),
            category: p.category.clone(),
            unit: p.unit.clone(),
            list_price: p.list_price.amount.to_string(),
            currency: p.list_price.currency,
            tax_rate: p.tax_rate.to_string(),
            cost: p.cost.map(|c| c.to_string()).unwrap_or_default(),
            active: p.active,
            notes: p.notes.clone(),
        }
    }

    /// Checks every field; all problems at once. `code_taken` says whether another product
    /// already has a code (compared without regard to case).
    pub fn validate(
        &self,
        code_taken: impl Fn(&str) -> bool,
    ) -> Result<ProductFields, Vec<FieldError>> {
        let mut e = Errors::default();
        let code = e.check(Field::Code, validate::required_line(&self.code, MAX_CODE));
        if !code.is_empty() && code_taken(&code) {
            e.0.push(FieldError::new(Field::Code, Problem::Taken));
        }
        let name_zh = e.check(
            Field::Name,
            validate::optional_line(&self.name_zh, MAX_NAME),
        );
        let name_en = e.check(
            Field::NameEn,
            validate::optional_line(&self.name_en, MAX_NAME),
        );
        if name_zh.is_empty() && name_en.is_empty() && !e.has(Field::Name) {
            e.0.push(FieldError::new(Field::Name, Problem::Required));
        }
        let category = e.check(
            Field::Category,
            validate::optional_line(&self.category, MAX_LINE),
        );
        let unit = e.check(Field::Unit, validate::required_line(&self.unit, 10));
        let list_price = e.check(
            Field::ListPrice,
            required_amount(&self.list_price, self.currency),
        );
        let tax_rate = if self.tax_rate.trim().is_empty() {
            Decimal::ZERO
        } else {
            e.check(Field::TaxRate, parse_percent(&self.tax_rate))
        };
        let cost = if self.cost.trim().is_empty() {
            None
        } else {
            Some(e.check(Field::Cost, parse_amount(&self.cost, self.currency)))
        };
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        if !e.0.is_empty() {
            return Err(e.0);
        }
        Ok(ProductFields {
            code,
            name_zh,
            name_en,
            category,
            unit,
            list_price: Money::new(list_price, self.currency),
            tax_rate,
            cost,
            active: self.active,
            notes,
        })
    }
}

impl ProductFields {
    /// A new product with these fields.
    pub fn into_product(self, now: Timestamp) -> Product {
        let mut p = Product {
            id: Id::generate(),
            code: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            category: String::new(),
            unit: String::new(),
            list_price: self.list_price,
            tax_rate: Decimal::ZERO,
            cost: None,
            active: true,
            notes: String::new(),
            created_at: now,
            updated_at: now,
            deleted_at: None,
            rev: Rev::default(),
        };
        self.apply(&mut p, now);
        p
    }

    /// Writes these fields into a stored product.
    pub fn apply(self, p: &mut Product, now: Timestamp) {
        p.code = self.code;
        p.name_zh = self.name_zh;
        p.name_en = self.name_en;
        p.category = self.category;
        p.unit = self.unit;
        p.list_price = self.list_price;
        p.tax_rate = self.tax_rate;
        p.cost = self.cost;
        p.active = self.active;
        p.notes = self.notes;
        p.updated_at = now;
    }
}
