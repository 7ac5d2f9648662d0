//! Native figures for the sales pages at 100,000 customers: 50,000 leads and 20,000 deals,
//! unpacked (what a page pays after reading the pack) and indexed (search keys), and a query
//! per search keystroke and filter change. Run with `cargo bench --bench sales`; it prints
//! figures, it does not assert them.

use chrono::NaiveDate;
use crm::domain::id::Id;
use crm::domain::lead::list::{LeadIndex, LeadQuery};
use crm::domain::money::Currency;
use crm::domain::opportunity::list::{Clock, DealBook, DealQuery};
use crm::domain::opportunity::stage::Pipeline;
use crm::domain::packed::{pack, unpack};
use crm::domain::sample::{DealSeed, sample_deals, sample_leads, team};
use crm::domain::time::Timestamp;
use std::time::Instant;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn main() {
    let customers: usize = std::env::var("CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let now = Timestamp(1_796_300_000_000);
    let team = team(42);
    let leads = sample_leads(42, customers / 2, &[], &team, now, 180);
    let seeds: Vec<DealSeed> = (0..customers / 5)
        .map(|i| DealSeed {
            customer: Id::from_parts(1_700_000_000_000 + i as u64, [7; 10]),
            owner: Some(team[i % team.len()].id),
            product: "包装材料".into(),
            currency: Currency::Cny,
        })
        .collect();
    let deals = sample_deals(42, &seeds, &team, now, today);

    let bytes = pack(&leads);
    let t = Instant::now();
    let back: Vec<crm::domain::lead::Lead> = unpack(&bytes).unwrap();
    println!(
        "{} leads: pack {:.1} MB, unpack {:.1} ms",
        back.len(),
        bytes.len() as f64 / 1e6,
        ms(t)
    );
    let t = Instant::now();
    let index = LeadIndex::new(back);
    println!("lead index (search keys): {:.1} ms", ms(t));
    let mut search = Vec::new();
    for word in ["王", "华南", "zhang", "138", "广交会"] {
        let chars: Vec<char> = word.chars().collect();
        for i in 1..=chars.len() {
            let q = LeadQuery {
                text: chars[..i].iter().collect(),
                ..LeadQuery::default()
            };
            let t = Instant::now();
            std::hint::black_box(index.query(&q));
            search.push(ms(t));
        }
    }
    search.sort_by(f64::total_cmp);
    println!("lead search query: max {:.1} ms", search.last().unwrap());
    let t = Instant::now();
    std::hint::black_box(index.query(&LeadQuery::default()));
    println!("lead query, no filter: {:.1} ms", ms(t));

    // The leads' match index, built 500 at a time as the page does (over the customers and
    // their contacts too; here over many leads): the longest step is what a keystroke may wait.
    let many = sample_leads(7, customers * 4, &[], &team, now, 180);
    let mut index = crm::domain::lead::matching::MatchIndex::with_capacity(many.len());
    let mut steps = Vec::new();
    for part in many.chunks(500) {
        let t = Instant::now();
        for l in part {
            index.add_lead(l);
        }
        steps.push(ms(t));
    }
    let total: f64 = steps.iter().sum();
    steps.sort_by(f64::total_cmp);
    println!(
        "match index of {} leads: {:.0} ms in steps of 500, median step {:.2} ms, longest {:.1} ms",
        many.len(),
        total,
        steps[steps.len() / 2],
        steps.last().unwrap()
    );
    let t = Instant::now();
    drop(index);
    println!("match index freed in {:.1} ms", ms(t));
    drop(many);

    let bytes = pack(&deals);
    let t = Instant::now();
    let back: Vec<crm::domain::opportunity::Opportunity> = unpack(&bytes).unwrap();
    println!(
        "{} deals: pack {:.1} MB, unpack {:.1} ms",
        back.len(),
        bytes.len() as f64 / 1e6,
        ms(t)
    );
    let t = Instant::now();
    let book = DealBook::new(back, |_| "华南纸业有限公司");
    println!("deal book (search keys): {:.1} ms", ms(t));
    let p = Pipeline::default();
    let clock = Clock {
        now,
        today,
        stale_days: p.stale_days,
    };
    let t = Instant::now();
    std::hint::black_box(book.board(&DealQuery::default(), &p, &clock, 14));
    println!("board columns: {:.1} ms", ms(t));
    let q = DealQuery {
        text: "hua".into(),
        ..DealQuery::default()
    };
    let t = Instant::now();
    std::hint::black_box(book.board(&q, &p, &clock, 14));
    println!("board columns, searched: {:.1} ms", ms(t));
    // A card moved: the board made from the one before it, as the page does.
    let mut book = book;
    let q = DealQuery::default();
    let before = book.board_from(None, &q, &p, &clock, 14);
    let mut moved = book.deals()[0].clone();
    let to = p.neighbour(&moved.stage, 1).map(|s| s.id.clone());
    if let Some(to) = to {
        let _ = moved.move_to(&to, &p, None, now);
    }
    book.put(moved, "华南纸业有限公司");
    let t = Instant::now();
    std::hint::black_box(book.board_from(Some(&before), &q, &p, &clock, 14));
    println!("board columns after a move: {:.2} ms", ms(t));
}
