//! The forecast and the rep figures, worked by hand.

use super::forecast::{Bucket, Forecast, Month, currencies};
use super::reps::{Record, SizeBand, rep_figures, suggest, wilson_lower};
use super::stage::{Pipeline, StageId};
use super::*;
use std::collections::HashMap;
use std::str::FromStr;

const DAY: i64 = 86_400_000;

fn date(s: &str) -> NaiveDate {
    parse_date(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Midnight UTC of a day.
fn ts(d: &str) -> Timestamp {
    Timestamp(i64::from(crate::domain::time::epoch_day(date(d))) * DAY)
}

/// An open deal created on `created`, due `close`, in `stage`.
fn open(
    amount: &str,
    currency: Currency,
    close: &str,
    stage: &str,
    owner: Option<Id>,
) -> Opportunity {
    open_for(
        Id::generate(),
        amount,
        currency,
        close,
        stage,
        owner,
        "2026-06-01",
    )
}

fn open_for(
    customer: Id,
    amount: &str,
    currency: Currency,
    close: &str,
    stage: &str,
    owner: Option<Id>,
    created: &str,
) -> Opportunity {
    let fields = OpportunityInput {
        customer_id: Some(customer),
        name: "deal".into(),
        amount: amount.into(),
        currency,
        close_date: close.into(),
        owner_id: owner,
        ..OpportunityInput::default()
    }
    .validate()
    .unwrap();
    Opportunity::create(
        Id::generate(),
        fields,
        StageId(stage.into()),
        None,
        ts(created),
    )
}

fn won(amount: &str, on: &str, owner: Option<Id>) -> Opportunity {
    let mut o = open(amount, Currency::Cny, on, "proposal", owner);
    o.win(&Pipeline::default(), date(on), None, None, ts(on));
    o
}

fn lost(amount: &str, on: &str, owner: Option<Id>) -> Opportunity {
    let mut o = open(amount, Currency::Cny, on, "proposal", owner);
    o.lose(
        &Pipeline::default(),
        LostReason::Price,
        "",
        date(on),
        None,
        ts(on),
    );
    o
}

fn bucket(count: usize, amount: &str, weighted: &str) -> Bucket {
    Bucket {
        count,
        amount: dec(amount),
        weighted: dec(weighted),
    }
}

#[test]
fn months_count_on_across_years() {
    let dec_2026 = Month::of(date("2026-12-03"));
    assert_eq!(
        dec_2026.plus(1),
        Month {
            year: 2027,
            month: 1
        }
    );
    assert_eq!(
        dec_2026.plus(-12),
        Month {
            year: 2025,
            month: 12
        }
    );
    assert_eq!(
        Month {
            year: 2027,
            month: 1
        }
        .plus(-1)
        .label(),
        "2026-12"
    );
}

#[test]
fn the_forecast_by_month_and_owner_worked_by_hand() {
    let p = Pipeline::default();
    let (x, y) = (Id::generate(), Id::generate());
    let today = date("2026-12-03");
    let mut c = open(
        "12345.67",
        Currency::Cny,
        "2027-02-28",
        "prospecting",
        Some(x),
    );
    c.probability = Some(20);
    let mut trashed = open("5000", Currency::Cny, "2026-12-10", "proposal", Some(x));
    trashed.deleted_at = Some(ts("2026-12-01"));
    let deals = [
        // Open, due this month: 100,000 × 50 % = 50,000.
        open("100000", Currency::Cny, "2026-12-20", "proposal", Some(x)),
        // Open, next month: 40,000 × 75 % = 30,000.
        open("40000", Currency::Cny, "2027-01-15", "negotiation", Some(y)),
        // Open, the owner's 20 %: 12,345.67 × 20 % = 2,469.134.
        c,
        // Past their close date (last month; yesterday): overdue, not in any month.
        open("8000", Currency::Cny, "2026-11-30", "needs", Some(y)),
        open("10000", Currency::Cny, "2026-12-02", "proposal", Some(x)),
        // Due after the last month shown: later, 50,000 × 10 %.
        open("50000", Currency::Cny, "2027-05-01", "prospecting", None),
        won("30000", "2026-11-10", Some(x)),
        won("20000", "2026-12-01", Some(y)),
        // Lost deals and wins before the window bring nothing.
        lost("60000", "2026-11-15", Some(x)),
        won("99000", "2026-08-01", Some(x)),
        open("1000", Currency::Usd, "2026-12-20", "proposal", Some(x)),
        trashed,
    ];
    let f = Forecast::build(&deals, &p, Currency::Cny, today, 2, 2);
    let months: Vec<(String, Bucket, Bucket)> = f
        .months
        .iter()
        .map(|r| (r.month.label(), r.won.clone(), r.open.clone()))
        .collect();
    let none = Bucket::default;
    assert_eq!(
        months,
        vec![
            ("2026-10".into(), none(), none()),
            ("2026-11".into(), bucket(1, "30000", "30000"), none()),
            (
                "2026-12".into(),
                bucket(1, "20000", "20000"),
                bucket(1, "100000", "50000")
            ),
            ("2027-01".into(), none(), bucket(1, "40000", "30000")),
            ("2027-02".into(), none(), bucket(1, "12345.67", "2469.134")),
        ]
    );
    // December: 20,000 won + 50,000 weighted.
    assert_eq!(f.months[2].expected(), dec("70000"));
    assert_eq!(f.overdue, bucket(2, "18000", "7000"));
    assert_eq!(f.later, bucket(1, "50000", "5000"));
    assert_eq!(f.other_currency, 1);
    // 50,000 + 30,000 + 2,469.134 + 5,000.
    assert_eq!(f.ahead_weighted(today), dec("87469.134"));
    // October 0 and November 30,000, over two months.
    assert_eq!(f.past_average(today), Some(dec("15000")));

    let owners: Vec<(Option<Id>, Bucket, Bucket, Bucket, Bucket)> = f
        .owners
        .iter()
        .map(|r| {
            (
                r.owner,
                r.open.clone(),
                r.this_month.clone(),
                r.overdue.clone(),
                r.won.clone(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        vec![
            (
                Some(x),
                bucket(2, "112345.67", "52469.134"),
                bucket(1, "100000", "50000"),
                bucket(1, "10000", "5000"),
                bucket(1, "30000", "30000"),
            ),
            (
                Some(y),
                bucket(1, "40000", "30000"),
                none(),
                bucket(1, "8000", "2000"),
                bucket(1, "20000", "20000"),
            ),
            (None, bucket(1, "50000", "5000"), none(), none(), none()),
        ]
    );
    assert_eq!(currencies(&deals), vec![Currency::Cny, Currency::Usd]);
}

#[test]
fn size_bands_start_at_their_lower_bound() {
    assert_eq!(SizeBand::of(dec("9999.99")), SizeBand::Small);
    assert_eq!(SizeBand::of(dec("10000")), SizeBand::Medium);
    assert_eq!(SizeBand::of(dec("100000")), SizeBand::Large);
    assert_eq!(SizeBand::of(dec("999999.99")), SizeBand::Large);
    assert_eq!(SizeBand::of(dec("1000000")), SizeBand::Major);
}

#[test]
fn rep_figures_worked_by_hand() {
    let p = Pipeline::default();
    let (x, y) = (Id::generate(), Id::generate());
    let (factory, shop) = (Id::generate(), Id::generate());
    let industry: HashMap<Id, &str> = HashMap::from([(factory, "制造"), (shop, "零售")]);
    let closed = |customer, amount: &str, created: &str, on: &str, owner, win: bool| {
        let mut o = open_for(
            customer,
            amount,
            Currency::Cny,
            on,
            "proposal",
            Some(owner),
            created,
        );
        if win {
            o.win(&p, date(on), None, None, ts(on));
        } else {
            o.lose(&p, LostReason::Timing, "", date(on), None, ts(on));
        }
        o
    };
    let deals = [
        // X: two won (30 and 50 days), one lost, in the period.
        closed(factory, "30000", "2026-10-01", "2026-10-31", x, true),
        closed(shop, "150000", "2026-09-01", "2026-10-21", x, true),
        closed(factory, "60000", "2026-10-01", "2026-11-15", x, false),
        // Before the period: not counted.
        closed(factory, "99000", "2026-01-01", "2026-03-01", x, true),
        // Y: one won in 10 days.
        closed(shop, "5000", "2026-11-01", "2026-11-11", y, true),
        // Open and other-currency deals are not closed figures.
        open_for(
            factory,
            "70000",
            Currency::Cny,
            "2026-12-30",
            "needs",
            Some(y),
            "2026-11-01",
        ),
        open_for(
            factory,
            "70000",
            Currency::Usd,
            "2026-12-30",
            "needs",
            Some(y),
            "2026-11-01",
        ),
    ];
    let figs = rep_figures(
        &deals,
        &p,
        Currency::Cny,
        |id| industry.get(&id).copied().unwrap_or(""),
        date("2026-10-01"),
        date("2026-12-31"),
    );
    assert_eq!(figs.len(), 2);
    let fx = &figs[0];
    assert_eq!(fx.member, Some(x));
    assert_eq!((fx.all.won, fx.all.lost), (2, 1));
    assert_eq!(fx.all.win_rate(), Some(2.0 / 3.0));
    // (30,000 + 150,000) ÷ 2 = 90,000; (30 + 50) ÷ 2 = 40 days.
    assert_eq!(fx.all.average_won(), Some(dec("90000")));
    assert_eq!(fx.all.average_cycle(), Some(40.0));
    assert_eq!(
        fx.by_band.get(&SizeBand::Medium),
        Some(&Record {
            won: 1,
            lost: 1,
            won_amount: dec("30000"),
            won_days: 30,
        })
    );
    assert_eq!(fx.by_band.get(&SizeBand::Large).map(|r| r.won), Some(1));
    assert_eq!(
        fx.by_industry.get("制造").map(|r| (r.won, r.lost)),
        Some((1, 1))
    );
    assert_eq!(
        fx.by_industry.get("零售").map(|r| (r.won, r.lost)),
        Some((1, 0))
    );
    let fy = &figs[1];
    assert_eq!(
        (fy.member, fy.all.win_rate(), fy.all.average_cycle()),
        (Some(y), Some(1.0), Some(10.0))
    );
}

#[test]
fn wilson_lower_bounds_match_the_formula_worked_by_hand() {
    // n = 1, all won: 1 ÷ (1 + 1.96²) = 1 ÷ 4.8416.
    assert!((wilson_lower(1.0, 1.0) - 1.0 / 4.8416).abs() < 1e-12);
    // 8 of 10: (0.8 + 0.19208 − 1.96·√(0.016 + 0.009604)) ÷ 1.38416 = 0.49016.
    assert!((wilson_lower(8.0, 10.0) - 0.490_16).abs() < 1e-5);
    assert_eq!(wilson_lower(0.0, 0.0), 0.0);
    assert_eq!(wilson_lower(0.0, 5.0), 0.0);
}

#[test]
fn suggestions_rank_members_by_their_record_on_similar_deals() {
    let p = Pipeline::default();
    let [a, b, c, d, e] = [(); 5].map(|_| Id::generate());
    let (factory, shop) = (Id::generate(), Id::generate());
    let industry: HashMap<Id, &str> = HashMap::from([(factory, "制造"), (shop, "零售")]);
    let closed = |customer, amount: &str, owner, win: bool| {
        let mut o = open_for(
            customer,
            amount,
            Currency::Cny,
            "2026-10-01",
            "proposal",
            Some(owner),
            "2026-09-01",
        );
        if win {
            o.win(&p, date("2026-10-01"), None, None, ts("2026-10-01"));
        } else {
            o.lose(
                &p,
                LostReason::Price,
                "",
                date("2026-10-01"),
                None,
                ts("2026-10-01"),
            );
        }
        o
    };
    // The deal to staff: 200,000 (large) for a manufacturer.
    let deal = open_for(
        factory,
        "200000",
        Currency::Cny,
        "2027-01-31",
        "needs",
        None,
        "2026-11-01",
    );
    let mut deals = vec![
        // A: alike 2 won of 3, partly (large, retail) 1 won: 2.5 of 3.5.
        closed(factory, "300000", a, true),
        closed(factory, "150000", a, true),
        closed(factory, "500000", a, false),
        closed(shop, "400000", a, true),
        // B: alike 1 won of 1.
        closed(factory, "250000", b, true),
        // C: partly (small, manufacturing) 1 won of 4: 0.5 of 2.
        closed(factory, "5000", c, true),
        closed(factory, "6000", c, false),
        closed(factory, "7000", c, false),
        closed(factory, "8000", c, false),
        // D has left: not suggested, however good.
        closed(factory, "200000", d, true),
        // E: nothing similar (small, retail).
        closed(shop, "5000", e, false),
    ];
    deals.push(deal.clone());
    let got = suggest(
        &deal,
        &deals,
        &p,
        |id| industry.get(&id).copied().unwrap_or(""),
        &[a, b, c, e],
        5,
    );
    let order: Vec<Id> = got.iter().map(|s| s.member).collect();
    assert_eq!(order, vec![a, b, c]);
    // Wilson lower bounds, by hand: A 2.5 of 3.5 → 0.25667, B 1 of 1 → 0.20654,
    // C 0.5 of 2 → 0.02668.
    let scores: Vec<f64> = got.iter().map(|s| s.score).collect();
    for (got, want) in scores.iter().zip([0.25667, 0.20654, 0.02668]) {
        assert!((got - want).abs() < 1e-5, "{got} vs {want}");
    }
    assert_eq!(
        (got[0].alike.won, got[0].alike.lost, got[0].partly.won),
        (2, 1, 1)
    );
    assert_eq!(got[0].weighted(), (2.5, 3.5));
    assert_eq!(suggest(&deal, &deals, &p, |_| "", &[a, b], 1).len(), 1);
}
