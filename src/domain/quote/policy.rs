//! The team's quoting policy: how deep a discount each role may give without approval, and
//! what a new quote starts with. One record for the team (like the pipeline's stages), so
//! every member's app applies the same limits.
//!
//! **Discount depth.** A quote's depth is its deepest line: for each line, how far below the
//! reference price (the price the pricing rule gave — the agreement's, else the list price)
//! the line ends after its own and the quote's discount, in percent of the reference amount:
//! 1 − amount after discounts ÷ (quantity × reference price). An agreement's price is
//! pre-approved: quoting it is no discount. A quote whose depth is over its author's limit
//! waits for a member whose role's limit covers it.

use crate::domain::member::MemberRole;
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The one policy record's key.
pub const POLICY_ID: &str = "quotes";

/// The team's quoting policy.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuotePolicy {
    /// Always [`POLICY_ID`].
    pub id: String,
    /// The deepest discount each role may give alone, in percent.
    pub limits: Vec<(MemberRole, DecimalPercent)>,
    /// Days a new quote stays valid.
    pub valid_days: u16,
    /// What a new quote's payment terms say ("款到发货", "月结 30 天").
    pub payment_terms: String,
    /// The company on a printed quote: its name, address and contact line.
    pub company_name: String,
    pub company_address: String,
    pub company_contact: String,
    /// The logo as a `data:image/…` URL (a small PNG, JPEG or SVG), empty for none.
    pub logo: String,
    pub updated_at: Timestamp,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

/// A percentage kept exactly (stored as a string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecimalPercent(#[serde(with = "rust_decimal::serde::str")] pub Decimal);

impl Default for QuotePolicy {
    fn default() -> Self {
        let p = |n: i64| DecimalPercent(Decimal::from(n));
        QuotePolicy {
            id: POLICY_ID.to_string(),
            limits: vec![
                (MemberRole::SalesRep, p(10)),
                (MemberRole::SalesManager, p(25)),
                (MemberRole::Admin, p(100)),
                (MemberRole::Service, p(0)),
                (MemberRole::Marketing, p(0)),
            ],
            valid_days: 30,
            payment_terms: String::new(),
            company_name: String::new(),
            company_address: String::new(),
            company_contact: String::new(),
            logo: String::new(),
            updated_at: Timestamp(0),
            rev: Rev::default(),
        }
    }
}

impl QuotePolicy {
    /// The deepest discount `role` may give alone (0 for a role the policy does not name).
    pub fn limit(&self, role: MemberRole) -> Decimal {
        self.limits
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, l)| l.0)
            .unwrap_or_default()
    }

    /// Whether a quote of discount depth `depth` (percent) written by `role` needs approval.
    pub fn needs_approval(&self, role: MemberRole, depth: Decimal) -> bool {
        depth > self.limit(role)
    }

    /// Whether a member of `role` may approve a quote of depth `depth`.
    pub fn may_approve(&self, role: MemberRole, depth: Decimal) -> bool {
        depth <= self.limit(role)
    }
}

/// How far below its reference amount a line ends, in percent (0 when at or above it, or
/// when the reference is zero). `amount` is the line after both discounts, in the quote's
/// tax mode, like `quantity × reference`.
pub fn line_depth(quantity: Decimal, reference_price: Decimal, amount: Decimal) -> Decimal {
    let reference = quantity * reference_price;
    if reference <= Decimal::ZERO || amount >= reference {
        return Decimal::ZERO;
    }
    (Decimal::ONE - amount / reference) * Decimal::ONE_HUNDRED
}
