//! Native figures for the customer index at 100,000 customers: building it (what start-up
//! pays after reading the summaries), and a query per search keystroke and filter change.
//! Run with `cargo bench --bench index`; it prints figures, it does not assert them.

use chrono::NaiveDate;
use crm::domain::analysis::config::AnalysisConfig;
use crm::domain::analysis::engine::{Models, analyse};
use crm::domain::analysis::segment::{benchmark_filters, evaluate, facts_for};
use crm::domain::id::Id;
use crm::domain::list::{BENCHMARK_SEARCHES, CustomerIndex, ListQuery, OwnerFilter, SortKey};
use crm::domain::purchase::{Purchase, decode_book, encode_book};
use crm::domain::sample::{Generator, SampleConfig, team};
use crm::domain::summary::{CustomerSummary, decode_chunk, encode_chunk};
use std::collections::HashMap;
use std::time::Instant;

/// Counts the bytes allocated and not yet freed, to report what each structure holds.
struct Counting;

static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        LIVE.fetch_sub(layout.size(), std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Megabytes allocated and not freed.
fn live_mb() -> f64 {
    LIVE.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e6
}

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn p95_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[(samples.len() * 95).div_ceil(100) - 1]
}

fn main() {
    let n: usize = std::env::var("CUSTOMERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // The day the workspace is generated and analysed (TODAY=YYYY-MM-DD to match a browser run).
    let today = std::env::var("TODAY")
        .ok()
        .and_then(|v| NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok())
        .unwrap_or(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    let config = SampleConfig {
        seed: 42,
        customers: n,
        today,
        id_epoch_ms: 1_795_420_800_000,
        lang: crm::domain::i18n::Lang::Zh,
    };
    let t = Instant::now();
    let members = team(42);
    let mut books: Vec<Vec<Purchase>> = Vec::new();
    let rows: Vec<CustomerSummary> = Generator::new(config, members.clone())
        .map(|s| {
            let summary =
                CustomerSummary::build(&s.customer, &s.contacts, &s.interactions, &s.purchases);
            books.push(s.purchases);
            summary
        })
        .collect();
    println!(
        "generate {n} customers with summaries: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let purchases: usize = books.iter().map(Vec::len).sum();
    let t = Instant::now();
    let encoded: Vec<Vec<u8>> = books.iter().map(|b| encode_book(b)).collect();
    let encode_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    for (b, book) in encoded.iter().zip(&books) {
        let customer = book.first().map_or_else(Id::generate, |p| p.customer_id);
        std::hint::black_box(decode_book(customer, b).unwrap());
    }
    println!(
        "purchase books of {purchases} purchases ({:.1} MB): encode {encode_ms:.0} ms, decode {:.0} ms",
        encoded.iter().map(Vec::len).sum::<usize>() as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    drop((books, encoded));

    let t = Instant::now();
    let chunks: Vec<Vec<u8>> = rows.chunks(1000).map(encode_chunk).collect();
    let bytes: usize = chunks.iter().map(Vec::len).sum();
    println!(
        "encode {} chunks ({:.1} MB): {:.0} ms",
        chunks.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    drop(rows);
    let before = live_mb();
    let t = Instant::now();
    let decoded: Vec<CustomerSummary> = chunks
        .iter()
        .flat_map(|c| decode_chunk(c).unwrap())
        .collect();
    println!(
        "decode them: {:.0} ms, holding {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        live_mb() - before
    );
    drop(chunks);
    let before = live_mb();

    let t = Instant::now();
    let index = CustomerIndex::new(decoded);
    println!(
        "build the index (what start-up waits for): {:.0} ms, holding {:.1} MB more",
        t.elapsed().as_secs_f64() * 1e3,
        live_mb() - before
    );
    let before = live_mb();
    let t = Instant::now();
    index.warm();
    println!(
        "build the search and sort keys (after the list is painted): {:.0} ms, holding {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        live_mb() - before
    );

    let names: HashMap<_, _> = members.iter().map(|m| (m.id, m.name.clone())).collect();
    // The list is on screen before anyone types: its order exists.
    index.query(&ListQuery::default(), &names);
    let mut samples = Vec::new();
    let mut slowest = Vec::new();
    for word in BENCHMARK_SEARCHES {
        let chars: Vec<char> = word.chars().collect();
        for end in 1..=chars.len() {
            let q = ListQuery {
                text: chars[..end].iter().collect(),
                ..ListQuery::default()
            };
            let t = Instant::now();
            let hits = index.query(&q, &names).len();
            let ms = t.elapsed().as_secs_f64() * 1e3;
            samples.push(ms);
            slowest.push((ms, q.text, hits));
        }
    }
    slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "search keystroke (query + rank), {} keystrokes: median {:.1} ms, p95 {:.1} ms; slowest {:?}",
        samples.len(),
        median_ms(samples.clone()),
        p95_ms(samples),
        &slowest[..4]
    );

    let mut samples = Vec::new();
    for i in 0..50 {
        let q = ListQuery {
            owner: OwnerFilter::Member(members[i % 4].id),
            sort: [
                SortKey::Name,
                SortKey::Revenue,
                SortKey::LastPurchase,
                SortKey::Updated,
            ][i % 4],
            descending: i % 2 == 0,
            ..ListQuery::default()
        };
        let t = Instant::now();
        std::hint::black_box(index.query(&q, &names));
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("filter + sort change: median {:.1} ms", median_ms(samples));

    let t = Instant::now();
    std::hint::black_box(index.query(&ListQuery::default(), &names));
    println!(
        "unfiltered list, default order: {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let cfg = AnalysisConfig::default();
    let refs: Vec<&CustomerSummary> = index.rows().iter().collect();
    let before = live_mb();
    let t = Instant::now();
    let analysis = analyse(&refs, today, &cfg, Models::Fit(None));
    println!(
        "full analysis with model fit: {:.0} ms, holding {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        live_mb() - before
    );
    let t = Instant::now();
    let answer = crm::domain::analysis::transfer::encode_answer(
        1,
        crm::domain::analysis::transfer::Which::Now,
        &analysis,
        0.0,
        0.0,
    );
    let encode_ms = t.elapsed().as_secs_f64() * 1e3;
    let size = answer.len();
    let t = Instant::now();
    let mut reader = crm::domain::analysis::transfer::AnswerReader::new(answer).unwrap();
    while !reader.read(10_000).unwrap() {}
    std::hint::black_box(reader.finish().unwrap());
    println!(
        "the analysis as the analysis thread sends it ({:.1} MB): encode {encode_ms:.0} ms, decode {:.0} ms",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
    let start = analysis.fitted_params();
    let before = live_mb();
    let t = Instant::now();
    let facts = facts_for(index.rows(), &analysis, today, &cfg);
    println!(
        "segment facts (once per analysis): {:.1} ms, holding {:.1} MB",
        t.elapsed().as_secs_f64() * 1e3,
        live_mb() - before
    );
    let sets = benchmark_filters();
    let mut samples = Vec::new();
    for i in 0..210 {
        let t = Instant::now();
        std::hint::black_box(evaluate(&sets[i % sets.len()], index.rows(), &facts));
        samples.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "segment filter change (count alone): median {:.2} ms",
        median_ms(samples)
    );
    let t = Instant::now();
    let refit = analyse(&refs, today, &cfg, Models::Fit(start));
    println!(
        "full analysis, refit from the last parameters: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    std::hint::black_box(analyse(
        &refs,
        today,
        &cfg,
        Models::Use(start.map(|s| s.0), start.map(|s| s.1)),
    ));
    println!(
        "full analysis with given parameters: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "fitted: {:?} / {:?}",
        refit.purchase_model.map(|f| f.params),
        refit.spend_model
    );
}
