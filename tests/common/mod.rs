//! Helpers the in-browser tests share: a fresh database, sample records, the summaries
//! check, and plain-IndexedDB access that bypasses the app.
#![allow(dead_code)] // Each test file uses some of them.

use chrono::NaiveDate;
use crm::domain::customer::{Customer, CustomerInput};
use crm::domain::id::Id;
use crm::domain::summary::CustomerSummary;
use crm::domain::time::Timestamp;
use crm::store::{self, Db};

/// 2026-11-23T08:00Z.
pub const NOW: Timestamp = Timestamp(1_795_420_800_000);

/// The day of [`NOW`].
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

/// A database of its own for one test.
pub async fn fresh() -> Db {
    store::open(&format!("test-{}", Id::generate()), || {})
        .await
        .unwrap()
}

/// A customer with a name and a mobile phone, created at [`NOW`].
pub fn customer(name: &str) -> Customer {
    let input = CustomerInput {
        name: name.into(),
        phones: vec!["13800138000".into()],
        ..CustomerInput::default()
    };
    Customer::create(Id::generate(), input.validate(today()).unwrap(), NOW)
}

/// Two customers stored side by side: the one a test works on and another that must stay
/// untouched.
pub async fn two_customers(db: &Db) -> (Customer, Customer) {
    let c = customer("远东机械");
    let other = customer("华南电子");
    store::create_customer(db, &c).await.unwrap();
    store::create_customer(db, &other).await.unwrap();
    (c, other)
}

/// Every stored summary, by id.
pub async fn summaries(db: &Db) -> Vec<CustomerSummary> {
    let mut s = store::load_summaries(db).await.unwrap();
    s.sort_by_key(|s| s.id);
    s
}

/// Chunks written alongside the records must equal summaries rebuilt from the records.
pub async fn assert_summaries_match_records(db: &Db) {
    let stored = summaries(db).await;
    let mut rebuilt = store::rebuild_summaries(db).await.unwrap();
    rebuilt.sort_by_key(|s| s.id);
    assert_eq!(stored, rebuilt);
}

/// How many records `store` of database `name` holds, counted with plain IndexedDB.
pub async fn raw_count(name: &str, store_name: &str) -> u32 {
    use indexed_db_futures::prelude::*;
    let db = indexed_db_futures::database::Database::open(name)
        .await
        .unwrap();
    let tx = db.transaction(store_name).build().unwrap();
    let n: u32 = tx
        .object_store(store_name)
        .unwrap()
        .count()
        .primitive()
        .unwrap()
        .await
        .unwrap();
    drop(tx);
    db.close();
    n
}

/// A record as the app's store would encode it (serde_wasm_bindgen).
pub fn to_js<T: serde::Serialize>(value: &T) -> wasm_bindgen::JsValue {
    serde_wasm_bindgen::to_value(value).unwrap()
}

/// Puts `values` into `store_name` of `db` in one transaction, bypassing the app, then closes it.
pub async fn put_raw(
    db: indexed_db_futures::database::Database,
    store_name: &str,
    values: impl IntoIterator<Item = wasm_bindgen::JsValue>,
) {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    let tx = db
        .transaction(store_name)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    let store = tx.object_store(store_name).unwrap();
    for value in values {
        store.put(value).primitive().unwrap();
    }
    tx.commit().await.unwrap();
    db.close();
}

/// Every record of `store_name` in database `name`, read with plain IndexedDB (`getAll`).
pub async fn raw_all<T: serde::de::DeserializeOwned>(name: &str, store_name: &str) -> Vec<T> {
    use indexed_db_futures::prelude::*;
    let db = indexed_db_futures::database::Database::open(name)
        .await
        .unwrap();
    let tx = db.transaction(store_name).build().unwrap();
    let values: Vec<wasm_bindgen::JsValue> = tx
        .object_store(store_name)
        .unwrap()
        .get_all::<wasm_bindgen::JsValue>()
        .primitive()
        .unwrap()
        .await
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(tx);
    db.close();
    values
        .into_iter()
        .map(|v| serde_wasm_bindgen::from_value(v).unwrap())
        .collect()
}

/// The leads, their interactions and the deals as the pages read them (packed) must be the
/// records as stored, revisions included.
pub async fn assert_packs_match_records(db: &Db) {
    use crm::domain::record::Record;
    fn revs<R: Record>(r: &[R]) -> Vec<(String, u32)> {
        r.iter().map(|r| (r.key(), r.rev().0)).collect()
    }
    let leads = store::all_leads(db).await.unwrap();
    let stored: Vec<crm::domain::lead::Lead> = raw_all(db.name(), "leads").await;
    assert_eq!((&leads, revs(&leads)), (&stored, revs(&stored)), "leads");
    let activity = store::all_lead_interactions(db).await.unwrap();
    let stored: Vec<crm::domain::lead::activity::LeadInteraction> =
        raw_all(db.name(), "lead_interactions").await;
    assert_eq!(
        (&activity, revs(&activity)),
        (&stored, revs(&stored)),
        "lead interactions"
    );
    let deals = store::all_opportunities(db).await.unwrap();
    let stored: Vec<crm::domain::opportunity::Opportunity> =
        raw_all(db.name(), "opportunities").await;
    assert_eq!((&deals, revs(&deals)), (&stored, revs(&stored)), "deals");
    let products = store::all_products(db).await.unwrap();
    let stored: Vec<crm::domain::product::Product> = raw_all(db.name(), "products").await;
    assert_eq!(
        (&products, revs(&products)),
        (&stored, revs(&stored)),
        "products"
    );
    let quotes = store::all_quotes(db).await.unwrap();
    let stored: Vec<crm::domain::quote::Quote> = raw_all(db.name(), "quotes").await;
    assert_eq!((&quotes, revs(&quotes)), (&stored, revs(&stored)), "quotes");
}

/// `value` from the fixture's JSON as IndexedDB held it: `{"$bytes": base64, "$type": …}`
/// objects become a `Uint8Array` or an `ArrayBuffer` again.
pub fn fixture_value(value: &serde_json::Value) -> wasm_bindgen::JsValue {
    use wasm_bindgen::JsValue;
    match value {
        serde_json::Value::Object(map) if map.contains_key("$bytes") => {
            let text = map["$bytes"].as_str().unwrap();
            let binary = web_sys::window().unwrap().atob(text).unwrap();
            let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
            let array = js_sys::Uint8Array::from(bytes.as_slice());
            match map["$type"].as_str() {
                Some("ArrayBuffer") => array.buffer().into(),
                _ => array.into(),
            }
        }
        serde_json::Value::Object(map) => {
            let object = js_sys::Object::new();
            for (k, v) in map {
                js_sys::Reflect::set(&object, &JsValue::from_str(k), &fixture_value(v)).unwrap();
            }
            object.into()
        }
        serde_json::Value::Array(items) => items
            .iter()
            .map(fixture_value)
            .collect::<js_sys::Array>()
            .into(),
        other => js_sys::JSON::parse(&other.to_string()).unwrap(),
    }
}

/// A new database holding what a release of schema `version` stored (a fixture of
/// `tests/fixtures/dump-db.mjs`), as that release left it; with each store's record count.
pub async fn written_by_release(json: &str, version: u32) -> (String, Vec<(String, u32)>) {
    let fixture: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(fixture["version"], version);
    let name = format!("test-{}", Id::generate());
    store::open_at(&name, version, || {}).await.unwrap().close();
    let stores = fixture["stores"].as_object().unwrap();
    let mut held = Vec::new();
    for (store_name, values) in stores {
        let values = values.as_array().unwrap();
        held.push((store_name.clone(), values.len() as u32));
        if values.is_empty() {
            continue;
        }
        let db = indexed_db_futures::database::Database::open(&name)
            .with_version(version)
            .await
            .unwrap();
        put_raw(db, store_name, values.iter().map(fixture_value)).await;
    }
    (name, held)
}
