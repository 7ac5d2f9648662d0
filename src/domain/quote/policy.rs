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

/// Largest logo accepted, in bytes of the image.
pub const MAX_LOGO_BYTES: usize = 200 * 1024;

/// The quoting policy form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyInput {
    /// Each role's limit in percent, as typed.
    pub limits: Vec<(MemberRole, String)>,
    pub valid_days: String,
    pub payment_terms: String,
    pub company_name: String,
    pub company_address: String,
    pub company_contact: String,
    /// A `data:image/png;base64,…`, `data:image/jpeg;base64,…` or `data:image/svg+xml;base64,…`
    /// URL, or empty.
    pub logo: String,
}

impl PolicyInput {
    /// The form filled from the stored policy, every role listed.
    pub fn from_policy(p: &QuotePolicy) -> Self {
        PolicyInput {
            limits: MemberRole::ALL
                .into_iter()
                .map(|r| (r, p.limit(r).normalize().to_string()))
                .collect(),
            valid_days: p.valid_days.to_string(),
            payment_terms: p.payment_terms.clone(),
            company_name: p.company_name.clone(),
            company_address: p.company_address.clone(),
            company_contact: p.company_contact.clone(),
            logo: p.logo.clone(),
        }
    }

    /// The policy `stored` with this form's values, stamped `now`; or every problem, each
    /// limit's naming its role's place in [`MemberRole::ALL`].
    pub fn apply(
        &self,
        stored: &QuotePolicy,
        now: Timestamp,
    ) -> Result<QuotePolicy, Vec<crate::domain::validate::FieldError>> {
        use crate::domain::product::parse_percent;
        use crate::domain::validate::{self, Field, FieldError, MAX_LINE, Problem};
        let mut errors = Vec::new();
        let mut limits = Vec::with_capacity(self.limits.len());
        for (role, typed) in &self.limits {
            let at = MemberRole::ALL.iter().position(|r| r == role).unwrap_or(0);
            match parse_percent(typed) {
                Ok(v) => limits.push((*role, DecimalPercent(v))),
                Err(p) => errors.push(FieldError::at(Field::Discount, at, p)),
            }
        }
        let valid_days = match self.valid_days.trim().parse::<u16>() {
            Ok(d @ 1..=180) => d,
            _ => {
                errors.push(FieldError::new(
                    Field::ValidDays,
                    Problem::OutOfRange { min: 1, max: 180 },
                ));
                0
            }
        };
        let mut line = |field: Field, text: &str| match validate::optional_line(text, MAX_LINE) {
            Ok(v) => v,
            Err(p) => {
                errors.push(FieldError::new(field, p));
                String::new()
            }
        };
        let payment_terms = line(Field::PaymentTerms, &self.payment_terms);
        let company_name = line(Field::Company, &self.company_name);
        let company_address = line(Field::Address, &self.company_address);
        let company_contact = line(Field::Phone, &self.company_contact);
        if let Err(p) = check_logo(&self.logo) {
            errors.push(FieldError::new(Field::Logo, p));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(QuotePolicy {
            limits,
            valid_days,
            payment_terms,
            company_name,
            company_address,
            company_contact,
            logo: self.logo.clone(),
            updated_at: now,
            ..stored.clone()
        })
    }
}

/// Checks a logo's data URL: empty, or a PNG, JPEG or SVG image in base64 of at most
/// [`MAX_LOGO_BYTES`].
pub fn check_logo(url: &str) -> Result<(), crate::domain::validate::Problem> {
    use crate::domain::validate::Problem;
    if url.is_empty() {
        return Ok(());
    }
    let data = ["image/png", "image/jpeg", "image/svg+xml"]
        .into_iter()
        .find_map(|m| url.strip_prefix(&format!("data:{m};base64,")))
        .ok_or(Problem::NotAnImage)?;
    if !data
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    {
        return Err(Problem::NotAnImage);
    }
    if data.len() / 4 * 3 > MAX_LOGO_BYTES {
        return Err(Problem::TooLarge);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::{Field, Problem};

    #[test]
    fn the_policy_form_reads_back_and_names_its_problems() {
        let stored = QuotePolicy::default();
        let mut form = PolicyInput::from_policy(&stored);
        assert_eq!(form.limits[0], (MemberRole::SalesRep, "10".to_string()));
        form.limits[0].1 = "12.5%".into();
        form.company_name = "远东包装有限公司".into();
        form.logo = "data:image/png;base64,iVBORw0KGgo=".into();
        let p = form.apply(&stored, Timestamp(9)).unwrap();
        assert_eq!(p.limit(MemberRole::SalesRep), Decimal::new(125, 1));
        assert!(p.needs_approval(MemberRole::SalesRep, Decimal::new(126, 1)));
        assert!(!p.needs_approval(MemberRole::SalesRep, Decimal::new(125, 1)));
        assert_eq!(p.company_name, "远东包装有限公司");
        assert_eq!(p.updated_at, Timestamp(9));

        form.limits[1].1 = "150".into();
        form.valid_days = "0".into();
        form.logo = "data:text/html;base64,PHNjcmlwdD4=".into();
        let problems: Vec<(Field, Option<usize>, Problem)> = form
            .apply(&stored, Timestamp(9))
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.index, e.problem))
            .collect();
        assert_eq!(
            problems,
            vec![
                (Field::Discount, Some(1), Problem::BadPercent),
                (
                    Field::ValidDays,
                    None,
                    Problem::OutOfRange { min: 1, max: 180 }
                ),
                (Field::Logo, None, Problem::NotAnImage),
            ]
        );
    }

    #[test]
    fn a_logo_is_a_small_image() {
        assert_eq!(check_logo(""), Ok(()));
        assert_eq!(check_logo("data:image/svg+xml;base64,PHN2Zy8+"), Ok(()));
        assert_eq!(
            check_logo("data:image/png;base64,<script>"),
            Err(crate::domain::validate::Problem::NotAnImage)
        );
        let big = format!("data:image/jpeg;base64,{}", "A".repeat(300 * 1024));
        assert_eq!(
            check_logo(&big),
            Err(crate::domain::validate::Problem::TooLarge)
        );
    }
}
