use super::pricing::*;
use super::*;
use crate::domain::analysis::importance::Importance;
use crate::domain::customer::CustomerKind;
use chrono::NaiveDate;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn id(n: u8) -> Id {
    Id::from_parts(1_700_000_000_000 + u64::from(n), [n; 10])
}

fn product(list: &str, currency: Currency) -> Product {
    ProductInput {
        code: "BX-01".into(),
        name_zh: "五层瓦楞纸箱".into(),
        category: "包装材料".into(),
        unit: "个".into(),
        list_price: list.into(),
        currency,
        tax_rate: "13".into(),
        active: true,
        ..Default::default()
    }
    .validate(|_| false)
    .unwrap()
    .into_product(Timestamp(0))
}

fn agreement(n: u8, party: Party, scope: Scope, terms: Terms, from: &str) -> PriceAgreement {
    PriceAgreement {
        id: id(n),
        party,
        scope,
        terms,
        valid_from: day(from),
        valid_until: None,
        notes: String::new(),
        created_at: Timestamp(0),
        updated_at: Timestamp(0),
        deleted_at: None,
        rev: Rev::default(),
    }
}

fn cny(s: &str) -> Terms {
    Terms::Price(Money::new(dec(s), Currency::Cny))
}

#[test]
fn a_product_form_names_every_problem() {
    let bad = ProductInput {
        code: " ".into(),
        list_price: "".into(),
        tax_rate: "101".into(),
        cost: "-1".into(),
        ..Default::default()
    };
    let problems: Vec<(Field, Problem)> = bad
        .validate(|_| false)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (Field::Code, Problem::Required),
            (Field::Name, Problem::Required),
            (Field::Unit, Problem::Required),
            (Field::ListPrice, Problem::Required),
            (Field::TaxRate, Problem::BadPercent),
            (Field::Cost, Problem::NegativeAmount),
        ]
    );
    let more = ProductInput {
        code: "bx-01".into(),
        name_en: "Carton".into(),
        unit: "个".into(),
        list_price: "9.999".into(),
        tax_rate: "13.125%".into(),
        ..Default::default()
    };
    let problems: Vec<(Field, Problem)> = more
        .validate(|c| c.eq_ignore_ascii_case("BX-01"))
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (Field::Code, Problem::Taken),
            (Field::ListPrice, Problem::TooManyDecimals { max: 2 }),
            (Field::TaxRate, Problem::TooManyDecimals { max: 2 }),
        ]
    );
}

#[test]
fn a_product_form_reads_what_people_type() {
    let p = ProductInput {
        code: " BX-01 ".into(),
        name_en: "Carton".into(),
        unit: "个".into(),
        list_price: "１,２００．５".into(),
        currency: Currency::Cny,
        tax_rate: "13%".into(),
        cost: "800".into(),
        active: true,
        ..Default::default()
    }
    .validate(|_| false)
    .unwrap()
    .into_product(Timestamp(5));
    assert_eq!(p.code, "BX-01");
    assert_eq!(p.list_price, Money::new(dec("1200.5"), Currency::Cny));
    assert_eq!(p.tax_rate, dec("13"));
    assert_eq!(p.unit_margin(dec("1000")), Some(dec("200")));
    assert_eq!(p.name(true), "Carton", "no Chinese name: the English one");
    assert_eq!(ProductInput::from_product(&p).list_price, "1200.5");
}

#[test]
fn a_discount_is_rounded_half_away_from_zero_to_the_currency() {
    // 10.05 × 0.95 = 9.5475 → 9.55; 0.10 × 0.95 = 0.095 → 0.10 (the midpoint goes up);
    // yen have no minor unit: 1,999 × 0.85 = 1,699.15 → 1,699.
    let m = |s: &str, c| Money::new(dec(s), c);
    assert_eq!(discounted(m("10.05", Currency::Cny), dec("5")), dec("9.55"));
    assert_eq!(discounted(m("0.10", Currency::Cny), dec("5")), dec("0.10"));
    assert_eq!(discounted(m("1999", Currency::Jpy), dec("15")), dec("1699"));
    assert_eq!(discounted(m("12.34", Currency::Usd), dec("100")), dec("0"));
}

#[test]
fn the_most_specific_agreement_in_force_sets_the_price() {
    let p = product("10.00", Currency::Cny);
    let c = id(100);
    let buyer = Buyer {
        customer_id: c,
        kind: CustomerKind::Distributor,
        importance: Some(Importance::Important),
    };
    let cat = || Scope::Category(" 包装材料 ".into());
    let a1 = agreement(
        1,
        Party::Kind(CustomerKind::Distributor),
        cat(),
        Terms::Discount(dec("10")),
        "2026-01-01",
    );
    let a2 = agreement(
        2,
        Party::Importance(Importance::Important),
        Scope::Product(p.id),
        cny("9.50"),
        "2026-01-01",
    );
    let mut a3 = agreement(
        3,
        Party::Customer(c),
        cat(),
        Terms::Discount(dec("5")),
        "2026-03-01",
    );
    a3.valid_until = Some(day("2026-06-30"));
    let a4 = agreement(
        4,
        Party::Customer(c),
        Scope::Product(p.id),
        cny("8.80"),
        "2026-07-01",
    );
    // Another customer's agreement and one in dollars.
    let a5 = agreement(
        5,
        Party::Customer(id(101)),
        Scope::Product(p.id),
        cny("1"),
        "2026-01-01",
    );
    let a6 = agreement(
        6,
        Party::Customer(c),
        Scope::Product(p.id),
        Terms::Price(Money::new(dec("1.20"), Currency::Usd)),
        "2026-01-01",
    );
    let all = vec![
        a1.clone(),
        a2.clone(),
        a3.clone(),
        a4.clone(),
        a5,
        a6.clone(),
    ];
    assert_eq!((a1.rank(), a2.rank(), a3.rank(), a4.rank()), (5, 2, 1, 0));

    // 15 February: the customer's own are not in force yet; the class's price for the
    // product (9.50) beats the kind's 10 % off the category (9.00), although it is higher.
    let feb = price_for(&p, &buyer, day("2026-02-15"), &all);
    assert_eq!(feb.unit_price, dec("9.50"));
    assert_eq!(feb.list_price, dec("10.00"));
    assert_eq!(feb.source, PriceSource::Agreement { id: a2.id, rank: 2 });
    assert_eq!(
        feb.passed_over,
        vec![
            (a1.id, PassedOver::LessSpecific),
            (a3.id, PassedOver::NotYet),
            (a4.id, PassedOver::NotYet),
            (a6.id, PassedOver::OtherCurrency),
        ]
    );

    // 1 April: the customer's category discount, 10.00 − 5 % = 9.50.
    let apr = price_for(&p, &buyer, day("2026-04-01"), &all);
    assert_eq!(apr.source, PriceSource::Agreement { id: a3.id, rank: 1 });
    assert_eq!(apr.unit_price, dec("9.50"));

    // 30 June is still inside it (both ends included); 1 July its product price.
    let jun = price_for(&p, &buyer, day("2026-06-30"), &all);
    assert_eq!(jun.source, PriceSource::Agreement { id: a3.id, rank: 1 });
    let jul = price_for(&p, &buyer, day("2026-07-01"), &all);
    assert_eq!(jul.unit_price, dec("8.80"));
    assert!(jul.passed_over.contains(&(a3.id, PassedOver::Ended)));

    // Without a class (not yet classified) and as an enterprise buyer: the list price.
    let stranger = Buyer {
        customer_id: id(102),
        kind: CustomerKind::EnterpriseBuyer,
        importance: None,
    };
    let list = price_for(&p, &stranger, day("2026-04-01"), &all);
    assert_eq!(
        (list.unit_price, list.source),
        (dec("10.00"), PriceSource::List)
    );
    assert!(list.passed_over.is_empty());

    // A deleted agreement does not exist for the rule.
    let mut gone = a4.clone();
    gone.deleted_at = Some(Timestamp(1));
    let without = price_for(&p, &buyer, day("2026-07-01"), &[gone, a2.clone()]);
    assert_eq!(
        without.source,
        PriceSource::Agreement { id: a2.id, rank: 2 }
    );
}

#[test]
fn between_equals_the_newer_then_the_lower_price_wins() {
    let p = product("10.00", Currency::Cny);
    let c = id(100);
    let buyer = Buyer {
        customer_id: c,
        kind: CustomerKind::Consumer,
        importance: None,
    };
    let older = agreement(
        1,
        Party::Customer(c),
        Scope::Product(p.id),
        cny("8.60"),
        "2026-05-01",
    );
    let newer = agreement(
        2,
        Party::Customer(c),
        Scope::Product(p.id),
        cny("8.80"),
        "2026-07-01",
    );
    let choice = price_for(
        &p,
        &buyer,
        day("2026-08-01"),
        &[older.clone(), newer.clone()],
    );
    assert_eq!(
        choice.unit_price,
        dec("8.80"),
        "the newer replaced the older"
    );
    assert_eq!(choice.passed_over, vec![(older.id, PassedOver::Outranked)]);
    // The order they are given in does not matter.
    let choice = price_for(
        &p,
        &buyer,
        day("2026-08-01"),
        &[newer.clone(), older.clone()],
    );
    assert_eq!(choice.unit_price, dec("8.80"));

    let mut same_day = older.clone();
    same_day.valid_from = newer.valid_from;
    let choice = price_for(&p, &buyer, day("2026-08-01"), &[newer.clone(), same_day]);
    assert_eq!(
        choice.unit_price,
        dec("8.60"),
        "same start: the lower price"
    );
}

#[test]
fn an_agreement_form_names_every_problem() {
    let known = id(7);
    let form = AgreementInput {
        party: PartyChoice::Customer,
        customer_id: None,
        product_id: Some(id(8)),
        fixed_price: false,
        value: "0".into(),
        valid_from: "2026-05-01".into(),
        valid_until: "2026-04-30".into(),
        ..Default::default()
    };
    let problems: Vec<(Field, Problem)> = form
        .validate(|p| p == known)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (Field::Customer, Problem::Required),
            (Field::Product, Problem::UnknownProduct),
            (Field::Discount, Problem::NotPositive),
            (Field::ValidUntil, Problem::EndBeforeStart),
        ]
    );
    let form = AgreementInput {
        party: PartyChoice::Kind,
        kind: CustomerKind::Distributor,
        category: "".into(),
        fixed_price: true,
        value: "9.999".into(),
        valid_from: "2026-02-30".into(),
        ..Default::default()
    };
    let problems: Vec<(Field, Problem)> = form
        .validate(|_| true)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (Field::Category, Problem::Required),
            (Field::UnitPrice, Problem::TooManyDecimals { max: 2 }),
            (Field::ValidFrom, Problem::BadDate),
        ]
    );
    let ok = AgreementInput {
        party: PartyChoice::Importance,
        importance: Importance::Vip,
        product_id: Some(known),
        fixed_price: false,
        value: "12.5%".into(),
        valid_from: "2026-01-01".into(),
        ..Default::default()
    }
    .validate(|p| p == known)
    .unwrap();
    assert_eq!(ok.party, Party::Importance(Importance::Vip));
    assert_eq!(ok.scope, Scope::Product(known));
    assert_eq!(ok.terms, Terms::Discount(dec("12.5")));
    assert_eq!(ok.valid_until, None);
}

fn purchase(
    n: u8,
    on: &str,
    what: &str,
    amount: &str,
    qty: &str,
) -> crate::domain::purchase::Purchase {
    crate::domain::purchase::Purchase {
        id: id(n),
        customer_id: id(200),
        date: day(on),
        amount: Money::new(dec(amount), Currency::Cny),
        quantity: dec(qty),
        product: what.into(),
        order: format!("SO-{n}"),
        margin: None,
        notes: String::new(),
        discounted: false,
        created_at: Timestamp(0),
        updated_at: Timestamp(0),
        rev: Rev::default(),
    }
}

#[test]
fn purchases_link_by_code_or_name_before_category() {
    use super::link::{Link, Links};
    let mut boxes = product("10", Currency::Cny);
    boxes.name_en = "Five-ply  Carton".into();
    let mut tape = product("3", Currency::Cny);
    tape.code = "TP-9".into();
    tape.name_zh = "封箱胶带".into();
    tape.name_en = String::new();
    // A product whose name is another's code: the code wins.
    let mut odd = product("1", Currency::Cny);
    odd.code = "X-1".into();
    odd.name_zh = "tp-9".into();
    odd.category = "辅料".into();
    let links = Links::new(&[boxes, tape, odd]);
    assert_eq!(links.of(" bx-01 "), Some(Link::Product(0)));
    assert_eq!(links.of("five-ply carton"), Some(Link::Product(0)));
    assert_eq!(links.of("五层瓦楞纸箱"), Some(Link::Product(0)));
    assert_eq!(links.of("TP-9"), Some(Link::Product(1)));
    assert_eq!(links.of("封箱胶带"), Some(Link::Product(1)));
    // Only a category: the first product of it stands for the category.
    assert_eq!(links.of("包装材料"), Some(Link::Category(0)));
    assert_eq!(links.of("辅料"), Some(Link::Category(2)));
    assert_eq!(links.of("茶叶"), None);
    assert_eq!(links.of(""), None);
}

#[test]
fn the_last_price_paid_is_the_newest_purchase_of_each_product() {
    use super::link::last_paid;
    let boxes = product("10", Currency::Cny);
    let mut tape = product("3", Currency::Cny);
    tape.code = "TP-9".into();
    tape.name_zh = "封箱胶带".into();
    let purchases = [
        // 1,130.00 for 100 boxes: 11.30 each.
        purchase(1, "2026-03-01", "BX-01", "1130.00", "100"),
        // Newer: 500 boxes for 4,750.00, 9.50 each.
        purchase(2, "2026-06-15", "五层瓦楞纸箱", "4750.00", "500"),
        // A return (negative quantity) is not a price paid.
        purchase(3, "2026-07-01", "BX-01", "-95.00", "-10"),
        // 3 rolls for 10.00: 3.3333 each (four decimals).
        purchase(4, "2026-05-02", "封箱胶带", "10.00", "3"),
        // A category only names no product.
        purchase(5, "2026-08-01", "包装材料", "99.00", "1"),
    ];
    let paid = last_paid(&purchases, &[boxes.clone(), tape.clone()]);
    assert_eq!(paid.len(), 2);
    assert_eq!(paid[0].product_id, boxes.id);
    assert_eq!(paid[0].date, day("2026-06-15"));
    assert_eq!(paid[0].unit_price, dec("9.5"));
    assert_eq!(paid[0].order, "SO-2");
    assert_eq!(paid[1].product_id, tape.id);
    assert_eq!(paid[1].unit_price, dec("3.3333"));
    assert_eq!(paid[1].quantity, dec("3"));
}

#[test]
fn an_exported_price_list_imports_back_as_the_same_products() {
    use crate::domain::i18n::{EN, ZH};
    use crate::domain::import::plan::{Planner, Policy};
    use crate::domain::import::table::read;
    use crate::domain::import::{Existing, Kind, mapping::auto};
    let mut a = product("12.35", Currency::Cny);
    a.name_en = "Carton, \"5-ply\"".into();
    a.cost = Some(dec("8.20"));
    let mut b = product("99", Currency::Usd);
    // Guarded against formulas on the way out, unguarded on the way in.
    b.code = "=SV-1".into();
    b.name_en = "+ installation".into();
    b.active = false;
    b.notes = "line\nbreak".into();
    for t in [&ZH, &EN] {
        let text = super::export::price_list_csv(&[a.clone(), b.clone()], t);
        let table = read(&text).unwrap();
        assert_eq!(
            crate::domain::import::mapping::guess_kind(&table.header),
            Kind::Products
        );
        let mapping = auto(Kind::Products, &table.header);
        assert!(mapping.missing(Kind::Products).is_empty());
        let existing = Existing::new(vec![], vec![], vec![], vec![], &[])
            .with_products(vec![a.clone(), b.clone()]);
        let mut planner = Planner::new(
            Kind::Products,
            table.header,
            mapping,
            Policy::Update,
            existing,
            Timestamp(5),
            480,
        );
        planner.feed(&table.rows);
        let plan = planner.finish();
        // Every value read back as stored: nothing to update, nothing refused.
        assert_eq!(plan.errors, vec![], "{}", text);
        assert_eq!((plan.counts.skipped, plan.counts.updated), (2, 0));
    }
}
