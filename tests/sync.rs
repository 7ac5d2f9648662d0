//! Team sync against a real CouchDB-protocol server (PouchDB Server in memory, started by
//! `scripts/test.sh` on 127.0.0.1; its address comes in `CRM_SYNC_SERVER` at build time).
//! Two databases in this browser stand for two members' devices.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    NOW, assert_summaries_match_records, customer, fresh, raw_count, summaries, today,
    written_by_release,
};
use crm::domain::contact::ContactInput;
use crm::domain::id::Id;
use crm::domain::money::Currency;
use crm::domain::purchase::PurchaseInput;
use crm::domain::sync::protocol::ServerAddress;
use crm::store::sync::{self, Report, Server};
use crm::store::{self, Db};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database of its own on the test server, empty.
async fn team_database() -> Server {
    // Read at build time, and checked only here, so that the other test files build and
    // run without the server.
    let Some(base) = option_env!("CRM_SYNC_SERVER") else {
        panic!(
            "CRM_SYNC_SERVER is not set: run the tests with scripts/test.sh, which starts the \
             sync server (or start it with `node scripts/sync-server.mjs` and set it yourself)"
        );
    };
    let name = format!("team-{}", Id::generate().to_string().to_lowercase());
    let address = ServerAddress::parse(&format!("{base}/{name}")).unwrap();
    let server = Server::new(address, "", "");
    server.create_database().await.unwrap();
    server
}

/// A member's device: a database of its own with sync on.
async fn device() -> (Db, String) {
    let db = fresh().await;
    sync::enable(&db).await.unwrap();
    let id = format!("device-{}", db.name());
    (db, id)
}

async fn sync(db: &Db, device: &str, server: &Server) -> Report {
    sync::sync_once(db, server, device, &|_| {}).await.unwrap()
}

fn purchase(customer: Id, date: &str, amount: &str) -> crm::domain::purchase::Purchase {
    PurchaseInput {
        date: date.into(),
        amount: amount.into(),
        currency: Currency::Cny,
        ..PurchaseInput::default()
    }
    .validate(customer, None, today(), NOW)
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_customer_with_contact_and_purchases_made_on_one_device_reaches_the_other_with_its_summary()
 {
    let server = team_database().await;
    let (a, da) = device().await;
    let (b, db_) = device().await;

    let c = customer("远东机械");
    store::create_customer(&a, &c).await.unwrap();
    let person = ContactInput {
        name: "李娜".into(),
        ..ContactInput::default()
    }
    .validate(c.id, None, NOW)
    .unwrap();
    store::save_contact(&a, &person).await.unwrap();
    store::save_purchase(&a, &purchase(c.id, "2026-10-01", "1000.50"))
        .await
        .unwrap();
    store::save_purchase(&a, &purchase(c.id, "2026-11-01", "499.50"))
        .await
        .unwrap();
    assert_eq!(
        sync::waiting_to_send(&a).await.unwrap(),
        3,
        "customer, contact, book"
    );

    let up = sync(&a, &da, &server).await;
    assert_eq!(up.sent, 3, "{up:?}");
    assert_eq!(sync::waiting_to_send(&a).await.unwrap(), 0);

    let down = sync(&b, &db_, &server).await;
    assert_eq!(down.received, 3, "{down:?}");
    assert!(down.skipped.is_empty(), "{down:?}");
    assert_eq!(down.touched, vec![c.id]);
    let on_b = summaries(&b).await;
    assert_eq!(on_b.len(), 1);
    assert_eq!(on_b[0].name, "远东机械");
    assert_eq!(on_b[0].contact_names.to_vec(), vec!["李娜"]);
    assert_eq!(on_b[0].activity.purchase_count, 2);
    assert_summaries_match_records(&b).await;
    // What came down is not sent back up, and a second sync on either side does nothing.
    assert_eq!(sync::waiting_to_send(&b).await.unwrap(), 0);
    let again = sync(&b, &db_, &server).await;
    assert_eq!((again.sent, again.received), (0, 0), "{again:?}");
    let again = sync(&a, &da, &server).await;
    assert_eq!((again.sent, again.received), (0, 0), "{again:?}");
}

/// The customer `id` as stored on `db`.
async fn stored_customer(db: &Db, id: Id) -> crm::domain::customer::Customer {
    store::load_detail(db, id).await.unwrap().unwrap().customer
}

/// Sets the first phone of customer `id` on `db`, as the edit form would.
async fn set_phone(db: &Db, id: Id, phone: &str) {
    let mut c = stored_customer(db, id).await;
    c.phones = vec![phone.into()];
    c.updated_at = crm::domain::time::Timestamp(c.updated_at.0 + 1);
    store::update_customer(db, &c).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_edit_travels_and_two_edits_at_once_become_one_listed_conflict_that_a_resolution_ends_everywhere()
 {
    let server = team_database().await;
    let (a, da) = device().await;
    let (b, db_) = device().await;
    let c = customer("华南电子");
    store::create_customer(&a, &c).await.unwrap();
    sync(&a, &da, &server).await;
    sync(&b, &db_, &server).await;

    // One edit on B reaches A, at A's next local revision.
    let rev_on_a = stored_customer(&a, c.id).await.rev.0;
    set_phone(&b, c.id, "13900000000").await;
    assert_eq!(sync(&b, &db_, &server).await.sent, 1);
    let down = sync(&a, &da, &server).await;
    assert_eq!(down.received, 1, "{down:?}");
    let on_a = stored_customer(&a, c.id).await;
    assert_eq!(on_a.phones, vec!["13900000000".to_string()]);
    assert_eq!(on_a.rev.0, rev_on_a + 1);
    assert!(sync::conflicts(&a).await.unwrap().is_empty());

    // Both change the phone before either syncs.
    set_phone(&a, c.id, "13900000001").await;
    set_phone(&b, c.id, "13900000002").await;
    sync(&a, &da, &server).await;
    let on_b = sync(&b, &db_, &server).await;
    assert_eq!(
        on_b.sent, 1,
        "B's version goes up as a second branch: {on_b:?}"
    );
    sync(&a, &da, &server).await;

    // Both devices show the same version — the server's winner — and list the other.
    let (ca, cb) = (
        stored_customer(&a, c.id).await,
        stored_customer(&b, c.id).await,
    );
    assert_eq!(ca.phones, cb.phones);
    let listed_a = sync::conflicts(&a).await.unwrap();
    let listed_b = sync::conflicts(&b).await.unwrap();
    assert_eq!(listed_a.len(), 1, "{listed_a:?}");
    assert_eq!(listed_a, listed_b);
    let id = format!("customers:{}", c.id);
    assert_eq!(listed_a[0].id, id);
    let winner_doc: serde_json::Value =
        serde_json::from_str(&server.get_doc(&id).await.unwrap()).unwrap();
    assert_eq!(winner_doc["_rev"], listed_a[0].rev.as_str());
    assert_eq!(winner_doc["phones"][0], ca.phones[0].as_str());
    // The losing version is there to compare, field by field.
    let versions = sync::versions(&server, &id, &listed_a[0].others)
        .await
        .unwrap();
    let loser = versions[0].1.as_ref().unwrap();
    let phones = [ca.phones[0].as_str(), loser["phones"][0].as_str().unwrap()];
    assert!(phones.contains(&"13900000001") && phones.contains(&"13900000002"));

    // B resolves: it keeps the losing phone. The resolution reaches A; no conflict remains.
    let keep = loser["phones"][0].as_str().unwrap().to_string();
    set_phone(&b, c.id, &keep).await;
    assert!(sync::resolve(&b, &id).await.unwrap());
    sync(&b, &db_, &server).await;
    assert!(sync::conflicts(&b).await.unwrap().is_empty());
    sync(&a, &da, &server).await;
    assert!(sync::conflicts(&a).await.unwrap().is_empty());
    assert_eq!(stored_customer(&a, c.id).await.phones, vec![keep.clone()]);
    let doc: serde_json::Value = serde_json::from_str(&server.get_doc(&id).await.unwrap()).unwrap();
    assert!(doc.get("_conflicts").is_none(), "{doc}");
    assert_summaries_match_records(&a).await;
    assert_summaries_match_records(&b).await;
}

#[wasm_bindgen_test]
async fn a_document_that_is_not_a_record_or_has_no_customer_here_is_reported_and_nothing_of_it_is_stored()
 {
    let server = team_database().await;
    let (b, db_) = device().await;
    let good = customer("远东机械");
    let good_id = format!("customers:{}", good.id);
    let mut body = serde_json::to_value(&good).unwrap();
    body.as_object_mut().unwrap().remove("rev");
    server.put_doc(&good_id, &body).await.unwrap();
    // A customer whose name is a number, and one whose key is not its id.
    let bad_id = format!("customers:{}", Id::generate());
    let mut bad = body.clone();
    bad["name"] = serde_json::json!(12);
    server.put_doc(&bad_id, &bad).await.unwrap();
    let other_id = format!("customers:{}", Id::generate());
    server.put_doc(&other_id, &body).await.unwrap();
    // A contact of a customer nobody has.
    let orphan = ContactInput {
        name: "王五".into(),
        ..ContactInput::default()
    }
    .validate(Id::generate(), None, NOW)
    .unwrap();
    let orphan_id = format!("contacts:{}", orphan.id);
    let mut orphan_body = serde_json::to_value(&orphan).unwrap();
    orphan_body.as_object_mut().unwrap().remove("rev");
    server.put_doc(&orphan_id, &orphan_body).await.unwrap();
    // Not ours at all: a design document and another application's document.
    server
        .put_doc("_design/other", &serde_json::json!({"views": {}}))
        .await
        .unwrap();
    server
        .put_doc("invoice-17", &serde_json::json!({"total": 3}))
        .await
        .unwrap();

    let report = sync(&b, &db_, &server).await;
    assert_eq!(report.received, 1, "{report:?}");
    let mut skipped: Vec<&str> = report.skipped.iter().map(|(id, _)| id.as_str()).collect();
    skipped.sort_unstable();
    let mut expected = vec![bad_id.as_str(), other_id.as_str(), orphan_id.as_str()];
    expected.sort_unstable();
    assert_eq!(skipped, expected, "{report:?}");
    let stored = summaries(&b).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, good.id);
    assert!(store::all_people(&b).await.unwrap().1.is_empty());
    assert_summaries_match_records(&b).await;
}

#[wasm_bindgen_test]
async fn a_purge_on_one_device_removes_the_customer_and_everything_of_theirs_on_the_other() {
    let server = team_database().await;
    let (a, da) = device().await;
    let (b, db_) = device().await;
    let c = customer("远东机械");
    let keep = customer("华南电子");
    store::create_customer(&a, &c).await.unwrap();
    store::create_customer(&a, &keep).await.unwrap();
    let person = ContactInput {
        name: "李娜".into(),
        ..ContactInput::default()
    }
    .validate(c.id, None, NOW)
    .unwrap();
    store::save_contact(&a, &person).await.unwrap();
    store::save_purchase(&a, &purchase(c.id, "2026-10-01", "10"))
        .await
        .unwrap();
    sync(&a, &da, &server).await;
    sync(&b, &db_, &server).await;
    assert_eq!(summaries(&b).await.len(), 2);

    store::trash(&a, &[c.id], NOW).await.unwrap();
    store::purge(&a, &[c.id]).await.unwrap();
    let up = sync(&a, &da, &server).await;
    assert_eq!(up.sent, 3, "the customer, its contact and its book: {up:?}");
    sync(&b, &db_, &server).await;
    let left = summaries(&b).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, keep.id);
    assert!(store::all_people(&b).await.unwrap().1.is_empty());
    assert!(store::load_detail(&b, c.id).await.unwrap().is_none());
    assert_summaries_match_records(&b).await;
    assert_eq!(sync::waiting_to_send(&b).await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn turning_sync_on_sends_what_was_there_before_and_a_restore_sends_only_what_changed() {
    let server = team_database().await;
    let a = fresh().await;
    let da = format!("device-{}", a.name());
    let c = customer("远东机械");
    store::create_customer(&a, &c).await.unwrap();
    store::save_purchase(&a, &purchase(c.id, "2026-10-01", "10"))
        .await
        .unwrap();
    // Written before sync was on: nothing is marked, the first push finds them.
    sync::enable(&a).await.unwrap();
    assert_eq!(sync::waiting_to_send(&a).await.unwrap(), 0);
    assert_eq!(sync(&a, &da, &server).await.sent, 2);

    // A backup restored (every store cleared and written again): only the difference goes.
    let backup = store::export_all(&a, NOW).await.unwrap();
    let other = customer("华南电子");
    store::create_customer(&a, &other).await.unwrap();
    sync(&a, &da, &server).await;
    store::restore_replace(&a, &backup).await.unwrap();
    let up = sync(&a, &da, &server).await;
    assert_eq!(up.sent, 1, "the customer the restore removed: {up:?}");
    let (b, db_) = device().await;
    sync(&b, &db_, &server).await;
    let on_b = summaries(&b).await;
    assert_eq!(on_b.len(), 1);
    assert_eq!(on_b[0].id, c.id);
    assert_eq!(on_b[0].activity.purchase_count, 1);
}

#[wasm_bindgen_test]
async fn a_database_of_schema_15_opens_with_nothing_lost_and_its_every_record_reaches_another_device_the_same()
 {
    // Every store of a version 15 database as that release wrote it (40 sample customers with
    // contacts, interactions, purchases, leads, deals, products, agreements, quotes, a
    // survey and its responses).
    let (name, held) = written_by_release(include_str!("fixtures/db-v15.json"), 15).await;
    let a = store::open(&name, || {}).await.unwrap();
    for (store_name, n) in &held {
        assert_eq!(raw_count(&name, store_name).await, *n, "{store_name}");
    }
    assert_eq!(raw_count(&name, "sync_docs").await, 0);
    assert_summaries_match_records(&a).await;

    let server = team_database().await;
    sync::enable(&a).await.unwrap();
    let da = format!("device-{name}");
    let up = sync(&a, &da, &server).await;
    let before = store::export_all(&a, NOW).await.unwrap().records;
    let books = before
        .purchases
        .iter()
        .map(|p| p.customer_id)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert_eq!(
        up.sent,
        before.len() - before.purchases.len() + books,
        "one document per record, a customer's purchases as one: {up:?}"
    );
    assert!(up.refused.is_empty(), "{up:?}");

    let (b, db_) = device().await;
    let down = sync(&b, &db_, &server).await;
    assert_eq!(down.received, up.sent, "{down:?}");
    assert!(down.skipped.is_empty(), "{down:?}");
    let after = store::export_all(&b, NOW).await.unwrap().records;
    // Every record of every kind, field for field (the revision counters are each device's).
    assert_eq!(after.normalised(), before.clone().normalised());
    assert_summaries_match_records(&b).await;
    assert_eq!(summaries(&b).await, summaries(&a).await);
    a.close();
}

#[wasm_bindgen_test]
async fn purchases_recorded_for_one_customer_on_two_devices_at_once_merge_without_asking() {
    let server = team_database().await;
    let (a, da) = device().await;
    let (b, db_) = device().await;
    let c = customer("远东机械");
    store::create_customer(&a, &c).await.unwrap();
    let first = purchase(c.id, "2026-09-01", "100");
    store::save_purchase(&a, &first).await.unwrap();
    sync(&a, &da, &server).await;
    sync(&b, &db_, &server).await;

    // A records one purchase and deletes the first; B records another, before either syncs.
    store::save_purchase(&a, &purchase(c.id, "2026-10-01", "200"))
        .await
        .unwrap();
    store::delete_purchase(&a, c.id, first.id).await.unwrap();
    store::save_purchase(&b, &purchase(c.id, "2026-11-01", "300"))
        .await
        .unwrap();
    sync(&a, &da, &server).await;
    sync(&b, &db_, &server).await;
    // B merged the two books; its merge goes up, and A takes it.
    sync(&b, &db_, &server).await;
    sync(&a, &da, &server).await;

    for db in [&a, &b] {
        let s = summaries(db).await;
        assert_eq!(
            s[0].activity.purchase_count, 2,
            "both new purchases, not the deleted one"
        );
        assert!(sync::conflicts(db).await.unwrap().is_empty());
        assert_summaries_match_records(db).await;
    }
    let id = format!("purchases:{}", c.id);
    let doc: serde_json::Value = serde_json::from_str(&server.get_doc(&id).await.unwrap()).unwrap();
    assert!(doc.get("_conflicts").is_none(), "{doc}");
    assert_eq!(doc["purchases"].as_array().unwrap().len(), 2);
}
