//! The sample generator's tests.

use super::rng::Rng;
use super::*;
use crate::domain::complaint::Complaint;
use crate::domain::customer::CustomerInput;
use crate::domain::customer::Party;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::money::Currency;
use crate::domain::satisfaction::Response;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::{Timestamp, epoch_day, from_epoch_day};
use crate::domain::validate;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn config(customers: usize) -> SampleConfig {
    SampleConfig {
        seed: 42,
        customers,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        id_epoch_ms: 1_795_420_800_000,
        lang: crate::domain::lang::Lang::Zh,
    }
}

#[test]
fn rng_is_splitmix64() {
    // First outputs of SplitMix64 seeded with 0, from the reference implementation
    // (Vigna, https://prng.di.unimi.it/splitmix64.c).
    let mut r = Rng::new(0);
    assert_eq!(r.next_u64(), 0xe220_a839_7b1d_cdaf);
    assert_eq!(r.next_u64(), 0x6e78_9e6a_a1b9_65f4);
    assert_eq!(r.next_u64(), 0x06c4_5d18_8009_454f);
}

#[test]
fn the_same_seed_gives_the_same_data() {
    let a: Vec<SampleCustomer> = Generator::new(config(50), team(42)).collect();
    let b: Vec<SampleCustomer> = Generator::new(config(50), team(42)).collect();
    assert_eq!(a, b);
    let g = Generator::new(config(50), team(42));
    assert_eq!(g.customer(17), a[17], "customer i can be made on its own");
    let other: Vec<SampleCustomer> = Generator::new(
        SampleConfig {
            seed: 43,
            ..config(50)
        },
        team(43),
    )
    .collect();
    assert_ne!(a[0].customer.name, other[0].customer.name);
}

#[test]
fn purchases_average_about_ten_per_customer() {
    let n = 5_000;
    let total: usize = Generator::new(config(n), team(42))
        .map(|c| c.purchases.len())
        .sum();
    let mean = total as f64 / n as f64;
    assert!(
        (8.5..=11.5).contains(&mean),
        "mean purchases per customer: {mean}"
    );
}

#[test]
fn every_generated_record_passes_validation() {
    let today = config(1).today;
    for s in Generator::new(config(400), team(42)) {
        let c = &s.customer;
        let input = CustomerInput::from_customer(c);
        let fields = input.validate(today);
        assert!(fields.is_ok(), "{}: {:?}", c.name, fields.err());
        for p in &c.phones {
            assert!(validate::phone(p).is_ok(), "phone {p}");
        }
        for p in &s.purchases {
            assert!(p.date <= today);
            assert!(p.amount.amount > Decimal::ZERO);
            assert!(p.margin.is_none_or(|m| m <= p.amount.amount));
            assert_eq!(p.customer_id, c.id);
        }
        for i in &s.interactions {
            assert!(i.at.0 <= Timestamp::from_local(today.and_hms_opt(23, 59, 0).unwrap(), 0).0);
        }
        for cp in &s.contacts {
            for e in &cp.emails {
                assert!(validate::email(e).is_ok(), "email {e}");
            }
        }
    }
}

#[test]
fn behaviours_are_varied() {
    let today = epoch_day(config(1).today);
    let summaries: Vec<CustomerSummary> = Generator::new(config(1000), team(42))
        .map(|s| s.summary())
        .collect();
    let never = summaries
        .iter()
        .filter(|s| s.activity.purchase_count == 0)
        .count();
    let recent = summaries
        .iter()
        .filter(|s| s.activity.last_purchase.is_some_and(|d| d > today - 90))
        .count();
    let lapsed = summaries
        .iter()
        .filter(|s| s.activity.last_purchase.is_some_and(|d| d < today - 540))
        .count();
    let big = summaries
        .iter()
        .filter(|s| s.activity.purchase_count >= 40)
        .count();
    let foreign = summaries
        .iter()
        .filter(|s| s.activity.revenue.iter().any(|r| r.0 != Currency::Cny))
        .count();
    let individuals = summaries
        .iter()
        .filter(|s| s.party == Party::Individual)
        .count();
    let overdue = summaries
        .iter()
        .filter(|s| s.activity.has_overdue_commitment(from_epoch_day(today)))
        .count();
    for (what, n, lo, hi) in [
        ("prospects", never, 50, 200),
        ("recent buyers", recent, 300, 700),
        ("lost", lapsed, 80, 250),
        ("large accounts", big, 20, 100),
        ("foreign", foreign, 30, 130),
        ("individuals", individuals, 80, 250),
        ("overdue promises", overdue, 5, 300),
    ] {
        assert!((lo..=hi).contains(&n), "{what}: {n} not in {lo}..={hi}");
    }
}

#[test]
fn customer_ids_increase_in_generation_order() {
    let ids: Vec<Id> = Generator::new(config(200), team(42))
        .map(|c| c.customer.id)
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(ids[0].unix_ms(), 1_795_420_800_000);
}

#[test]
fn ids_are_unique() {
    let mut ids = std::collections::HashSet::new();
    for s in Generator::new(config(300), team(42)) {
        assert!(ids.insert(s.customer.id));
        for p in &s.purchases {
            assert!(ids.insert(p.id));
        }
        for i in &s.interactions {
            assert!(ids.insert(i.id));
        }
        for c in &s.contacts {
            assert!(ids.insert(c.id));
        }
        for c in &s.complaints {
            assert!(ids.insert(c.id));
        }
    }
}

#[test]
fn sample_responses_are_valid_and_tell_the_factors_apart() {
    use crate::domain::satisfaction::figures::figures;
    let cfg = config(600);
    let survey = sample_survey(Lang::En);
    let all: Vec<SampleCustomer> = Generator::new(cfg.clone(), team(1)).collect();
    let responses: Vec<&Response> = all.iter().flat_map(|s| &s.responses).collect();
    let repeat = all.iter().filter(|s| s.purchases.len() >= 2).count();
    let answered = all.iter().filter(|s| !s.responses.is_empty()).count();
    let share = answered as f64 / repeat as f64;
    assert!((0.2..0.4).contains(&share), "{share}");
    for r in &responses {
        assert!(r.date <= cfg.today);
        assert_eq!(r.answers.len(), survey.items.len());
        assert!(r.answers.iter().all(|a| (1..=7).contains(&a.perception)
            && a.expectation.is_some_and(|x| (1..=7).contains(&x))));
        assert!(r.recommend.is_some_and(|v| v <= 10));
    }
    assert!(responses.iter().any(|r| r.competitor.is_some()));
    let f = figures(&survey, &responses);
    let perf = |k: usize| f.factors[k].performance;
    // Product (index 1) rated above care (index 4) by construction.
    assert!(perf(1) > perf(4), "{} vs {}", perf(1), perf(4));
    assert!(f.index.unwrap().conclusive());
    // The same seed gives the same answers.
    let again = Generator::new(cfg, team(1)).customer(7);
    assert_eq!(again.responses, all[7].responses);
}

#[test]
fn complaints_come_in_every_stage_of_handling() {
    use crate::domain::complaint::Status;
    let cfg = config(3_000);
    let now = Timestamp(cfg.id_epoch_ms as i64);
    let all: Vec<SampleCustomer> = Generator::new(cfg, team(42)).collect();
    let buyers = all.iter().filter(|s| !s.purchases.is_empty()).count();
    let complaints: Vec<&Complaint> = all.iter().flat_map(|s| &s.complaints).collect();
    // One buyer in sixteen, give or take sampling noise.
    let share = complaints.len() as f64 / buyers as f64;
    assert!((0.04..0.09).contains(&share), "share {share}");
    for status in Status::ALL {
        assert!(complaints.iter().any(|c| c.status == status), "{status:?}");
    }
    assert!(complaints.iter().any(|c| c.is_overdue(now)));
    assert!(complaints.iter().any(|c| c.first_contact));
    // Received in office hours, 08:00–18:00 Beijing time (00:00–10:00 UTC), not all at one time.
    let minutes: std::collections::BTreeSet<i64> = complaints
        .iter()
        .map(|c| c.received_at.0.rem_euclid(86_400_000) / 60_000)
        .collect();
    assert!(minutes.iter().all(|m| *m < 600), "{minutes:?}");
    assert!(
        minutes.len() > complaints.len() / 2,
        "{} times for {} complaints",
        minutes.len(),
        complaints.len()
    );
    for s in &all {
        for c in &s.complaints {
            assert_eq!(c.customer_id, s.customer.id);
            assert!(!c.description.is_empty());
            assert!(c.received_at.0 <= now.0);
            if let Some(r) = c.resolved_at {
                assert!(r.0 >= c.received_at.0 && r.0 <= now.0);
            }
            assert!(c.closed_at.is_none_or(|t| t.0 <= now.0));
        }
        assert_eq!(
            s.summary().activity.open_complaints as usize,
            s.complaints.iter().filter(|c| c.is_open()).count()
        );
    }
}

#[test]
fn sample_deals_are_consistent_and_varied() {
    use crate::domain::opportunity::stage::{Outcome, Pipeline};
    let cfg = config(500);
    let now = crate::domain::time::Timestamp(cfg.id_epoch_ms as i64);
    let members = team(42);
    let seeds: Vec<DealSeed> = Generator::new(cfg.clone(), members.clone())
        .step_by(5)
        .map(|c| DealSeed {
            customer: c.customer.id,
            owner: c.customer.owner_id,
            product: c
                .purchases
                .first()
                .map_or("服务".into(), |p| p.product.clone()),
            currency: c
                .purchases
                .first()
                .map_or_else(Default::default, |p| p.amount.currency),
        })
        .collect();
    let deals = sample_deals(7, &seeds, &members, now, cfg.today);
    assert_eq!(deals.len(), 100);
    assert_eq!(deals, sample_deals(7, &seeds, &members, now, cfg.today));
    let p = Pipeline::default();
    let (mut won, mut lost, mut open, mut stale, mut overdue) = (0, 0, 0, 0, 0);
    for d in &deals {
        // Its stage is where its history ends, in time order, closed deals in a closing stage.
        assert_eq!(d.history.last().unwrap().stage, d.stage);
        assert!(d.history.windows(2).all(|w| w[0].at <= w[1].at));
        assert!(d.created_at <= d.updated_at && d.updated_at <= now);
        assert!(d.amount.amount > Decimal::ZERO);
        match d.outcome(&p) {
            Outcome::Won => won += 1,
            Outcome::Lost => {
                lost += 1;
                assert!(d.closing.as_ref().unwrap().reason.is_some());
            }
            Outcome::Open => {
                open += 1;
                assert!(d.closing.is_none());
                stale += usize::from(d.is_stale(now, p.stale_days, None));
                overdue += usize::from(d.is_overdue(cfg.today));
            }
        }
    }
    assert!(
        won > 3 && lost > 3 && open > 40,
        "{won} won, {lost} lost, {open} open"
    );
    assert!(stale > 3 && overdue > 3, "{stale} stale, {overdue} overdue");
}

#[test]
fn the_sample_price_list_agreements_and_quotes_hold_together() {
    use crate::domain::product::pricing::{Buyer, PriceSource, price_for};
    use crate::domain::quote::Standing;
    use crate::domain::quote::policy::QuotePolicy;
    use std::collections::{HashMap, HashSet};
    let cfg = config(400);
    let now = Timestamp(cfg.id_epoch_ms as i64);
    let members = team(42);
    let customers: Vec<SampleCustomer> = Generator::new(cfg.clone(), members.clone()).collect();
    let products = sample_products(42, 300, now);
    assert_eq!(products, sample_products(42, 300, now), "deterministic");
    let codes: HashSet<String> = products.iter().map(|p| p.code_key()).collect();
    assert_eq!(codes.len(), products.len(), "codes are unique");
    // Every category the sample purchases record (domestic ones) is on the list.
    let categories: HashSet<&str> = products.iter().map(|p| p.category.as_str()).collect();
    for c in &customers {
        if let Some(p) = c.purchases.first()
            && p.amount.currency == Currency::Cny
        {
            assert!(categories.contains(p.product.as_str()), "{}", p.product);
        }
    }
    let regulars: Vec<(Id, usize)> = customers
        .iter()
        .take(8)
        .filter_map(|c| Some((c.customer.id, industry_of(&c.customer.industry)?)))
        .collect();
    let agreements = sample_agreements(42, &products, &regulars, cfg.today, now);
    assert_eq!(agreements.len(), 15 + 5 + regulars.len());
    // A distributor pays 8 % less than the list on any product.
    let p = &products[0];
    let distributor = Buyer {
        customer_id: Id::from_parts(1, [1; 10]),
        kind: crate::domain::customer::CustomerKind::Distributor,
        importance: None,
    };
    let choice = price_for(p, &distributor, cfg.today, &agreements);
    assert!(matches!(
        choice.source,
        PriceSource::Agreement { rank: 5, .. }
    ));
    assert_eq!(
        choice.unit_price,
        (p.list_price.amount * Decimal::new(92, 2)).round_dp(2)
    );

    let seeds: Vec<QuoteSeed> = customers
        .iter()
        .filter_map(|c| {
            Some(QuoteSeed {
                customer: c.customer.id,
                owner: c.customer.owner_id,
                kind: c.customer.kind,
                industry: industry_of(&c.customer.industry)?,
            })
        })
        .collect();
    let quotes = sample_quotes(42, &seeds, &products, &agreements, &members, cfg.today, now);
    assert!(quotes.len() >= seeds.len());
    let by_id: HashMap<Id, &crate::domain::quote::Quote> =
        quotes.iter().map(|q| (q.id, q)).collect();
    let numbers: HashSet<(String, u16)> = quotes
        .iter()
        .map(|q| (q.number.clone(), q.version))
        .collect();
    assert_eq!(numbers.len(), quotes.len(), "number and version are unique");
    let policy = QuotePolicy::default();
    let mut standings = HashSet::new();
    for q in &quotes {
        standings.insert(q.status_on(cfg.today));
        assert!(!q.lines.is_empty() && q.lines.len() <= 50);
        let t = q.totals();
        assert_eq!(t.net + t.tax, t.total);
        // Every line is a product of the customer's industry.
        let seed = seeds.iter().find(|s| s.customer == q.customer_id).unwrap();
        for l in &q.lines {
            let p = products.iter().find(|p| p.id == l.product_id).unwrap();
            assert_eq!(p.category, super::tables::INDUSTRIES[seed.industry].3);
        }
        // A discount beyond a rep's limit that went out was approved.
        let out = !matches!(
            q.status_on(cfg.today),
            Standing::Draft | Standing::AwaitingApproval
        );
        if out && policy.needs_approval(crate::domain::member::MemberRole::SalesRep, q.depth()) {
            assert!(q.approval.is_some(), "{}", q.number);
        }
        // Versions point at each other.
        if let Some(prev) = q.previous {
            assert_eq!(by_id[&prev].superseded_by, Some(q.id));
            assert_eq!(by_id[&prev].version + 1, q.version);
        }
    }
    for s in [
        Standing::Draft,
        Standing::Sent,
        Standing::Expired,
        Standing::Accepted,
        Standing::Rejected,
        Standing::Superseded,
    ] {
        assert!(standings.contains(&s), "no {s:?} quote");
    }
}
