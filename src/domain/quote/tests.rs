use super::policy::*;
use super::totals::*;
use super::*;
use crate::domain::product::ProductInput;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn fig(q: &str, p: &str, d: &str, r: &str) -> LineFigures {
    LineFigures {
        quantity: dec(q),
        unit_price: dec(p),
        discount: dec(d),
        tax_rate: dec(r),
    }
}

#[test]
fn a_yuan_quote_with_vat_worked_by_hand() {
    // 120 cartons at ¥8.50 less 5 %: 969.00; 36 rolls of tape at ¥12.35: 444.60; 2.5 hours
    // of service at ¥180.00 (6 % VAT): 450.00. Then 3 % off the quote, line by line:
    // 969.00 × 0.97 = 939.93; 444.60 × 0.97 = 431.262 → 431.26; 450.00 × 0.97 = 436.50.
    // VAT: 939.93 × 13 % = 122.1909 → 122.19; 431.26 × 13 % = 56.0638 → 56.06;
    // 436.50 × 6 % = 26.19.
    let t = totals(
        &[
            fig("120", "8.50", "5", "13"),
            fig("36", "12.35", "0", "13"),
            fig("2.5", "180.00", "0", "6"),
        ],
        dec("3"),
        TaxMode::Exclusive,
        Currency::Cny,
    );
    let l = &t.lines;
    assert_eq!(
        (l[0].amount, l[0].net, l[0].tax, l[0].total),
        (dec("969.00"), dec("939.93"), dec("122.19"), dec("1062.12"))
    );
    assert_eq!(
        (l[1].amount, l[1].quote_discount, l[1].net, l[1].tax),
        (dec("444.60"), dec("13.34"), dec("431.26"), dec("56.06"))
    );
    assert_eq!((l[2].net, l[2].tax), (dec("436.50"), dec("26.19")));
    assert_eq!(t.subtotal, dec("1863.60"));
    assert_eq!(t.quote_discount, dec("55.91"));
    assert_eq!(t.net, dec("1807.69"));
    assert_eq!(t.tax, dec("204.44"));
    assert_eq!(t.total, dec("2012.13"));
}

#[test]
fn a_dollar_quote_with_sales_tax_worked_by_hand() {
    // 3 × $19.99 less 10 % = 53.973 → 53.97, tax 8.25 % = 4.452525 → 4.45;
    // 1 × $249.00, tax 20.5425 → 20.54.
    let t = totals(
        &[
            fig("3", "19.99", "10", "8.25"),
            fig("1", "249.00", "0", "8.25"),
        ],
        Decimal::ZERO,
        TaxMode::Exclusive,
        Currency::Usd,
    );
    assert_eq!(
        (t.net, t.tax, t.total),
        (dec("302.97"), dec("24.99"), dec("327.96"))
    );
    assert_eq!(t.quote_discount, Decimal::ZERO);
}

#[test]
fn prices_including_vat_are_split_by_hand() {
    // 10 × ¥1,130.00 including 13 %: tax 11,300 × 13 / 113 = 1,300.00, net 10,000.00.
    // 3 × ¥99.90: 299.70, tax 299.70 × 13 / 113 = 34.4788 → 34.48, net 265.22.
    let t = totals(
        &[
            fig("10", "1130.00", "0", "13"),
            fig("3", "99.90", "0", "13"),
        ],
        Decimal::ZERO,
        TaxMode::Inclusive,
        Currency::Cny,
    );
    assert_eq!(
        (t.lines[0].net, t.lines[0].tax),
        (dec("10000.00"), dec("1300.00"))
    );
    assert_eq!(
        (t.lines[1].net, t.lines[1].tax, t.lines[1].total),
        (dec("265.22"), dec("34.48"), dec("299.70"))
    );
    assert_eq!(
        (t.net, t.tax, t.total),
        (dec("10265.22"), dec("1334.48"), dec("11599.70"))
    );
}

#[test]
fn yen_round_to_whole_yen() {
    // 7 × ¥1,234 less 3 % = 8,378.86 → 8,379; 10 % tax = 837.9 → 838.
    let t = totals(
        &[fig("7", "1234", "3", "10")],
        Decimal::ZERO,
        TaxMode::Exclusive,
        Currency::Jpy,
    );
    assert_eq!(
        (t.net, t.tax, t.total),
        (dec("8379"), dec("838"), dec("9217"))
    );
}

#[test]
fn the_tax_total_is_the_sum_of_the_lines_as_documented() {
    // Three lines of ¥0.05 at 13 %: each line's tax 0.0065 rounds to 0.01, so the quote's
    // tax is 0.03 — where the tax on the net total, 0.15 × 13 % = 0.0195, would round to
    // 0.02. The rule takes the lines' sum; the difference stays within half a fen a line.
    let line = fig("1", "0.05", "0", "13");
    let t = totals(&[line; 3], Decimal::ZERO, TaxMode::Exclusive, Currency::Cny);
    assert_eq!(t.tax, dec("0.03"));
    assert_eq!(round(t.net * dec("0.13"), Currency::Cny), dec("0.02"));
    assert_eq!(t.total, dec("0.18"));
}

/// Native only: proptest is not built for wasm32.
#[cfg(not(target_arch = "wasm32"))]
mod property {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn totals_always_add_up_and_stay_within_half_a_unit_a_line(
            lines in prop::collection::vec(
                (1u32..5_000, 0u32..10_000, 0u32..10_000, 0u32..50, 0u32..3),
                1..30,
            ),
            quote_discount in 0u32..5_000,
            inclusive in any::<bool>(),
        ) {
            let rates = [dec("13"), dec("9"), dec("6")];
            let figures: Vec<LineFigures> = lines
                .iter()
                .map(|&(q, p, d, _, r)| LineFigures {
                    quantity: Decimal::new(i64::from(q), 1),
                    unit_price: Decimal::new(i64::from(p), 2),
                    discount: Decimal::new(i64::from(d), 2),
                    tax_rate: rates[r as usize],
                })
                .collect();
            let mode = if inclusive { TaxMode::Inclusive } else { TaxMode::Exclusive };
            let qd = Decimal::new(i64::from(quote_discount), 2);
            let t = totals(&figures, qd, mode, Currency::Cny);
            prop_assert_eq!(t.net + t.tax, t.total);
            prop_assert_eq!(t.subtotal - t.quote_discount, match mode {
                TaxMode::Exclusive => t.net,
                TaxMode::Inclusive => t.total,
            });
            let half = dec("0.005");
            let mut exact_tax = Decimal::ZERO;
            for (f, l) in figures.iter().zip(&t.lines) {
                let r = f.tax_rate / Decimal::ONE_HUNDRED;
                let exact = match mode {
                    TaxMode::Exclusive => l.net * r,
                    TaxMode::Inclusive => l.total * r / (Decimal::ONE + r),
                };
                prop_assert!((l.tax - exact).abs() <= half);
                exact_tax += exact;
                prop_assert!(l.net >= Decimal::ZERO && l.tax >= Decimal::ZERO);
            }
            let k = Decimal::from(figures.len());
            prop_assert!((t.tax - exact_tax).abs() <= half * k);
        }
    }
}

fn product(code: &str, price: &str, tax: &str, cost: &str) -> Product {
    ProductInput {
        code: code.into(),
        name_zh: format!("产品{code}"),
        unit: "个".into(),
        list_price: price.into(),
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

fn quote_of(lines: Vec<QuoteLine>, discount: &str) -> Quote {
    QuoteFields {
        customer_id: Id::from_parts(1, [1; 10]),
        opportunity_id: None,
        currency: Currency::Cny,
        tax_mode: TaxMode::Exclusive,
        lines,
        discount: dec(discount),
        valid_until: day("2026-12-31"),
        payment_terms: String::new(),
        notes: String::new(),
    }
    .into_quote("QT-20261204-001".into(), None, Timestamp(0))
}

fn line(p: &Product, q: &str, price: &str, reference: &str, d: &str) -> QuoteLine {
    QuoteLine {
        product_id: p.id,
        code: p.code.clone(),
        name: p.name_zh.clone(),
        category: p.category.clone(),
        unit: p.unit.clone(),
        quantity: dec(q),
        unit_price: dec(price),
        reference_price: dec(reference),
        list_price: p.list_price.amount,
        price: LinePrice::Manual,
        discount: dec(d),
        tax_rate: p.tax_rate,
        cost: p.cost,
    }
}

#[test]
fn the_discount_depth_is_the_deepest_line_below_its_reference() {
    let a = product("A", "12.00", "13", "6.00");
    let b = product("B", "50.00", "13", "");
    // A: agreement price 10.00, typed 9.00 for 10 units: 90.00 against 100.00 → 10 %.
    // B: list 50.00 less 4 %: 48.00 against 50.00 → 4 %.
    let q = quote_of(
        vec![
            line(&a, "10", "9.00", "10.00", "0"),
            line(&b, "1", "50.00", "50.00", "4"),
        ],
        "0",
    );
    assert_eq!(q.depth(), dec("10"));
    // 2 % off the quote: A's 90.00 → 88.20, 11.8 % below 100.00.
    let q2 = quote_of(q.lines.clone(), "2");
    assert_eq!(q2.depth(), dec("11.8"));
    // A price above the reference is no discount.
    let q3 = quote_of(vec![line(&a, "1", "11.00", "10.00", "0")], "0");
    assert_eq!(q3.depth(), Decimal::ZERO);
    // The margin where the cost is known: A's net 88.20 less 10 × 6.00 = 28.20; B's cost is
    // unknown.
    assert_eq!(q2.margin(), (dec("28.20"), false));
}

#[test]
fn a_discount_beyond_the_authors_limit_waits_for_someone_who_may_give_it() {
    let policy = QuotePolicy::default();
    assert_eq!(policy.limit(MemberRole::SalesRep), dec("10"));
    let a = product("A", "12.00", "13", "");
    let today = day("2026-12-04");
    // Exactly the rep's limit: sent.
    let mut at_limit = quote_of(vec![line(&a, "10", "9.00", "10.00", "0")], "0");
    assert_eq!(
        at_limit.send(MemberRole::SalesRep, &policy, today, Timestamp(1)),
        Ok(Standing::Sent)
    );
    // 11.8 %: waits.
    let mut q = quote_of(vec![line(&a, "10", "9.00", "10.00", "0")], "2");
    assert_eq!(
        q.send(MemberRole::SalesRep, &policy, today, Timestamp(1)),
        Ok(Standing::AwaitingApproval)
    );
    assert_eq!(q.status_on(today), Standing::AwaitingApproval);
    // A service colleague (limit 0) may not approve; a manager (25 %) may.
    let manager = Id::from_parts(9, [9; 10]);
    assert_eq!(
        q.approve(
            manager,
            MemberRole::Service,
            String::new(),
            &policy,
            Timestamp(2)
        ),
        Err(QuoteError::BeyondApprover)
    );
    q.approve(
        manager,
        MemberRole::SalesManager,
        "老客户，同意".into(),
        &policy,
        Timestamp(3),
    )
    .unwrap();
    assert_eq!(q.status_on(today), Standing::Sent);
    let approval = q.approval.clone().unwrap();
    assert_eq!(
        (
            approval.by,
            approval.at,
            approval.depth,
            approval.note.as_str()
        ),
        (manager, Timestamp(3), dec("11.8"), "老客户，同意")
    );
    // A sent quote is not edited but revised; the new version starts without the approval.
    let mut v2 = q.revise(today, 30, Timestamp(4)).unwrap();
    assert_eq!(v2.approval, None);
    assert_eq!(
        v2.send(MemberRole::SalesRep, &policy, today, Timestamp(5)),
        Ok(Standing::AwaitingApproval)
    );
    // A manager's own quote within 25 % needs nobody.
    let mut own = quote_of(vec![line(&a, "10", "8.00", "10.00", "0")], "0");
    assert_eq!(
        own.send(MemberRole::SalesManager, &policy, today, Timestamp(1)),
        Ok(Standing::Sent)
    );
}

#[test]
fn editing_a_quote_that_waits_brings_it_back_to_draft() {
    let policy = QuotePolicy::default();
    let a = product("A", "10.00", "13", "");
    let today = day("2026-12-04");
    let mut q = quote_of(vec![line(&a, "10", "10.00", "10.00", "15")], "0");
    assert_eq!(
        q.send(MemberRole::SalesRep, &policy, today, Timestamp(1)),
        Ok(Standing::AwaitingApproval)
    );
    let mut fields = QuoteFields {
        customer_id: q.customer_id,
        opportunity_id: None,
        currency: Currency::Cny,
        tax_mode: TaxMode::Exclusive,
        lines: vec![line(&a, "10", "10.00", "10.00", "8")],
        discount: Decimal::ZERO,
        valid_until: q.valid_until,
        payment_terms: "月结 30 天".into(),
        notes: String::new(),
    };
    q.edit(fields.clone(), Timestamp(2)).unwrap();
    assert_eq!(q.status_on(today), Standing::Draft);
    assert_eq!(
        q.send(MemberRole::SalesRep, &policy, today, Timestamp(3)),
        Ok(Standing::Sent)
    );
    fields.discount = dec("1");
    assert_eq!(q.edit(fields, Timestamp(4)), Err(QuoteError::NotEditable));
    // Nothing to send, or past its validity: refused.
    let mut empty = quote_of(Vec::new(), "0");
    assert_eq!(
        empty.send(MemberRole::Admin, &policy, today, Timestamp(1)),
        Err(QuoteError::NoLines)
    );
    let mut late = quote_of(vec![line(&a, "1", "10.00", "10.00", "0")], "0");
    assert_eq!(
        late.send(MemberRole::Admin, &policy, day("2027-01-01"), Timestamp(1)),
        Err(QuoteError::Expired)
    );
}

#[test]
fn a_sent_quote_expires_after_its_last_day_and_is_revised_into_version_two() {
    let policy = QuotePolicy::default();
    let a = product("A", "10.00", "13", "");
    let mut v1 = quote_of(vec![line(&a, "3", "10.00", "10.00", "0")], "0");
    v1.send(
        MemberRole::SalesRep,
        &policy,
        day("2026-12-04"),
        Timestamp(1),
    )
    .unwrap();
    assert!(
        v1.is_open(day("2026-12-31")),
        "the last valid day is included"
    );
    assert_eq!(v1.status_on(day("2027-01-01")), Standing::Expired);
    assert!(!v1.is_open(day("2027-01-01")));
    assert_eq!(
        v1.accept(day("2027-01-01"), Timestamp(2)),
        Err(QuoteError::Expired)
    );
    let mut v2 = v1.revise(day("2027-01-02"), 30, Timestamp(3)).unwrap();
    assert_eq!((v2.number.as_str(), v2.version), ("QT-20261204-001", 2));
    assert_eq!(v2.previous, Some(v1.id));
    assert_eq!(v1.superseded_by, Some(v2.id));
    assert_eq!(v2.valid_until, day("2027-02-01"));
    assert_eq!(v2.lines, v1.lines);
    // Version 1 stays readable as it was sent, and can change no more.
    assert_eq!(v1.status_on(day("2027-01-02")), Standing::Superseded);
    assert!(matches!(v1.status, QuoteStatus::Sent { .. }));
    assert_eq!(
        v1.revise(day("2027-01-02"), 30, Timestamp(4)).unwrap_err(),
        QuoteError::Superseded
    );
    assert_eq!(
        v1.reject(
            RejectReason::Price,
            String::new(),
            day("2027-01-02"),
            Timestamp(4)
        ),
        Err(QuoteError::Superseded)
    );
    // A draft is edited, not revised.
    assert_eq!(
        v2.revise(day("2027-01-02"), 30, Timestamp(4)).unwrap_err(),
        QuoteError::NotRevisable
    );
    v2.send(
        MemberRole::SalesRep,
        &policy,
        day("2027-01-02"),
        Timestamp(5),
    )
    .unwrap();
    v2.accept(day("2027-01-10"), Timestamp(6)).unwrap();
    assert_eq!(v2.status_on(day("2027-06-01")), Standing::Accepted);
    assert!(!v2.is_open(day("2027-01-10")));
    assert_eq!(
        v2.accept(day("2027-01-10"), Timestamp(7)),
        Err(QuoteError::NotOpen)
    );
}

#[test]
fn a_quote_turned_down_keeps_its_reason_and_can_be_revised() {
    let policy = QuotePolicy::default();
    let a = product("A", "10.00", "13", "");
    let mut q = quote_of(vec![line(&a, "3", "10.00", "10.00", "0")], "0");
    assert_eq!(
        q.reject(
            RejectReason::Price,
            String::new(),
            day("2026-12-04"),
            Timestamp(1)
        ),
        Err(QuoteError::NotOpen),
        "a draft was never sent"
    );
    q.send(
        MemberRole::SalesRep,
        &policy,
        day("2026-12-04"),
        Timestamp(1),
    )
    .unwrap();
    q.reject(
        RejectReason::Competitor,
        "对手报价低 8%".into(),
        day("2026-12-05"),
        Timestamp(2),
    )
    .unwrap();
    assert_eq!(
        q.status,
        QuoteStatus::Rejected {
            at: Timestamp(2),
            reason: RejectReason::Competitor,
            note: "对手报价低 8%".into()
        }
    );
    assert_eq!(
        q.revise(day("2026-12-06"), 15, Timestamp(3))
            .unwrap()
            .version,
        2
    );
}

#[test]
fn numbers_count_up_within_a_day() {
    let d = day("2026-12-04");
    assert_eq!(next_number(d, []), "QT-20261204-001");
    let existing = [
        "QT-20261204-001",
        "QT-20261204-009",
        "QT-20261203-020",
        "QT-20261204-xyz",
        "其他",
    ];
    assert_eq!(next_number(d, existing), "QT-20261204-010");
    assert_eq!(
        next_number(d, ["QT-20261204-999"]),
        "QT-20261204-1000",
        "past 999 the number grows"
    );
}

#[test]
fn a_quote_form_names_each_lines_problem() {
    let a = product("A", "10.00", "13", "");
    let mut usd = product("U", "10.00", "0", "");
    usd.list_price.currency = Currency::Usd;
    let products = [a.clone(), usd.clone()];
    let find = |id: Id| products.iter().find(|p| p.id == id);
    let reference = |p: &Product| (p.list_price.amount, LinePrice::List);
    let form = QuoteInput {
        customer_id: None,
        currency: Currency::Cny,
        lines: vec![
            LineInput {
                product_id: Some(a.id),
                quantity: "-2".into(),
                ..Default::default()
            },
            LineInput::default(),
            LineInput {
                product_id: Some(a.id),
                quantity: "1".into(),
                unit_price: "9.999".into(),
                discount: "120".into(),
            },
            LineInput {
                product_id: Some(Id::from_parts(5, [5; 10])),
                quantity: "1".into(),
                ..Default::default()
            },
            LineInput {
                product_id: Some(usd.id),
                quantity: "1".into(),
                ..Default::default()
            },
        ],
        discount: "-1".into(),
        valid_until: "".into(),
        ..Default::default()
    };
    let problems: Vec<(Field, Option<usize>, Problem)> = form
        .validate(find, reference)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.index, e.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            (Field::Customer, None, Problem::Required),
            (Field::Quantity, Some(0), Problem::NotPositive),
            (
                Field::UnitPrice,
                Some(2),
                Problem::TooManyDecimals { max: 2 }
            ),
            (Field::Discount, Some(2), Problem::BadPercent),
            (Field::Product, Some(3), Problem::UnknownProduct),
            (Field::Product, Some(4), Problem::OtherCurrency),
            (Field::Discount, None, Problem::BadPercent),
            (Field::ValidUntil, None, Problem::Required),
        ]
    );
    let empty = QuoteInput {
        customer_id: Some(Id::from_parts(1, [1; 10])),
        valid_until: "2026-12-31".into(),
        lines: vec![LineInput::default()],
        ..Default::default()
    };
    let problems: Vec<(Field, Problem)> = empty
        .validate(find, reference)
        .unwrap_err()
        .into_iter()
        .map(|e| (e.field, e.problem))
        .collect();
    assert_eq!(problems, vec![(Field::Lines, Problem::Required)]);
}

#[test]
fn a_line_left_at_its_price_says_where_the_price_came_from() {
    let a = product("A", "10.00", "13", "6");
    let agreement = Id::from_parts(7, [7; 10]);
    let products = [a.clone()];
    let find = |id: Id| products.iter().find(|p| p.id == id);
    let reference = |_: &Product| (dec("9.20"), LinePrice::Agreement(agreement));
    let form = |price: &str| QuoteInput {
        customer_id: Some(Id::from_parts(1, [1; 10])),
        currency: Currency::Cny,
        lines: vec![LineInput {
            product_id: Some(a.id),
            quantity: "２.５".into(),
            unit_price: price.into(),
            discount: "".into(),
        }],
        valid_until: "2026-12-31".into(),
        ..Default::default()
    };
    let f = form("").validate(find, reference).unwrap();
    let l = &f.lines[0];
    assert_eq!(
        (l.quantity, l.unit_price, l.reference_price, l.price),
        (
            dec("2.5"),
            dec("9.20"),
            dec("9.20"),
            LinePrice::Agreement(agreement)
        )
    );
    assert_eq!((l.tax_rate, l.cost), (dec("13"), Some(dec("6"))));
    let typed_same = form("9.2").validate(find, reference).unwrap();
    assert_eq!(typed_same.lines[0].price, LinePrice::Agreement(agreement));
    let typed_other = form("9.00").validate(find, reference).unwrap();
    assert_eq!(
        (
            typed_other.lines[0].price,
            typed_other.lines[0].reference_price
        ),
        (LinePrice::Manual, dec("9.20"))
    );
}

#[test]
fn an_inclusive_quote_compares_with_prices_including_tax() {
    // List 10.00 and an agreed 9.20 before tax; at 13 % VAT, 11.30 and 10.396 → 10.40.
    let a = product("A", "10.00", "13", "");
    let products = [a.clone()];
    let find = |id: Id| products.iter().find(|p| p.id == id);
    let f = QuoteInput {
        customer_id: Some(Id::from_parts(1, [1; 10])),
        currency: Currency::Cny,
        tax_mode: TaxMode::Inclusive,
        lines: vec![LineInput {
            product_id: Some(a.id),
            quantity: "10".into(),
            ..Default::default()
        }],
        valid_until: "2026-12-31".into(),
        ..Default::default()
    }
    .validate(find, |_| (dec("9.20"), LinePrice::List))
    .unwrap();
    let l = &f.lines[0];
    assert_eq!(
        (l.unit_price, l.reference_price, l.list_price),
        (dec("10.40"), dec("10.40"), dec("11.30"))
    );
    let q = f.into_quote("QT-20261204-001".into(), None, Timestamp(0));
    assert_eq!(q.depth(), Decimal::ZERO, "the agreed price is no discount");
    // 104.00 including tax: tax 104 × 13 / 113 = 11.9646 → 11.96, net 92.04.
    assert_eq!(
        (q.totals().net, q.totals().tax),
        (dec("92.04"), dec("11.96"))
    );
}

#[test]
fn accepting_books_each_line_as_a_purchase_and_wins_the_deal() {
    use crate::domain::opportunity::stage::{Outcome, Pipeline, StageId};
    use crate::domain::opportunity::{Opportunity, OpportunityInput};
    let policy = QuotePolicy::default();
    let pipeline = Pipeline::default();
    let a = product("A", "12.00", "13", "6.00");
    let b = product("B", "50.00", "13", "");
    let c = product("C", "5.00", "6", "4.00");
    let mut q = quote_of(
        vec![
            line(&a, "10", "9.00", "10.00", "0"),
            line(&b, "1", "50.00", "50.00", "4"),
            line(&c, "2", "5.00", "5.00", "0"),
        ],
        "0",
    );
    let fields = OpportunityInput {
        customer_id: Some(q.customer_id),
        name: "年度采购".into(),
        amount: "100".into(),
        close_date: "2026-12-20".into(),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let mut deal = Opportunity::create(
        Id::generate(),
        fields,
        pipeline.first().id.clone(),
        None,
        Timestamp(0),
    );
    q.opportunity_id = Some(deal.id);
    let today = day("2026-12-10");
    // Not yet sent: nothing happens.
    assert_eq!(
        q.accept_with(Some(&mut deal), &pipeline, None, today, Timestamp(1)),
        Err(QuoteError::NotOpen)
    );
    assert!(deal.closing.is_none());
    q.send(MemberRole::SalesRep, &policy, today, Timestamp(1))
        .unwrap();
    let bought = q
        .accept_with(Some(&mut deal), &pipeline, None, today, Timestamp(2))
        .unwrap();
    // A: 10 × 9.00 = 90.00 (below the list's 120.00), margin 90.00 − 10 × 6.00 = 30.00.
    // B: 50.00 less 4 % = 48.00 (below 50.00), cost unknown. C: 2 × 5.00 = 10.00, at the
    // list price, margin 10.00 − 8.00 = 2.00.
    let got: Vec<(Decimal, Decimal, Option<Decimal>, bool)> = bought
        .iter()
        .map(|p| (p.amount.amount, p.quantity, p.margin, p.discounted))
        .collect();
    assert_eq!(
        got,
        vec![
            (dec("90.00"), dec("10"), Some(dec("30.00")), true),
            (dec("48.00"), dec("1"), None, true),
            (dec("10.00"), dec("2"), Some(dec("2.00")), false),
        ]
    );
    assert!(bought.iter().all(|p| p.customer_id == q.customer_id
        && p.date == today
        && p.order == "QT-20261204-001"));
    assert_eq!(bought[0].product, "产品A");
    assert!(matches!(q.status, QuoteStatus::Accepted { .. }));
    // The deal: won for the quote's net total, booked as the first purchase.
    assert_eq!(deal.amount, Money::new(dec("148.00"), Currency::Cny));
    assert_eq!(deal.stage, StageId::won());
    assert_eq!(pipeline.closing(Outcome::Won).id, deal.stage);
    let closing = deal.closing.clone().unwrap();
    assert_eq!(
        (closing.date, closing.purchase_id),
        (today, Some(bought[0].id))
    );
}

mod lists {
    use super::*;
    use crate::domain::quote::list::*;

    fn at(q: &mut Quote, t: i64) -> &mut Quote {
        q.created_at = Timestamp(t);
        q
    }

    #[test]
    fn the_list_shows_current_versions_newest_first_by_standing_owner_and_text() {
        let policy = QuotePolicy::default();
        let today = day("2026-12-04");
        let a_p = product("BX-01", "10.00", "13", "");
        let x = Id::from_parts(1, [1; 10]);
        let y = Id::from_parts(2, [2; 10]);
        let rep = Id::from_parts(3, [3; 10]);
        let mut a = quote_of(vec![line(&a_p, "1", "10.00", "10.00", "0")], "0");
        at(&mut a, 10);
        a.owner_id = Some(rep);
        let mut b1 = quote_of(a.lines.clone(), "0");
        b1.number = "QT-20261204-002".into();
        b1.customer_id = y;
        at(&mut b1, 20);
        b1.send(MemberRole::SalesRep, &policy, today, Timestamp(21))
            .unwrap();
        let b2 = b1.revise(today, 30, Timestamp(30)).unwrap();
        let mut c = quote_of(a.lines.clone(), "0");
        c.number = "QT-20261101-001".into();
        c.valid_until = day("2026-11-30");
        at(&mut c, 5);
        c.status = QuoteStatus::Sent { at: Timestamp(5) };
        let mut d = quote_of(a.lines.clone(), "0");
        d.deleted_at = Some(Timestamp(40));
        let all = vec![a.clone(), b1.clone(), b2.clone(), c.clone(), d];
        let names = |id: Id| {
            if id == x {
                "远东机械".to_string()
            } else {
                "华南电子".to_string()
            }
        };
        let book = QuoteBook::new(all.clone(), names);
        assert!(!book.warm_step(2), "two of five keys built");
        let numbers = |q: &QuoteQuery| -> Vec<(String, u16)> {
            book.view(q, today)
                .into_iter()
                .map(|i| (all[i].number.clone(), all[i].version))
                .collect()
        };
        let open = QuoteQuery::default();
        assert_eq!(
            numbers(&open),
            [
                ("QT-20261204-002".to_string(), 2),
                ("QT-20261204-001".to_string(), 1)
            ]
        );
        let every = QuoteQuery {
            standing: StandingFilter::All,
            ..Default::default()
        };
        assert_eq!(numbers(&every).len(), 3, "no superseded, no trash");
        let expired = QuoteQuery {
            standing: StandingFilter::Expired,
            ..Default::default()
        };
        assert_eq!(numbers(&expired), [("QT-20261101-001".to_string(), 1)]);
        let mine = QuoteQuery {
            owner: OwnerFilter::Member(rep),
            ..Default::default()
        };
        assert_eq!(numbers(&mine), [("QT-20261204-001".to_string(), 1)]);
        let by_customer = QuoteQuery {
            text: "ydjx".into(),
            ..Default::default()
        };
        assert_eq!(numbers(&by_customer), [("QT-20261204-001".to_string(), 1)]);
        let by_number = QuoteQuery {
            text: "1204-002".into(),
            ..Default::default()
        };
        assert_eq!(numbers(&by_number), [("QT-20261204-002".to_string(), 2)]);
        let by_code = QuoteQuery {
            text: "bx-01".into(),
            standing: StandingFilter::All,
            ..Default::default()
        };
        assert_eq!(numbers(&by_code).len(), 3);
    }

    #[test]
    fn another_open_quote_at_another_price_is_a_conflict_compared_before_tax() {
        let today = day("2026-12-04");
        let p = product("P", "10.00", "13", "");
        let q = product("Q", "20.00", "13", "");
        let mine = quote_of(
            vec![
                line(&p, "1", "10.00", "10.00", "0"),
                line(&q, "1", "20.00", "20.00", "0"),
            ],
            "0",
        );
        // The same price including 13 % VAT (11.30): no conflict.
        let mut same = quote_of(vec![line(&p, "5", "11.30", "11.30", "0")], "0");
        same.number = "QT-2".into();
        same.tax_mode = TaxMode::Inclusive;
        // 9.50 for P by another rep: a conflict.
        let mut lower = quote_of(vec![line(&p, "5", "9.50", "10.00", "0")], "0");
        lower.number = "QT-3".into();
        lower.owner_id = Some(Id::from_parts(8, [8; 10]));
        // Expired, another customer's, another version of mine: not compared.
        let mut expired = lower.clone();
        expired.id = Id::from_parts(4, [4; 10]);
        expired.number = "QT-4".into();
        expired.valid_until = day("2026-12-01");
        expired.status = QuoteStatus::Sent { at: Timestamp(1) };
        let mut theirs = lower.clone();
        theirs.id = Id::from_parts(5, [5; 10]);
        theirs.customer_id = Id::from_parts(99, [9; 10]);
        let mut my_v2 = lower.clone();
        my_v2.id = Id::from_parts(6, [6; 10]);
        my_v2.number = mine.number.clone();
        let found = price_conflicts(
            &mine,
            &[mine.clone(), same, lower.clone(), expired, theirs, my_v2],
            today,
        );
        assert_eq!(
            found,
            vec![PriceConflict {
                product_id: p.id,
                product: "产品P".into(),
                ours: dec("10.00"),
                other_quote: lower.id,
                other_number: "QT-3".into(),
                other_owner: lower.owner_id,
                theirs: dec("9.50"),
            }]
        );
    }

    #[test]
    fn earlier_prices_are_the_newest_line_of_each_product() {
        let today = day("2026-12-04");
        let p = product("P", "10.00", "13", "");
        let q = product("Q", "20.00", "13", "");
        let mut old = quote_of(
            vec![
                line(&p, "1", "9.00", "10.00", "0"),
                line(&q, "1", "18.00", "20.00", "5"),
            ],
            "0",
        );
        at(&mut old, 10);
        let mut new = quote_of(vec![line(&p, "1", "9.60", "10.00", "0")], "0");
        at(&mut new, 20);
        new.number = "QT-9".into();
        let mut other = new.clone();
        other.customer_id = Id::from_parts(77, [7; 10]);
        let prices = earlier_prices(&[old.clone(), new.clone(), other], old.customer_id, today);
        let got: Vec<(Id, Decimal, Decimal, String)> = prices
            .iter()
            .map(|e| (e.product_id, e.unit_price, e.discount, e.number.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                (p.id, dec("9.60"), dec("0"), "QT-9".to_string()),
                (q.id, dec("18.00"), dec("5"), old.number.clone()),
            ]
        );
    }
}

#[test]
fn a_stored_quote_fills_the_form_back_and_checks_to_the_same_lines() {
    let a = product("A", "10.00", "13", "");
    let b = product("B", "20.00", "13", "");
    let products = [a.clone(), b.clone()];
    let find = |id: Id| products.iter().find(|p| p.id == id);
    let reference = |p: &Product| (p.list_price.amount, LinePrice::List);
    let form = QuoteInput {
        customer_id: Some(Id::from_parts(1, [1; 10])),
        currency: Currency::Cny,
        lines: vec![
            LineInput {
                product_id: Some(a.id),
                quantity: "2.5".into(),
                unit_price: "9.50".into(),
                discount: "5".into(),
            },
            LineInput {
                product_id: Some(b.id),
                quantity: "3".into(),
                ..Default::default()
            },
        ],
        discount: "2".into(),
        valid_until: "2026-12-31".into(),
        payment_terms: "月结 30 天".into(),
        ..Default::default()
    };
    let q = form
        .validate(find, reference)
        .unwrap()
        .into_quote("QT-1".into(), None, Timestamp(0));
    let back = QuoteInput::from_quote(&q);
    assert_eq!(
        back.lines[0].unit_price, "9.5",
        "a price typed by hand stays"
    );
    assert_eq!(
        back.lines[1].unit_price, "",
        "a rule's price is priced again"
    );
    assert_eq!(
        (back.discount.as_str(), back.valid_until.as_str()),
        ("2", "2026-12-31")
    );
    let again = back.validate(find, reference).unwrap();
    assert_eq!(again.lines, q.lines);
    assert_eq!(again.discount, q.discount);
}
