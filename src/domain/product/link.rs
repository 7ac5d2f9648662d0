//! Purchases linked to products. A purchase records what was bought as text — a product's
//! code, its name in either language, or only a category ("包装材料") — so a purchase is the
//! product whose code or name it records (spaces and case aside), else, when it records a
//! category of the price list, that category; the last price a customer paid for a product
//! and the price analysis are read through this link.

use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::product::Product;
use crate::domain::purchase::Purchase;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// What a purchase's recorded text is, on the price list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    /// The product at this position of the list given to [`Links::new`].
    Product(usize),
    /// Only a category: the category of the product at this position.
    Category(usize),
}

/// The products' codes, names and categories as purchases are matched against them.
#[derive(Clone, Debug, Default)]
pub struct Links {
    products: HashMap<String, usize>,
    categories: HashMap<String, usize>,
}

/// Text as it is compared: trimmed, lower case, inner runs of white space as one space.
pub fn link_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Links {
    /// The links to `products` (those in the trash should be left out by the caller). A code
    /// wins over a name when one product's code is another's name; of two products with the
    /// same name the first keeps it.
    pub fn new(products: &[Product]) -> Self {
        let mut by_product = HashMap::with_capacity(products.len() * 3);
        let mut categories = HashMap::new();
        for (i, p) in products.iter().enumerate() {
            by_product.insert(link_key(&p.code), i);
        }
        for (i, p) in products.iter().enumerate() {
            for name in [&p.name_zh, &p.name_en] {
                let k = link_key(name);
                if !k.is_empty() {
                    by_product.entry(k).or_insert(i);
                }
            }
            let c = link_key(&p.category);
            if !c.is_empty() {
                categories.entry(c).or_insert(i);
            }
        }
        by_product.remove("");
        Links {
            products: by_product,
            categories,
        }
    }

    /// What the recorded text `product` of a purchase is on the price list, if anything.
    pub fn of(&self, product: &str) -> Option<Link> {
        let k = link_key(product);
        if let Some(&i) = self.products.get(&k) {
            return Some(Link::Product(i));
        }
        self.categories.get(&k).map(|&i| Link::Category(i))
    }
}

/// The last price a customer paid for a product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LastPaid {
    pub product_id: Id,
    /// The text the purchase recorded.
    pub recorded: String,
    pub date: NaiveDate,
    /// The amount paid divided by the quantity, as recorded (tax as the purchase records it),
    /// to four decimals.
    pub unit_price: Decimal,
    pub quantity: Decimal,
    pub currency: Currency,
    /// The order (or quote) number the purchase came from, empty when unknown.
    pub order: String,
}

/// Per product of `products`, the newest purchase among `purchases` (one customer's) that is
/// that product with a positive quantity; newest first. Purchases of a category only name no
/// product and are left out.
pub fn last_paid(purchases: &[Purchase], products: &[Product]) -> Vec<LastPaid> {
    let links = Links::new(products);
    let mut newest: HashMap<usize, &Purchase> = HashMap::new();
    for p in purchases {
        if p.quantity <= Decimal::ZERO {
            continue;
        }
        let Some(Link::Product(i)) = links.of(&p.product) else {
            continue;
        };
        let slot = newest.entry(i).or_insert(p);
        if (p.date, p.id) > (slot.date, slot.id) {
            *slot = p;
        }
    }
    let mut out: Vec<LastPaid> = newest
        .into_iter()
        .map(|(i, p)| LastPaid {
            product_id: products[i].id,
            recorded: p.product.clone(),
            date: p.date,
            unit_price: (p.amount.amount / p.quantity).round_dp(4).normalize(),
            quantity: p.quantity,
            currency: p.amount.currency,
            order: p.order.clone(),
        })
        .collect();
    out.sort_by(|a, b| b.date.cmp(&a.date).then(a.recorded.cmp(&b.recorded)));
    out
}
