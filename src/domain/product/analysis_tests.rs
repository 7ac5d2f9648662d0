use super::*;
use crate::domain::money::Money;
use crate::domain::product::ProductInput;
use crate::domain::quote::totals::TaxMode;
use crate::domain::quote::{LinePrice, QuoteFields, QuoteLine};
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use chrono::NaiveDate;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn id(n: u8) -> Id {
    Id::from_parts(1_700_000_000_000 + u64::from(n), [n; 10])
}

fn product(code: &str, category: &str, list: &str, tax: &str, cost: &str) -> Product {
    ProductInput {
        code: code.into(),
        name_zh: format!("产品{code}"),
        category: category.into(),
        unit: "个".into(),
        list_price: list.into(),
        currency: Currency::Cny,
        tax_rate: tax.into(),
        cost: cost.into(),
        active: true,
        ..Default::default()
    }
    .validate(|_| false)
    .unwrap()
    .into_product(Timestamp(0))
}

/// A line at `price` less `d` % with the list price `list` (in the quote's tax mode).
fn line(p: &Product, q: &str, price: &str, list: &str, d: &str) -> QuoteLine {
    QuoteLine {
        product_id: p.id,
        code: p.code.clone(),
        name: p.name_zh.clone(),
        category: p.category.clone(),
        unit: p.unit.clone(),
        quantity: dec(q),
        unit_price: dec(price),
        reference_price: dec(list),
        list_price: dec(list),
        price: LinePrice::Manual,
        discount: dec(d),
        tax_rate: p.tax_rate,
        cost: p.cost,
    }
}

fn quote(
    customer: Id,
    rep: u8,
    mode: TaxMode,
    currency: Currency,
    lines: Vec<QuoteLine>,
    discount: &str,
    accepted: bool,
) -> Quote {
    let mut q = QuoteFields {
        customer_id: customer,
        opportunity_id: None,
        currency,
        tax_mode: mode,
        lines,
        discount: dec(discount),
        valid_until: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        payment_terms: String::new(),
        notes: String::new(),
    }
    .into_quote("QT-20261204-001".into(), Some(id(rep)), Timestamp(0));
    if accepted {
        q.status = QuoteStatus::Accepted { at: Timestamp(1) };
    }
    q
}

/// Two accepted yuan quotes worked by hand, a draft and a dollar quote left out.
fn worked() -> (Product, Product, Vec<Sale>) {
    let p1 = product("BX-01", "包装", "100", "13", "60");
    let p2 = product("TP-02", "辅料", "50", "13", "");
    let (c1, c2) = (id(101), id(102));
    let quotes = vec![
        // Including 13 % VAT: 10 × ¥113.00 less 10 % = 1,017.00, tax 1,017 × 13 / 113 = 117.00,
        // net 900.00 against a list of 10 × 113 / 1.13 = 1,000.00; cost 10 × 60 = 600.
        quote(
            c1,
            1,
            TaxMode::Inclusive,
            Currency::Cny,
            vec![line(&p1, "10", "113", "113", "10")],
            "0",
            true,
        ),
        // Before tax, 20 % off the quote: 5 × ¥100 = 500.00 → net 400.00 (list 500, cost 300);
        // 2 × ¥45 = 90.00 → net 72.00 (list 100, 28 % below it, no cost).
        quote(
            c2,
            2,
            TaxMode::Exclusive,
            Currency::Cny,
            vec![
                line(&p1, "5", "100", "100", "0"),
                line(&p2, "2", "45", "50", "0"),
            ],
            "20",
            true,
        ),
        // Not accepted; and another currency.
        quote(
            c1,
            1,
            TaxMode::Exclusive,
            Currency::Cny,
            vec![line(&p1, "99", "1", "100", "0")],
            "0",
            false,
        ),
        quote(
            c1,
            1,
            TaxMode::Exclusive,
            Currency::Usd,
            vec![line(&p1, "99", "1", "100", "0")],
            "0",
            true,
        ),
    ];
    let class = move |c: Id| match c {
        c if c == c1 => Some(Importance::Vip),
        c if c == c2 => Some(Importance::Ordinary),
        _ => None,
    };
    let sales = sales(&quotes, Currency::Cny, class);
    (p1, p2, sales)
}

#[test]
fn realised_prices_discounts_and_margins_worked_by_hand() {
    let (p1, p2, sales) = worked();
    assert_eq!(sales.len(), 3);
    assert_eq!(
        (sales[0].list, sales[0].net, sales[0].cost),
        (dec("1000"), dec("900.00"), Some(dec("600")))
    );
    let a = PriceAnalysis::new(&sales);
    // The whole: list 1,600, net 1,372.00 → 85.75 % realised.
    assert_eq!(a.total.realised(), Some(dec("85.75")));
    // BX-01: list 1,500, net 1,300 → 86.67 %; 15 units → ¥86.6667 each; cost 900 → margin
    // 400, 30.77 % of 1,300; discounts from list 10 % and 20 %: nearest ranks 1, 1, 2.
    let (first, f) = &a.products[0];
    assert_eq!(*first, p1.id);
    assert_eq!(f.realised(), Some(dec("86.67")));
    assert_eq!(f.average_price(), Some(dec("86.6667")));
    assert_eq!(f.margin(), Some(dec("400.00")));
    assert_eq!(f.margin_rate(), Some(dec("30.77")));
    assert_eq!(
        f.spread(),
        Some(Spread {
            low: dec("10"),
            median: dec("10"),
            high: dec("20")
        })
    );
    // TP-02: 72 against 100 → 72 %, no cost known.
    let (second, g) = &a.products[1];
    assert_eq!(*second, p2.id);
    assert_eq!(g.realised(), Some(dec("72.00")));
    assert_eq!(g.margin(), None);
    assert_eq!(a.categories[0].0, "包装");
    // The margin of the whole counts only the lines with a cost.
    assert_eq!(a.total.margin_rate(), Some(dec("30.77")));
}

#[test]
fn the_spread_is_shown_by_class_and_by_rep() {
    let (p1, _, sales) = worked();
    let b = breakdown(&sales, &Scope::Product(p1.id));
    assert_eq!(b.total.lines, 2);
    let classes: Vec<(Option<Importance>, Option<Decimal>)> =
        b.classes.iter().map(|(c, f)| (*c, f.realised())).collect();
    assert_eq!(
        classes,
        vec![
            (Some(Importance::Vip), Some(dec("90.00"))),
            (Some(Importance::Ordinary), Some(dec("80.00")))
        ]
    );
    let reps: Vec<(Option<Id>, Decimal)> = b.reps.iter().map(|(r, f)| (*r, f.net)).collect();
    assert_eq!(
        reps,
        vec![(Some(id(1)), dec("900.00")), (Some(id(2)), dec("400.00"))]
    );
    let category = breakdown(&sales, &Scope::Category("辅料".into()));
    assert_eq!(category.total.net, dec("72.00"));
}

fn purchase(customer: Id, n: u8, what: &str, amount: &str, margin: Option<&str>) -> Purchase {
    Purchase {
        id: id(n),
        customer_id: customer,
        date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        amount: Money::new(dec(amount), Currency::Cny),
        quantity: Decimal::ONE,
        product: what.into(),
        order: String::new(),
        margin: margin.map(dec),
        notes: String::new(),
        discounted: false,
        created_at: Timestamp(0),
        updated_at: Timestamp(0),
        rev: Rev::default(),
    }
}

#[test]
fn a_customers_share_is_what_their_purchases_spent_on_the_scope() {
    let p = product("BX-01", "包装材料", "10", "13", "7");
    let c = id(50);
    let mut mix = Mix::new(std::slice::from_ref(&p));
    mix.add(&[
        purchase(c, 1, "BX-01", "300", Some("90")),
        purchase(c, 2, "包装材料", "200", None),
        purchase(c, 3, "茶叶", "500", None),
    ]);
    // 300 of 1,000 on the product; 500 on its category (the product and the category).
    assert!((mix.share(c, &Scope::Product(p.id)) - 0.3).abs() < 1e-12);
    assert!((mix.share(c, &Scope::Category("包装材料".into())) - 0.5).abs() < 1e-12);
    assert!((mix.share(c, &Scope::All) - 0.5).abs() < 1e-12);
    assert_eq!(mix.share(id(51), &Scope::All), 0.0);
    // Margin recorded: 90 on 300.
    assert!((mix.recorded_margin_rate(&Scope::Product(p.id)).unwrap() - 0.3).abs() < 1e-12);
    assert!(
        (mix.recorded_margin_rate(&Scope::Category("包装材料".into()))
            .unwrap()
            - 0.3)
            .abs()
            < 1e-12
    );
    // From cost against list: (10 − 7) / 10.
    assert!((cost_margin_rate(&[p], &Scope::All).unwrap() - 0.3).abs() < 1e-12);
}

#[test]
fn the_what_if_projection_worked_by_hand() {
    let outlooks = [
        Outlook {
            class: Some(Importance::Ordinary),
            revenue: 500.0,
        },
        Outlook {
            class: Some(Importance::Vip),
            revenue: 1000.0,
        },
        Outlook {
            class: Some(Importance::Ordinary),
            revenue: 500.0,
        },
        Outlook {
            class: None,
            revenue: 0.0,
        },
    ];
    // +10 % at elasticity −2: volume × 1.1⁻² = 0.826446…, revenue × 1.1⁻¹ = 0.909090…;
    // margin 30 % → after: R₀ × 0.826446 × (0.1 + 0.3).
    let p = project(&outlooks, 10.0, -2.0, Some(0.3));
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    assert_eq!(p.total.customers, 3);
    assert!(close(p.total.revenue_before, 2000.0));
    assert!(close(p.total.revenue_after, 1818.181818));
    assert!(close(p.total.margin_before.unwrap(), 600.0));
    assert!(close(p.total.margin_after.unwrap(), 661.157025));
    assert_eq!(p.classes[0].0, Some(Importance::Vip));
    assert!(close(p.classes[0].1.revenue_after, 909.090909));
    assert_eq!(p.classes[1].1.customers, 2);
    assert!(close(p.classes[1].1.revenue_after, 909.090909));
    // Unit elastic (the default): revenue stays, the margin grows to 2,000 / 1.1 × 0.4.
    let unit = project(&outlooks, 10.0, DEFAULT_ELASTICITY, Some(0.3));
    assert!(close(unit.total.revenue_after, 2000.0));
    assert!(close(unit.total.margin_after.unwrap(), 727.272727));
    // No margin rate known: none projected. A price cut of 100 % projects nothing.
    assert_eq!(
        project(&outlooks, 10.0, -1.0, None).total.margin_after,
        None
    );
    assert_eq!(
        project(&outlooks, -100.0, -1.0, Some(0.3)),
        Projection::default()
    );
}

#[test]
fn a_change_that_rounds_to_nothing_is_plus_zero() {
    // 1,000 → 909.09: −9.091 % → −9.1.
    assert_eq!(change_percent(1000.0, 909.09), Some(-9.1));
    // A unit-elastic projection a bit below the revenue it keeps.
    let kept = change_percent(4_068_057.0, 4_068_057.0 * (1.0 - 1e-15)).unwrap();
    assert_eq!(format!("{kept:+.1}"), "+0.0");
    assert_eq!(change_percent(0.0, 5.0), None);
    assert_eq!(change_percent(10.0, 11.5), Some(15.0));
}
