//! Entry points for `scripts/bench.sh` (and the browser console): filling a large workspace
//! through the storage layer and timing the analysis in this browser. Not used by the app.

use super::clock;
use wasm_bindgen::prelude::*;

/// Fills a fresh database with `customers` sample customers (about ten purchases each) and
/// resolves to the number of purchases written. For benchmarks and scale checks, called from
/// the browser console or a test driver as `wasmBindings.generate_sample(100000, 42)`.
/// `on_progress`, when given, is called with `(customers written, purchases written)` after each
/// transaction.
#[wasm_bindgen]
pub async fn generate_sample(
    customers: u32,
    seed: u32,
    on_progress: Option<js_sys::Function>,
) -> Result<u32, JsValue> {
    let db = crate::store::open(crate::store::DB_NAME, || {})
        .await
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let config = crate::domain::sample::SampleConfig {
        seed: u64::from(seed),
        customers: customers as usize,
        today: clock::today(),
        id_epoch_ms: clock::now().0 as u64,
        lang: crate::domain::i18n::Lang::Zh,
    };
    let mut purchases = 0;
    crate::store::load_sample(&db, config, |p| {
        purchases = p.purchases_done;
        if let Some(f) = &on_progress {
            let _ = f.call2(
                &JsValue::NULL,
                &JsValue::from(p.customers_done as u32),
                &JsValue::from(p.purchases_done as u32),
            );
        }
    })
    .await
    .map_err(|e| JsValue::from_str(&e.to_string()))?;
    db.close();
    Ok(purchases as u32)
}

/// Bytes of WebAssembly memory in use, for measurements.
#[wasm_bindgen]
pub fn wasm_memory_bytes() -> f64 {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

/// Times the analysis of the workspace in this browser: `runs` full recomputes of every class
/// including the model fit (the first from scratch, the others starting from the last fit, as
/// the app does after an edit), and `filters` segment filter changes over varied conditions.
/// Resolves to one JSON object of figures in milliseconds. For `scripts/bench.sh`.
#[wasm_bindgen]
pub async fn bench_analysis(runs: u32, filters: u32) -> Result<String, JsValue> {
    use crate::domain::analysis::config::AnalysisConfig;
    use crate::domain::analysis::engine::{Models, analyse};
    use crate::domain::analysis::segment::evaluate;
    let err = |e: crate::domain::error::AppError| JsValue::from_str(&e.to_string());
    let performance = web_sys::window()
        .and_then(|w| w.performance())
        .ok_or("no performance")?;
    let db = crate::store::open(crate::store::DB_NAME, || {})
        .await
        .map_err(err)?;
    let t0 = performance.now();
    let rows = crate::store::load_summaries(&db).await.map_err(err)?;
    let load_ms = performance.now() - t0;
    let members = crate::store::list_members(&db).await.map_err(err)?;
    db.close();
    let active: Vec<&crate::domain::summary::CustomerSummary> =
        rows.iter().filter(|r| r.deleted_at.is_none()).collect();
    let purchases: u64 = active
        .iter()
        .map(|r| u64::from(r.activity.purchase_count))
        .sum();
    let cfg = AnalysisConfig::default();
    let today = clock::today();
    let mut recompute = Vec::new();
    let mut evaluations = Vec::new();
    let mut start = None;
    let mut analysis = None;
    for _ in 0..runs.max(1) {
        let t = performance.now();
        let a = analyse(&active, today, &cfg, Models::Fit(start));
        recompute.push(performance.now() - t);
        evaluations.push([
            a.purchase_model.map_or(0, |f| f.evaluations),
            a.spend_model.map_or(0, |f| f.evaluations),
        ]);
        start = a.fitted_params();
        analysis = Some(a);
    }
    let analysis = analysis.ok_or("no analysis")?;
    // The same analysis with the parameters given: the difference is what the fits cost.
    let (p, s) = analysis.model_params();
    let t = performance.now();
    std::hint::black_box(analyse(&active, today, &cfg, Models::Use(p, s)));
    let given_ms = performance.now() - t;
    let sets = crate::domain::analysis::segment::benchmark_filters();
    let facts = crate::domain::analysis::segment::facts_for(&rows, &analysis, today, &cfg);
    let mut times = Vec::new();
    let mut matched = 0usize;
    for i in 0..filters.max(1) as usize {
        let t = performance.now();
        matched += evaluate(&sets[i % sets.len()], &rows, &facts).len();
        times.push(performance.now() - t);
    }
    let stats = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        (at(0.5), at(0.95))
    };
    // Search: the index query of every keystroke of a few typed words (each prefix), as the
    // list runs it.
    let names: std::collections::HashMap<crate::domain::id::Id, String> =
        members.into_iter().map(|m| (m.id, m.name)).collect();
    let t = performance.now();
    let index = crate::domain::list::CustomerIndex::new(rows.clone());
    index.warm();
    let index_ms = performance.now() - t;
    let mut search = Vec::new();
    let mut hits = 0usize;
    for word in crate::domain::list::BENCHMARK_SEARCHES {
        let chars: Vec<char> = word.chars().collect();
        for end in 1..=chars.len() {
            let q = crate::domain::list::ListQuery {
                text: chars[..end].iter().collect(),
                ..Default::default()
            };
            let t = performance.now();
            hits += index.query(&q, &names).len();
            search.push(performance.now() - t);
        }
    }
    let (search_median, search_p95) = stats(search.clone());
    let (recompute_median, _) = stats(recompute.clone());
    let (filter_median, filter_p95) = stats(times.clone());
    Ok(serde_json::json!({
        "customers": active.len(),
        "purchases": purchases,
        "load_summaries_ms": load_ms,
        "recompute_first_ms": recompute[0],
        "recompute_median_ms": recompute_median,
        "recomputes": recompute.len(),
        "recompute_given_parameters_ms": given_ms,
        "fit_evaluations_purchase_spend": evaluations,
        "filter_median_ms": filter_median,
        "filter_p95_ms": filter_p95,
        "filter_changes": times.len(),
        "filter_matches_total": matched,
        "index_build_ms": index_ms,
        "search_query_median_ms": search_median,
        "search_query_p95_ms": search_p95,
        "search_queries": search.len(),
        "search_hits_total": hits,
    })
    .to_string())
}

/// The purchases of a stored page of books (`purchase_pages` record `data`) as plain objects,
/// shaped as purchases were stored one object each before version 7: what the benchmark writes
/// into its one-object-per-record baseline database.
#[wasm_bindgen]
pub fn decode_purchase_page(data: &[u8]) -> Result<JsValue, JsValue> {
    let purchases = crate::domain::purchase_page::Page::decode(data)
        .and_then(|page| page.purchases())
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    serde_wasm_bindgen::to_value(&purchases).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Adds `per_customer` purchases to every active customer through the CSV import's write path
/// (one transaction written in chunks, summaries updated in it, journalled for undo), calling
/// `on_progress(written, total)` after each chunk as the import page's progress bar does.
/// Resolves to the number of purchases written. For `scripts/bench.sh`.
#[wasm_bindgen]
pub async fn bench_import_purchases(
    per_customer: u32,
    on_progress: Option<js_sys::Function>,
) -> Result<u32, JsValue> {
    use crate::domain::id::Id;
    use crate::domain::import::batch::{Counts, Records};
    use crate::domain::import::{Kind, Plan};
    use crate::domain::money::{Currency, Money};
    use crate::domain::purchase::Purchase;
    use rust_decimal::Decimal;
    let err = |e: crate::domain::error::AppError| JsValue::from_str(&e.to_string());
    let db = crate::store::open(crate::store::DB_NAME, || {})
        .await
        .map_err(err)?;
    let rows = crate::store::load_summaries_yielding(&db, clock::next_tick)
        .await
        .map_err(err)?
        .0;
    let (now, today) = (clock::now(), clock::today());
    let mut purchases = Vec::with_capacity(rows.len() * per_customer as usize);
    // A small linear congruential generator: varied dates and amounts, the same every run.
    // Made in slices, so the longest task the benchmark sees is the import's own, not this
    // stand-in for reading a file.
    let mut seed: u64 = 7;
    for (n, r) in rows.iter().filter(|r| r.deleted_at.is_none()).enumerate() {
        if n % 5_000 == 4_999 {
            clock::next_tick().await;
        }
        for _ in 0..per_customer {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let days = (seed >> 33) % 1_000;
            let cents = 1_000 + (seed >> 13) % 500_000;
            purchases.push(Purchase {
                rev: Default::default(),
                id: Id::generate(),
                customer_id: r.id,
                date: today - chrono::Duration::days(days as i64),
                amount: Money::new(Decimal::new(cents as i64, 2), Currency::Cny),
                quantity: Decimal::ONE,
                product: "批量导入".into(),
                order: String::new(),
                margin: None,
                notes: String::new(),
                discounted: false,
                created_at: now,
                updated_at: now,
            });
        }
    }
    drop(rows);
    let n = purchases.len();
    let plan = Plan {
        kind: Kind::Purchases,
        at: now,
        rows: n,
        counts: Counts {
            created: n,
            ..Counts::default()
        },
        writes: Records {
            purchases,
            ..Records::default()
        },
        before: Records::default(),
        errors: Vec::new(),
        skipped: Vec::new(),
        matched: Vec::new(),
        preview: Vec::new(),
    };
    let batch = plan.batch(Id::generate(), "bench.csv");
    crate::store::write_import(
        &db,
        &plan,
        &batch,
        |done, total| {
            if let Some(f) = &on_progress {
                let _ = f.call2(
                    &JsValue::NULL,
                    &JsValue::from(done as u32),
                    &JsValue::from(total as u32),
                );
            }
        },
        || false,
    )
    .await
    .map_err(err)?;
    db.close();
    Ok(n as u32)
}
