//! In-browser tests of the price list, agreements and quotes against real IndexedDB: codes
//! kept apart inside the saving transaction, acceptance written whole or not at all,
//! revisions, the trash, backup and restore.
#![cfg(target_arch = "wasm32")]

use crm::domain::error::AppError;
use crm::domain::id::Id;
use crm::domain::member::MemberRole;
use crm::domain::money::Currency;
use crm::domain::opportunity::stage::Pipeline;
use crm::domain::product::pricing::{AgreementInput, PartyChoice};
use crm::domain::product::{Product, ProductInput};
use crm::domain::quote::policy::QuotePolicy;
use crm::domain::quote::{LineInput, LinePrice, Quote, QuoteInput, QuoteStatus, next_number};
use crm::domain::summary::OpenQuote;
use crm::domain::time::epoch_day;
use crm::domain::validate::{Field, FieldError, Problem};
use crm::store;
use rust_decimal::Decimal;
use std::str::FromStr;
use wasm_bindgen_test::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn product(code: &str, price: &str, cost: &str) -> Product {
    ProductInput {
        code: code.into(),
        name_zh: format!("五层纸箱 {code}"),
        category: "包装材料".into(),
        unit: "个".into(),
        list_price: price.into(),
        currency: Currency::Cny,
        tax_rate: "13".into(),
        cost: cost.into(),
        active: true,
        ..ProductInput::default()
    }
    .validate(|_| false)
    .unwrap()
    .into_product(NOW)
}

fn quote_for(customer: Id, p: &Product, quantity: &str, price: &str) -> Quote {
    let products = [p.clone()];
    QuoteInput {
        customer_id: Some(customer),
        currency: Currency::Cny,
        lines: vec![LineInput {
            product_id: Some(p.id),
            quantity: quantity.into(),
            unit_price: price.into(),
            discount: String::new(),
        }],
        valid_until: "2026-12-31".into(),
        payment_terms: "月结 30 天".into(),
        ..QuoteInput::default()
    }
    .validate(
        |id| products.iter().find(|x| x.id == id),
        |x| (x.list_price.amount, LinePrice::List),
    )
    .unwrap()
    .into_quote(next_number(today(), []), None, NOW)
}

#[wasm_bindgen_test]
async fn a_product_code_is_kept_apart_in_the_saving_transaction_and_through_the_trash() {
    let db = fresh().await;
    let a = store::save_product(&db, &product("BX-01", "8.50", "6"))
        .await
        .unwrap();
    assert_eq!(a.rev.0, 1);
    // Another product with the same code in other case: refused, nothing written.
    let taken = vec![FieldError::new(Field::Code, Problem::Taken)];
    match store::save_product(&db, &product("bx-01 ", "9", "")).await {
        Err(AppError::Invalid(e)) => assert_eq!(e, taken),
        other => panic!("expected the code refused, got {other:?}"),
    }
    assert_eq!(raw_count(db.name(), "products").await, 1);
    // Editing a product keeps its own code.
    let mut edited = a.clone();
    edited.list_price.amount = dec("8.80");
    let edited = store::save_product(&db, &edited).await.unwrap();
    assert_eq!(edited.rev.0, 2);
    // A stale copy is a conflict.
    assert!(matches!(
        store::save_product(&db, &a).await,
        Err(AppError::Conflict(_))
    ));
    let b = store::save_product(&db, &product("BX-02", "12", ""))
        .await
        .unwrap();
    // In the trash the code stays taken; purged, it is free again.
    store::set_products_trashed(&db, &[edited.id], Some(NOW))
        .await
        .unwrap();
    assert!(matches!(
        store::save_product(&db, &product("BX-01", "9", "")).await,
        Err(AppError::Invalid(_))
    ));
    let all = store::all_products(&db).await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(
        all.iter()
            .find(|p| p.id == edited.id)
            .unwrap()
            .deleted_at
            .is_some()
    );
    store::purge_products(&db, &[edited.id]).await.unwrap();
    store::save_product(&db, &product("BX-01", "9", ""))
        .await
        .unwrap();
    assert_eq!(raw_count(db.name(), "products").await, 2);
    assert_eq!(raw_count(db.name(), "tombstones").await, 1);
    assert!(
        store::all_products(&db)
            .await
            .unwrap()
            .iter()
            .any(|p| p.id == b.id)
    );
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn accepting_a_quote_writes_its_purchases_and_wins_its_deal_or_nothing() {
    use crm::domain::opportunity::{Opportunity, OpportunityInput};
    let db = fresh().await;
    let (c, other) = two_customers(&db).await;
    let pipeline = Pipeline::default();
    let p = store::save_product(&db, &product("BX-01", "10.00", "6.00"))
        .await
        .unwrap();
    let deal = Opportunity::create(
        Id::generate(),
        OpportunityInput {
            customer_id: Some(c.id),
            name: "年度包装采购".into(),
            amount: "1000".into(),
            close_date: "2026-12-20".into(),
            ..OpportunityInput::default()
        }
        .validate()
        .unwrap(),
        pipeline.first().id.clone(),
        None,
        NOW,
    );
    let deal = store::save_opportunity(&db, &deal).await.unwrap();
    let mut q = quote_for(c.id, &p, "100", "9.50");
    q.opportunity_id = Some(deal.id);
    q.send(MemberRole::SalesRep, &QuotePolicy::default(), today(), NOW)
        .unwrap();
    let (q, summary) = store::save_quote(&db, &q).await.unwrap();
    // The sent quote is open in the summary: 100 × 9.50 = ¥950.00 before tax.
    assert_eq!(
        summary.activity.open_quotes,
        [OpenQuote {
            until: Some(epoch_day(q.valid_until)),
            currency: Currency::Cny,
            net: 95_000,
        }]
    );
    let before = summaries(&db).await;

    // Another tab edits the deal: this tab's copy is stale, and the acceptance fails after
    // the quote and the purchases were written in the transaction — which leaves none.
    let mut elsewhere = deal.clone();
    elsewhere.notes = "另一个标签页".into();
    store::save_opportunity(&db, &elsewhere).await.unwrap();
    let mut accepted = q.clone();
    let mut stale_deal = deal.clone();
    let bought = accepted
        .accept_with(Some(&mut stale_deal), &pipeline, None, today(), NOW)
        .unwrap();
    assert!(matches!(
        store::accept_quote(&db, &accepted, &bought, Some(&stale_deal)).await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(summaries(&db).await, before);
    let stored = store::quote(&db, q.id).await.unwrap().unwrap();
    assert!(matches!(stored.status, QuoteStatus::Sent { .. }));
    let detail = store::load_detail(&db, c.id).await.unwrap().unwrap();
    assert!(detail.records.purchases.is_empty());
    assert!(
        store::opportunity(&db, deal.id)
            .await
            .unwrap()
            .unwrap()
            .closing
            .is_none()
    );

    // From the current copies: all of it.
    let mut accepted = stored.clone();
    let mut current = store::opportunity(&db, deal.id).await.unwrap().unwrap();
    let bought = accepted
        .accept_with(Some(&mut current), &pipeline, None, today(), NOW)
        .unwrap();
    let (written, won, summary) = store::accept_quote(&db, &accepted, &bought, Some(&current))
        .await
        .unwrap();
    assert!(matches!(written.status, QuoteStatus::Accepted { .. }));
    assert_eq!(summary.activity.open_quotes, [], "accepted: no longer open");
    let won = won.unwrap();
    assert_eq!(
        won.stage,
        pipeline
            .closing(crm::domain::opportunity::stage::Outcome::Won)
            .id
    );
    assert_eq!(won.notes, "另一个标签页", "the other tab's edit is kept");
    // 100 × 9.50 = 950.00 before tax, margin 950.00 − 600.00 = 350.00, below the list
    // price of 10.00: bought at a discount.
    let detail = store::load_detail(&db, c.id).await.unwrap().unwrap();
    let purchases = &detail.records.purchases;
    assert_eq!(purchases.len(), 1);
    assert_eq!(purchases[0].amount.amount, dec("950.00"));
    assert_eq!(purchases[0].margin, Some(dec("350.00")));
    assert!(purchases[0].discounted);
    assert_eq!(purchases[0].order, q.number);
    assert_eq!(summary.id, c.id);
    assert_summaries_match_records(&db).await;
    // The other customer is untouched, and the quote is on the customer's page.
    let theirs = store::load_detail(&db, other.id).await.unwrap().unwrap();
    assert!(theirs.records.purchases.is_empty());
    assert_eq!(detail.records.quotes.len(), 1);
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn a_revision_is_stored_beside_the_version_it_supersedes_and_both_go_to_the_trash() {
    let db = fresh().await;
    let (c, _) = two_customers(&db).await;
    let p = store::save_product(&db, &product("BX-01", "10.00", ""))
        .await
        .unwrap();
    let mut v1 = quote_for(c.id, &p, "10", "");
    v1.send(MemberRole::SalesRep, &QuotePolicy::default(), today(), NOW)
        .unwrap();
    let (mut v1, summary) = store::save_quote(&db, &v1).await.unwrap();
    assert_eq!(summary.activity.open_quotes.len(), 1);
    assert!(summary.activity.open_quotes[0].until.is_some(), "sent");
    let v2 = v1.revise(today(), 30, NOW).unwrap();
    let (v1, v2, summary) = store::save_revision(&db, &v1, &v2).await.unwrap();
    assert_eq!((v1.rev.0, v2.rev.0), (2, 1));
    // Version 1 is superseded; the draft of version 2 is the open one.
    assert_eq!(summary.activity.open_quotes.len(), 1);
    assert_eq!(summary.activity.open_quotes[0].until, None, "a draft");
    assert_eq!(summary.activity.open_quotes[0].net, 10_000, "10 × ¥10.00");
    let mine = store::quotes_of(&db, c.id).await.unwrap();
    assert_eq!(mine.len(), 2);
    let old = mine.iter().find(|q| q.version == 1).unwrap();
    assert_eq!(old.superseded_by, Some(v2.id));
    assert!(matches!(old.status, QuoteStatus::Sent { .. }));
    // A quote for a customer in the trash is refused.
    store::trash(&db, &[c.id], NOW).await.unwrap();
    assert!(matches!(
        store::save_quote(&db, &v2).await,
        Err(AppError::NotFound)
    ));
    store::restore(&db, &[c.id]).await.unwrap();
    let (_, changed) = store::set_quotes_trashed(&db, &[v1.id, v2.id], Some(NOW))
        .await
        .unwrap();
    assert_eq!(changed.len(), 1, "one customer's summary");
    assert_eq!(
        changed[0].activity.open_quotes,
        [],
        "nothing open in the trash"
    );
    let (_, changed) = store::set_quotes_trashed(&db, &[v2.id], None)
        .await
        .unwrap();
    assert_eq!(
        changed[0].activity.open_quotes.len(),
        1,
        "back from the trash"
    );
    assert_summaries_match_records(&db).await;
    store::set_quotes_trashed(&db, &[v2.id], Some(NOW))
        .await
        .unwrap();
    assert!(
        store::all_quotes(&db)
            .await
            .unwrap()
            .iter()
            .all(|q| q.deleted_at.is_some())
    );
    let changed = store::purge_quotes(&db, &[v1.id, v2.id]).await.unwrap();
    assert_eq!(changed[0].activity.open_quotes, []);
    assert_summaries_match_records(&db).await;
    assert_eq!(raw_count(db.name(), "quotes").await, 0);
    assert_packs_match_records(&db).await;
    db.close();
}

#[wasm_bindgen_test]
async fn products_agreements_quotes_and_the_policy_survive_a_backup_and_a_restore() {
    let db = fresh().await;
    let (c, _) = two_customers(&db).await;
    let p = store::save_product(&db, &product("BX-01", "10.00", "6"))
        .await
        .unwrap();
    let agreement = AgreementInput {
        party: PartyChoice::Customer,
        customer_id: Some(c.id),
        product_id: Some(p.id),
        fixed_price: true,
        value: "9.20".into(),
        valid_from: "2026-01-01".into(),
        notes: "2026 年度框架协议".into(),
        ..AgreementInput::default()
    }
    .validate(|id| id == p.id)
    .unwrap()
    .into_agreement(NOW);
    store::save_agreement(&db, &agreement).await.unwrap();
    store::save_quote(&db, &quote_for(c.id, &p, "3", ""))
        .await
        .unwrap();
    let mut policy = store::quote_policy(&db).await.unwrap();
    assert_eq!(policy, QuotePolicy::default());
    policy.company_name = "远东包装有限公司".into();
    store::save_quote_policy(&db, &policy).await.unwrap();

    let before = store::export_all(&db, NOW).await.unwrap().normalised();
    assert_eq!(before.records.products.len(), 1);
    assert_eq!(before.records.price_agreements.len(), 1);
    assert_eq!(before.records.quotes.len(), 1);
    assert_eq!(before.records.quote_policies.len(), 1);
    let json = before.to_json();
    let read = crm::domain::backup::Backup::from_json(&json).unwrap();
    let other = fresh().await;
    store::restore_replace(&other, &read).await.unwrap();
    let after = store::export_all(&other, NOW).await.unwrap().normalised();
    assert_eq!(after.records, before.records);
    assert_eq!(
        store::quote_policy(&other).await.unwrap().company_name,
        "远东包装有限公司"
    );
    assert_eq!(
        store::all_agreements(&other).await.unwrap(),
        vec![agreement]
    );
    assert_packs_match_records(&other).await;
    db.close();
    other.close();
}
