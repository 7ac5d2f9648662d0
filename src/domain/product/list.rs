//! The price list as the products page shows it: every product out of the trash, searchable by
//! code, names and category (pinyin too), filtered by category and by whether it is offered,
//! in code order.

use crate::domain::money::Currency;
use crate::domain::product::Product;
use crate::domain::search::{Query, build_key};

/// Which products by whether they are offered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Offered {
    #[default]
    All,
    Active,
    Inactive,
}

impl Offered {
    pub const ALL: [Offered; 3] = [Offered::All, Offered::Active, Offered::Inactive];
}

/// What the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductQuery {
    pub text: String,
    /// Empty: every category.
    pub category: String,
    pub offered: Offered,
}

/// The products with their search keys, in code order.
#[derive(Clone, Debug, Default)]
pub struct PriceList {
    products: Vec<Product>,
    /// The search keys (names, category, code, pinyin), built on the first search: the quote
    /// editor opens on a list of 5,000 products and may never search it.
    keys: std::sync::OnceLock<Vec<String>>,
}

impl PriceList {
    /// The list of `products` (those in the trash are left out).
    pub fn new(mut products: Vec<Product>) -> Self {
        products.retain(|p| p.deleted_at.is_none());
        products.sort_by(|a, b| a.code_key().cmp(&b.code_key()).then(a.id.cmp(&b.id)));
        PriceList {
            products,
            keys: std::sync::OnceLock::new(),
        }
    }

    /// The search key of every product, in order.
    fn keys(&self) -> &[String] {
        self.keys.get_or_init(|| {
            self.products
                .iter()
                .map(|p| {
                    build_key(
                        [p.name_zh.as_str(), p.name_en.as_str(), p.category.as_str()],
                        [],
                        [p.code.as_str()],
                    )
                })
                .collect()
        })
    }

    pub fn products(&self) -> &[Product] {
        &self.products
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
    }

    /// The categories in use, sorted, each once.
    pub fn categories(&self) -> Vec<String> {
        let mut c: Vec<String> = self
            .products
            .iter()
            .map(|p| p.category.clone())
            .filter(|c| !c.is_empty())
            .collect();
        c.sort();
        c.dedup();
        c
    }

    /// The positions of the products `q` shows, in code order.
    pub fn view(&self, q: &ProductQuery) -> Vec<usize> {
        let text = Query::parse(&q.text);
        let category = q.category.trim();
        let keys = if text.is_empty() {
            &[][..]
        } else {
            self.keys()
        };
        self.products
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                (category.is_empty() || p.category == category)
                    && match q.offered {
                        Offered::All => true,
                        Offered::Active => p.active,
                        Offered::Inactive => !p.active,
                    }
                    && (text.is_empty() || text.matches(&keys[*i]))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The first `n` offered products in `currency` that `text` finds (code, names, category,
    /// pinyin), in code order; none for a blank text. What a quote line's chooser lists.
    pub fn offer(&self, text: &str, currency: Currency, n: usize) -> Vec<usize> {
        let query = Query::parse(text);
        if query.is_empty() {
            return Vec::new();
        }
        let keys = self.keys();
        self.products
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.active && p.list_price.currency == currency && query.matches(&keys[*i])
            })
            .map(|(i, _)| i)
            .take(n)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::product::ProductInput;
    use crate::domain::time::Timestamp;

    fn p(code: &str, zh: &str, en: &str, category: &str, active: bool) -> Product {
        ProductInput {
            code: code.into(),
            name_zh: zh.into(),
            name_en: en.into(),
            category: category.into(),
            unit: "个".into(),
            list_price: "1".into(),
            currency: Currency::Cny,
            active,
            ..Default::default()
        }
        .validate(|_| false)
        .unwrap()
        .into_product(Timestamp(0))
    }

    #[test]
    fn a_quote_line_is_offered_the_active_products_of_its_currency() {
        let mut dollars = p("D-1", "美元纸箱", "Carton USD", "包装材料", true);
        dollars.list_price.currency = Currency::Usd;
        let list = PriceList::new(vec![
            p("b-2", "纸箱胶带", "Tape", "包装材料", true),
            p("A-1", "五层纸箱", "Carton", "包装材料", true),
            p("A-0", "旧纸箱", "Old carton", "包装材料", false),
            dollars,
        ]);
        let codes = |text: &str, c: Currency, n: usize| -> Vec<String> {
            list.offer(text, c, n)
                .into_iter()
                .map(|i| list.products()[i].code.clone())
                .collect()
        };
        assert_eq!(codes("纸箱", Currency::Cny, 8), ["A-1", "b-2"]);
        assert_eq!(codes("纸箱", Currency::Cny, 1), ["A-1"]);
        assert_eq!(codes("zhixiang", Currency::Usd, 8), ["D-1"]);
        assert_eq!(codes("a-1", Currency::Cny, 8), ["A-1"]);
        assert!(codes("  ", Currency::Cny, 8).is_empty());
    }

    #[test]
    fn the_list_searches_names_pinyin_and_codes_and_filters() {
        let mut gone = p("Z-9", "旧款", "", "包装材料", true);
        gone.deleted_at = Some(Timestamp(1));
        let list = PriceList::new(vec![
            p("b-2", "胶带", "Tape", "包装材料", true),
            p("A-1", "五层纸箱", "Carton", "包装材料", true),
            p("C-3", "伺服电机", "Servo motor", "机械", false),
            gone,
        ]);
        let codes = |q: &ProductQuery| -> Vec<String> {
            list.view(q)
                .into_iter()
                .map(|i| list.products()[i].code.clone())
                .collect()
        };
        let all = ProductQuery::default();
        assert_eq!(codes(&all), ["A-1", "b-2", "C-3"], "code order, no trash");
        let q = |text: &str| ProductQuery {
            text: text.into(),
            ..Default::default()
        };
        assert_eq!(codes(&q("zhixiang")), ["A-1"], "pinyin");
        assert_eq!(codes(&q("wczx")), ["A-1"], "initials");
        assert_eq!(codes(&q("tape")), ["b-2"], "English");
        assert_eq!(codes(&q("c-3")), ["C-3"], "code");
        assert_eq!(codes(&q("包装")), ["A-1", "b-2"], "category");
        assert!(codes(&q("旧款")).is_empty());
        let machines = ProductQuery {
            category: "机械".into(),
            ..Default::default()
        };
        assert_eq!(codes(&machines), ["C-3"]);
        let offered = ProductQuery {
            offered: Offered::Active,
            ..Default::default()
        };
        assert_eq!(codes(&offered), ["A-1", "b-2"]);
        let not = ProductQuery {
            offered: Offered::Inactive,
            ..Default::default()
        };
        assert_eq!(codes(&not), ["C-3"]);
        assert_eq!(list.categories(), ["包装材料", "机械"]);
    }
}
