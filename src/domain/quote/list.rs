//! Quotes as the lists show them — the current version of each number (a revised version stays
//! readable from its successor), searchable by number, customer and product, filtered by where
//! they stand and by owner, newest first — and the checks across quotes: another open quote to
//! the same customer at another price for the same product, and the last prices quoted.

use crate::domain::id::Id;
use crate::domain::quote::{Quote, Standing};
use crate::domain::search::{LazyKeys, Query, build_key};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Which quotes by where they stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum StandingFilter {
    /// Drafts, those awaiting approval and those sent and still valid.
    #[default]
    Open,
    All,
    Draft,
    AwaitingApproval,
    Sent,
    Expired,
    Accepted,
    Rejected,
}

impl StandingFilter {
    pub const ALL: [StandingFilter; 8] = [
        StandingFilter::Open,
        StandingFilter::All,
        StandingFilter::Draft,
        StandingFilter::AwaitingApproval,
        StandingFilter::Sent,
        StandingFilter::Expired,
        StandingFilter::Accepted,
        StandingFilter::Rejected,
    ];

    /// Whether a quote standing `s` is shown.
    pub fn admits(self, s: Standing) -> bool {
        match self {
            StandingFilter::Open => matches!(
                s,
                Standing::Draft | Standing::AwaitingApproval | Standing::Sent
            ),
            StandingFilter::All => true,
            StandingFilter::Draft => s == Standing::Draft,
            StandingFilter::AwaitingApproval => s == Standing::AwaitingApproval,
            StandingFilter::Sent => s == Standing::Sent,
            StandingFilter::Expired => s == Standing::Expired,
            StandingFilter::Accepted => s == Standing::Accepted,
            StandingFilter::Rejected => s == Standing::Rejected,
        }
    }
}

/// Whose quotes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum OwnerFilter {
    #[default]
    Anyone,
    Member(Id),
}

/// What the quotes list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuoteQuery {
    pub text: String,
    pub standing: StandingFilter,
    pub owner: OwnerFilter,
}

/// Every quote with its customer's name and its search key (built a slice at a time after
/// the list is painted, or all at once by the first search that needs them).
#[derive(Debug, Default)]
pub struct QuoteBook {
    quotes: Vec<Quote>,
    customers: Vec<String>,
    keys: LazyKeys,
    /// Whether it holds every quote, or only the newest while the rest is read.
    complete: bool,
}

impl QuoteBook {
    /// The book of `quotes` (every version, the trash too), `customer` naming a customer.
    pub fn new(quotes: Vec<Quote>, customer: impl Fn(Id) -> String) -> Self {
        let customers = quotes.iter().map(|q| customer(q.customer_id)).collect();
        QuoteBook {
            quotes,
            customers,
            keys: LazyKeys::default(),
            complete: true,
        }
    }

    /// A book of only the newest quotes, shown while the others are read.
    pub fn newest(quotes: Vec<Quote>, customer: impl Fn(Id) -> String) -> Self {
        QuoteBook {
            complete: false,
            ..QuoteBook::new(quotes, customer)
        }
    }

    /// Whether it holds every quote (see [`QuoteBook::newest`]).
    pub fn is_complete(&self) -> bool {
        self.complete
    }

    pub fn quotes(&self) -> &[Quote] {
        &self.quotes
    }

    /// The name of quote `i`'s customer.
    pub fn customer(&self, i: usize) -> &str {
        &self.customers[i]
    }

    /// Builds up to `n` more search keys; `true` once all are built.
    pub fn warm_step(&self, n: usize) -> bool {
        self.keys.step(self.quotes.len(), n, |i| {
            search_key(&self.quotes[i], &self.customers[i])
        })
    }

    /// The positions of the quotes `q` shows on `today`: current versions out of the trash,
    /// newest first.
    pub fn view(&self, q: &QuoteQuery, today: NaiveDate) -> Vec<usize> {
        let text = Query::parse(&q.text);
        let keys = (!text.is_empty()).then(|| {
            self.keys.all(self.quotes.len(), |i| {
                search_key(&self.quotes[i], &self.customers[i])
            })
        });
        let quotes = &self.quotes;
        let mut out: Vec<usize> = quotes
            .iter()
            .enumerate()
            .filter(|(i, x)| {
                x.deleted_at.is_none()
                    && x.superseded_by.is_none()
                    && q.standing.admits(x.status_on(today))
                    && match q.owner {
                        OwnerFilter::Anyone => true,
                        OwnerFilter::Member(m) => x.owner_id == Some(m),
                    }
                    && keys.as_ref().is_none_or(|k| text.matches(&k[*i]))
            })
            .map(|(i, _)| i)
            .collect();
        out.sort_by(|&a, &b| {
            quotes[b]
                .created_at
                .cmp(&quotes[a].created_at)
                .then(quotes[b].id.cmp(&quotes[a].id))
        });
        out
    }
}

fn search_key(q: &Quote, customer: &str) -> String {
    let names = std::iter::once(customer).chain(q.lines.iter().map(|l| l.name.as_str()));
    let codes = std::iter::once(q.number.as_str()).chain(q.lines.iter().map(|l| l.code.as_str()));
    // The number also as digits: a typed `1204-002` reads as digits, like a phone number.
    build_key(names, [q.number.as_str()], codes)
}

/// Another open quote to the same customer that prices a product of this one differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceConflict {
    pub product_id: Id,
    /// The product's name on this quote.
    pub product: String,
    /// This quote's unit price, in its tax mode.
    pub ours: Decimal,
    pub other_quote: Id,
    pub other_number: String,
    pub other_owner: Option<Id>,
    /// The other quote's unit price, in its tax mode.
    pub theirs: Decimal,
}

/// The price conflicts of `quote` with the other open quotes among `others` (any version,
/// any owner) to the same customer on `today`: a product both quote at different unit prices
/// before tax (prices including tax are compared without it). Quotes in other currencies are
/// not compared.
pub fn price_conflicts(quote: &Quote, others: &[Quote], today: NaiveDate) -> Vec<PriceConflict> {
    let mut out = Vec::new();
    for o in others {
        if o.id == quote.id
            || o.customer_id != quote.customer_id
            || o.currency != quote.currency
            || o.number == quote.number
            || !o.is_open(today)
        {
            continue;
        }
        for l in &quote.lines {
            let ours = net_unit(quote, l.unit_price, l.tax_rate);
            if let Some(theirs) = o
                .lines
                .iter()
                .find(|x| x.product_id == l.product_id)
                .map(|x| (x.unit_price, net_unit(o, x.unit_price, x.tax_rate)))
                .filter(|(_, net)| *net != ours)
            {
                out.push(PriceConflict {
                    product_id: l.product_id,
                    product: l.name.clone(),
                    ours: l.unit_price,
                    other_quote: o.id,
                    other_number: o.number.clone(),
                    other_owner: o.owner_id,
                    theirs: theirs.0,
                });
            }
        }
    }
    out
}

/// A unit price before tax, rounded to the currency (prices including tax are divided by
/// 1 + rate).
fn net_unit(q: &Quote, price: Decimal, rate: Decimal) -> Decimal {
    match q.tax_mode {
        crate::domain::quote::totals::TaxMode::Exclusive => price,
        crate::domain::quote::totals::TaxMode::Inclusive => crate::domain::quote::totals::round(
            price / (Decimal::ONE + rate / Decimal::ONE_HUNDRED),
            q.currency,
        ),
    }
}

/// What was quoted to a customer before, per product: the newest line of each product among
/// `quotes` (every quote, every version, out of the trash), with its quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EarlierPrice {
    pub product_id: Id,
    pub product: String,
    pub quote: Id,
    pub number: String,
    pub version: u16,
    pub owner: Option<Id>,
    pub standing: Standing,
    /// The unit price and the line discount, in the quote's tax mode.
    pub unit_price: Decimal,
    pub discount: Decimal,
    pub inclusive: bool,
    pub currency: crate::domain::money::Currency,
    pub on: crate::domain::time::Timestamp,
}

/// The newest quoted price of each product to `customer`, newest first.
pub fn earlier_prices(quotes: &[Quote], customer: Id, today: NaiveDate) -> Vec<EarlierPrice> {
    let mut theirs: Vec<&Quote> = quotes
        .iter()
        .filter(|q| q.customer_id == customer && q.deleted_at.is_none())
        .collect();
    theirs.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    let mut out: Vec<EarlierPrice> = Vec::new();
    for q in theirs {
        for l in &q.lines {
            if out.iter().any(|e| e.product_id == l.product_id) {
                continue;
            }
            out.push(EarlierPrice {
                product_id: l.product_id,
                product: l.name.clone(),
                quote: q.id,
                number: q.number.clone(),
                version: q.version,
                owner: q.owner_id,
                standing: q.status_on(today),
                unit_price: l.unit_price,
                discount: l.discount,
                inclusive: q.tax_mode == crate::domain::quote::totals::TaxMode::Inclusive,
                currency: q.currency,
                on: q.created_at,
            });
        }
    }
    out
}
