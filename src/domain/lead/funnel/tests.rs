//! The funnel worked by hand (see the comments for each figure).

use super::*;
use crate::domain::lead::LeadInput;
use crate::domain::lead::convert::{ConvertInto, Person, convert};

const DAY: i64 = 86_400_000;
/// 2026-01-01T00:00Z.
const T0: i64 = 1_767_225_600_000;

fn at(day: i64) -> Timestamp {
    Timestamp(T0 + day * DAY)
}

fn utc_day(t: Timestamp) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(t.0)
        .unwrap()
        .date_naive()
}

fn date(day: i64) -> NaiveDate {
    utc_day(at(day))
}

fn lead(source: LeadSource, created: i64) -> Lead {
    Lead::create(
        Id::generate(),
        LeadInput {
            name: "x".into(),
            source,
            ..LeadInput::default()
        }
        .validate()
        .unwrap(),
        at(created),
    )
}

fn step(l: &mut Lead, to: LeadStatus, day: i64) {
    l.set_status(
        to,
        Some(crate::domain::lead::DisqualifyReason::NoNeed),
        at(day),
    )
    .unwrap();
}

fn converted(l: &Lead, customer: Id, day: i64) -> Lead {
    convert(
        l,
        ConvertInto::Customer {
            customer,
            person: Person::Customer,
        },
        at(day),
        date(day),
    )
    .unwrap()
    .lead
}

/// A: trade show, day 0 → contacted 2 → qualified 5 → converted 10 into C1, who first bought
/// on day 12 (last 20, ¥1,000). B: trade show, day 1 → qualified 4 (skipping contacted) →
/// disqualified 6. C: trade show, day 3. D: referral, day 2 → contacted 3 → converted 9 into
/// C2, a customer since long before (first purchase day −100, last 15, ¥500). E: referral on
/// day 40, after the period. F: website, in the trash.
fn data() -> (Vec<Lead>, HashMap<Id, Bought>) {
    let (c1, c2) = (Id::generate(), Id::generate());
    let mut a = lead(LeadSource::TradeShow, 0);
    step(&mut a, LeadStatus::Contacted, 2);
    step(&mut a, LeadStatus::Qualified, 5);
    let a = converted(&a, c1, 10);
    let mut b = lead(LeadSource::TradeShow, 1);
    step(&mut b, LeadStatus::Qualified, 4);
    step(&mut b, LeadStatus::Disqualified, 6);
    let c = lead(LeadSource::TradeShow, 3);
    let mut d = lead(LeadSource::Referral, 2);
    step(&mut d, LeadStatus::Contacted, 3);
    let d = converted(&d, c2, 9);
    let e = lead(LeadSource::Referral, 40);
    let mut f = lead(LeadSource::Website, 5);
    f.deleted_at = Some(at(6));
    let customers = HashMap::from([
        (
            c1,
            Bought {
                first_purchase: Some(date(12)),
                last_purchase: Some(date(20)),
                revenue: 100_000,
            },
        ),
        (
            c2,
            Bought {
                first_purchase: Some(date(-100)),
                last_purchase: Some(date(15)),
                revenue: 50_000,
            },
        ),
    ]);
    (vec![a, b, c, d, e, f], customers)
}

#[test]
fn each_source_counts_its_steps_rates_and_median_days() {
    let (leads, customers) = data();
    let f = funnel(&leads, &customers, Some(date(0)), date(30), &utc_day);
    assert_eq!(f.rows.len(), 2);
    let trade = &f.rows[0];
    assert_eq!(trade.source, Some(LeadSource::TradeShow));
    // Added 3; contacted A and B (B through its qualification); qualified A, B; converted A;
    // A's customer bought after.
    assert_eq!(trade.counts, [3, 2, 2, 1, 1]);
    assert_eq!(trade.rate(1), Some(2.0 / 3.0));
    assert_eq!(trade.rate(2), Some(1.0));
    assert_eq!(trade.rate(3), Some(0.5));
    assert_eq!(trade.conversion(), Some(1.0 / 3.0));
    // Contacted: A 2 − 0 = 2, B 4 − 1 = 3 → 2.5. Qualified: A 3, B 0 → 1.5. Converted: A 5.
    // Bought: A 12 − 10 = 2.
    assert_eq!(
        trade.median_days,
        [None, Some(2.5), Some(1.5), Some(5.0), Some(2.0)]
    );
    assert_eq!((trade.customers, trade.revenue), (1, 100_000));

    let referral = &f.rows[1];
    // D: contacted 3 − 2 = 1; qualified at its conversion, 9 − 3 = 6; converted 0; bought
    // (last purchase after) with no first purchase after the conversion: no days.
    assert_eq!(referral.counts, [1, 1, 1, 1, 1]);
    assert_eq!(
        referral.median_days,
        [None, Some(1.0), Some(6.0), Some(0.0), None]
    );
    assert_eq!(referral.revenue_per_customer(), Some(50_000.0));

    // All sources: contacted [2, 3, 1] → 2; qualified [3, 0, 6] → 3; converted [5, 0] → 2.5.
    let t = &f.total;
    assert_eq!(t.source, None);
    assert_eq!(t.counts, [4, 3, 3, 2, 2]);
    assert_eq!(
        t.median_days,
        [None, Some(2.0), Some(3.0), Some(2.5), Some(2.0)]
    );
    assert_eq!((t.customers, t.revenue), (2, 150_000));
    assert_eq!(t.revenue_per_customer(), Some(75_000.0));
}

#[test]
fn the_period_picks_leads_by_the_day_they_came_in() {
    let (leads, customers) = data();
    // Days 2–40: C, D and E.
    let f = funnel(&leads, &customers, Some(date(2)), date(40), &utc_day);
    assert_eq!(f.total.counts[0], 3);
    // Everything not in the trash.
    let all = funnel(&leads, &customers, None, date(40), &utc_day);
    assert_eq!(all.total.counts[0], 5);
    // No leads: empty rows, no rates.
    let none = funnel(&[], &customers, None, date(40), &utc_day);
    assert!(none.rows.is_empty());
    assert_eq!(none.total.rate(1), None);
    assert_eq!(none.total.conversion(), None);
}
