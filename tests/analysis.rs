//! Classes follow the records: writes through the store, reads the summaries back as the app
//! does at start-up, and analyses them (real IndexedDB in headless Chromium).
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use crm::domain::analysis::config::AnalysisConfig;
use crm::domain::analysis::engine::{Models, analyse};
use crm::domain::analysis::importance::Importance;
use crm::domain::analysis::stages::{LifecycleStage, LoyaltyStage};
use crm::domain::customer::{Customer, CustomerInput};
use crm::domain::id::Id;
use crm::domain::money::Currency;
use crm::domain::purchase::PurchaseInput;
use crm::domain::summary::CustomerSummary;
use crm::domain::time::Timestamp;
use crm::store::{self, Db};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const NOW: Timestamp = Timestamp(1_795_420_800_000); // 2026-11-23T08:00Z

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

async fn classes(db: &Db, id: Id) -> crm::domain::analysis::engine::CustomerClasses {
    let rows = store::load_summaries(db).await.unwrap();
    let refs: Vec<&CustomerSummary> = rows.iter().collect();
    let a = analyse(
        &refs,
        today(),
        &AnalysisConfig::default(),
        Models::Fit(None),
    );
    a.get(id).cloned().unwrap()
}

async fn buy(db: &Db, customer: Id, date: &str, amount: &str) {
    let p = PurchaseInput {
        date: date.into(),
        amount: amount.into(),
        currency: Currency::Cny,
        ..PurchaseInput::default()
    }
    .validate(customer, None, today(), NOW)
    .unwrap();
    store::save_purchase(db, &p).await.unwrap();
}

#[wasm_bindgen_test]
async fn classes_follow_purchases() {
    let db = store::open(&format!("test-{}", Id::generate()), || {})
        .await
        .unwrap();
    let mk = |name: &str| {
        let input = CustomerInput {
            name: name.into(),
            ..CustomerInput::default()
        };
        Customer::create(Id::generate(), input.validate(today()).unwrap(), NOW)
    };
    let a = mk("甲");
    let b = mk("乙");
    store::create_customer(&db, &a).await.unwrap();
    store::create_customer(&db, &b).await.unwrap();

    let c = classes(&db, a.id).await;
    assert_eq!(c.loyalty.stage, LoyaltyStage::Prospect);
    assert!(c.rfm.is_none() && c.prediction.is_none());

    buy(&db, a.id, "2026-11-01", "1000").await;
    let c = classes(&db, a.id).await;
    assert_eq!(c.loyalty.stage, LoyaltyStage::New);
    assert_eq!(c.lifecycle.stage, LifecycleStage::Exploration);
    assert_eq!(c.importance.class, Importance::Vip, "the only buyer");
    assert_eq!(c.rfm.unwrap().recency_days, 22);

    // A long history: first bought three years ago, often last year → loyal, stable or rising.
    for date in [
        "2023-10-01",
        "2024-06-01",
        "2025-12-01",
        "2026-02-01",
        "2026-05-01",
        "2026-08-01",
    ] {
        buy(&db, a.id, date, "1000").await;
    }
    let c = classes(&db, a.id).await;
    assert_eq!(c.loyalty.stage, LoyaltyStage::Loyal);
    assert_eq!(c.rfm.unwrap().frequency, 7);

    // Another customer outspends it: importance moves.
    buy(&db, b.id, "2026-11-20", "90000").await;
    let c = classes(&db, a.id).await;
    assert_eq!(
        c.importance.class,
        Importance::Important,
        "¥5,000 against ¥90,000 in the last year"
    );
    assert_eq!(classes(&db, b.id).await.importance.class, Importance::Vip);

    // Trash and purge: the customer is gone from the analysis.
    store::trash(&db, &[b.id], NOW).await.unwrap();
    store::purge(&db, &[b.id]).await.unwrap();
    let rows = store::load_summaries(&db).await.unwrap();
    assert!(rows.iter().all(|r| r.id != b.id));
    assert_eq!(classes(&db, a.id).await.importance.class, Importance::Vip);
}
