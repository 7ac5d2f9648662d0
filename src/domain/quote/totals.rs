//! A quote's arithmetic, in exact decimals.
//!
//! **The rounding rule.** Every figure is rounded to the currency's minor unit (fen, cents;
//! whole yen), half away from zero, *per line*, and every total is the sum of the rounded line
//! figures — as on a Chinese VAT invoice (增值税发票), where each line carries its own amount and
//! tax. So the totals always add up on the page (net + tax = total, subtotal − discount = net),
//! and the tax total can differ from the tax worked out on the net total by at most half a
//! minor unit per line.
//!
//! For a line of quantity *q* at unit price *p* with a line discount of *d* %, under a quote
//! discount of *D* % and a tax rate of *r* %:
//!
//! - prices before tax (the default): amount *a* = ⌊q·p·(1 − d)⌉, net *n* = ⌊a·(1 − D)⌉, the
//!   quote discount's share *a − n*, tax *t* = ⌊n·r⌉, line total *n + t*;
//! - prices including tax (含税价): amount *a* = ⌊q·p·(1 − d)⌉, line total *g* = ⌊a·(1 − D)⌉,
//!   tax *t* = ⌊g·r / (1 + r)⌉, net *g − t*.
//!
//! (⌊x⌉: rounded to the minor unit, half away from zero.)

use crate::domain::money::Currency;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Whether a quote's prices are before tax or include it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxMode {
    /// Prices before tax; the tax is added (the usual quote abroad and to distributors).
    #[default]
    Exclusive,
    /// Prices include the tax (含税价, the usual price to a Chinese business).
    Inclusive,
}

/// What one line's arithmetic needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineFigures {
    pub quantity: Decimal,
    pub unit_price: Decimal,
    /// Percent, 0–100.
    pub discount: Decimal,
    /// Percent.
    pub tax_rate: Decimal,
}

/// One line worked out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineTotals {
    /// Quantity × unit price less the line discount (before the quote discount).
    pub amount: Decimal,
    /// This line's share of the quote discount.
    pub quote_discount: Decimal,
    /// Before tax, after both discounts.
    pub net: Decimal,
    pub tax: Decimal,
    /// Net plus tax.
    pub total: Decimal,
}

/// A quote worked out: each line, and the sums.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub lines: Vec<LineTotals>,
    /// The lines' amounts (after their own discounts, before the quote's).
    pub subtotal: Decimal,
    /// The quote discount, over every line.
    pub quote_discount: Decimal,
    pub net: Decimal,
    pub tax: Decimal,
    pub total: Decimal,
}

/// Rounds to the currency's minor unit, half away from zero.
pub fn round(x: Decimal, currency: Currency) -> Decimal {
    x.round_dp_with_strategy(
        currency.minor_digits(),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// A price before tax as a quote in `mode` states it: unchanged before tax, with `rate` %
/// added and rounded to the currency when prices include tax.
pub fn in_mode(price: Decimal, rate: Decimal, mode: TaxMode, currency: Currency) -> Decimal {
    match mode {
        TaxMode::Exclusive => price,
        TaxMode::Inclusive => round(
            price * (Decimal::ONE + rate / Decimal::ONE_HUNDRED),
            currency,
        ),
    }
}

fn off(percent: Decimal) -> Decimal {
    (Decimal::ONE_HUNDRED - percent) / Decimal::ONE_HUNDRED
}

/// Works out one line under a quote discount of `quote_discount` %.
pub fn line(
    l: &LineFigures,
    quote_discount: Decimal,
    mode: TaxMode,
    currency: Currency,
) -> LineTotals {
    let amount = round(l.quantity * l.unit_price * off(l.discount), currency);
    let after = round(amount * off(quote_discount), currency);
    let rate = l.tax_rate / Decimal::ONE_HUNDRED;
    let (net, tax) = match mode {
        TaxMode::Exclusive => (after, round(after * rate, currency)),
        TaxMode::Inclusive => {
            let tax = round(after * rate / (Decimal::ONE + rate), currency);
            (after - tax, tax)
        }
    };
    LineTotals {
        amount,
        quote_discount: amount - after,
        net,
        tax,
        total: net + tax,
    }
}

/// Works out every line and the sums.
pub fn totals(
    lines: &[LineFigures],
    quote_discount: Decimal,
    mode: TaxMode,
    currency: Currency,
) -> Totals {
    let lines: Vec<LineTotals> = lines
        .iter()
        .map(|l| line(l, quote_discount, mode, currency))
        .collect();
    let sum = |f: fn(&LineTotals) -> Decimal| lines.iter().map(f).sum::<Decimal>();
    Totals {
        subtotal: sum(|l| l.amount),
        quote_discount: sum(|l| l.quote_discount),
        net: sum(|l| l.net),
        tax: sum(|l| l.tax),
        total: sum(|l| l.total),
        lines,
    }
}
