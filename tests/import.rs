//! CSV import against real IndexedDB in headless Chromium: a batch is all or nothing (cancel
//! and failure leave nothing), summaries agree with the records, and undo gives back exactly
//! the database before the import.
#![cfg(target_arch = "wasm32")]

use crm::domain::customer::{Customer, CustomerInput};
use crm::domain::id::Id;
use crm::domain::import::table::read;
use crm::domain::import::{Kind, Plan, Planner, Policy, mapping::auto};
use crm::domain::time::Timestamp;
use crm::store::{self, Db, ImportEnd};
use std::cell::Cell;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const OFFSET: i32 = 480;

/// Checks `text` as `kind` against what `db` holds.
async fn plan(db: &Db, kind: Kind, text: &str, policy: Policy, now: Timestamp) -> Plan {
    let table = read(text).unwrap();
    let mapping = auto(kind, &table.header);
    let existing = store::import_context(db, kind).await.unwrap();
    let mut p = Planner::new(kind, table.header, mapping, policy, existing, now, OFFSET);
    p.feed(&table.rows);
    p.finish()
}

async fn import(db: &Db, p: &Plan) -> Id {
    let batch = p.batch(Id::generate(), "test.csv");
    let end = store::write_import(db, p, &batch, |_, _| {}, || false)
        .await
        .unwrap();
    assert!(matches!(end, ImportEnd::Done(_)));
    batch.id
}

fn customers_csv(n: usize) -> String {
    let mut s = String::from("客户名称,手机,城市\n");
    for i in 0..n {
        s.push_str(&format!("客户{i},139{i:08},杭州\n"));
    }
    s
}

#[wasm_bindgen_test]
async fn import_then_undo_gives_back_the_database_before() {
    let db = fresh().await;
    // One customer typed by hand before any import.
    let old = Customer::create(
        Id::generate(),
        CustomerInput {
            name: "老客户".into(),
            phones: vec!["13500000000".into()],
            ..CustomerInput::default()
        }
        .validate(NOW.local_date(OFFSET))
        .unwrap(),
        Timestamp(1_000),
    );
    store::create_customer(&db, &old).await.unwrap();
    let before = summaries(&db).await;

    // Customers: 3 new, and the stored one updated through its phone.
    let text = "客户名称,手机,城市\n甲公司,13900000001,杭州\n乙公司,13900000002,宁波\n丙公司,13900000003,\n老客户,13500000000,上海\n";
    let p = plan(&db, Kind::Customers, text, Policy::Update, NOW).await;
    assert_eq!((p.counts.created, p.counts.updated), (3, 1));
    let customers_batch = import(&db, &p).await;
    assert_eq!(summaries(&db).await.len(), 4);
    let updated = store::load_detail(&db, old.id).await.unwrap().unwrap();
    assert_eq!(updated.customer.region, "上海");

    // Purchases for them, a second batch.
    let later = Timestamp(NOW.0 + 60_000);
    let text = "客户,日期,金额,商品\n甲公司,2026-10-01,100,A\n甲公司,2026-10-15,50.5,B\n老客户,2026-09-01,20,C\n";
    let p = plan(&db, Kind::Purchases, text, Policy::Skip, later).await;
    assert_eq!(p.counts.created, 3);
    let purchases_batch = import(&db, &p).await;
    assert_summaries_match_records(&db).await;
    let jia = summaries(&db)
        .await
        .into_iter()
        .find(|s| s.name == "甲公司")
        .unwrap();
    assert_eq!(jia.activity.purchase_count, 2);
    assert_eq!(jia.activity.revenue_in(Default::default()), 15_050);

    let journal = store::list_imports(&db).await.unwrap();
    assert_eq!(journal.len(), 2);
    assert_eq!(journal[0].id, purchases_batch, "newest first");

    // Undo the purchases: the customers stay, without purchases.
    let undone = store::undo_import(&db, purchases_batch, later)
        .await
        .unwrap();
    assert_eq!(undone.report.removed, 3);
    assert_summaries_match_records(&db).await;
    assert!(
        summaries(&db)
            .await
            .iter()
            .all(|s| s.activity.purchase_count == 0)
    );
    // Undo the customers: the new ones go, the old one is as it was.
    let undone = store::undo_import(&db, customers_batch, later)
        .await
        .unwrap();
    assert_eq!(undone.report.removed, 3);
    assert_eq!(undone.report.restored, 1);
    assert_eq!(undone.report.kept, 0);
    assert_eq!(summaries(&db).await, before);
    assert_eq!(
        store::load_detail(&db, old.id)
            .await
            .unwrap()
            .unwrap()
            .customer,
        old
    );
    assert_summaries_match_records(&db).await;
    // Undoing twice changes nothing more.
    let again = store::undo_import(&db, customers_batch, later)
        .await
        .unwrap();
    assert_eq!(again.report, Default::default());
    assert!(
        store::list_imports(&db)
            .await
            .unwrap()
            .iter()
            .all(|b| b.undone_at.is_some())
    );
}

#[wasm_bindgen_test]
async fn undo_keeps_a_record_edited_since() {
    let db = fresh().await;
    let text = "客户名称,手机\n甲公司,13900000001\n";
    let p = plan(&db, Kind::Customers, text, Policy::Skip, NOW).await;
    import(&db, &p).await;
    let p = plan(
        &db,
        Kind::Customers,
        "客户名称,手机,城市\n甲公司,13900000001,杭州\n",
        Policy::Update,
        NOW,
    )
    .await;
    let id = import(&db, &p).await;
    // Someone edits the customer after the import (as the import stored it).
    let mut c = store::load_detail(&db, p.writes.customers[0].id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    c.notes = "之后手工修改".into();
    c.updated_at = Timestamp(NOW.0 + 5_000);
    store::update_customer(&db, &c).await.unwrap();
    let undone = store::undo_import(&db, id, Timestamp(NOW.0 + 9_000))
        .await
        .unwrap();
    assert_eq!((undone.report.restored, undone.report.kept), (0, 1));
    let now = store::load_detail(&db, c.id)
        .await
        .unwrap()
        .unwrap()
        .customer;
    assert_eq!(now.notes, "之后手工修改");
}

#[wasm_bindgen_test]
async fn a_cancelled_import_leaves_nothing() {
    let db = fresh().await;
    // 2,500 customers: three chunks; cancel after the first.
    let p = plan(
        &db,
        Kind::Customers,
        &customers_csv(2_500),
        Policy::Skip,
        NOW,
    )
    .await;
    assert_eq!(p.counts.created, 2_500);
    let batch = p.batch(Id::generate(), "big.csv");
    let reports = Cell::new(0);
    let end = store::write_import(
        &db,
        &p,
        &batch,
        |done, total| {
            assert_eq!(total, 2_500);
            assert!(done <= total);
            reports.set(reports.get() + 1);
        },
        || reports.get() >= 1,
    )
    .await
    .unwrap();
    assert_eq!(end, ImportEnd::Cancelled);
    assert_eq!(reports.get(), 1);
    assert!(summaries(&db).await.is_empty());
    assert!(store::all_people(&db).await.unwrap().0.is_empty());
    assert!(store::list_imports(&db).await.unwrap().is_empty());

    // Not cancelled: all of it, with progress after every chunk.
    let reports = Cell::new(0);
    let end = store::write_import(
        &db,
        &p,
        &batch,
        |_, _| reports.set(reports.get() + 1),
        || false,
    )
    .await
    .unwrap();
    assert!(matches!(end, ImportEnd::Done(ref rows) if rows.len() == 2_500));
    assert_eq!(reports.get(), 3);
    assert_eq!(summaries(&db).await.len(), 2_500);
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn an_import_failing_midway_leaves_nothing() {
    let db = fresh().await;
    let p = plan(
        &db,
        Kind::Customers,
        "客户名称\n甲公司\n",
        Policy::Skip,
        NOW,
    )
    .await;
    import(&db, &p).await;
    let stored = summaries(&db).await;
    let mut p = plan(
        &db,
        Kind::Purchases,
        "客户,日期,金额\n甲公司,2026-10-01,100\n甲公司,2026-10-02,200\n",
        Policy::Skip,
        NOW,
    )
    .await;
    assert_eq!(p.counts.created, 2);
    // Point the purchases at a customer that is not stored: they are written, then the
    // summary step finds no such customer and the whole transaction, purchases included, is
    // rolled back.
    let ghost = Id::generate();
    for purchase in &mut p.writes.purchases {
        purchase.customer_id = ghost;
    }
    let batch = p.batch(Id::generate(), "bad.csv");
    assert!(
        store::write_import(&db, &p, &batch, |_, _| {}, || false)
            .await
            .is_err()
    );
    assert_eq!(summaries(&db).await, stored);
    assert!(store::list_imports(&db).await.unwrap().len() == 1);
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn undoing_created_customers_takes_what_was_added_to_them_and_nothing_else() {
    let db = fresh().await;
    let mut p = plan(
        &db,
        Kind::Customers,
        "客户名称\n甲公司\n乙公司\n",
        Policy::Skip,
        NOW,
    )
    .await;
    // Ids far apart, with a customer typed by hand whose id lies between them.
    p.writes.customers[0].id = Id::from_parts(1_000, [0; 10]);
    p.writes.customers[1].id = Id::from_parts(3_000, [0; 10]);
    let customers_batch = import(&db, &p).await;
    let mut hand = p.writes.customers[0].clone();
    hand.id = Id::from_parts(2_000, [0; 10]);
    hand.name = "手工录入".into();
    store::create_customer(&db, &hand).await.unwrap();
    // Purchases for one imported customer and for the hand-made one, in a later import.
    let text = "客户,日期,金额\n甲公司,2026-10-01,100\n手工录入,2026-10-02,200\n";
    let p = plan(&db, Kind::Purchases, text, Policy::Skip, NOW).await;
    assert_eq!(p.counts.created, 2);
    import(&db, &p).await;

    let undone = store::undo_import(&db, customers_batch, NOW).await.unwrap();
    // Two customers and the purchase added to one of them since.
    assert_eq!(undone.report.removed, 3);
    let left = summaries(&db).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].name, "手工录入");
    assert_eq!(left[0].activity.purchase_count, 1);
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
async fn purchase_imports_over_many_customers_add_to_each_book_and_leave_the_others() {
    let db = fresh().await;
    let p = plan(&db, Kind::Customers, &customers_csv(200), Policy::Skip, NOW).await;
    import(&db, &p).await;
    // In id order, the order a purchase import goes through its customers.
    let names: Vec<String> = summaries(&db).await.into_iter().map(|s| s.name).collect();
    let purchases_csv = |picked: &[&String], day: u32| {
        let mut s = String::from("客户,日期,金额,商品\n");
        for name in picked {
            s.push_str(&format!("{name},2026-10-{day:02},10,A\n"));
        }
        s
    };
    let mut expected = vec![0u32; names.len()];
    // Everyone, then every other customer (a range with others' books in between), then every
    // seventh (too spread out for one range read).
    for (step, day) in [(1, 1), (2, 2), (7, 3)] {
        let picked: Vec<&String> = names.iter().step_by(step).collect();
        let later = Timestamp(NOW.0 + i64::from(day) * 60_000);
        let p = plan(
            &db,
            Kind::Purchases,
            &purchases_csv(&picked, day),
            Policy::Skip,
            later,
        )
        .await;
        assert_eq!(p.counts.created, picked.len());
        import(&db, &p).await;
        for i in (0..names.len()).step_by(step) {
            expected[i] += 1;
        }
    }
    let counts: Vec<u32> = summaries(&db)
        .await
        .iter()
        .map(|s| s.activity.purchase_count)
        .collect();
    assert_eq!(counts, expected);
    assert_eq!(expected[..8], [3, 1, 2, 1, 2, 1, 2, 2]);
    assert_summaries_match_records(&db).await;
}

#[wasm_bindgen_test]
fn a_journal_stores_ids_as_bytes_and_reads_earlier_ones_in_text() {
    use crm::domain::import::batch::ImportBatch;
    use wasm_bindgen::JsCast;
    let ids = vec![Id::generate(), Id::generate()];
    let mut batch = ImportBatch {
        rev: Default::default(),
        id: Id::generate(),
        kind: Kind::Purchases,
        file_name: "a.csv".into(),
        at: NOW,
        created: Default::default(),
        before: Default::default(),
        touched: ids.clone(),
        counts: Default::default(),
        undone_at: None,
    };
    batch.created.purchases = ids.clone();
    let js = serde_wasm_bindgen::to_value(&batch).unwrap();
    let field = |v: &wasm_bindgen::JsValue, path: &[&str]| {
        path.iter().fold(v.clone(), |v, k| {
            js_sys::Reflect::get(&v, &(*k).into()).unwrap()
        })
    };
    let stored = field(&js, &["created", "purchases"]);
    let bytes = stored
        .dyn_into::<js_sys::Uint8Array>()
        .expect("a byte string");
    assert_eq!(bytes.length(), 32);
    assert_eq!(
        serde_wasm_bindgen::from_value::<ImportBatch>(js.clone()).unwrap(),
        batch
    );
    // A journal written before: ids as text.
    let text = js_sys::Array::new();
    for id in &ids {
        text.push(&id.to_string().into());
    }
    js_sys::Reflect::set(&field(&js, &["created"]), &"purchases".into(), &text).unwrap();
    js_sys::Reflect::set(&js, &"touched".into(), &text).unwrap();
    assert_eq!(
        serde_wasm_bindgen::from_value::<ImportBatch>(js).unwrap(),
        batch
    );
}

#[wasm_bindgen_test]
async fn a_lead_file_is_imported_flagged_and_undone_leaving_tombstones() {
    let db = fresh().await;
    let stored = Customer::create(
        Id::generate(),
        CustomerInput {
            party: crm::domain::customer::Party::Organisation,
            name: "华星贸易有限公司".into(),
            phones: vec!["010-6552 1234".into()],
            ..CustomerInput::default()
        }
        .validate(NOW.local_date(OFFSET))
        .unwrap(),
        NOW,
    );
    store::create_customer(&db, &stored).await.unwrap();
    let text = "姓名,公司,电话,来源\n张伟,华星贸易,010 6552 1234,展会\n李娜,,13900000000,\n";
    let p = plan(&db, Kind::Leads, text, Policy::Skip, NOW).await;
    assert_eq!(p.counts.created, 2);
    assert_eq!(p.matched.len(), 1, "张伟 shares the customer's phone");
    let id = import(&db, &p).await;
    let leads = store::all_leads(&db).await.unwrap();
    assert_eq!(leads.len(), 2);
    // The same file again: both rows repeat stored leads by phone.
    let again = plan(&db, Kind::Leads, text, Policy::Skip, NOW).await;
    assert_eq!((again.counts.created, again.counts.skipped), (0, 2));
    // The customer is untouched: nothing merged into it.
    assert_eq!(summaries(&db).await.len(), 1);

    store::undo_import(&db, id, NOW).await.unwrap();
    assert!(store::all_leads(&db).await.unwrap().is_empty());
    assert_eq!(raw_count(db.name(), "tombstones").await, 2);
    assert_eq!(summaries(&db).await.len(), 1);
    db.close();
}

#[wasm_bindgen_test]
async fn a_price_list_is_imported_updating_by_code_and_undone_to_the_list_before() {
    use crm::domain::product::ProductInput;
    let db = fresh().await;
    let stored = ProductInput {
        code: "BX-01".into(),
        name_zh: "五层瓦楞纸箱".into(),
        unit: "个".into(),
        list_price: "10".into(),
        tax_rate: "13".into(),
        active: true,
        ..ProductInput::default()
    }
    .validate(|_| false)
    .unwrap()
    .into_product(Timestamp(NOW.0 - 1_000));
    let stored = store::save_product(&db, &stored).await.unwrap();
    // The list read packed before the import, so the import's writes must reach the pack.
    assert_eq!(store::all_products(&db).await.unwrap().len(), 1);
    let text =
        "编码,名称,单位,单价,税率\nbx-01,五层瓦楞纸箱,个,11.50,13\nTP-9,封箱胶带,卷,12.35,13\n";
    let p = plan(&db, Kind::Products, text, Policy::Update, NOW).await;
    assert_eq!((p.counts.created, p.counts.updated), (1, 1));
    let id = import(&db, &p).await;
    let mut after = store::all_products(&db).await.unwrap();
    after.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(
        after
            .iter()
            .map(|x| (x.code.as_str(), x.list_price.amount.to_string()))
            .collect::<Vec<_>>(),
        vec![("BX-01", "11.5".to_string()), ("TP-9", "12.35".to_string())]
    );
    // The same file again changes nothing: BX-01 is at 11.50, TP-9 stored.
    let again = plan(&db, Kind::Products, text, Policy::Update, NOW).await;
    assert_eq!((again.counts.created, again.counts.skipped), (0, 2));

    let undone = store::undo_import(&db, id, NOW).await.unwrap();
    assert_eq!((undone.report.removed, undone.report.restored), (1, 1));
    let back = store::all_products(&db).await.unwrap();
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].list_price, stored.list_price);
    assert_eq!(back[0].code, "BX-01");
    assert_eq!(raw_count(db.name(), "tombstones").await, 1);
    db.close();
}
