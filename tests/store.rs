//! The store against real IndexedDB in headless Chromium: a fresh database per test.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use crm::domain::contact::{BuyingRole, ContactInput};

use crm::domain::error::AppError;
use crm::domain::id::Id;
use crm::domain::interaction::{Channel, InteractionInput};
use crm::domain::member::{MemberRole, TeamMember};
use crm::domain::money::Currency;
use crm::domain::purchase::PurchaseInput;
use crm::domain::sample::{Generator, SampleConfig, team};
use crm::domain::summary::CustomerSummary;
use crm::domain::time::Timestamp;
use crm::store;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Writes `customers` sample customers (seeded) and returns their summaries as written.
async fn sampled(db: &store::Db, seed: u64, customers: usize) -> Vec<CustomerSummary> {
    let config = SampleConfig {
        seed,
        customers,
        today: today(),
        id_epoch_ms: NOW.0 as u64,
        lang: crm::domain::i18n::Lang::Zh,
    };
    store::load_sample(db, config, |_| {}).await.unwrap().0
}

#[wasm_bindgen_test]
async fn customers_create_read_update() {
    let db = fresh().await;
    assert!(summaries(&db).await.is_empty());
    let mut c = customer("杭州西湖茶业");
    let s = store::create_customer(&db, &c).await.unwrap();
    assert_eq!(s.name, "杭州西湖茶业");
    let detail = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(detail.customer, c);

    c.name = "杭州西湖茶业有限公司".into();
    c.updated_at = Timestamp(NOW.0 + 1);
    let s = store::update_customer(&db, &c).await.unwrap();
    assert_eq!(s.name, "杭州西湖茶业有限公司");
    let all = summaries(&db).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "杭州西湖茶业有限公司");
    assert_eq!(
        store::load_detail(&db, c.id)
            .await
            .unwrap()
            .unwrap()
            .customer,
        c
    );

    // The same id twice is refused and changes nothing.
    assert!(store::create_customer(&db, &c).await.is_err());
    assert_eq!(summaries(&db).await.len(), 1);
    // Updating a customer that does not exist is refused.
    assert_eq!(
        store::update_customer(&db, &customer("ghost")).await,
        Err(AppError::NotFound)
    );
    assert!(
        store::load_detail(&db, Id::generate())
            .await
            .unwrap()
            .is_none()
    );
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn contacts_interactions_and_purchases_update_the_summary() {
    let db = fresh().await;
    let c = customer("Acme Trading");
    store::create_customer(&db, &c).await.unwrap();

    let person = ContactInput {
        name: "李娜".into(),
        role: BuyingRole::Buyer,
        ..ContactInput::default()
    }
    .validate(c.id, None, NOW)
    .unwrap();
    let s = store::save_contact(&db, &person).await.unwrap();
    assert_eq!(s.contact_names.to_vec(), vec!["李娜"]);

    let talk = InteractionInput {
        at: "2026-11-20T10:00".into(),
        channel: Channel::Visit,
        summary: "拜访".into(),
        commitment_text: "发报价".into(),
        commitment_due: "2026-11-25".into(),
        ..InteractionInput::default()
    }
    .validate(c.id, None, NOW, 480)
    .unwrap();
    let s = store::save_interaction(&db, &talk).await.unwrap();
    assert_eq!(s.activity.interaction_count, 1);
    assert_eq!(s.activity.open_commitments, 1);
    let open = store::open_commitments(&db).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].id, talk.id);

    let (done, s) = store::set_commitment_done(&db, talk.id, Some(NOW))
        .await
        .unwrap();
    assert_eq!(done.commitment.unwrap().done_at, Some(NOW));
    assert_eq!(s.activity.open_commitments, 0);
    assert!(
        store::open_commitments(&db).await.unwrap().is_empty(),
        "the sparse index drops done promises"
    );
    store::set_commitment_done(&db, talk.id, None)
        .await
        .unwrap();
    assert_eq!(
        store::open_commitments(&db).await.unwrap().len(),
        1,
        "reopened"
    );

    let p1 = PurchaseInput {
        date: "2026-10-01".into(),
        amount: "1,000.50".into(),
        currency: Currency::Cny,
        ..PurchaseInput::default()
    }
    .validate(c.id, None, today(), NOW)
    .unwrap();
    let p2 = PurchaseInput {
        date: "2026-11-01".into(),
        amount: "99.50".into(),
        currency: Currency::Cny,
        order: "SO-2026-1101".into(),
        ..PurchaseInput::default()
    }
    .validate(c.id, None, today(), NOW)
    .unwrap();
    store::save_purchase(&db, &p1).await.unwrap();
    let s = store::save_purchase(&db, &p2).await.unwrap();
    assert_eq!(s.activity.purchase_count, 2);
    assert_eq!(s.activity.revenue_in(Currency::Cny), 110_000);
    assert_eq!(
        s.activity.last_purchase_date(),
        NaiveDate::from_ymd_opt(2026, 11, 1)
    );

    // Edit a purchase: the total follows.
    let mut p2b = p2.clone();
    p2b.amount.amount = rust_decimal::Decimal::from(200);
    let s = store::save_purchase(&db, &p2b).await.unwrap();
    assert_eq!(s.activity.revenue_in(Currency::Cny), 120_050);

    let detail = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(detail.records.contacts, vec![person.clone()]);
    assert_eq!(detail.records.purchases.len(), 2);
    assert_eq!(detail.records.purchases[0].id, p2.id, "newest first");
    // The order number is kept in the book beside the other purchase's none.
    assert_eq!(detail.records.purchases[0].order, "SO-2026-1101");
    assert_eq!(detail.records.purchases[1].order, "");
    assert_eq!(detail.records.interactions.len(), 1);

    let s = store::delete_purchase(&db, c.id, p1.id).await.unwrap();
    assert_eq!(s.activity.purchase_count, 1);
    let s = store::delete_interaction(&db, talk.id).await.unwrap();
    assert_eq!(s.activity.interaction_count, 0);
    assert!(store::open_commitments(&db).await.unwrap().is_empty());
    let s = store::delete_contact(&db, person.id).await.unwrap();
    assert!(s.contact_names.is_empty());
    assert_eq!(
        store::delete_contact(&db, person.id).await,
        Err(AppError::NotFound)
    );
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn members_and_ownership() {
    let db = fresh().await;
    let m = TeamMember::from_input("王芳", MemberRole::SalesManager, None, NOW).unwrap();
    store::save_member(&db, &m).await.unwrap();
    assert_eq!(store::list_members(&db).await.unwrap(), vec![m.clone()]);
    let renamed = TeamMember::from_input("王芳芳", m.role, Some(&m), NOW).unwrap();
    store::save_member(&db, &renamed).await.unwrap();
    assert_eq!(store::list_members(&db).await.unwrap()[0].name, "王芳芳");

    let a = customer("A");
    let b = customer("B");
    store::create_customer(&db, &a).await.unwrap();
    store::create_customer(&db, &b).await.unwrap();
    let changed = store::assign_owner(&db, &[a.id, b.id], Some(m.id), NOW)
        .await
        .unwrap();
    assert_eq!(changed.len(), 2);
    assert!(
        summaries(&db)
            .await
            .iter()
            .all(|s| s.owner_id == Some(m.id))
    );
    assert_eq!(
        store::delete_member(&db, m.id).await,
        Err(AppError::MemberInUse(2))
    );
    store::assign_owner(&db, &[a.id, b.id], None, NOW)
        .await
        .unwrap();
    store::delete_member(&db, m.id).await.unwrap();
    assert!(store::list_members(&db).await.unwrap().is_empty());

    let tagged = store::add_tag(&db, &[a.id, b.id], "重点", NOW)
        .await
        .unwrap();
    assert_eq!(tagged.len(), 2);
    let again = store::add_tag(&db, &[a.id], "重点", NOW).await.unwrap();
    assert!(again.is_empty(), "a tag is added once");
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn trash_restore_and_purge() {
    let db = fresh().await;
    let gen_team = team(7);
    let sample: Vec<_> = Generator::new(
        SampleConfig {
            seed: 7,
            customers: 3,
            today: today(),
            id_epoch_ms: NOW.0 as u64,
            lang: crm::domain::i18n::Lang::Zh,
        },
        gen_team,
    )
    .collect();
    store::insert_batch(&db, &sample).await.unwrap();
    let victim = &sample[0];
    let keep = &sample[1];

    let trashed = store::trash(&db, &[victim.customer.id], NOW).await.unwrap();
    assert_eq!(trashed[0].deleted_at, Some(NOW));
    assert!(
        store::load_detail(&db, victim.customer.id)
            .await
            .unwrap()
            .unwrap()
            .customer
            .is_deleted()
    );
    // Purging only touches customers in the trash.
    assert!(
        store::purge(&db, &[keep.customer.id])
            .await
            .unwrap()
            .is_empty()
    );

    store::restore(&db, &[victim.customer.id]).await.unwrap();
    assert!(summaries(&db).await.iter().all(|s| s.deleted_at.is_none()));

    store::trash(&db, &[victim.customer.id], NOW).await.unwrap();
    let purged = store::purge(&db, &[victim.customer.id]).await.unwrap();
    assert_eq!(purged, vec![victim.customer.id]);
    assert!(
        store::load_detail(&db, victim.customer.id)
            .await
            .unwrap()
            .is_none()
    );
    for p in &victim.purchases {
        assert_eq!(
            store::delete_purchase(&db, p.customer_id, p.id).await,
            Err(AppError::NotFound),
            "purchases purged"
        );
    }
    for i in &victim.interactions {
        assert_eq!(
            store::delete_interaction(&db, i.id).await,
            Err(AppError::NotFound),
            "interactions purged"
        );
    }
    for c in &victim.contacts {
        assert_eq!(
            store::delete_contact(&db, c.id).await,
            Err(AppError::NotFound),
            "contacts purged"
        );
    }
    let left = summaries(&db).await;
    assert_eq!(left.len(), 2);
    assert!(!left.iter().any(|s| s.id == victim.customer.id));
    let other = store::load_detail(&db, keep.customer.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        other.records.purchases.len(),
        keep.purchases.len(),
        "others untouched"
    );
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn a_failing_multi_record_write_leaves_nothing_behind() {
    let db = fresh().await;
    let sample: Vec<_> = Generator::new(
        SampleConfig {
            seed: 11,
            customers: 5,
            today: today(),
            id_epoch_ms: NOW.0 as u64,
            lang: crm::domain::i18n::Lang::Zh,
        },
        team(11),
    )
    .collect();
    // The last customer repeats an earlier interaction's id: the add fails at the end.
    let mut bad = sample.clone();
    let dup = bad
        .iter()
        .flat_map(|s| s.interactions.first().cloned())
        .next()
        .expect("sample has interactions");
    let last = bad[4].customer.id;
    bad[4]
        .interactions
        .push(crm::domain::interaction::Interaction {
            customer_id: last,
            ..dup
        });
    assert!(store::insert_batch(&db, &bad).await.is_err());
    assert!(summaries(&db).await.is_empty(), "no summary written");
    for s in &sample {
        assert!(
            store::load_detail(&db, s.customer.id)
                .await
                .unwrap()
                .is_none(),
            "no customer written"
        );
    }
    // The good batch then goes in whole.
    store::insert_batch(&db, &sample).await.unwrap();
    assert_eq!(summaries(&db).await.len(), 5);
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn chunks_split_and_stay_consistent_at_a_few_thousand_customers() {
    let db = fresh().await;
    let loaded = sampled(&db, 3, 2_600).await;
    assert_eq!(loaded.len(), 2_600);
    let stored = summaries(&db).await;
    assert_eq!(stored.len(), 2_600);
    let mut ids: Vec<Id> = stored.iter().map(|s| s.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 2_600, "each customer once");
    // Edit one in the middle and one new: still consistent.
    let mut c = store::load_detail(&db, stored[1300].id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    c.name = "改名".into();
    store::update_customer(&db, &c).await.unwrap();
    store::create_customer(&db, &customer("新客户"))
        .await
        .unwrap();
    assert_summaries_match_records(&db).await;
    assert_eq!(summaries(&db).await.len(), 2_601);
    // Purchases lie in many pages (about 25,000 purchases of some 45 bytes, pages of at most
    // 128 KiB): a purchase added and one deleted on different pages change those customers'
    // books only.
    let pages = raw_count(db.name(), "purchase_pages").await;
    assert!(pages >= 9, "{pages} pages");
    let buyers: Vec<&CustomerSummary> = stored
        .iter()
        .filter(|s| s.activity.purchase_count > 0)
        .collect();
    let (first, last) = (buyers[0], buyers[buyers.len() - 1]);
    let gone = store::load_detail(&db, last.id)
        .await
        .unwrap()
        .unwrap()
        .records
        .purchases[0]
        .id;
    store::delete_purchase(&db, last.id, gone).await.unwrap();
    let added = PurchaseInput {
        date: "2026-11-20".into(),
        amount: "88.00".into(),
        ..PurchaseInput::default()
    }
    .validate(first.id, None, today(), NOW)
    .unwrap();
    store::save_purchase(&db, &added).await.unwrap();
    assert_summaries_match_records(&db).await;
    let counts: std::collections::HashMap<Id, u32> = summaries(&db)
        .await
        .iter()
        .map(|s| (s.id, s.activity.purchase_count))
        .collect();
    for row in &stored {
        let want = row.activity.purchase_count + u32::from(row.id == first.id)
            - u32::from(row.id == last.id);
        assert_eq!(counts[&row.id], want);
    }
    assert_eq!(pages, raw_count(db.name(), "purchase_pages").await);
    // Each customer's page finds their own book (the page with the greatest key not above
    // the customer's id), on every page and at every page's edge.
    for row in &stored {
        let detail = store::load_detail(&db, row.id).await.unwrap().unwrap();
        assert_eq!(detail.records.purchases.len() as u32, counts[&row.id]);
        assert!(
            detail
                .records
                .purchases
                .iter()
                .all(|p| p.customer_id == row.id)
        );
    }
}

#[wasm_bindgen_test]
async fn another_tab_upgrading_closes_this_connection() {
    let name = format!("test-{}", Id::generate());
    let db = store::open(&name, || {}).await.unwrap();
    let told = Rc::new(Cell::new(false));
    let t = told.clone();
    db.on_closed(move || t.set(true));
    // Another tab opens the same database at a newer version.
    let newer = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(store::DB_VERSION + 1)
        .await
        .unwrap();
    assert!(told.get(), "the user is told");
    assert!(db.is_closed());
    assert_eq!(
        store::load_summaries(&db).await,
        Err(AppError::ClosedByOtherTab)
    );
    newer.close();
}

#[wasm_bindgen_test]
async fn delete_all_empties_every_store() {
    let db = fresh().await;
    store::load_sample(
        &db,
        SampleConfig {
            seed: 5,
            customers: 20,
            today: today(),
            id_epoch_ms: NOW.0 as u64,
            lang: crm::domain::i18n::Lang::Zh,
        },
        |_| {},
    )
    .await
    .unwrap();
    assert!(!store::list_members(&db).await.unwrap().is_empty());
    assert_eq!(
        store::all_surveys(&db).await.unwrap().len(),
        1,
        "the sample survey"
    );
    store::delete_all(&db).await.unwrap();
    assert!(store::all_surveys(&db).await.unwrap().is_empty());
    assert!(summaries(&db).await.is_empty());
    assert!(store::list_members(&db).await.unwrap().is_empty());
    assert!(store::open_commitments(&db).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn settings_survive_in_local_storage() {
    use crm::domain::i18n::Lang;
    use crm::domain::settings::{Density, Settings, Theme};
    let s = Settings {
        lang: Lang::En,
        theme: Theme::Dark,
        density: Density::Compact,
        me: Some(Id::generate()),
    };
    store::save_settings(&s);
    assert_eq!(store::load_settings(), s);
    let s2 = Settings {
        lang: Lang::Zh,
        me: None,
        ..s
    };
    store::save_settings(&s2);
    assert_eq!(store::load_settings(), s2);
}

/// `customers` sample customers from `seed`, and the same without their purchases (written by
/// the current code into databases of versions that stored purchases otherwise).
fn sample_and_without_purchases(
    seed: u64,
    customers: usize,
) -> (
    Vec<crm::domain::sample::SampleCustomer>,
    Vec<crm::domain::sample::SampleCustomer>,
) {
    let sample: Vec<_> = Generator::new(
        SampleConfig {
            seed,
            customers,
            today: today(),
            id_epoch_ms: NOW.0 as u64,
            lang: crm::domain::i18n::Lang::Zh,
        },
        team(seed),
    )
    .map(|mut s| {
        // Version 1 has no complaints or responses stores.
        s.complaints.clear();
        s.responses.clear();
        s
    })
    .collect();
    let without = sample
        .iter()
        .cloned()
        .map(|mut s| {
            s.purchases.clear();
            s
        })
        .collect();
    (sample, without)
}

#[wasm_bindgen_test]
async fn upgrading_from_version_1_keeps_every_record() {
    // Written through the current code at version 1: only the stores version 1 has.
    let name = format!("test-{}", Id::generate());
    let v1 = store::open_at(&name, 1, || {}).await.unwrap();
    // Before version 7 purchases were stored one object each; the current code writes
    // pages of books, which version 1 has no store for. The customers and other records go
    // through the current code, the purchases as the old code wrote them.
    let (sample, without_purchases) = sample_and_without_purchases(21, 30);
    store::insert_batch(&v1, &without_purchases).await.unwrap();
    let legacy: Vec<_> = sample.iter().flat_map(|s| s.purchases.clone()).collect();
    assert!(legacy.len() > 100);
    put_legacy_purchases(&name, &legacy).await;
    let member = TeamMember::from_input("王芳", MemberRole::SalesManager, None, NOW).unwrap();
    store::save_member(&v1, &member).await.unwrap();
    let before = summaries(&v1).await;
    v1.close();

    let v2 = store::open(&name, || {}).await.unwrap();
    assert_eq!(summaries(&v2).await, before, "summaries intact");
    for s in &sample {
        let d = store::load_detail(&v2, s.customer.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.customer, s.customer);
        let by_id = |mut v: Vec<Id>| {
            v.sort();
            v
        };
        assert_eq!(
            by_id(d.records.contacts.iter().map(|c| c.id).collect()),
            by_id(s.contacts.iter().map(|c| c.id).collect())
        );
        assert_eq!(d.records.interactions.len(), s.interactions.len());
        for i in &s.interactions {
            assert!(d.records.interactions.contains(i));
        }
        assert_eq!(d.records.purchases.len(), s.purchases.len());
        for p in &s.purchases {
            assert!(d.records.purchases.contains(p));
        }
        assert!(d.records.complaints.is_empty());
    }
    assert_eq!(store::list_members(&v2).await.unwrap(), vec![member]);
    // The stores added by versions 2 and 3 work.
    assert!(store::list_segments(&v2).await.unwrap().is_empty());
    assert!(store::all_complaints(&v2).await.unwrap().is_empty());
    assert!(store::all_churn_events(&v2).await.unwrap().is_empty());
    assert!(store::all_winbacks(&v2).await.unwrap().is_empty());
    assert!(store::all_surveys(&v2).await.unwrap().is_empty());
    assert!(store::all_responses(&v2).await.unwrap().is_empty());
    // The moved purchases count in the summaries once they are recomputed from the records.
    let rebuilt = store::rebuild_summaries(&v2).await.unwrap();
    let counted: u32 = rebuilt.iter().map(|r| r.activity.purchase_count).sum();
    assert_eq!(counted as usize, legacy.len());
    assert_summaries_match_records(&v2).await;
    // Opening again finds nothing left to move and changes nothing.
    v2.close();
    let v3 = store::open(&name, || {}).await.unwrap();
    assert_eq!(summaries(&v3).await, rebuilt);
    let d = store::load_detail(&v3, sample[0].customer.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.records.purchases.len(), sample[0].purchases.len());
}

#[wasm_bindgen_test]
async fn books_of_version_7_move_into_pages_and_stay_editable() {
    // Version 7 kept one book per customer: `{id, customer_id, data}` keyed by the customer's
    // id, the purchases in their serde form behind format byte 1.
    let name = format!("test-{}", Id::generate());
    let v7 = store::open_at(&name, 7, || {}).await.unwrap();
    let (sample, without_purchases) = sample_and_without_purchases(5, 40);
    store::insert_batch(&v7, &without_purchases).await.unwrap();
    v7.close();
    let buyers: Vec<_> = sample.iter().filter(|s| s.purchases.len() >= 2).collect();
    assert!(buyers.len() > 10);
    for s in sample.iter().filter(|s| !s.purchases.is_empty()) {
        let mut bytes = vec![1];
        bytes.extend(postcard::to_allocvec(&s.purchases).unwrap());
        let key = s.customer.id.to_string();
        let record = js_sys::Object::new();
        js_sys::Reflect::set(&record, &"id".into(), &key.clone().into()).unwrap();
        js_sys::Reflect::set(&record, &"customer_id".into(), &key.into()).unwrap();
        let data = js_sys::Uint8Array::from(bytes.as_slice());
        js_sys::Reflect::set(&record, &"data".into(), &data).unwrap();
        raw_put(&name, 7, "purchase_books", record.into()).await;
    }

    // Opening at the current version moves them into pages, in one record here.
    let db = store::open(&name, || {}).await.unwrap();
    assert_eq!(raw_count(&name, "purchase_books").await, 0);
    assert_eq!(raw_count(&name, "purchase_pages").await, 1);
    for s in &sample {
        let d = store::load_detail(&db, s.customer.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(d.records.purchases.len(), s.purchases.len());
        for p in &s.purchases {
            assert!(d.records.purchases.contains(p));
        }
    }
    store::rebuild_summaries(&db).await.unwrap();
    // An edit rewrites the page; the other customers' books are as they were.
    let (a, b) = (buyers[0], buyers[1]);
    let mut edited = a.purchases[0].clone();
    edited.notes = "改过".into();
    store::save_purchase(&db, &edited).await.unwrap();
    store::delete_purchase(&db, b.customer.id, b.purchases[0].id)
        .await
        .unwrap();
    for s in &sample {
        let d = store::load_detail(&db, s.customer.id)
            .await
            .unwrap()
            .unwrap();
        let mut want = s.purchases.clone();
        if s.customer.id == a.customer.id {
            want[0] = edited.clone();
        }
        if s.customer.id == b.customer.id {
            want.remove(0);
        }
        assert_eq!(d.records.purchases.len(), want.len());
        for p in &want {
            assert!(
                d.records.purchases.contains(p),
                "{} lost a purchase",
                s.customer.name
            );
        }
    }
    assert_summaries_match_records(&db).await;
    // Purging takes the customers' books out of the page and leaves the others.
    store::trash(&db, &[a.customer.id, b.customer.id], NOW)
        .await
        .unwrap();
    assert_eq!(
        store::purge(&db, &[a.customer.id, b.customer.id])
            .await
            .unwrap()
            .len(),
        2
    );
    let everything = store::export_all(&db, NOW).await.unwrap();
    let left: usize = sample
        .iter()
        .filter(|s| s.customer.id != a.customer.id && s.customer.id != b.customer.id)
        .map(|s| s.purchases.len())
        .sum();
    assert_eq!(everything.records.purchases.len(), left);
    assert!(
        everything
            .records
            .purchases
            .iter()
            .all(|p| p.customer_id != a.customer.id && p.customer_id != b.customer.id)
    );
    assert_summaries_match_records(&db).await;
}

/// Puts `value` into `store` of database `name` (at `version`) with plain IndexedDB.
async fn raw_put(name: &str, version: u32, store_name: &str, value: wasm_bindgen::JsValue) {
    use indexed_db_futures::prelude::*;
    use indexed_db_futures::transaction::TransactionMode;
    let db = indexed_db_futures::database::Database::open(name)
        .with_version(version)
        .await
        .unwrap();
    let tx = db
        .transaction(store_name)
        .with_mode(TransactionMode::Readwrite)
        .build()
        .unwrap();
    tx.object_store(store_name)
        .unwrap()
        .put(value)
        .primitive()
        .unwrap();
    tx.commit().await.unwrap();
    db.close();
}

/// Writes purchases one object each into the `purchases` store, as versions before 7 did.
async fn put_legacy_purchases(name: &str, purchases: &[crm::domain::purchase::Purchase]) {
    let db = indexed_db_futures::database::Database::open(name)
        .with_version(1u32)
        .await
        .unwrap();
    put_raw(db, "purchases", purchases.iter().map(to_js)).await;
}

#[wasm_bindgen_test]
async fn segments_are_saved_listed_and_deleted() {
    use crm::domain::analysis::importance::Importance;
    use crm::domain::analysis::segment::{Condition, Range, Segment};
    let db = fresh().await;
    let segment = Segment {
        rev: Default::default(),
        id: Id::generate(),
        name: "华东重要客户".into(),
        conditions: vec![
            Condition::Region("浙江".into()),
            Condition::Importance(vec![Importance::Vip, Importance::Important]),
            Condition::PAlive(Range {
                min: Some(50.0),
                max: None,
            }),
        ],
        created_at: NOW,
        updated_at: NOW,
    };
    store::save_segment(&db, &segment).await.unwrap();
    assert_eq!(
        store::list_segments(&db).await.unwrap(),
        vec![segment.clone()]
    );
    let renamed = Segment {
        name: "改名".into(),
        ..segment.clone()
    };
    store::save_segment(&db, &renamed).await.unwrap();
    assert_eq!(store::list_segments(&db).await.unwrap(), vec![renamed]);
    store::delete_segment(&db, segment.id).await.unwrap();
    assert!(store::list_segments(&db).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn complaints_flag_the_customer_until_closed_and_go_with_a_purge() {
    use crm::domain::complaint::{ComplaintInput, Severity};
    let db = fresh().await;
    let c = customer("华星贸易");
    store::create_customer(&db, &c).await.unwrap();
    let mut complaint = ComplaintInput {
        received_at: "2026-11-20T09:00".into(),
        severity: Severity::Critical,
        description: "第二批货包装破损".into(),
        ..ComplaintInput::default()
    }
    .validate(c.id, None, NOW, 480)
    .unwrap();
    let s = store::save_complaint(&db, &complaint).await.unwrap();
    assert_eq!(s.activity.open_complaints, 1);
    // Received 11-20 09:00 Beijing = 01:00 UTC; critical: due a day later, long past NOW.
    assert!(s.activity.has_overdue_complaint(NOW));
    assert_summaries_match_records(&db).await;

    complaint.resolve(NOW, "补发新货", false).unwrap();
    let s = store::save_complaint(&db, &complaint).await.unwrap();
    assert_eq!(s.activity.open_complaints, 1, "open until closed");
    assert!(!s.activity.has_overdue_complaint(NOW), "no longer pending");
    complaint.close(NOW, true).unwrap();
    let s = store::save_complaint(&db, &complaint).await.unwrap();
    assert_eq!(s.activity.open_complaints, 0);
    let detail = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(detail.records.complaints, vec![complaint.clone()]);
    assert_eq!(store::all_complaints(&db).await.unwrap().len(), 1);

    // A second, open one; then purge the customer: both complaints go with it.
    let other = ComplaintInput {
        received_at: "2026-11-23T09:00".into(),
        description: "发票抬头错误".into(),
        ..ComplaintInput::default()
    }
    .validate(c.id, None, NOW, 480)
    .unwrap();
    store::save_complaint(&db, &other).await.unwrap();
    assert_summaries_match_records(&db).await;
    store::trash(&db, &[c.id], NOW).await.unwrap();
    store::purge(&db, &[c.id]).await.unwrap();
    assert!(store::all_complaints(&db).await.unwrap().is_empty());
    assert_eq!(
        store::delete_complaint(&db, other.id).await,
        Err(AppError::NotFound)
    );
}

#[wasm_bindgen_test]
async fn churn_events_win_back_plans_and_ratings_are_kept_and_purged_with_the_customer() {
    use crm::domain::churn::{ChurnInput, Outcome, WinBackInput};
    let db = fresh().await;
    let (c, other) = two_customers(&db).await;
    let event = ChurnInput {
        date: "2026-11-02".into(),
        competitor: "恒达科技".into(),
        ..ChurnInput::default()
    }
    .validate(c.id, today(), NOW)
    .unwrap();
    store::save_churn_event(&db, &event).await.unwrap();
    let mut plan = WinBackInput {
        action: "带新价格表上门拜访".into(),
        owner_id: None,
        due: "2026-11-30".into(),
    }
    .validate(c.id, NOW)
    .unwrap();
    store::save_winback(&db, &plan).await.unwrap();
    plan.conclude(Outcome::Won, "续签一年", NOW).unwrap();
    store::save_winback(&db, &plan).await.unwrap();
    let keep = WinBackInput {
        action: "季度回访".into(),
        owner_id: None,
        due: "2026-12-15".into(),
    }
    .validate(other.id, NOW)
    .unwrap();
    store::save_winback(&db, &keep).await.unwrap();

    let mut ratings = crm::domain::loyalty::OwnerRatings::new(c.id);
    ratings.set(0, Some(4));
    store::save_ratings(&db, &ratings).await.unwrap();
    // One rating at a time keeps the others.
    let ratings = store::set_rating(&db, c.id, 3, Some(2), NOW).await.unwrap();
    assert_eq!(ratings.all(), [Some(4), None, None, Some(2)]);

    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(d.ratings(), Some(&ratings), "one record per customer");
    assert_eq!(d.records.churn_events, vec![event.clone()]);
    assert_eq!(
        d.records.winbacks,
        vec![plan.clone()],
        "saved twice, stored once"
    );
    assert_eq!(store::all_winbacks(&db).await.unwrap().len(), 2);

    store::trash(&db, &[c.id], NOW).await.unwrap();
    store::purge(&db, &[c.id]).await.unwrap();
    assert!(store::all_churn_events(&db).await.unwrap().is_empty());
    assert_eq!(store::all_winbacks(&db).await.unwrap(), vec![keep.clone()]);
    // The ratings went with the customer: a customer created again under the same id (as a
    // restore would) starts unrated.
    store::create_customer(&db, &c).await.unwrap();
    assert_eq!(
        store::load_detail(&db, c.id)
            .await
            .unwrap()
            .unwrap()
            .ratings()
            .cloned(),
        None
    );
    store::delete_winback(&db, keep.id).await.unwrap();
    assert_eq!(
        store::delete_winback(&db, keep.id).await,
        Err(AppError::NotFound)
    );
}

#[wasm_bindgen_test]
async fn surveys_and_responses_are_kept_locked_imported_atomically_and_purged() {
    use crm::domain::i18n::Lang;
    use crm::domain::satisfaction::figures::by_customer;
    use crm::domain::satisfaction::{ResponseInput, Scale, Template};
    use crm::domain::validate::{Field, FieldError, Problem};
    let db = fresh().await;
    let (c, other) = two_customers(&db).await;
    let mut survey = Template::Csat.build(Lang::Zh, NOW);
    store::save_survey(&db, &survey).await.unwrap();
    // Before any response the scale may change; afterwards it may not.
    survey.scale = Scale::Seven;
    store::save_survey(&db, &survey).await.unwrap();
    survey.scale = Scale::Five;
    store::save_survey(&db, &survey).await.unwrap();
    let survey = survey;
    let answer = |customer: Id, date: &str, p: &[&str]| {
        ResponseInput {
            date: date.into(),
            perception: p.iter().map(|s| s.to_string()).collect(),
            ..ResponseInput::default()
        }
        .validate(&survey, customer, today(), NOW)
        .unwrap()
    };
    let first = answer(c.id, "2026-08-01", &["5", "5"]);
    store::save_response(&db, &first).await.unwrap();
    let mut changed = survey.clone();
    changed.scale = Scale::Seven;
    assert_eq!(
        store::save_survey(&db, &changed).await,
        Err(AppError::Invalid(vec![FieldError::new(
            Field::Questions,
            Problem::LockedByResponses
        )]))
    );
    // Text and weights may still change.
    changed.scale = Scale::Five;
    changed.items[0].text = "整体印象".into();
    store::save_survey(&db, &changed).await.unwrap();

    // An import is one transaction: a response to a survey that does not exist spoils it all.
    let batch = vec![
        answer(c.id, "2026-11-01", &["2", "2"]),
        answer(other.id, "2026-11-02", &["4"]),
    ];
    let mut orphan = answer(other.id, "2026-11-03", &["3"]);
    orphan.survey_id = Id::generate();
    let spoiled = [batch.clone(), vec![orphan]].concat();
    assert_eq!(
        store::save_responses(&db, &spoiled).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        store::all_responses(&db).await.unwrap(),
        vec![first.clone()]
    );
    store::save_responses(&db, &batch).await.unwrap();
    assert_eq!(store::all_responses(&db).await.unwrap().len(), 3);

    // The 360 view has the customer's responses (newest first) and every survey.
    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(d.records.responses, vec![batch[0].clone(), first.clone()]);
    assert_eq!(d.records.surveys, vec![changed.clone()]);
    // 100 then 25: a fall of 75 points.
    let sat = by_customer(&d.records.surveys, &d.records.responses)[&c.id];
    assert_eq!((sat.previous, sat.latest), (Some(100.0), 25.0));

    // Responses go with a purged customer, and with a deleted survey.
    store::trash(&db, &[c.id], NOW).await.unwrap();
    store::purge(&db, &[c.id]).await.unwrap();
    assert_eq!(
        store::all_responses(&db).await.unwrap(),
        vec![batch[1].clone()]
    );
    store::delete_response(&db, batch[1].id).await.unwrap();
    assert_eq!(
        store::delete_response(&db, batch[1].id).await,
        Err(AppError::NotFound)
    );
    store::save_response(&db, &batch[1]).await.unwrap();
    assert_eq!(store::delete_survey(&db, survey.id).await, Ok(1));
    assert!(store::all_responses(&db).await.unwrap().is_empty());
    assert!(store::all_surveys(&db).await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn backup_wipe_restore_gives_back_the_same_database_and_merge_keeps_newer_work() {
    let db = fresh().await;
    for seed in [3u64, 8] {
        store::load_sample(
            &db,
            SampleConfig {
                seed,
                customers: 40,
                today: today(),
                id_epoch_ms: NOW.0 as u64 + seed * 1000,
                lang: crm::domain::i18n::Lang::Zh,
            },
            |_| {},
        )
        .await
        .unwrap();
    }
    let c = customer("备份测试");
    store::create_customer(&db, &c).await.unwrap();
    store::trash(&db, &[c.id], NOW).await.unwrap();
    let before = store::export_all(&db, NOW).await.unwrap().normalised();
    let summaries_before = summaries(&db).await;
    assert!(before.records.responses.len() + before.records.complaints.len() > 0);

    store::delete_all(&db).await.unwrap();
    assert!(summaries(&db).await.is_empty());
    store::restore_replace(&db, &before).await.unwrap();
    let after = store::export_all(&db, NOW).await.unwrap().normalised();
    assert_eq!(
        crm::domain::backup::Backup {
            prefs: Default::default(),
            ..after
        },
        crm::domain::backup::Backup {
            prefs: Default::default(),
            ..before.clone()
        }
    );
    assert_eq!(summaries(&db).await, summaries_before);
    assert_summaries_match_records(&db).await;
    // Open commitments come back with their index.
    assert!(!store::open_commitments(&db).await.unwrap().is_empty());

    // Work after the backup survives a merge of it; a record they changed later wins.
    let newer = customer("备份之后");
    store::create_customer(&db, &newer).await.unwrap();
    let mut theirs = before.clone();
    theirs.records.customers[0].name = "对方改名".into();
    theirs.records.customers[0].updated_at = Timestamp(NOW.0 + 60_000);
    let (_, report) = store::restore_merge(&db, &theirs, NOW).await.unwrap();
    assert_eq!((report.added, report.updated), (0, 1));
    assert!(report.conflicts.is_empty());
    let merged = store::export_all(&db, NOW).await.unwrap();
    assert!(merged.records.customers.iter().any(|x| x.id == newer.id));
    assert!(
        merged
            .records
            .customers
            .iter()
            .any(|x| x.name == "对方改名")
    );
    assert_summaries_match_records(&db).await;

    // A backup that fails its checks writes nothing.
    let mut bad = before.clone();
    bad.records.customers.clear();
    assert!(matches!(
        store::restore_replace(&db, &bad).await,
        Err(AppError::Damaged(_))
    ));
    assert_eq!(
        store::export_all(&db, NOW)
            .await
            .unwrap()
            .records
            .customers
            .len(),
        merged.records.customers.len()
    );
    assert_packs_match_records(&db).await;
}

/// A summary chunk as stored, read and written raw.
#[derive(serde::Serialize, serde::Deserialize)]
struct RawChunk {
    start: String,
    #[serde(with = "serde_bytes")]
    data: Vec<u8>,
}

/// Every stored summary chunk, raw.
async fn raw_chunks(name: &str) -> Vec<RawChunk> {
    raw_all(name, "summaries").await
}

/// Rewrites every summary chunk in format 3 (postcard's serde encoding), as versions before
/// the hand-written format stored them.
async fn downgrade_chunks(name: &str) {
    let old = raw_chunks(name).await.into_iter().map(|chunk| {
        let rows = crm::domain::summary::decode_chunk(&chunk.data).unwrap();
        let mut data = vec![3];
        data.extend(postcard::to_allocvec(&rows).unwrap());
        to_js(&RawChunk {
            start: chunk.start,
            data,
        })
    });
    let old: Vec<wasm_bindgen::JsValue> = old.collect();
    let db = indexed_db_futures::database::Database::open(name)
        .await
        .unwrap();
    put_raw(db, "summaries", old).await;
}

#[wasm_bindgen_test]
async fn chunks_of_the_earlier_format_are_read_and_rewritten_without_losing_an_edit() {
    let db = fresh().await;
    let config = SampleConfig {
        seed: 11,
        customers: 2500,
        today: today(),
        id_epoch_ms: NOW.0 as u64,
        lang: crm::domain::i18n::Lang::Zh,
    };
    store::load_sample(&db, config, |_| {}).await.unwrap();
    let before = summaries(&db).await;
    let chunks = raw_chunks(db.name()).await.len();
    assert!(chunks >= 2, "{chunks} chunks");
    downgrade_chunks(db.name()).await;
    assert!(raw_chunks(db.name()).await.iter().all(|c| c.data[0] == 3));

    // Read as they are, without the quote figures that format lacks; the load notes them
    // for the upgrade.
    let without_quotes: Vec<CustomerSummary> = before
        .iter()
        .cloned()
        .map(|mut s| {
            s.activity.open_quotes.clear();
            s
        })
        .collect();
    assert_eq!(summaries(&db).await, without_quotes);
    let quoted_before: Vec<Id> = before
        .iter()
        .filter(|s| !s.activity.open_quotes.is_empty())
        .map(|s| s.id)
        .collect();
    assert!(quoted_before.len() > 100, "{} quoted", quoted_before.len());
    // An edit before the upgrade rewrites its chunk still without quote figures (format 4);
    // the upgrade then fills them in there too, and the edit stands.
    let mut edited = store::load_detail(&db, before[0].id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    edited.name = "升级前改名".into();
    store::update_customer(&db, &edited).await.unwrap();
    assert_eq!(
        raw_chunks(db.name())
            .await
            .iter()
            .filter(|c| c.data[0] == 4)
            .count(),
        1
    );
    let pauses = Rc::new(Cell::new(0));
    let p = pauses.clone();
    let (upgraded, quoted) = store::upgrade_outdated_chunks(&db, move || {
        p.set(p.get() + 1);
        std::future::ready(())
    })
    .await
    .unwrap();
    assert_eq!(upgraded, chunks, "every chunk, the edited one too");
    assert_eq!(pauses.get(), chunks, "a pause after every chunk");
    let mut gained: Vec<Id> = quoted.iter().map(|s| s.id).collect();
    gained.sort();
    assert_eq!(gained, quoted_before, "the rows that gained open quotes");
    assert!(raw_chunks(db.name()).await.iter().all(|c| c.data[0] == 5));
    let after = summaries(&db).await;
    assert_eq!(after[0].name, "升级前改名");
    assert_eq!(after[0].activity, before[0].activity);
    assert_eq!(after[1..], before[1..]);
    assert_summaries_match_records(&db).await;
    // Nothing left to do.
    summaries(&db).await;
    assert_eq!(
        store::upgrade_outdated_chunks(&db, || std::future::ready(()))
            .await
            .map(|(n, _)| n),
        Ok(0)
    );
}

#[wasm_bindgen_test]
async fn a_database_written_by_the_release_before_kept_analyses_opens_and_keeps_one() {
    use crm::domain::analysis::transfer::{Which, describes};
    // Every store of a version 9 database as that release wrote it (40 sample customers).
    let (name, held) = written_by_release(include_str!("fixtures/db-v9.json"), 9).await;
    let db = store::open(&name, || {}).await.unwrap();
    for (store_name, n) in &held {
        assert_eq!(raw_count(&name, store_name).await, *n, "{store_name}");
    }
    assert_summaries_match_records(&db).await;
    // Its chunks have no generation: they read as generation 0, with a stamp all the same.
    let (rows, stamp) = store::load_summaries_yielding(&db, || std::future::ready(()))
        .await
        .unwrap();
    assert_eq!(rows.len(), 40);
    let stamp = stamp.expect("read without a rebuild");
    let reader = store::open_to_read(&name).await.unwrap();
    assert_eq!(store::load_histories(&reader).await.unwrap().1, stamp);
    reader.close();
    // Nothing kept yet; once kept, it is found.
    assert_eq!(store::kept_describes(&db).await.unwrap(), None);
    let cfg = crm::domain::analysis::config::AnalysisConfig::default();
    let fits = describes(stamp.value(), today(), &cfg);
    store::keep_analysis(&db, Which::Now, &fits, &[9])
        .await
        .unwrap();
    store::keep_analysis(&db, Which::Before, &fits, &[8])
        .await
        .unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), Some(fits));
    // The leads' store, new since, works on the upgraded database.
    let lead = crm::domain::lead::Lead::create(
        Id::generate(),
        crm::domain::lead::LeadInput {
            company: "升级后的线索".into(),
            ..Default::default()
        }
        .validate()
        .unwrap(),
        NOW,
    );
    store::save_lead(&db, &lead).await.unwrap();
    assert_eq!(store::all_leads(&db).await.unwrap().len(), 1);
    // The first write since gives the chunk a generation: another stamp.
    let mut c = store::export_all(&db, NOW).await.unwrap().records.customers[0].clone();
    c.notes = "升级后".into();
    store::update_customer(&db, &c).await.unwrap();
    let (_, after) = store::load_summaries_yielding(&db, || std::future::ready(()))
        .await
        .unwrap();
    assert_ne!(after, Some(stamp));
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_written_by_the_release_before_revisions_opens_with_nothing_lost() {
    // Every store of a version 8 database as that release wrote it (40 sample customers
    // written through its storage layer; see tests/fixtures/dump-db.mjs).
    let (name, held) = written_by_release(include_str!("fixtures/db-v8.json"), 8).await;
    let db = store::open(&name, || {}).await.unwrap();
    // Every record is still there.
    for (store_name, n) in &held {
        assert_eq!(raw_count(&name, store_name).await, *n, "{store_name}");
    }
    let rows = summaries(&db).await;
    assert_eq!(rows.len(), 40);
    assert_summaries_match_records(&db).await;
    let everything = store::export_all(&db, NOW).await.unwrap();
    assert_eq!(everything.records.customers.len(), 40);
    assert_eq!(
        everything.records.interactions.len() as u32,
        held.iter().find(|(s, _)| s == "interactions").unwrap().1
    );
    assert!(everything.records.purchases.len() > 40);
    // Written before revisions: each reads as revision 1.
    assert!(everything.records.customers.iter().all(|c| c.rev.0 == 1));
    assert!(everything.records.purchases.iter().all(|p| p.rev.0 == 1));
    assert!(everything.records.interactions.iter().all(|i| i.rev.0 == 1));
    // Each customer's page reads, and an edit is revision 2.
    let mut buyer = None;
    for c in &everything.records.customers {
        let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
        if !d.records.purchases.is_empty() {
            buyer = Some(d);
        }
    }
    let d = buyer.unwrap();
    let mut edited = d.customer.clone();
    edited.notes = "升级后的修改".into();
    store::update_customer(&db, &edited).await.unwrap();
    let p = d.records.purchases[0].clone();
    store::save_purchase(&db, &p).await.unwrap();
    let again = store::load_detail(&db, d.customer.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(again.customer.notes, "升级后的修改");
    assert_eq!(again.customer.rev.0, 2);
    let p_again = again
        .records
        .purchases
        .iter()
        .find(|q| q.id == p.id)
        .unwrap();
    assert_eq!(p_again.rev.0, 2);
    // The open commitments of the old records are still found through their index.
    let open = store::open_commitments(&db).await.unwrap();
    let expected = everything
        .records
        .interactions
        .iter()
        .filter(|i| i.commitment.as_ref().is_some_and(|c| c.is_open()))
        .count();
    assert_eq!(open.len(), expected);
    db.close();
}

#[wasm_bindgen_test]
async fn a_save_from_a_copy_that_fell_behind_writes_nothing_and_returns_the_stored_version() {
    let db = fresh().await;
    let c = customer("两个标签页");
    store::create_customer(&db, &c).await.unwrap();
    // Two tabs read the customer at revision 1; the first saves a new region.
    let opened = store::load_detail(&db, c.id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    let mut first = opened.clone();
    first.region = "江苏 苏州".into();
    store::update_customer(&db, &first).await.unwrap();
    // The second saves its own change from revision 1: refused, with the stored version.
    let mut second = opened.clone();
    second.notes = "第二个标签页的备注".into();
    let Err(AppError::Conflict(found)) = store::update_customer(&db, &second).await else {
        panic!("the stale save went through");
    };
    assert_eq!((found.base_rev, found.theirs_rev()), (1, Some(2)));
    let theirs: crm::domain::customer::Customer = found.theirs().unwrap();
    assert_eq!(theirs.region, "江苏 苏州");
    let stored = store::load_detail(&db, c.id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    assert_eq!(
        (stored.region.as_str(), stored.notes.as_str(), stored.rev.0),
        ("江苏 苏州", "", 2)
    );
    // Merged at the stored revision, it goes through as revision 3 with both changes.
    let mut merged = theirs.clone();
    merged.notes = second.notes.clone();
    store::update_customer(&db, &merged).await.unwrap();
    let stored = store::load_detail(&db, c.id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    assert_eq!((stored.region.as_str(), stored.rev.0), ("江苏 苏州", 3));
    assert_eq!(stored.notes, "第二个标签页的备注");

    // A contact and a purchase (kept in the customer's book) the same way.
    let person = ContactInput {
        name: "王丽".into(),
        ..ContactInput::default()
    }
    .validate(c.id, None, NOW)
    .unwrap();
    store::save_contact(&db, &person).await.unwrap();
    let p = PurchaseInput {
        date: "2026-10-01".into(),
        amount: "100".into(),
        currency: Currency::Cny,
        ..PurchaseInput::default()
    }
    .validate(c.id, None, today(), NOW)
    .unwrap();
    store::save_purchase(&db, &p).await.unwrap();
    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    let (contact, purchase) = (
        d.records.contacts[0].clone(),
        d.records.purchases[0].clone(),
    );
    let mut contact_a = contact.clone();
    contact_a.title = "经理".into();
    store::save_contact(&db, &contact_a).await.unwrap();
    let mut contact_b = contact.clone();
    contact_b.title = "总监".into();
    assert!(matches!(
        store::save_contact(&db, &contact_b).await,
        Err(AppError::Conflict(_))
    ));
    let mut purchase_a = purchase.clone();
    purchase_a.product = "龙井".into();
    store::save_purchase(&db, &purchase_a).await.unwrap();
    let mut purchase_b = purchase.clone();
    purchase_b.product = "碧螺春".into();
    assert!(matches!(
        store::save_purchase(&db, &purchase_b).await,
        Err(AppError::Conflict(_))
    ));
    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(d.records.contacts[0].title, "经理");
    assert_eq!(d.records.purchases[0].product, "龙井");
    // Deleted meanwhile: a conflict with nothing stored, and nothing written.
    store::delete_contact(&db, contact.id).await.unwrap();
    let Err(AppError::Conflict(gone)) = store::save_contact(&db, &contact_b).await else {
        panic!("a save of a deleted contact went through");
    };
    assert!(gone.theirs.is_none());
    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert!(d.records.contacts.is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn every_write_is_a_new_revision_and_every_delete_leaves_a_tombstone() {
    let db = fresh().await;
    let c = customer("版本客户");
    store::create_customer(&db, &c).await.unwrap();
    store::update_customer(&db, &c).await.unwrap();
    let person = ContactInput {
        name: "李四".into(),
        role: BuyingRole::User,
        ..ContactInput::default()
    }
    .validate(c.id, None, NOW)
    .unwrap();
    store::save_contact(&db, &person).await.unwrap();
    store::save_contact(&db, &person).await.unwrap();
    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(d.customer.rev.0, 2, "created, then saved once");
    assert_eq!(d.records.contacts[0].rev.0, 2);
    // Saved from a stale copy (revision 0): still past the stored revision.
    store::save_contact(&db, &person).await.unwrap();
    let d = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert_eq!(d.records.contacts[0].rev.0, 3);
    store::delete_contact(&db, person.id).await.unwrap();
    store::trash(&db, &[c.id], NOW).await.unwrap();
    store::purge(&db, &[c.id]).await.unwrap();
    assert_eq!(raw_count(db.name(), "tombstones").await, 2);
    let everything = store::export_all(&db, NOW).await.unwrap();
    assert!(everything.is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn the_analysis_thread_reads_the_same_histories_as_the_summaries_hold() {
    use crm::domain::analysis::config::AnalysisConfig;
    use crm::domain::analysis::engine::{Models, analyse, analyse_histories};
    use crm::domain::analysis::input::Histories;
    let db = fresh().await;
    // Over two thousand customers: several chunks.
    let loaded = sampled(&db, 11, 2_300).await;
    let trashed: Vec<Id> = loaded.iter().take(5).map(|s| s.id).collect();
    store::trash(&db, &trashed, NOW).await.unwrap();
    // A second connection, as the analysis thread opens it.
    let reader = store::open_to_read(db.name()).await.unwrap();
    let (read, stamp) = store::load_histories(&reader).await.unwrap();
    reader.close();
    let (rows, loaded) = store::load_summaries_yielding(&db, || std::future::ready(()))
        .await
        .unwrap();
    assert_eq!(loaded, Some(stamp), "both read the same chunks");
    let active: Vec<&CustomerSummary> = rows.iter().filter(|r| r.deleted_at.is_none()).collect();
    assert_eq!(active.len(), 2_295, "the trashed customers are left out");
    assert_eq!(read, Histories::of(&active));
    let cfg = AnalysisConfig::default();
    assert_eq!(
        analyse_histories(&read, today(), &cfg, Models::Fit(None)),
        analyse(&active, today(), &cfg, Models::Fit(None))
    );
}

#[wasm_bindgen_test]
async fn the_summaries_stamp_changes_with_every_write_and_only_then() {
    let db = fresh().await;
    let loaded = sampled(&db, 12, 2_300).await;
    let stamp = || async {
        store::load_summaries_yielding(&db, || std::future::ready(()))
            .await
            .unwrap()
            .1
            .expect("read without a rebuild")
    };
    let first = stamp().await;
    assert_eq!(stamp().await, first, "nothing written");
    assert_eq!(
        store::upgrade_outdated_chunks(&db, || std::future::ready(()))
            .await
            .unwrap()
            .0,
        0
    );
    assert_eq!(
        stamp().await,
        first,
        "nothing to upgrade, nothing rewritten"
    );
    // A purchase of one customer rewrites one chunk.
    let input = PurchaseInput {
        date: "2026-11-20".into(),
        amount: "88.00".into(),
        product: "茶叶".into(),
        ..PurchaseInput::default()
    };
    let p = input
        .validate(loaded[1_500].id, None, today(), NOW)
        .unwrap();
    store::save_purchase(&db, &p).await.unwrap();
    let after_purchase = stamp().await;
    assert_ne!(after_purchase, first);
    // Trash, restore: the rows are as before, but they were written: a new stamp.
    store::trash(&db, &[loaded[3].id], NOW).await.unwrap();
    let trashed = stamp().await;
    assert_ne!(trashed, after_purchase);
    store::restore(&db, &[loaded[3].id]).await.unwrap();
    assert_ne!(stamp().await, trashed);
    // A rebuild from the records writes every chunk anew.
    let before_rebuild = stamp().await;
    store::rebuild_summaries(&db).await.unwrap();
    assert_ne!(stamp().await, before_rebuild);
    db.close();
}

#[wasm_bindgen_test]
async fn a_kept_analysis_is_whole_only_when_both_halves_describe_the_same() {
    use crm::domain::analysis::transfer::Which;
    let db = fresh().await;
    assert_eq!(store::kept_describes(&db).await.unwrap(), None);
    assert_eq!(store::kept_analysis(&db, Which::Now).await.unwrap(), None);
    let a = b"summaries A, today, settings".to_vec();
    let b = b"summaries B, today, settings".to_vec();
    store::keep_analysis(&db, Which::Now, &a, &[1, 2, 3])
        .await
        .unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), None, "half");
    assert_eq!(
        store::kept_analysis(&db, Which::Now).await.unwrap(),
        Some((a.clone(), vec![1, 2, 3]))
    );
    store::keep_analysis(&db, Which::Before, &a, &[4, 5])
        .await
        .unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), Some(a.clone()));
    // Read ahead of need, as start-up does: the same bytes.
    let ahead = store::KeptRead::start(&db, Which::Before);
    ahead.arrived().await;
    assert_eq!(ahead.get().await.unwrap(), Some((a.clone(), vec![4, 5])));
    assert_eq!(
        store::KeptRead::start(&db, Which::Now).get().await.unwrap(),
        Some((a.clone(), vec![1, 2, 3]))
    );
    // A newer analysis as of today: the pair is incomplete again until its other half.
    store::keep_analysis(&db, Which::Now, &b, &[6])
        .await
        .unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), None);
    // The other half of an older question does not complete it.
    store::keep_analysis(&db, Which::Before, &a, &[7])
        .await
        .unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), None);
    store::keep_analysis(&db, Which::Before, &b, &[8])
        .await
        .unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), Some(b.clone()));
    // Derived from the data, and gone with it.
    store::delete_all(&db).await.unwrap();
    assert_eq!(store::kept_describes(&db).await.unwrap(), None);
    assert_eq!(
        store::kept_analysis(&db, Which::Before).await.unwrap(),
        None
    );
    assert_eq!(
        store::KeptRead::start(&db, Which::Now).get().await.unwrap(),
        None
    );
    db.close();
}

#[wasm_bindgen_test]
async fn leads_are_saved_refused_when_stale_trashed_restored_backed_up_and_purged() {
    use crm::domain::lead::{DisqualifyReason, Lead, LeadInput, LeadStatus};
    let db = fresh().await;
    let fields = LeadInput {
        name: "王芳".into(),
        company: "西湖茶业".into(),
        phones: vec!["0571-8888 6666".into()],
        ..LeadInput::default()
    }
    .validate()
    .unwrap();
    let lead = Lead::create(Id::generate(), fields, NOW);
    let written = store::save_lead(&db, &lead).await.unwrap();
    assert_eq!(written.rev.0, 1);
    // Two tabs hold revision 1; the first disqualifies it, the second's note is refused.
    let mut first = written.clone();
    first
        .set_status(
            LeadStatus::Disqualified,
            Some(DisqualifyReason::NoBudget),
            NOW,
        )
        .unwrap();
    store::save_lead(&db, &first).await.unwrap();
    let mut second = written.clone();
    second.notes = "第二个标签页".into();
    let Err(AppError::Conflict(found)) = store::save_lead(&db, &second).await else {
        panic!("the stale save went through");
    };
    assert_eq!((found.base_rev, found.theirs_rev()), (1, Some(2)));
    let stored = store::all_leads(&db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, LeadStatus::Disqualified);
    assert_eq!(stored[0].notes, "");

    // The trash and back, each a new revision.
    let trashed = store::set_leads_trashed(&db, &[lead.id], Some(NOW))
        .await
        .unwrap();
    assert_eq!((trashed[0].deleted_at, trashed[0].rev.0), (Some(NOW), 3));
    store::set_leads_trashed(&db, &[lead.id], None)
        .await
        .unwrap();
    assert_eq!(store::all_leads(&db).await.unwrap()[0].deleted_at, None);
    // A lead that is not there fails the whole change.
    assert!(matches!(
        store::set_leads_trashed(&db, &[lead.id, Id::generate()], Some(NOW)).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(store::all_leads(&db).await.unwrap()[0].deleted_at, None);

    // In a backup, and back from it into an empty database.
    let backup = store::export_all(&db, NOW).await.unwrap();
    assert_eq!(backup.records.leads, store::all_leads(&db).await.unwrap());
    let other = fresh().await;
    store::restore_replace(&other, &backup).await.unwrap();
    assert_eq!(
        store::all_leads(&other).await.unwrap(),
        backup.records.leads
    );
    other.close();

    // Deleted for good with its interactions: gone, with tombstones left in their place.
    let note = InteractionInput {
        at: "2026-11-20T10:00".into(),
        summary: "寄出样品".into(),
        ..InteractionInput::default()
    }
    .validate(lead.id, None, NOW, 480)
    .unwrap();
    store::save_lead_interaction(&db, &crm::domain::lead::activity::LeadInteraction(note))
        .await
        .unwrap();
    let backup = store::export_all(&db, NOW).await.unwrap();
    assert_eq!(backup.records.lead_interactions.len(), 1);
    store::purge_leads(&db, &[lead.id]).await.unwrap();
    assert!(store::all_leads(&db).await.unwrap().is_empty());
    assert!(store::all_lead_interactions(&db).await.unwrap().is_empty());
    assert_eq!(raw_count(db.name(), "tombstones").await, 2);
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn leads_are_counted_against_customers_contacts_and_each_other_leaving_the_trash_out() {
    use crm::domain::lead::{Lead, LeadInput};
    let db = fresh().await;
    let mut firm = customer("华星贸易有限公司");
    firm.phones = vec!["021-6234 5678".into()];
    let mut gone = customer("李娜");
    gone.phones = vec!["139 0000 1111".into()];
    store::create_customer(&db, &firm).await.unwrap();
    store::create_customer(&db, &gone).await.unwrap();
    store::trash(&db, &[gone.id], NOW).await.unwrap();
    let person = ContactInput {
        name: "张伟".into(),
        emails: vec!["ZW@huaxing.cn".into()],
        ..ContactInput::default()
    }
    .validate(firm.id, None, NOW)
    .unwrap();
    store::save_contact(&db, &person).await.unwrap();
    let lead = |name: &str, company: &str, phones: &[&str], emails: &[&str]| {
        let fields = LeadInput {
            name: name.into(),
            company: company.into(),
            phones: phones.iter().map(|p| p.to_string()).collect(),
            emails: emails.iter().map(|e| e.to_string()).collect(),
            ..LeadInput::default()
        }
        .validate()
        .unwrap();
        Lead::create(Id::generate(), fields, NOW)
    };
    // The contact person's card; two leads sharing a number (the customer with it is in the
    // trash); a lead in the trash with that number too; a stranger.
    let card = lead("Zhang Wei", "Huaxing Trading", &[], &["zw@huaxing.cn"]);
    let first = lead("李娜", "", &["13900001111"], &[]);
    let second = lead("Caller", "", &["139-0000-1111"], &[]);
    let trashed = lead("王芳", "", &["13900001111"], &[]);
    let stranger = lead("赵六", "", &["13700000000"], &[]);
    for l in [&card, &first, &second, &trashed, &stranger] {
        store::save_lead(&db, l).await.unwrap();
    }
    store::set_leads_trashed(&db, &[trashed.id], Some(NOW))
        .await
        .unwrap();
    let pauses = Rc::new(Cell::new(0));
    let counted = pauses.clone();
    let mut counts = store::lead_match_counts(&db, move || {
        counted.set(counted.get() + 1);
        std::future::ready(())
    })
    .await
    .unwrap();
    counts.sort();
    let mut expected = vec![(card.id, 1), (first.id, 1), (second.id, 1)];
    expected.sort();
    assert_eq!(counts, expected);
    assert!(pauses.get() >= 4, "a pause after every step");
    db.close();
}

#[wasm_bindgen_test]
async fn the_sample_brings_leads_some_of_them_people_its_customers_employ() {
    let db = fresh().await;
    sampled(&db, 11, 50).await;
    let leads = store::all_leads(&db).await.unwrap();
    assert_eq!(leads.len(), 25, "a lead for every two customers");
    assert!(leads.iter().all(|l| l.rev.0 == 1));
    db.close();
}

#[wasm_bindgen_test]
async fn converting_a_lead_is_one_transaction_and_a_stale_lead_changes_nothing() {
    use crm::domain::lead::activity::LeadInteraction;
    use crm::domain::lead::convert::{ConvertInto, Person, convert};
    use crm::domain::lead::{Lead, LeadInput, LeadStatus};
    let db = fresh().await;
    let fields = LeadInput {
        name: "张伟".into(),
        company: "华星贸易".into(),
        title: "采购经理".into(),
        phones: vec!["138 0013 8000".into()],
        ..LeadInput::default()
    }
    .validate()
    .unwrap();
    let lead = store::save_lead(&db, &Lead::create(Id::generate(), fields, NOW))
        .await
        .unwrap();
    // Another tab edits the lead: this tab's copy is stale, and its conversion fails after
    // the customer and contact were added in the transaction — which leaves none of them.
    let mut other = lead.clone();
    other.notes = "另一个标签页".into();
    store::save_lead(&db, &other).await.unwrap();
    let stale = convert(&lead, ConvertInto::NewCustomer, NOW, today()).unwrap();
    assert!(matches!(
        store::convert_lead(&db, &stale).await,
        Err(AppError::Conflict(_))
    ));
    assert!(summaries(&db).await.is_empty());
    assert_eq!(raw_count(db.name(), "contacts").await, 0);
    let stored = store::all_leads(&db).await.unwrap();
    assert_eq!(stored[0].status, LeadStatus::New);

    // A call with a promise logged on the lead.
    let call = InteractionInput {
        at: "2026-11-20T10:00".into(),
        channel: Channel::Call,
        summary: "电话沟通需求".into(),
        commitment_text: "发送报价".into(),
        commitment_due: "2026-12-01".into(),
        ..InteractionInput::default()
    }
    .validate(lead.id, None, NOW, 480)
    .unwrap();
    let logged = store::save_lead_interaction(&db, &LeadInteraction(call))
        .await
        .unwrap();
    assert_eq!(store::open_lead_commitments(&db).await.unwrap().len(), 1);
    assert_eq!(
        store::lead_interactions(&db, lead.id).await.unwrap().len(),
        1
    );

    // From the current copy: the customer, its contact person and the converted lead; the
    // call moves onto the customer's timeline, with the new contact person as whom.
    let fresh_copy = stored[0].clone();
    let done = convert(&fresh_copy, ConvertInto::NewCustomer, NOW, today()).unwrap();
    let (written, summary) = store::convert_lead(&db, &done).await.unwrap();
    assert_eq!(written.status, LeadStatus::Converted);
    let customer = done.customer.as_ref().unwrap();
    assert_eq!(summary.id, customer.id);
    assert_eq!(summary.name, "华星贸易");
    let detail = store::load_detail(&db, customer.id).await.unwrap().unwrap();
    assert_eq!(detail.records.contacts.len(), 1);
    assert_eq!(detail.records.contacts[0].name, "张伟");
    assert_eq!(detail.records.interactions.len(), 1);
    let moved = &detail.records.interactions[0];
    assert_eq!(
        (moved.id, moved.summary.as_str(), moved.contact_id),
        (
            logged.0.id,
            "电话沟通需求",
            Some(detail.records.contacts[0].id)
        )
    );
    assert!(
        store::lead_interactions(&db, lead.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store::open_lead_commitments(&db).await.unwrap().is_empty());
    assert_eq!(summary.activity.open_commitments, 1);
    assert_summaries_match_records(&db).await;

    // A second lead into that customer, as a new contact there; into a customer in the
    // trash, nothing.
    let second = store::save_lead(
        &db,
        &Lead::create(
            Id::generate(),
            LeadInput {
                name: "李娜".into(),
                ..LeadInput::default()
            }
            .validate()
            .unwrap(),
            NOW,
        ),
    )
    .await
    .unwrap();
    let into = ConvertInto::Customer {
        customer: customer.id,
        person: Person::NewContact,
    };
    store::trash(&db, &[customer.id], NOW).await.unwrap();
    let c = convert(&second, into, NOW, today()).unwrap();
    assert!(matches!(
        store::convert_lead(&db, &c).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(raw_count(db.name(), "contacts").await, 1);
    store::restore(&db, &[customer.id]).await.unwrap();
    store::convert_lead(&db, &c).await.unwrap();
    let detail = store::load_detail(&db, customer.id).await.unwrap().unwrap();
    assert_eq!(detail.records.contacts.len(), 2);
    assert_summaries_match_records(&db).await;
    assert_packs_match_records(&db).await;
    db.close();
}

/// A deal on `customer` worth `amount` yuan, in the first stage.
fn deal_on(customer: Id, amount: &str) -> crm::domain::opportunity::Opportunity {
    use crm::domain::opportunity::stage::Pipeline;
    use crm::domain::opportunity::{Opportunity, OpportunityInput};
    let fields = OpportunityInput {
        customer_id: Some(customer),
        name: "年度包装材料采购".into(),
        amount: amount.into(),
        close_date: "2026-12-20".into(),
        next_step: "发送正式报价".into(),
        next_step_due: "2026-11-25".into(),
        ..OpportunityInput::default()
    }
    .validate()
    .unwrap();
    Opportunity::create(
        Id::generate(),
        fields,
        Pipeline::default().first().id.clone(),
        None,
        NOW,
    )
}

#[wasm_bindgen_test]
async fn a_won_deal_and_its_purchase_are_one_write_and_the_customer_counts_it() {
    use crm::domain::opportunity::stage::{Pipeline, StageId};
    let db = fresh().await;
    let (a, b) = two_customers(&db).await;
    let p = Pipeline::default();
    // The stages are the defaults until the team edits them.
    assert_eq!(store::pipeline(&db).await.unwrap(), p);
    let deal = store::save_opportunity(&db, &deal_on(a.id, "120000.50"))
        .await
        .unwrap();
    assert_eq!(deal.rev.0, 1);
    // Its next step is among the open promises, found through the index.
    let steps = store::open_deal_steps(&db).await.unwrap();
    assert_eq!(
        steps.iter().map(|o| o.id).collect::<Vec<_>>(),
        vec![deal.id]
    );
    // A move on the board is one new revision.
    let mut moved = deal.clone();
    moved
        .move_to(&StageId("proposal".into()), &p, None, NOW)
        .unwrap();
    let moved = store::save_opportunity(&db, &moved).await.unwrap();
    assert_eq!(moved.rev.0, 2);

    // Won with the purchase that books it: both written, the summary counts the sale.
    let before = summaries(&db)
        .await
        .into_iter()
        .find(|s| s.id == a.id)
        .unwrap();
    let mut won = moved.clone();
    let pid = Id::generate();
    won.win(&p, today(), Some(pid), None, NOW);
    let purchase = won.purchase(pid, today(), NOW);
    let (written, summary) = store::win_opportunity(&db, &won, Some(&purchase))
        .await
        .unwrap();
    assert_eq!(written.stage, StageId::won());
    let summary = summary.unwrap();
    assert_eq!(
        summary.activity.purchase_count,
        before.activity.purchase_count + 1
    );
    let detail = store::load_detail(&db, a.id).await.unwrap().unwrap();
    assert!(
        detail
            .records
            .purchases
            .iter()
            .any(|x| x.id == pid && x.amount == deal.amount)
    );
    assert_eq!(detail.records.opportunities, vec![written.clone()]);
    // A won deal has no open next step left.
    assert!(store::open_deal_steps(&db).await.unwrap().is_empty());
    assert_summaries_match_records(&db).await;

    // A stale copy (a second tab still at revision 2) wins nothing and books nothing.
    let mut stale = moved.clone();
    let pid2 = Id::generate();
    stale.win(&p, today(), Some(pid2), None, NOW);
    let booked = stale.purchase(pid2, today(), NOW);
    assert!(matches!(
        store::win_opportunity(&db, &stale, Some(&booked)).await,
        Err(AppError::Conflict(_))
    ));
    let detail = store::load_detail(&db, a.id).await.unwrap().unwrap();
    assert!(
        !detail.records.purchases.iter().any(|x| x.id == pid2),
        "no purchase without the win"
    );
    assert_eq!(detail.records.opportunities[0].rev.0, 3);

    // A deal for a customer in the trash is refused, and nothing is written.
    store::trash(&db, &[b.id], NOW).await.unwrap();
    assert!(matches!(
        store::save_opportunity(&db, &deal_on(b.id, "10")).await,
        Err(AppError::NotFound)
    ));
    assert_eq!(store::all_opportunities(&db).await.unwrap().len(), 1);
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn deals_go_to_the_trash_into_backups_and_with_their_customer() {
    let db = fresh().await;
    let (a, b) = two_customers(&db).await;
    let first = store::save_opportunity(&db, &deal_on(a.id, "5000"))
        .await
        .unwrap();
    let second = store::save_opportunity(&db, &deal_on(b.id, "800"))
        .await
        .unwrap();
    // The trash and back, each a new revision; a missing deal fails the whole change.
    let trashed = store::set_opportunities_trashed(&db, &[first.id], Some(NOW))
        .await
        .unwrap();
    assert_eq!((trashed[0].deleted_at, trashed[0].rev.0), (Some(NOW), 2));
    assert!(matches!(
        store::set_opportunities_trashed(&db, &[second.id, Id::generate()], Some(NOW)).await,
        Err(AppError::NotFound)
    ));
    let all = store::all_opportunities(&db).await.unwrap();
    assert!(
        all.iter()
            .any(|o| o.id == second.id && o.deleted_at.is_none())
    );
    // Edited stages are one record, and travel with the backup.
    let p = store::pipeline(&db).await.unwrap();
    let mut open: Vec<_> = p.open_stages().cloned().collect();
    open[0].name = "电话初访".into();
    let edited = p.edited(open, "", "", 21, |_| 0, NOW).unwrap();
    store::save_pipeline(&db, &edited).await.unwrap();
    let backup = store::export_all(&db, NOW).await.unwrap();
    assert_eq!(backup.records.opportunities.len(), 2);
    assert_eq!(backup.records.pipelines.len(), 1);
    let other = fresh().await;
    store::restore_replace(&other, &backup).await.unwrap();
    let mut back = store::all_opportunities(&other).await.unwrap();
    back.sort_by_key(|o| o.id);
    let mut kept = backup.records.opportunities.clone();
    kept.sort_by_key(|o| o.id);
    assert_eq!(back, kept);
    let restored = store::pipeline(&other).await.unwrap();
    assert_eq!(
        (restored.stages[0].name.as_str(), restored.stale_days),
        ("电话初访", 21)
    );
    other.close();
    // Deleted for good: a deal alone, or with its customer.
    store::purge_opportunities(&db, &[first.id]).await.unwrap();
    store::trash(&db, &[b.id], NOW).await.unwrap();
    store::purge(&db, &[b.id]).await.unwrap();
    assert!(store::all_opportunities(&db).await.unwrap().is_empty());
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_of_schema_12_opens_with_nothing_lost_and_takes_deals() {
    // Every store of a version 12 database as that release wrote it (40 sample customers,
    // with leads and their interactions).
    let (name, held) = written_by_release(include_str!("fixtures/db-v12.json"), 12).await;
    let db = store::open(&name, || {}).await.unwrap();
    for (store_name, n) in &held {
        assert_eq!(raw_count(&name, store_name).await, *n, "{store_name}");
    }
    assert_summaries_match_records(&db).await;
    assert_eq!(store::all_leads(&db).await.unwrap().len(), 8);
    assert_eq!(store::all_lead_interactions(&db).await.unwrap().len(), 10);
    // The new stores work on the upgraded database.
    let c = store::export_all(&db, NOW).await.unwrap().records.customers[0].clone();
    store::save_opportunity(&db, &deal_on(c.id, "9999.99"))
        .await
        .unwrap();
    assert_eq!(store::all_opportunities(&db).await.unwrap().len(), 1);
    assert_eq!(store::open_deal_steps(&db).await.unwrap().len(), 1);
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_database_of_schema_14_opens_with_nothing_lost_and_takes_products_and_quotes() {
    use crm::domain::product::ProductInput;
    use crm::domain::quote::{LineInput, LinePrice, QuoteInput};
    // Every store of a version 14 database as that release wrote it (40 sample customers,
    // leads, their interactions and deals, with their packs).
    let (name, held) = written_by_release(include_str!("fixtures/db-v14.json"), 14).await;
    let db = store::open(&name, || {}).await.unwrap();
    for (store_name, n) in &held {
        assert_eq!(raw_count(&name, store_name).await, *n, "{store_name}");
    }
    assert_summaries_match_records(&db).await;
    assert_eq!(store::all_leads(&db).await.unwrap().len(), 20);
    assert_eq!(store::all_opportunities(&db).await.unwrap().len(), 8);
    // The new stores work on the upgraded database.
    assert!(store::all_products(&db).await.unwrap().is_empty());
    let product = ProductInput {
        code: "BX-01".into(),
        name_zh: "五层纸箱".into(),
        unit: "个".into(),
        list_price: "8.50".into(),
        tax_rate: "13".into(),
        active: true,
        ..ProductInput::default()
    }
    .validate(|_| false)
    .unwrap()
    .into_product(NOW);
    let product = store::save_product(&db, &product).await.unwrap();
    let c = store::export_all(&db, NOW).await.unwrap().records.customers[0].clone();
    let products = [product.clone()];
    let quote = QuoteInput {
        customer_id: Some(c.id),
        lines: vec![LineInput {
            product_id: Some(product.id),
            quantity: "10".into(),
            ..LineInput::default()
        }],
        valid_until: "2026-12-31".into(),
        ..QuoteInput::default()
    }
    .validate(
        |id| products.iter().find(|p| p.id == id),
        |p| (p.list_price.amount, LinePrice::List),
    )
    .unwrap()
    .into_quote("QT-20261123-001".into(), None, NOW);
    store::save_quote(&db, &quote).await.unwrap();
    assert_eq!(store::quotes_of(&db, c.id).await.unwrap().len(), 1);
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_handover_moves_everything_in_one_write_and_keeps_the_history() {
    use crm::domain::complaint::ComplaintInput;
    use crm::domain::handover::{Held, Split, plan};
    use crm::domain::lead::activity::LeadInteraction;
    use crm::domain::lead::{Lead, LeadInput};
    let db = fresh().await;
    let leaving = TeamMember::from_input("王芳", MemberRole::SalesRep, None, NOW).unwrap();
    let taking = TeamMember::from_input("李强", MemberRole::SalesRep, None, NOW).unwrap();
    store::save_member(&db, &leaving).await.unwrap();
    store::save_member(&db, &taking).await.unwrap();
    let (a, b) = two_customers(&db).await;
    store::assign_owner(&db, &[a.id, b.id], Some(leaving.id), NOW)
        .await
        .unwrap();
    // A promise she made on a, an open deal of hers on b, a lead of hers with a promise, and
    // an open complaint she handles on a.
    let promise = InteractionInput {
        at: "2026-11-20T10:00".into(),
        channel: Channel::Call,
        member_id: Some(leaving.id),
        summary: "电话回访".into(),
        commitment_text: "周五前寄样品".into(),
        commitment_due: "2026-12-05".into(),
        ..InteractionInput::default()
    }
    .validate(a.id, None, NOW, 480)
    .unwrap();
    store::save_interaction(&db, &promise).await.unwrap();
    let mut deal = deal_on(b.id, "80000");
    deal.set_owner(Some(leaving.id), NOW);
    let deal = store::save_opportunity(&db, &deal).await.unwrap();
    let lead = Lead::create(
        Id::generate(),
        LeadInput {
            name: "赵敏".into(),
            region: "浙江 杭州".into(),
            owner_id: Some(leaving.id),
            ..LeadInput::default()
        }
        .validate()
        .unwrap(),
        NOW,
    );
    let lead = store::save_lead(&db, &lead).await.unwrap();
    let lead_call = InteractionInput {
        at: "2026-11-21T10:00".into(),
        member_id: Some(leaving.id),
        summary: "初次联系".into(),
        commitment_text: "发资料".into(),
        commitment_due: "2026-12-04".into(),
        ..InteractionInput::default()
    }
    .validate(lead.id, None, NOW, 480)
    .unwrap();
    store::save_lead_interaction(&db, &LeadInteraction(lead_call.clone()))
        .await
        .unwrap();
    let complaint = ComplaintInput {
        received_at: "2026-11-22T09:00".into(),
        description: "包装破损".into(),
        owner_id: Some(leaving.id),
        ..ComplaintInput::default()
    }
    .validate(a.id, None, NOW, 480)
    .unwrap();
    store::save_complaint(&db, &complaint).await.unwrap();

    let held = store::holdings(&db, leaving.id, |_| String::new())
        .await
        .unwrap();
    let counts: Vec<usize> = Held::ALL.iter().map(|k| held.count(*k)).collect();
    assert_eq!(counts, vec![2, 1, 1, 1, 1, 1]);
    let active = [leaving.id, taking.id];
    let p = plan(&held, &Split::To(taking.id), leaving.id, &active).unwrap();
    let before = summaries(&db).await;

    // A failure part-way (the complaint cannot be read back) leaves everything as it was,
    // though the customers, lead, deal and promises were already rewritten in the write.
    let broken = to_js(&complaint);
    js_sys::Reflect::set(&broken, &"status".into(), &"???".into()).unwrap();
    raw_put(db.name(), store::DB_VERSION, "complaints", broken).await;
    assert!(
        store::hand_over(&db, leaving.id, &p, NOW, |_| {})
            .await
            .is_err()
    );
    assert_eq!(summaries(&db).await, before);
    let still = store::opportunity(&db, deal.id).await.unwrap().unwrap();
    assert_eq!((still.owner_id, still.rev), (Some(leaving.id), deal.rev));
    assert_eq!(
        store::all_leads(&db).await.unwrap()[0].owner_id,
        Some(leaving.id)
    );

    // Repaired, it goes through, reporting progress up to every move.
    raw_put(
        db.name(),
        store::DB_VERSION,
        "complaints",
        to_js(&complaint),
    )
    .await;
    let seen = Rc::new(Cell::new(0));
    let heard = seen.clone();
    let later = Timestamp(NOW.0 + 3_600_000);
    let a_before = store::load_detail(&db, a.id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    let done = store::hand_over(&db, leaving.id, &p, later, move |n| heard.set(n))
        .await
        .unwrap();
    assert_eq!((done.moved, done.skipped), (7, 0));
    assert!(done.summaries.iter().all(|s| s.owner_id == Some(taking.id)));
    assert_eq!(done.summaries.len(), 2);
    assert_eq!(seen.get(), 7);
    assert!(
        store::holdings(&db, leaving.id, |_| String::new())
            .await
            .unwrap()
            .items
            .is_empty()
    );
    // Everything is his now, and the history still says who had it and who did what.
    let detail = store::load_detail(&db, a.id).await.unwrap().unwrap();
    assert_eq!(detail.customer.owner_id, Some(taking.id));
    // Stored as the customer read before with only the handover's change and a new revision.
    let mut expected = a_before.clone();
    assert!(expected.set_owner(Some(taking.id), later));
    expected.rev = crm::domain::record::Rev::after(a_before.rev, None);
    assert_eq!(detail.customer, expected);
    let owners: Vec<(Option<Id>, Timestamp)> = detail
        .customer
        .ownership()
        .iter()
        .map(|w| (w.owner_id, w.from))
        .collect();
    assert_eq!(
        owners,
        // Given to her when it was created, so her time starts then.
        vec![(Some(leaving.id), a.created_at), (Some(taking.id), later)]
    );
    let kept = &detail.records.interactions[0];
    assert_eq!(
        kept.member_id,
        Some(leaving.id),
        "who made the promise stays"
    );
    assert_eq!(kept.keeper(), Some(taking.id));
    assert_eq!(detail.records.complaints[0].owner_id, Some(taking.id));
    let d = store::opportunity(&db, deal.id).await.unwrap().unwrap();
    assert_eq!(d.owner_id, Some(taking.id));
    assert_eq!(d.history, deal.history, "the stage history is untouched");
    assert_eq!(
        d.owners.iter().map(|w| w.owner_id).collect::<Vec<_>>(),
        vec![None, Some(leaving.id), Some(taking.id)]
    );
    let l = &store::all_leads(&db).await.unwrap()[0];
    assert_eq!(l.owner_id, Some(taking.id));
    let calls = store::lead_interactions(&db, lead.id).await.unwrap();
    assert_eq!(calls[0].0.keeper(), Some(taking.id));
    assert!(
        summaries(&db)
            .await
            .iter()
            .all(|s| s.owner_id == Some(taking.id))
    );
    assert_summaries_match_records(&db).await;
    assert_packs_match_records(&db).await;
}

/// The key of an entry of the packed store.
#[derive(serde::Deserialize)]
struct PackedKey {
    k: String,
}

#[wasm_bindgen_test]
async fn the_packs_follow_every_write_and_are_made_again_when_they_cannot_be_trusted() {
    use crm::domain::lead::{Lead, LeadInput};
    let db = fresh().await;
    sampled(&db, 5, 200).await;
    // The first read makes the packs from the records; later reads use them.
    assert_packs_match_records(&db).await;
    let packed: Vec<PackedKey> = raw_all(db.name(), "packed").await;
    let keys: Vec<&str> = packed.iter().map(|p| p.k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "lead_interactions/base",
            "leads/base",
            "opportunities/base",
            "products/base",
            "quotes/base"
        ]
    );

    // A few edits are marked and read in from the records.
    let mut leads = store::all_leads(&db).await.unwrap();
    leads[0].notes = "改过".into();
    store::save_lead(&db, &leads[0]).await.unwrap();
    let fields = LeadInput {
        name: "新线索".into(),
        ..LeadInput::default()
    }
    .validate()
    .unwrap();
    store::save_lead(&db, &Lead::create(Id::generate(), fields, NOW))
        .await
        .unwrap();
    store::purge_leads(&db, &[leads[1].id]).await.unwrap();
    let marks = |p: &[PackedKey]| p.iter().filter(|p| p.k.starts_with("leads/d/")).count();
    assert_eq!(marks(&raw_all(db.name(), "packed").await), 3);
    assert_packs_match_records(&db).await;
    let read = store::all_leads(&db).await.unwrap();
    assert_eq!(
        read.iter().find(|l| l.id == leads[0].id).unwrap().notes,
        "改过"
    );
    assert!(read.iter().all(|l| l.id != leads[1].id));
    assert!(read.windows(2).all(|w| w[0].id < w[1].id), "in key order");

    // Many edits: the read packs again and drops the marks.
    for l in store::all_leads(&db).await.unwrap().iter_mut().take(70) {
        l.campaign = "再次联系".into();
        store::save_lead(&db, l).await.unwrap();
    }
    assert!(marks(&raw_all(db.name(), "packed").await) >= 70);
    assert_packs_match_records(&db).await;
    assert_eq!(marks(&raw_all(db.name(), "packed").await), 0);

    // A pack of another layout, or damaged, is made again from the records.
    let foreign = js_sys::Object::new();
    js_sys::Reflect::set(&foreign, &"k".into(), &"leads/base".into()).unwrap();
    js_sys::Reflect::set(&foreign, &"format".into(), &1.0.into()).unwrap();
    js_sys::Reflect::set(
        &foreign,
        &"data".into(),
        &js_sys::Uint8Array::new_with_length(3),
    )
    .unwrap();
    db.close();
    raw_put(db.name(), store::DB_VERSION, "packed", foreign.into()).await;
    let db = store::open(db.name(), || {}).await.unwrap();
    assert_packs_match_records(&db).await;
    // A record written behind the app's back (no mark) shows in the count and is read in.
    let mut extra = store::all_leads(&db).await.unwrap()[0].clone();
    extra.id = Id::generate();
    db.close();
    raw_put(
        db.name(),
        store::DB_VERSION,
        "leads",
        serde_wasm_bindgen::to_value(&extra).unwrap(),
    )
    .await;
    let db = store::open(db.name(), || {}).await.unwrap();
    assert!(
        store::all_leads(&db)
            .await
            .unwrap()
            .iter()
            .any(|l| l.id == extra.id)
    );
    assert_packs_match_records(&db).await;

    // Emptied with the rest: nothing left of the packs, and new records read correctly.
    store::delete_all(&db).await.unwrap();
    assert!(store::all_leads(&db).await.unwrap().is_empty());
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_read_started_at_start_up_gives_what_a_read_then_gives() {
    use crm::domain::kinds::RecordKind;
    use crm::domain::record::Record;
    let revs = |r: &[crm::domain::lead::Lead]| -> Vec<(String, u32)> {
        r.iter().map(|r| (r.key(), r.rev().0)).collect()
    };
    let db = fresh().await;
    sampled(&db, 5, 200).await;
    assert_packs_match_records(&db).await;
    // Marked records (an edit, a purge) are read in from the same transaction as the pack.
    let mut leads = store::all_leads(&db).await.unwrap();
    leads[0].notes = "早读".into();
    store::save_lead(&db, &leads[0]).await.unwrap();
    store::purge_leads(&db, &[leads[1].id]).await.unwrap();
    let early = store::EarlyRead::start(&db, RecordKind::Lead).expect("leads are read packed");
    let read = store::all_leads_early(&db, Some(early)).await.unwrap();
    let again = store::all_leads(&db).await.unwrap();
    assert_eq!((&read, revs(&read)), (&again, revs(&again)));
    assert_eq!(
        read.iter().find(|l| l.id == leads[0].id).unwrap().notes,
        "早读"
    );
    assert!(read.iter().all(|l| l.id != leads[1].id));
    // Without a read started ahead, the same.
    let late = store::all_leads_early(&db, None).await;
    assert_eq!(late.unwrap(), again);
    // A read of another kind, or of a kind not read packed, is not used.
    let other = store::EarlyRead::start(&db, RecordKind::Opportunity);
    assert_eq!(store::all_leads_early(&db, other).await.unwrap(), again);
    assert!(store::EarlyRead::start(&db, RecordKind::Customer).is_none());
    // Many marks: the pack is written again, as by a read then.
    for l in again.iter().take(70) {
        let mut l = l.clone();
        l.campaign = "早读".into();
        store::save_lead(&db, &l).await.unwrap();
    }
    let early = store::EarlyRead::start(&db, RecordKind::Lead);
    let read = store::all_leads_early(&db, early).await.unwrap();
    assert_eq!(read.iter().filter(|l| l.campaign == "早读").count(), 70);
    let packed: Vec<PackedKey> = raw_all(db.name(), "packed").await;
    assert!(packed.iter().all(|p| !p.k.starts_with("leads/d/")));
    assert_packs_match_records(&db).await;
    // A pack that cannot be trusted (a record written behind the app's back) is made again.
    let mut extra = read[0].clone();
    extra.id = Id::generate();
    db.close();
    raw_put(
        db.name(),
        store::DB_VERSION,
        "leads",
        serde_wasm_bindgen::to_value(&extra).unwrap(),
    )
    .await;
    let db = store::open(db.name(), || {}).await.unwrap();
    let early = store::EarlyRead::start(&db, RecordKind::Lead);
    let read = store::all_leads_early(&db, early).await.unwrap();
    assert!(read.iter().any(|l| l.id == extra.id));
    assert_packs_match_records(&db).await;
    db.close();
}
