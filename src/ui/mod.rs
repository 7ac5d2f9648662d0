//! Leptos components, grouped by feature: `layout` (shell, navigation, start-up screens),
//! `customers` (list, 360 view, forms), `commitments`, `complaints`, `churn`, `satisfaction`, `trash`, `settings`, and shared
//! `widgets`. Components call `store` functions and `domain` logic; they never touch
//! IndexedDB themselves.

mod actions;
mod app;
mod churn;
pub mod clock;
mod codec;
mod commitments;
mod complaints;
mod customers;
mod download;
mod import;
mod insights;
mod layout;
pub mod panic;
pub mod routes;
mod satisfaction;
mod settings;
pub mod state;
mod text_file;
mod trash;
mod widgets;

use wasm_bindgen::prelude::*;

/// Installs the panic screen, removes the loading placeholder and mounts the app.
pub fn start() {
    panic::install();
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}

/// Fills a fresh database with `customers` sample customers (about ten purchases each) and
/// resolves to the number of purchases written. For benchmarks and scale checks, called from
/// the browser console or a test driver as `wasmBindings.generate_sample(100000, 42)`.
#[wasm_bindgen]
pub async fn generate_sample(customers: u32, seed: u32) -> Result<u32, JsValue> {
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
    crate::store::load_sample(&db, config, |p| purchases = p.purchases_done)
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
    use crate::domain::analysis::importance::Importance;
    use crate::domain::analysis::quadrant::Quadrant;
    use crate::domain::analysis::rfm::RfmSegment;
    use crate::domain::analysis::segment::{Condition, Range, evaluate};
    use crate::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
    use crate::domain::customer::CustomerKind;
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
    let mut start = None;
    let mut analysis = None;
    for _ in 0..runs.max(1) {
        let t = performance.now();
        let a = analyse(&active, today, &cfg, Models::Fit(start));
        recompute.push(performance.now() - t);
        start = a.purchase_model.map(|f| f.params).zip(a.spend_model);
        analysis = Some(a);
    }
    let analysis = analysis.ok_or("no analysis")?;
    let sets: Vec<Vec<Condition>> = vec![
        vec![Condition::Importance(vec![Importance::Vip])],
        vec![
            Condition::Loyalty(vec![LoyaltyStage::Loyal, LoyaltyStage::Old]),
            Condition::PAlive(Range {
                min: Some(50.0),
                max: None,
            }),
        ],
        vec![
            Condition::Region("浙江".into()),
            Condition::Kind(vec![
                CustomerKind::Distributor,
                CustomerKind::EnterpriseBuyer,
            ]),
        ],
        vec![
            Condition::RfmSegment(vec![RfmSegment::AtRisk, RfmSegment::CantLose]),
            Condition::LifetimeValue(Range {
                min: Some(10_000.0),
                max: None,
            }),
        ],
        vec![
            Condition::DaysSinceLastPurchase(Range {
                min: None,
                max: Some(90.0),
            }),
            Condition::Revenue(Range {
                min: Some(50_000.0),
                max: None,
            }),
        ],
        vec![
            Condition::Quadrant(vec![Quadrant::Platinum, Quadrant::Gold]),
            Condition::Lifecycle(vec![LifecycleStage::Decline]),
            Condition::DoNotContact(false),
        ],
        vec![
            Condition::Tag("VIP".into()),
            Condition::RecencyScore(Range {
                min: Some(4.0),
                max: None,
            }),
        ],
    ];
    let slots = analysis.slots_for(&rows);
    let mut times = Vec::new();
    let mut matched = 0usize;
    for i in 0..filters.max(1) as usize {
        let t = performance.now();
        matched += evaluate(&sets[i % sets.len()], &rows, &analysis, &slots).len();
        times.push(performance.now() - t);
    }
    let stats = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let at = |p: f64| v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1];
        (at(0.5), at(0.95))
    };
    let (recompute_median, _) = stats(recompute.clone());
    let (filter_median, filter_p95) = stats(times.clone());
    Ok(serde_json::json!({
        "customers": active.len(),
        "purchases": purchases,
        "load_summaries_ms": load_ms,
        "recompute_first_ms": recompute[0],
        "recompute_median_ms": recompute_median,
        "recomputes": recompute.len(),
        "filter_median_ms": filter_median,
        "filter_p95_ms": filter_p95,
        "filter_changes": times.len(),
        "filter_matches_total": matched,
    })
    .to_string())
}
