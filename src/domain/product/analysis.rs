//! Price analysis (seed 001: "what does a price change do to revenue").
//!
//! **Realised prices** come from accepted quotes — what customers agreed to pay, line by line,
//! against the list price on the day of the quote: per product and per category the average
//! price realised (net of both discounts, before tax) as a share of list, the spread of the
//! discounts given (10th percentile, median, 90th percentile of the lines' discount from list),
//! by customer importance class and by the rep who wrote the quote, and the margin where the
//! product's cost is known.
//!
//! **The what-if** changes the price of a product or a category by *x* % under a constant
//! price elasticity *e* (the share by which volume changes for a 1 % price change; −1 by
//! default, "unit elastic", and entered by the user). For each customer the next period's
//! spending on what is repriced is their own predicted spending (expected purchase days ×
//! expected spend, from the fitted BG/NBD and Gamma-Gamma models) times the share of their
//! recorded purchases that was this product or category. With *R₀* that revenue and *m₀* the
//! margin rate, volume moves by (1 + x)^e, so
//!
//! - revenue after: *R₁ = R₀ · (1 + x)^(1 + e)*
//! - margin after: *M₁ = R₀ · (1 + x)^e · (x + m₀)* (the unit cost stays; *M₀ = R₀ · m₀*).

use crate::domain::analysis::importance::Importance;
use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::product::Product;
use crate::domain::product::link::{Link, Links};
use crate::domain::purchase::Purchase;
use crate::domain::quote::totals::TaxMode;
use crate::domain::quote::{Quote, QuoteStatus};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::HashMap;

/// What an analysis or a what-if is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Everything on the price list.
    #[default]
    All,
    /// Every product of this category.
    Category(String),
    Product(Id),
}

impl Scope {
    fn admits(&self, product: Id, category: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Category(c) => c == category,
            Scope::Product(p) => *p == product,
        }
    }
}

/// One accepted quote line, before tax, in its quote's currency.
#[derive(Clone, Debug, PartialEq)]
pub struct Sale {
    pub product: Id,
    pub category: String,
    pub customer: Id,
    /// Who wrote the quote.
    pub rep: Option<Id>,
    /// The customer's importance class as last analysed.
    pub class: Option<Importance>,
    pub quantity: Decimal,
    /// The list price on the day of the quote times the quantity.
    pub list: Decimal,
    /// What was agreed, after the line's and the quote's discounts.
    pub net: Decimal,
    /// The unit cost times the quantity, when known.
    pub cost: Option<Decimal>,
}

/// The lines of the accepted quotes (out of the trash) in `currency`.
pub fn sales(
    quotes: &[Quote],
    currency: Currency,
    class_of: impl Fn(Id) -> Option<Importance>,
) -> Vec<Sale> {
    let mut out = Vec::new();
    for q in quotes {
        if q.deleted_at.is_some()
            || q.currency != currency
            || !matches!(q.status, QuoteStatus::Accepted { .. })
        {
            continue;
        }
        let class = class_of(q.customer_id);
        let totals = q.totals();
        for (l, t) in q.lines.iter().zip(&totals.lines) {
            let list_before_tax = match q.tax_mode {
                TaxMode::Exclusive => l.list_price,
                TaxMode::Inclusive => {
                    l.list_price / (Decimal::ONE + l.tax_rate / Decimal::ONE_HUNDRED)
                }
            };
            out.push(Sale {
                product: l.product_id,
                category: l.category.clone(),
                customer: q.customer_id,
                rep: q.owner_id,
                class,
                quantity: l.quantity,
                list: list_before_tax * l.quantity,
                net: t.net,
                cost: l.cost.map(|c| c * l.quantity),
            });
        }
    }
    out
}

/// The discount from list across lines: 10th percentile, median and 90th percentile (by the
/// nearest rank), in percent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    pub low: Decimal,
    pub median: Decimal,
    pub high: Decimal,
}

/// A group of sales summed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub lines: u32,
    pub quantity: Decimal,
    pub list: Decimal,
    pub net: Decimal,
    /// Net and cost of the lines whose cost is known.
    pub costed_net: Decimal,
    pub cost: Decimal,
    /// Each line's discount from list, in percent.
    discounts: Vec<Decimal>,
}

impl Figures {
    fn add(&mut self, s: &Sale) {
        self.lines += 1;
        self.quantity += s.quantity;
        self.list += s.list;
        self.net += s.net;
        if let Some(c) = s.cost {
            self.costed_net += s.net;
            self.cost += c;
        }
        if s.list > Decimal::ZERO {
            self.discounts
                .push((Decimal::ONE - s.net / s.list) * Decimal::ONE_HUNDRED);
        }
    }

    fn of<'a>(sales: impl IntoIterator<Item = &'a Sale>) -> Figures {
        let mut f = Figures::default();
        for s in sales {
            f.add(s);
        }
        f.discounts.sort();
        f
    }

    /// What was realised as a share of list, in percent (two decimals).
    pub fn realised(&self) -> Option<Decimal> {
        (self.list > Decimal::ZERO)
            .then(|| (self.net / self.list * Decimal::ONE_HUNDRED).round_dp(2))
    }

    /// The average price per unit realised (four decimals).
    pub fn average_price(&self) -> Option<Decimal> {
        (self.quantity > Decimal::ZERO).then(|| (self.net / self.quantity).round_dp(4))
    }

    /// The gross margin of the lines whose cost is known.
    pub fn margin(&self) -> Option<Decimal> {
        (self.costed_net > Decimal::ZERO).then(|| self.costed_net - self.cost)
    }

    /// The margin as a share of those lines' net, in percent (two decimals).
    pub fn margin_rate(&self) -> Option<Decimal> {
        let m = self.margin()?;
        Some((m / self.costed_net * Decimal::ONE_HUNDRED).round_dp(2))
    }

    /// The spread of the lines' discounts from list.
    pub fn spread(&self) -> Option<Spread> {
        let d = &self.discounts;
        if d.is_empty() {
            return None;
        }
        // Nearest rank: the ⌈p·n⌉-th smallest.
        let rank = |p: u32| {
            let k = (d.len() as u32 * p).div_ceil(100).max(1) as usize;
            d[k - 1].round_dp(2)
        };
        Some(Spread {
            low: rank(10),
            median: rank(50),
            high: rank(90),
        })
    }
}

/// The realised prices: the whole, per product and per category (by net, largest first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PriceAnalysis {
    pub total: Figures,
    pub products: Vec<(Id, Figures)>,
    pub categories: Vec<(String, Figures)>,
}

fn grouped<K: Clone + Eq + std::hash::Hash + Ord>(
    sales: &[&Sale],
    key: impl Fn(&Sale) -> K,
) -> Vec<(K, Figures)> {
    let mut groups: HashMap<K, Vec<&Sale>> = HashMap::new();
    for s in sales {
        groups.entry(key(s)).or_default().push(s);
    }
    let mut out: Vec<(K, Figures)> = groups
        .into_iter()
        .map(|(k, v)| (k, Figures::of(v)))
        .collect();
    out.sort_by(|a, b| b.1.net.cmp(&a.1.net).then(a.0.cmp(&b.0)));
    out
}

impl PriceAnalysis {
    pub fn new(sales: &[Sale]) -> Self {
        let all: Vec<&Sale> = sales.iter().collect();
        PriceAnalysis {
            total: Figures::of(all.iter().copied()),
            products: grouped(&all, |s| s.product),
            categories: grouped(&all, |s| s.category.clone()),
        }
    }
}

/// How the sales in `scope` spread by customer importance class (best class first, the
/// unclassified last) and by rep (largest first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Breakdown {
    pub total: Figures,
    pub classes: Vec<(Option<Importance>, Figures)>,
    pub reps: Vec<(Option<Id>, Figures)>,
}

pub fn breakdown(sales: &[Sale], scope: &Scope) -> Breakdown {
    let inside: Vec<&Sale> = sales
        .iter()
        .filter(|s| scope.admits(s.product, &s.category))
        .collect();
    let mut classes = grouped(&inside, |s| s.class);
    classes.sort_by_key(|(c, _)| class_order(*c));
    Breakdown {
        total: Figures::of(inside.iter().copied()),
        classes,
        reps: grouped(&inside, |s| s.rep),
    }
}

/// Best class first, the unclassified last.
fn class_order(c: Option<Importance>) -> u8 {
    c.map_or(u8::MAX, |c| c as u8)
}

/// What each customer's recorded purchases were spent on, per product or category of the
/// price list (in the purchases' own amounts; a customer buys in one currency as a rule).
#[derive(Clone, Debug, Default)]
pub struct Mix {
    links: Links,
    /// The products as given to [`Mix::new`]: id and category of each.
    products: Vec<(Id, String)>,
    customers: HashMap<Id, Spent>,
    /// Margin recorded, and the amounts it was recorded on, per link.
    margins: HashMap<Link, (f64, f64)>,
}

#[derive(Clone, Debug, Default)]
struct Spent {
    total: f64,
    on: Vec<(Link, f64)>,
}

impl Mix {
    pub fn new(products: &[Product]) -> Self {
        Mix {
            links: Links::new(products),
            products: products
                .iter()
                .map(|p| (p.id, p.category.clone()))
                .collect(),
            ..Mix::default()
        }
    }

    /// Adds purchases (any customers', any order).
    pub fn add(&mut self, purchases: &[Purchase]) {
        for p in purchases {
            let amount = p.amount.amount.to_f64().unwrap_or(0.0);
            let spent = self.customers.entry(p.customer_id).or_default();
            spent.total += amount;
            let Some(link) = self.links.of(&p.product) else {
                continue;
            };
            match spent.on.iter_mut().find(|(l, _)| *l == link) {
                Some((_, v)) => *v += amount,
                None => spent.on.push((link, amount)),
            }
            if let Some(m) = p.margin {
                let e = self.margins.entry(link).or_default();
                e.0 += m.to_f64().unwrap_or(0.0);
                e.1 += amount;
            }
        }
    }

    fn admits(&self, scope: &Scope, link: Link) -> bool {
        match link {
            Link::Product(i) => {
                let (id, category) = &self.products[i];
                scope.admits(*id, category)
            }
            // A purchase of a category is in a category's scope, not in a product's.
            Link::Category(i) => match scope {
                Scope::Product(_) => false,
                _ => scope.admits(Id::MIN, &self.products[i].1),
            },
        }
    }

    /// The share of customer `id`'s recorded spending that was in `scope` (0 to 1).
    pub fn share(&self, id: Id, scope: &Scope) -> f64 {
        let Some(s) = self.customers.get(&id) else {
            return 0.0;
        };
        if s.total <= 0.0 {
            return 0.0;
        }
        let inside: f64 =
            s.on.iter()
                .filter(|(l, _)| self.admits(scope, *l))
                .map(|(_, v)| v)
                .sum();
        (inside / s.total).clamp(0.0, 1.0)
    }

    /// The margin recorded on purchases in `scope` as a share of their amounts, when any was.
    pub fn recorded_margin_rate(&self, scope: &Scope) -> Option<f64> {
        let (m, on) = self
            .margins
            .iter()
            .filter(|(l, _)| self.admits(scope, **l))
            .fold((0.0, 0.0), |(m, on), (_, (a, b))| (m + a, on + b));
        (on > 0.0).then(|| m / on)
    }
}

/// The margin rate of `scope` from the products' costs against their list prices (the
/// products with a cost, weighted by list price), when any has a cost.
pub fn cost_margin_rate(products: &[Product], scope: &Scope) -> Option<f64> {
    let (list, cost) = products
        .iter()
        .filter(|p| p.deleted_at.is_none() && scope.admits(p.id, &p.category))
        .filter_map(|p| Some((p.list_price.amount.to_f64()?, p.cost?.to_f64()?)))
        .fold((0.0, 0.0), |(l, c), (pl, pc)| (l + pl, c + pc));
    (list > 0.0).then(|| (list - cost) / list)
}

/// The elasticity assumed until the user enters another: unit elastic.
pub const DEFAULT_ELASTICITY: f64 = -1.0;

/// One customer as the what-if sees them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outlook {
    pub class: Option<Importance>,
    /// Their predicted spending over the next period on what is repriced (yuan).
    pub revenue: f64,
}

/// The what-if's figures for a group of customers.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Projected {
    pub customers: u32,
    pub revenue_before: f64,
    pub revenue_after: f64,
    /// `None` when no margin rate is known.
    pub margin_before: Option<f64>,
    pub margin_after: Option<f64>,
}

impl Projected {
    fn add(&mut self, revenue: f64, change: f64, elasticity: f64, margin_rate: Option<f64>) {
        let volume = (1.0 + change).powf(elasticity);
        self.customers += 1;
        self.revenue_before += revenue;
        self.revenue_after += revenue * volume * (1.0 + change);
        if let Some(m) = margin_rate {
            *self.margin_before.get_or_insert(0.0) += revenue * m;
            *self.margin_after.get_or_insert(0.0) += revenue * volume * (change + m);
        }
    }
}

/// The projection: per importance class (best first, the unclassified last) and in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Projection {
    pub classes: Vec<(Option<Importance>, Projected)>,
    pub total: Projected,
}

/// The change from `before` to `after` in percent, rounded to one decimal — `None` from
/// nothing. A change that rounds to nothing is 0.0, never −0.0 (a unit-elastic what-if keeps
/// revenue up to the last bits of a float, either way).
pub fn change_percent(before: f64, after: f64) -> Option<f64> {
    if before == 0.0 || !before.is_finite() || !after.is_finite() {
        return None;
    }
    let rounded = ((after / before - 1.0) * 1000.0).round() / 10.0;
    // -0.0 == 0.0: this gives the positive zero.
    Some(if rounded == 0.0 { 0.0 } else { rounded })
}

/// Projects `outlooks` under a price change of `change_percent` % with `elasticity` and the
/// margin rate `margin_rate` (a share, 0.3 for 30 %). A price cannot fall by 100 % or more:
/// such a change projects nothing.
pub fn project(
    outlooks: &[Outlook],
    change_percent: f64,
    elasticity: f64,
    margin_rate: Option<f64>,
) -> Projection {
    let change = change_percent / 100.0;
    let mut p = Projection::default();
    if change <= -1.0 || !change.is_finite() || !elasticity.is_finite() {
        return p;
    }
    let mut by_class: Vec<(Option<Importance>, Projected)> = Vec::new();
    for o in outlooks.iter().filter(|o| o.revenue > 0.0) {
        p.total.add(o.revenue, change, elasticity, margin_rate);
        match by_class.iter_mut().find(|(c, _)| *c == o.class) {
            Some((_, x)) => x.add(o.revenue, change, elasticity, margin_rate),
            None => {
                let mut x = Projected::default();
                x.add(o.revenue, change, elasticity, margin_rate);
                by_class.push((o.class, x));
            }
        }
    }
    by_class.sort_by_key(|(c, _)| class_order(*c));
    p.classes = by_class;
    p
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod tests;
