//! A sample price list, price agreements and quotes: products in the categories the sample
//! purchases record (so earlier purchases line up with the list), a distributors' discount per
//! category and a few agreements with single customers, and quotes in every state — drafts,
//! quotes waiting for a manager's approval, sent ones (some expired), accepted and rejected
//! ones, some revised into a second version — deterministic for a seed.

use super::rng::Rng;
use super::tables::INDUSTRIES;
use crate::domain::customer::CustomerKind;
use crate::domain::id::Id;
use crate::domain::member::{MemberRole, TeamMember};
use crate::domain::money::{Currency, Money};
use crate::domain::product::Product;
use crate::domain::product::pricing::{
    Buyer, Party, PriceAgreement, Scope, Terms, discounted, price_for,
};
use crate::domain::quote::policy::QuotePolicy;
use crate::domain::quote::totals::{TaxMode, in_mode, round};
use crate::domain::quote::{Approval, Quote, QuoteLine, QuoteStatus, RejectReason};
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;
use std::collections::HashMap;

const DAY_MS: i64 = 86_400_000;

/// Per industry (in [`INDUSTRIES`]' order): the unit, the tax rate in percent and the list
/// price range in yuan.
const TRADE: [(&str, u32, f64, f64); 15] = [
    ("套", 6, 2_000.0, 50_000.0),
    ("箱", 13, 20.0, 300.0),
    ("台", 13, 800.0, 12_000.0),
    ("个", 13, 0.5, 50.0),
    ("吨", 9, 3_000.0, 20_000.0),
    ("次", 9, 500.0, 5_000.0),
    ("箱", 13, 50.0, 800.0),
    ("吨", 13, 300.0, 3_000.0),
    ("米", 13, 15.0, 120.0),
    ("桶", 13, 200.0, 1_500.0),
    ("件", 13, 300.0, 6_000.0),
    ("盒", 13, 80.0, 1_200.0),
    ("个", 13, 1.0, 30.0),
    ("件", 13, 20.0, 2_000.0),
    ("次", 6, 300.0, 8_000.0),
];

const VARIANTS: [(&str, &str); 8] = [
    ("标准型", "Standard"),
    ("加强型", "Heavy-duty"),
    ("经济型", "Economy"),
    ("专业型", "Pro"),
    ("高端型", "Premium"),
    ("通用型", "General"),
    ("定制型", "Custom"),
    ("环保型", "Eco"),
];

fn price(x: f64) -> Decimal {
    let digits = if x >= 100.0 { 0 } else { 2 };
    Decimal::from_f64(x)
        .unwrap_or_default()
        .round_dp(digits)
        .max(Decimal::new(1, 2))
}

/// `count` products spread over the sample's categories, created at `now`.
pub fn sample_products(seed: u64, count: usize, now: Timestamp) -> Vec<Product> {
    let mut rng = Rng::new(seed ^ 0x9a1c_e115);
    (0..count)
        .map(|i| {
            let industry = i % INDUSTRIES.len();
            let n = i / INDUSTRIES.len() + 1;
            let (_, _, _, category, category_en) = INDUSTRIES[industry];
            let (unit, tax, lo, hi) = TRADE[industry];
            let (variant, variant_en) = VARIANTS[(n - 1) % VARIANTS.len()];
            let list = price(lo * (hi / lo).powf(rng.unit()));
            let cost = rng
                .chance(0.9)
                .then(|| round(list * price(0.55 + 0.25 * rng.unit()), Currency::Cny));
            Product {
                id: Id::from_parts(now.0 as u64 + i as u64, rng.id_bytes()),
                code: format!("P{:02}{:04}", industry + 1, n),
                name_zh: format!("{category}·{variant} {n:03}"),
                name_en: format!("{category_en}, {variant_en} {n:03}"),
                category: category.to_string(),
                unit: unit.to_string(),
                list_price: Money::new(list, Currency::Cny),
                tax_rate: Decimal::from(tax),
                cost,
                active: rng.chance(0.95),
                notes: String::new(),
                created_at: now,
                updated_at: now,
                deleted_at: None,
                rev: Rev::default(),
            }
        })
        .collect()
}

fn agreement(
    rng: &mut Rng,
    party: Party,
    scope: Scope,
    terms: Terms,
    (from, until): (NaiveDate, Option<NaiveDate>),
    notes: &str,
    now: Timestamp,
) -> PriceAgreement {
    PriceAgreement {
        id: Id::from_parts(now.0 as u64, rng.id_bytes()),
        party,
        scope,
        terms,
        valid_from: from,
        valid_until: until,
        notes: notes.to_string(),
        created_at: now,
        updated_at: now,
        deleted_at: None,
        rev: Rev::default(),
    }
}

/// The sample's agreements: 8 % off every category for distributors, 5 % for the VIP class
/// on five categories, and for each of `customers` (the first few sample customers, with
/// their industry's index) a fixed price on one product — one of them ended, one not yet
/// begun.
pub fn sample_agreements(
    seed: u64,
    products: &[Product],
    customers: &[(Id, usize)],
    today: NaiveDate,
    now: Timestamp,
) -> Vec<PriceAgreement> {
    use crate::domain::analysis::importance::Importance;
    let mut rng = Rng::new(seed ^ 0xa6ee_0001);
    let year_start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(today);
    let mut out = Vec::new();
    for (_, _, _, category, _) in INDUSTRIES {
        out.push(agreement(
            &mut rng,
            Party::Kind(CustomerKind::Distributor),
            Scope::Category(category.to_string()),
            Terms::Discount(Decimal::from(8)),
            (year_start.min(today), None),
            "经销商年度折扣",
            now,
        ));
    }
    for (_, _, _, category, _) in INDUSTRIES.iter().take(5) {
        out.push(agreement(
            &mut rng,
            Party::Importance(Importance::Vip),
            Scope::Category(category.to_string()),
            Terms::Discount(Decimal::from(5)),
            (year_start.min(today), None),
            "贵宾客户优惠",
            now,
        ));
    }
    for (k, &(customer, industry)) in customers.iter().enumerate() {
        let Some(p) = products
            .iter()
            .find(|p| p.category == INDUSTRIES[industry].3)
        else {
            continue;
        };
        let (from, until) = match k % 4 {
            0 => (today - Days::new(400), Some(today - Days::new(35))),
            1 => (today + Days::new(20), None),
            _ => (today - Days::new(rng.range(30, 300) as u64), None),
        };
        let off = Decimal::from(rng.range(6, 12));
        out.push(agreement(
            &mut rng,
            Party::Customer(customer),
            Scope::Product(p.id),
            Terms::Price(Money::new(discounted(p.list_price, off), Currency::Cny)),
            (from, until),
            "框架协议价",
            now,
        ));
    }
    out
}

/// The most of a product at `price` a sample line orders: about ¥50,000 worth, 1 to 500.
fn most_of(price: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    let price = price.to_f64().unwrap_or(1.0).max(0.01);
    ((50_000.0 / price) as i64).clamp(1, 500)
}

/// What a quote is made for: its customer, their owner and kind, and their industry's index.
#[derive(Clone, Debug)]
pub struct QuoteSeed {
    pub customer: Id,
    pub owner: Option<Id>,
    pub kind: CustomerKind,
    pub industry: usize,
}

/// The industry index of an industry name of the sample (`None` for another).
pub fn industry_of(name: &str) -> Option<usize> {
    INDUSTRIES.iter().position(|i| i.1 == name)
}

/// One quote for each seed (and a second version for some), written over the 200 days
/// before `today` by the customers' owners, priced by the agreements.
pub fn sample_quotes(
    seed: u64,
    seeds: &[QuoteSeed],
    products: &[Product],
    agreements: &[PriceAgreement],
    team: &[TeamMember],
    today: NaiveDate,
    now: Timestamp,
) -> Vec<Quote> {
    let mut rng = Rng::new(seed ^ 0x9007_e5ee);
    let policy = QuotePolicy::default();
    let manager = team
        .iter()
        .find(|m| m.role == MemberRole::SalesManager)
        .map(|m| m.id);
    let mut by_category: Vec<Vec<&Product>> = vec![Vec::new(); INDUSTRIES.len()];
    for p in products.iter().filter(|p| p.active) {
        if let Some(i) = INDUSTRIES.iter().position(|x| x.3 == p.category) {
            by_category[i].push(p);
        }
    }
    let mut per_day: HashMap<NaiveDate, u32> = HashMap::new();
    let mut out = Vec::with_capacity(seeds.len() + seeds.len() / 8);
    for s in seeds {
        let choice = &by_category[s.industry];
        if choice.is_empty() {
            continue;
        }
        let age = rng.range(0, 200) as u64;
        let day = today - Days::new(age);
        let created = Timestamp(now.0 - age as i64 * DAY_MS - rng.range(0, DAY_MS - 1));
        let n = per_day.entry(day).or_default();
        *n += 1;
        let number = format!("QT-{}-{:03}", day.format("%Y%m%d"), n);
        let buyer = Buyer {
            customer_id: s.customer,
            kind: s.kind,
            importance: None,
        };
        let mode = if rng.chance(0.7) {
            TaxMode::Inclusive
        } else {
            TaxMode::Exclusive
        };
        let count = if rng.chance(0.01) {
            rng.range(20, 50)
        } else {
            rng.range(1, 6)
        };
        let lines: Vec<QuoteLine> = (0..count)
            .map(|_| {
                let p = *rng.pick(choice);
                let rule = price_for(p, &buyer, day, agreements);
                let in_mode = |x: Decimal| in_mode(x, p.tax_rate, mode, Currency::Cny);
                let reference = in_mode(rule.unit_price);
                let discount = if rng.chance(0.3) {
                    Decimal::from(rng.range(2, 18))
                } else {
                    Decimal::ZERO
                };
                QuoteLine {
                    product_id: p.id,
                    code: p.code.clone(),
                    name: p.name_zh.clone(),
                    category: p.category.clone(),
                    unit: p.unit.clone(),
                    // Dear things in few, cheap ones by the hundred.
                    quantity: Decimal::from(rng.range(1, most_of(p.list_price.amount))),
                    unit_price: reference,
                    reference_price: reference,
                    list_price: in_mode(p.list_price.amount),
                    price: rule.source.into(),
                    discount,
                    tax_rate: p.tax_rate,
                    cost: p.cost,
                }
            })
            .collect();
        let mut q = Quote {
            id: Id::from_parts(created.0 as u64, rng.id_bytes()),
            number,
            version: 1,
            customer_id: s.customer,
            opportunity_id: None,
            owner_id: s.owner,
            currency: Currency::Cny,
            tax_mode: mode,
            lines,
            discount: if rng.chance(0.2) {
                Decimal::from(rng.range(1, 5))
            } else {
                Decimal::ZERO
            },
            valid_until: day + Days::new(30),
            payment_terms: rng
                .pick(&[
                    "款到发货",
                    "月结 30 天",
                    "月结 60 天",
                    "预付 30%，发货前付清",
                ])
                .to_string(),
            notes: String::new(),
            status: QuoteStatus::Draft,
            approval: None,
            previous: None,
            superseded_by: None,
            created_at: created,
            updated_at: created,
            deleted_at: None,
            rev: Rev::default(),
        };
        let depth = q.depth();
        let needs = policy.needs_approval(MemberRole::SalesRep, depth);
        let sent_at = Timestamp(created.0 + rng.range(0, 2) * DAY_MS);
        let answered = Timestamp(sent_at.0 + rng.range(1, 20) * DAY_MS);
        let roll = rng.unit();
        // Young quotes are still drafts or waiting; the rest were sent and mostly answered.
        if age < 5 && roll < 0.5 {
            q.status = if needs {
                QuoteStatus::AwaitingApproval
            } else {
                QuoteStatus::Draft
            };
        } else {
            if needs {
                q.approval = manager.map(|by| Approval {
                    by,
                    at: sent_at,
                    depth,
                    note: "同意，老客户".into(),
                });
            }
            q.status = if answered.0 >= now.0 || roll < 0.35 {
                QuoteStatus::Sent { at: sent_at }
            } else if roll < 0.75 {
                QuoteStatus::Accepted { at: answered }
            } else {
                QuoteStatus::Rejected {
                    at: answered,
                    reason: *rng.pick(&RejectReason::ALL),
                    note: String::new(),
                }
            };
            q.updated_at = match q.status {
                QuoteStatus::Sent { at } => at,
                _ => answered,
            }
            .min(now);
        }
        // One in eight sent and rejected or expired quotes was revised.
        let revisable = matches!(q.status, QuoteStatus::Rejected { .. })
            || (matches!(q.status, QuoteStatus::Sent { .. }) && q.valid_until < today);
        if revisable && rng.chance(0.125) {
            let at = Timestamp(q.updated_at.0 + DAY_MS).min(now);
            let mut v2 = Quote {
                id: Id::from_parts(at.0 as u64, rng.id_bytes()),
                version: 2,
                status: QuoteStatus::Draft,
                approval: None,
                previous: Some(q.id),
                superseded_by: None,
                valid_until: today + Days::new(30),
                created_at: at,
                updated_at: at,
                ..q.clone()
            };
            for l in &mut v2.lines {
                l.discount = (l.discount + Decimal::from(2)).min(Decimal::from(10));
            }
            q.superseded_by = Some(v2.id);
            out.push(q);
            out.push(v2);
        } else {
            out.push(q);
        }
    }
    out
}
