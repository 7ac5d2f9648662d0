use super::rev::{BadRev, Leaf, RevId, RevPath, RevTree};

fn rev(s: &str) -> RevId {
    RevId::parse(s).unwrap()
}

/// A path from revisions written oldest first ("1-a", "2-b", …).
fn path(revs: &[&str]) -> RevPath {
    let revs: Vec<RevId> = revs.iter().map(|r| rev(r)).collect();
    RevPath {
        start: revs.last().unwrap().generation,
        ids: revs.iter().rev().map(|r| r.hash.clone()).collect(),
    }
}

#[test]
fn a_revision_reads_and_writes_as_generation_dash_hash() {
    let r = rev("2-de0ea16f8621cbac506d23a0fbbde08a");
    assert_eq!(r.generation, 2);
    assert_eq!(r.hash, "de0ea16f8621cbac506d23a0fbbde08a");
    assert_eq!(r.to_string(), "2-de0ea16f8621cbac506d23a0fbbde08a");
    for bad in [
        "",
        "abc",
        "0-a",
        "3-",
        "-a",
        "x-1",
        "03-a",
        "2-a b",
        "1-\u{4e2d}",
    ] {
        assert_eq!(
            RevId::parse(bad),
            Err(BadRev(bad.to_string())),
            "{bad:?} refused"
        );
    }
    assert_eq!(RevId::next(None, "a".into()), rev("1-a"));
    assert_eq!(RevId::next(Some(&rev("9-a")), "b".into()), rev("10-b"));
}

#[test]
fn the_winner_is_couchdbs_documented_one() {
    // CouchDB's guide: of two second revisions, the higher hash in ASCII order wins.
    let mut t = RevTree::default();
    t.insert(&path(&["1-967a00dff5e02add41819138abb3284d"]), false);
    t.insert(
        &path(&[
            "1-967a00dff5e02add41819138abb3284d",
            "2-7c971bb974251ae8541b8fe045964219",
        ]),
        false,
    );
    t.insert(
        &path(&[
            "1-967a00dff5e02add41819138abb3284d",
            "2-de0ea16f8621cbac506d23a0fbbde08a",
        ]),
        false,
    );
    assert_eq!(
        t.winner().unwrap().rev,
        rev("2-de0ea16f8621cbac506d23a0fbbde08a")
    );
    assert_eq!(
        t.conflicts(),
        vec![rev("2-7c971bb974251ae8541b8fe045964219")]
    );

    // The longer history wins whatever the hashes, the generation read as a number.
    let mut t = RevTree::default();
    t.insert(
        &path(&[
            "1-a", "2-a", "3-a", "4-a", "5-a", "6-a", "7-a", "8-a", "9-z",
        ]),
        false,
    );
    t.insert(
        &path(&[
            "1-a", "2-a", "3-a", "4-a", "5-a", "6-a", "7-a", "8-a", "9-b", "10-b",
        ]),
        false,
    );
    assert_eq!(t.winner().unwrap().rev, rev("10-b"));
    assert_eq!(t.conflicts(), vec![rev("9-z")]);
}

#[test]
fn a_deleted_branch_loses_to_any_living_one() {
    let mut t = RevTree::default();
    t.insert(&path(&["1-a", "2-b", "3-c"]), true);
    t.insert(&path(&["1-a", "2-d"]), false);
    assert_eq!(
        t.winner(),
        Some(Leaf {
            rev: rev("2-d"),
            deleted: false
        })
    );
    assert!(t.conflicts().is_empty(), "a deleted leaf is no conflict");
    // Every branch deleted: the document is deleted, the highest deletion shown.
    t.insert(&path(&["1-a", "2-d", "3-e"]), true);
    assert_eq!(
        t.winner(),
        Some(Leaf {
            rev: rev("3-e"),
            deleted: true
        })
    );
}

#[test]
fn a_conflict_is_resolved_by_extending_one_branch_and_deleting_the_others() {
    // CouchDB's wiki: r1 -> r2a -> r3a -> r4a, r1 -> r2b -> r3b, r1 -> r2c -> r3c.
    let mut t = RevTree::default();
    t.insert(&path(&["1-r", "2-a", "3-a", "4-a"]), false);
    t.insert(&path(&["1-r", "2-b", "3-b"]), false);
    t.insert(&path(&["1-r", "2-c", "3-c"]), false);
    assert_eq!(t.winner().unwrap().rev, rev("4-a"));
    assert_eq!(t.conflicts(), vec![rev("3-c"), rev("3-b")]);
    // The merge written on r4a, r3b and r3c deleted.
    t.insert(&path(&["3-a", "4-a", "5-a"]), false);
    t.insert(&path(&["2-b", "3-b", "4-b"]), true);
    t.insert(&path(&["2-c", "3-c", "4-c"]), true);
    assert_eq!(t.winner().unwrap().rev, rev("5-a"));
    assert!(t.conflicts().is_empty());
    assert_eq!(t.leaves().len(), 3);
    // What 5-a is sent with: its history back to the first revision, or as much as asked.
    assert_eq!(
        t.path_to(&rev("5-a"), 1000),
        Some(path(&["1-r", "2-a", "3-a", "4-a", "5-a"]))
    );
    assert_eq!(t.path_to(&rev("5-a"), 2), Some(path(&["4-a", "5-a"])));
    assert_eq!(t.path_to(&rev("5-z"), 2), None);
}

#[test]
fn a_pruned_history_joins_the_tree_when_its_ancestors_arrive() {
    let mut t = RevTree::default();
    // Only the newest two revisions were sent.
    t.insert(&path(&["4-d", "5-e"]), false);
    t.insert(&path(&["1-a", "2-b"]), false);
    assert_eq!(t.leaves().len(), 2, "two separate branches");
    t.insert(&path(&["2-b", "3-c", "4-d"]), false);
    assert_eq!(
        t.leaves(),
        vec![Leaf {
            rev: rev("5-e"),
            deleted: false
        }]
    );
    assert_eq!(
        t.path_to(&rev("5-e"), 10),
        Some(path(&["1-a", "2-b", "3-c", "4-d", "5-e"]))
    );
    // A path saying more revisions than its generation allows is refused whole.
    let before = t.clone();
    assert!(!t.insert(
        &RevPath {
            start: 1,
            ids: vec!["x".into(), "y".into()]
        },
        false
    ));
    assert!(!t.insert(
        &RevPath {
            start: 3,
            ids: vec![]
        },
        false
    ));
    assert_eq!(t, before);
}

/// Native only: proptest is not built for wasm32.
#[cfg(not(target_arch = "wasm32"))]
mod property {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every replica that has seen the same branches picks the same winner, whatever order
        /// they arrived in.
        #[test]
        fn the_winner_does_not_depend_on_the_order_branches_arrive_in(
            branches in proptest::collection::vec((1u64..6, 0u8..4, any::<bool>()), 1..8),
            order in any::<u64>(),
        ) {
            // Branches off one root: generation `g`, hashes named after the branch `k` and
            // whether it ends deleted (one revision is deleted or not, whoever sends it).
            let paths: Vec<(RevPath, bool)> = branches
                .iter()
                .map(|&(g, k, deleted)| {
                    let mut ids: Vec<String> = (2..=g + 1).rev().map(|i| format!("{k}{}{i}", u8::from(deleted))).collect();
                    ids.push("root".into());
                    (RevPath { start: g + 1, ids }, deleted)
                })
                .collect();
            let mut forwards = RevTree::default();
            for (p, d) in &paths {
                forwards.insert(p, *d);
            }
            let mut shuffled = paths.clone();
            let n = shuffled.len();
            for i in 0..n {
                shuffled.swap(i, (order.rotate_left(i as u32 * 7) as usize) % n);
            }
            let mut other = RevTree::default();
            for (p, d) in &shuffled {
                other.insert(p, *d);
            }
            prop_assert_eq!(forwards.winner(), other.winner());
            prop_assert_eq!(forwards.conflicts(), other.conflicts());
        }
    }
}

mod documents {
    use super::super::doc::{self, DocError, body_of, document, next_rev, parse_doc_id, read};
    use super::super::rev::{RevId, RevPath};
    use crate::domain::churn::{ChurnCause, ChurnEvent, ChurnKind, Outcome, WinBack};
    use crate::domain::kinds::{RecordKind, RecordSet, for_each_kind};
    use crate::domain::loyalty::OwnerRatings;
    use crate::domain::opportunity::stage::Pipeline;
    use crate::domain::quote::policy::QuotePolicy;
    use crate::domain::record::{KindVisitor, Record, Rev};
    use crate::domain::sample::{
        self, DealSeed, Generator, QuoteSeed, SampleConfig, industry_of, team,
    };
    use crate::domain::time::Timestamp;
    use chrono::NaiveDate;
    use serde_json::{Value, json};

    /// A workspace with records of every kind that travels, from the sample generators.
    fn every_kind() -> RecordSet {
        let cfg = SampleConfig {
            seed: 3,
            customers: 60,
            today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            id_epoch_ms: 1_795_420_800_000,
            lang: crate::domain::lang::Lang::Zh,
        };
        let now = Timestamp(cfg.id_epoch_ms as i64);
        let members = team(3);
        let mut set = RecordSet::default();
        let customers: Vec<_> = Generator::new(cfg.clone(), members.clone()).collect();
        for c in &customers {
            c.add_to(&mut set);
        }
        set.members = members.clone();
        set.surveys = vec![sample::sample_survey(cfg.lang)];
        set.leads = sample::sample_leads(3, 40, &customers, &members, now, 120);
        set.lead_interactions =
            sample::sample_lead_activity(3, &set.leads, &members, now, cfg.today);
        let deal_seeds: Vec<DealSeed> = customers
            .iter()
            .step_by(4)
            .map(|c| DealSeed {
                customer: c.customer.id,
                owner: c.customer.owner_id,
                product: "服务".into(),
                currency: Default::default(),
            })
            .collect();
        set.opportunities = sample::sample_deals(3, &deal_seeds, &members, now, cfg.today);
        set.pipelines = vec![Pipeline::default()];
        set.products = sample::sample_products(3, 30, now);
        let regulars: Vec<_> = customers
            .iter()
            .take(4)
            .filter_map(|c| Some((c.customer.id, industry_of(&c.customer.industry)?)))
            .collect();
        set.price_agreements =
            sample::sample_agreements(3, &set.products, &regulars, cfg.today, now);
        let quote_seeds: Vec<QuoteSeed> = customers
            .iter()
            .filter_map(|c| {
                Some(QuoteSeed {
                    customer: c.customer.id,
                    owner: c.customer.owner_id,
                    kind: c.customer.kind,
                    industry: industry_of(&c.customer.industry)?,
                })
            })
            .collect();
        set.quotes = sample::sample_quotes(
            3,
            &quote_seeds,
            &set.products,
            &set.price_agreements,
            &members,
            cfg.today,
            now,
        );
        set.quote_policies = vec![QuotePolicy::default()];
        let gone = customers[0].customer.id;
        set.churn_events = vec![ChurnEvent {
            id: crate::domain::id::Id::from_parts(9, [1; 10]),
            customer_id: gone,
            date: cfg.today,
            kind: ChurnKind::Competition,
            cause: ChurnCause::Price,
            competitor: "华南某厂 \"低价\"".into(),
            note: "换了供应商\n原因：价格".into(),
            created_at: now,
            updated_at: now,
            rev: Rev(4),
        }];
        set.winbacks = vec![WinBack {
            id: crate::domain::id::Id::from_parts(9, [2; 10]),
            customer_id: gone,
            action: "带新价目表拜访".into(),
            owner_id: members.first().map(|m| m.id),
            due: cfg.today,
            outcome: Outcome::Planned,
            outcome_note: String::new(),
            created_at: now,
            updated_at: now,
            rev: Rev(1),
        }];
        set.loyalty_ratings = vec![OwnerRatings::new(gone)];
        set.segments = serde_json::from_value(json!([{
            "id": crate::domain::id::Id::from_parts(9, [3; 10]),
            "name": "华南大客户",
            "conditions": [],
            "created_at": now,
            "updated_at": now,
            "rev": 2
        }]))
        .unwrap();
        set
    }

    #[test]
    fn every_kind_that_travels_goes_out_and_comes_back_the_same_record() {
        struct RoundTrip<'a> {
            set: &'a RecordSet,
            seen: Vec<RecordKind>,
        }
        impl KindVisitor for RoundTrip<'_> {
            fn visit<R: Record>(&mut self) {
                if !doc::syncs(R::KIND) {
                    return;
                }
                let records = R::column(self.set);
                assert!(!records.is_empty(), "{:?} has sample records", R::KIND);
                self.seen.push(R::KIND);
                if doc::in_books(R::KIND) {
                    return; // See the books' test below.
                }
                for r in records {
                    let body = body_of(r).unwrap();
                    assert!(!body.contains_key("rev"), "the device's counter stays home");
                    assert!(body.keys().all(|k| !k.starts_with('_')));
                    let id = doc::doc_id(R::KIND, &r.key());
                    let rev = next_rev(None, Some(&body));
                    let sent = document(&id, &RevPath::of(&rev), Some(&body));
                    // Through text, as it travels.
                    let text = serde_json::to_string(&sent).unwrap();
                    let back = read(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
                    assert_eq!((back.kind, back.key.as_str()), (R::KIND, r.key().as_str()));
                    assert_eq!(back.rev, rev);
                    assert_eq!(back.path, Some(RevPath::of(&rev)));
                    let record: R = doc::record_of(&back).unwrap().unwrap();
                    assert!(&record == r, "{id} came back changed");
                }
            }
        }
        let set = every_kind();
        let mut v = RoundTrip {
            set: &set,
            seen: Vec::new(),
        };
        for_each_kind(&mut v);
        let travelling: Vec<RecordKind> = RecordKind::ALL
            .iter()
            .copied()
            .filter(|k| doc::syncs(*k))
            .collect();
        assert_eq!(v.seen, travelling);
        assert!(
            !doc::syncs(RecordKind::ImportJournal),
            "an import's journal stays home"
        );
    }

    #[test]
    fn a_revision_hashes_its_parent_and_content_whatever_the_field_order() {
        let a = json!({"name": "华星", "phones": ["1"], "n": {"b": 1, "a": [2, {"y": 1, "x": 0}]}});
        let b = json!({"n": {"a": [2, {"x": 0, "y": 1}], "b": 1}, "phones": ["1"], "name": "华星"});
        let (Value::Object(a), Value::Object(b)) = (a, b) else {
            unreachable!()
        };
        let first = next_rev(None, Some(&a));
        assert_eq!(
            first,
            next_rev(None, Some(&b)),
            "the same content, the same revision"
        );
        assert_eq!(first.generation, 1);
        assert_eq!(first.hash.len(), 32);
        assert!(first.hash.chars().all(|c| c.is_ascii_hexdigit()));
        // MD5 of "\n" (no parent) and the JSON with its keys in order, worked out apart.
        assert_eq!(first.hash, MD5_OF_SORTED);
        // On top of a parent: one generation more, and another hash for other content or
        // another parent.
        let second = next_rev(Some(&first), Some(&a));
        assert_eq!(second.generation, 2);
        assert_ne!(second.hash, first.hash);
        let deleted = next_rev(Some(&first), None);
        assert_eq!(deleted.generation, 2);
        assert_ne!(deleted, second);
    }

    /// `printf '\n{"n":{"a":[2,{"x":0,"y":1}],"b":1},"name":"华星","phones":["1"]}' | md5sum`
    const MD5_OF_SORTED: &str = "e44d791a2282670dede8a343b67b1d2d";

    #[test]
    fn a_bad_document_is_refused_with_its_reason() {
        let ok = json!({"_id": "customers:x", "_rev": "1-a"});
        assert!(read(&ok).is_ok());
        assert_eq!(read(&json!([1])), Err(DocError::NotAnObject));
        for id in [
            "",
            "_design/crm",
            "imports:x",
            "nonsense:x",
            "customers:",
            "customers",
        ] {
            assert_eq!(
                read(&json!({"_id": id, "_rev": "1-a"})),
                Err(DocError::Id(id.into())),
                "{id:?}"
            );
        }
        assert_eq!(
            read(&json!({"_id": "customers:x", "_rev": "one"})),
            Err(DocError::Rev("one".into()))
        );
        // A history that does not end at the revision, or is not a list of strings.
        for revisions in [
            json!({"start": 3, "ids": ["b", "a"]}),
            json!({"start": 2, "ids": ["a", 1]}),
            json!({"start": 2}),
            json!({"start": 1, "ids": ["a", "b"]}),
        ] {
            assert_eq!(
                read(&json!({"_id": "customers:x", "_rev": "2-a", "_revisions": revisions})),
                Err(DocError::History)
            );
        }
        // Fields that are not a customer; a customer filed under another's id.
        let doc = read(&json!({"_id": "customers:x", "_rev": "1-a", "name": 5})).unwrap();
        assert!(matches!(
            doc::record_of::<crate::domain::customer::Customer>(&doc),
            Err(DocError::Fields(_))
        ));
        let set = every_kind();
        let c = &set.customers[0];
        let body = body_of(c).unwrap();
        let other = crate::domain::id::Id::from_parts(1, [7; 10]).to_string();
        let sent = document(
            &doc::doc_id(RecordKind::Customer, &other),
            &RevPath::of(&RevId::parse("1-a").unwrap()),
            Some(&body),
        );
        assert_eq!(
            doc::record_of::<crate::domain::customer::Customer>(&read(&sent).unwrap()),
            Err(DocError::KeyMismatch {
                id: format!("customers:{other}"),
                key: c.id.to_string()
            })
        );
        // A deletion carries no record.
        let gone =
            read(&json!({"_id": "customers:x", "_rev": "2-b", "_deleted": true, "name": "x"}))
                .unwrap();
        assert_eq!(gone.body, None);
        assert_eq!(
            doc::record_of::<crate::domain::customer::Customer>(&gone),
            Ok(None)
        );
        assert_eq!(parse_doc_id("leads:abc"), Some((RecordKind::Lead, "abc")));
    }

    #[test]
    fn purchases_travel_as_their_customers_book_and_come_back_the_same() {
        use crate::domain::sync::book::Book;
        use std::collections::BTreeMap;
        let set = every_kind();
        let mut books: BTreeMap<crate::domain::id::Id, Vec<_>> = BTreeMap::new();
        for p in &set.purchases {
            books.entry(p.customer_id).or_default().push(p.clone());
        }
        assert!(books.len() > 10);
        for (customer, purchases) in books {
            let book = Book::new(customer, purchases.clone(), []);
            let body = match serde_json::to_value(&book).unwrap() {
                Value::Object(m) => m,
                _ => unreachable!(),
            };
            let id = doc::doc_id(RecordKind::Purchase, &customer.to_string());
            let sent = document(&id, &RevPath::of(&next_rev(None, Some(&body))), Some(&body));
            let text = serde_json::to_string(&sent).unwrap();
            let back = read(&serde_json::from_str::<Value>(&text).unwrap()).unwrap();
            let got = doc::book_of(&back).unwrap().unwrap();
            assert_eq!(got, book);
            let mut sorted = purchases;
            sorted.sort_by_key(|p| p.id);
            assert!(got.purchases == sorted, "every purchase, once, in id order");
        }
        // A book holding another customer's purchase is refused.
        let mut stray = set.purchases[0].clone();
        let owner = stray.customer_id;
        stray.customer_id = set.customers.iter().find(|c| c.id != owner).unwrap().id;
        let body = json!({"customer_id": owner, "purchases": [stray], "removed": {}});
        let sent = document(
            &doc::doc_id(RecordKind::Purchase, &owner.to_string()),
            &RevPath::of(&RevId::parse("1-a").unwrap()),
            body.as_object(),
        );
        assert!(matches!(
            doc::book_of(&read(&sent).unwrap()),
            Err(DocError::KeyMismatch { .. })
        ));
    }

    #[test]
    fn two_versions_of_a_book_merge_into_one_whichever_comes_first() {
        use crate::domain::money::Money;
        use crate::domain::sync::book::Book;
        let set = every_kind();
        let customer = set.customers[0].id;
        let mut own: Vec<_> = set
            .purchases
            .iter()
            .filter(|p| p.customer_id == customer)
            .cloned()
            .collect();
        own.sort_by_key(|p| p.id);
        assert!(own.len() >= 4, "{} purchases", own.len());
        let t = |ms: i64| Timestamp(1_795_000_000_000 + ms);
        let edit = |p: &crate::domain::purchase::Purchase, yuan: i64, at: i64| {
            let mut p = p.clone();
            p.amount = Money::new(
                rust_decimal::Decimal::new(yuan, 0),
                crate::domain::money::Currency::Cny,
            );
            p.updated_at = t(at);
            p
        };
        // A (this device) edited the first purchase later than B did; each recorded one the
        // other has not seen; B removed the fourth, which A still has.
        let a = Book::new(
            customer,
            [edit(&own[0], 100, 20), own[1].clone(), own[3].clone()],
            [],
        );
        let b = Book::new(
            customer,
            [edit(&own[0], 90, 10), own[2].clone()],
            [(own[3].id, t(30))],
        );
        let merged = a.merge(&b);
        assert_eq!(merged, b.merge(&a), "the same whichever is first");
        assert_eq!(
            merged.purchases.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![own[0].id, own[1].id, own[2].id]
        );
        assert_eq!(
            merged.purchases[0].amount,
            Money::new(
                rust_decimal::Decimal::new(100, 0),
                crate::domain::money::Currency::Cny
            )
        );
        assert_eq!(merged.removed.get(&own[3].id), Some(&t(30)));
        // Merging again changes nothing; a removal seen by both keeps its latest time.
        assert_eq!(merged.merge(&a), merged);
        assert_eq!(merged.merge(&merged), merged);
        let later = Book::new(customer, [], [(own[3].id, t(40))]);
        assert_eq!(merged.merge(&later).removed.get(&own[3].id), Some(&t(40)));
        // Two edits at the same time and revision: one of them, the same on every device.
        let x = Book::new(customer, [edit(&own[1], 7, 50)], []);
        let y = Book::new(customer, [edit(&own[1], 8, 50)], []);
        assert_eq!(x.merge(&y), y.merge(&x));
    }
}

/// The replies below were captured from pouchdb-server 4.2.0 (`--in-memory`), the server the
/// tests run against, after writing `customers:a` twice on one parent (`2-bb`, `2-dd`) and
/// `customers:b` once.
mod protocol {
    use super::super::protocol::*;
    use super::rev;
    use serde_json::json;

    #[test]
    fn an_address_is_https_or_this_computer_and_never_holds_a_password() {
        let a = ServerAddress::parse(" https://Couch.Example.com:6984/team_crm/ ").unwrap();
        assert_eq!(a.origin, "https://couch.example.com:6984");
        assert_eq!(a.database, "team_crm");
        assert_eq!(
            a.url("/_changes"),
            "https://couch.example.com:6984/team_crm/_changes"
        );
        assert_eq!(
            a.server_url("/_session"),
            "https://couch.example.com:6984/_session"
        );
        let behind = ServerAddress::parse("https://example.com/couch/db1").unwrap();
        assert_eq!(behind.url(""), "https://example.com/couch/db1");
        assert_eq!(
            behind.server_url("/_session"),
            "https://example.com/couch/_session"
        );
        for local in [
            "http://localhost:5984/t",
            "http://127.0.0.1:5985/t",
            "http://[::1]:5984/t",
        ] {
            assert!(ServerAddress::parse(local).is_ok(), "{local}");
        }
        assert_eq!(
            ServerAddress::parse("http://couch.example.com/team"),
            Err(Problem::NotHttps)
        );
        for bad in [
            "couch.example.com/team",
            "ftp://example.com/team",
            "https://example.com",
            "https://example.com/",
            "https://admin:secret@example.com/team",
            "https://example.com/Team",
            "https://example.com/_users",
            "https://example.com/team?x=1",
            "https://example.com//team",
            "https:///team",
        ] {
            assert_eq!(ServerAddress::parse(bad), Err(Problem::BadAddress), "{bad}");
        }
    }

    #[test]
    fn an_error_reply_says_what_to_do() {
        let body = r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#;
        assert_eq!(problem_of(401, body), Problem::Unauthorized);
        assert_eq!(
            problem_of(403, r#"{"error":"forbidden","reason":"read-only member"}"#),
            Problem::Forbidden("read-only member".into())
        );
        assert_eq!(
            problem_of(404, r#"{"error":"not_found","reason":"no_db_file"}"#),
            Problem::NoDatabase
        );
        assert_eq!(problem_of(504, ""), Problem::TimedOut);
        assert_eq!(
            problem_of(507, r#"{"error":"insufficient_storage"}"#),
            Problem::ServerFull("insufficient_storage".into())
        );
        assert_eq!(
            problem_of(500, "<html>proxy error</html>"),
            Problem::Server {
                status: 500,
                reason: String::new()
            }
        );
    }

    #[test]
    fn a_page_of_changes_reads_with_every_leaf() {
        let body = r#"{"results":[{"id":"customers:a","changes":[{"rev":"2-bb"},{"rev":"2-dd"}],"seq":2},{"id":"customers:b","changes":[{"rev":"1-cc"}],"seq":3}],"last_seq":3}"#;
        let c = parse_changes(body).unwrap();
        assert_eq!(c.results.len(), 2);
        assert_eq!(c.results[0].id, "customers:a");
        assert_eq!(c.results[0].revs, vec![rev("2-bb"), rev("2-dd")]);
        assert!(!c.results[0].deleted);
        assert_eq!(c.last_seq.as_query(), "3");
        // CouchDB 3's opaque sequences go back as they came.
        let body = r#"{"results":[{"seq":"7-g1AAAA","id":"leads:x","changes":[{"rev":"3-ab"}],"deleted":true}],"last_seq":"7-g1AAAA","pending":0}"#;
        let c = parse_changes(body).unwrap();
        assert!(c.results[0].deleted);
        assert_eq!(c.results[0].doc, None);
        assert_eq!(c.last_seq.as_query(), "7-g1AAAA");
        // With include_docs, each change carries its winning document (captured from
        // PouchDB Server: two branches of one document).
        let body = r#"{"results":[{"id":"customers:a","changes":[{"rev":"2-bbb"},{"rev":"2-ccc"}],"doc":{"name":"z","_id":"customers:a","_rev":"2-ccc","_conflicts":["2-bbb"]},"seq":3}],"last_seq":3}"#;
        let c = parse_changes(body).unwrap();
        let doc = c.results[0].doc.as_ref().unwrap();
        assert_eq!(doc["_rev"], "2-ccc");
        assert_eq!(doc["_conflicts"], json!(["2-bbb"]));
        for bad in [
            "not json",
            r#"{"results":[]}"#,
            r#"{"last_seq":1}"#,
            r#"{"results":[{"changes":[{"rev":"1-a"}],"seq":1}],"last_seq":1}"#,
            r#"{"results":[{"id":"x","changes":[{"rev":"one"}],"seq":1}],"last_seq":1}"#,
            r#"{"results":[{"id":"x","changes":[{"rev":"1-a"}]}],"last_seq":1}"#,
            r#"{"results":[{"id":"x","changes":[{"rev":"1-a"}],"seq":-1}],"last_seq":1}"#,
        ] {
            assert!(
                matches!(parse_changes(bad), Err(Problem::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn revs_diff_asks_for_what_the_server_lacks() {
        let have = [rev("2-bb"), rev("3-ee")];
        let q = [rev("1-ff")];
        assert_eq!(
            revs_diff_body([("customers:a", &have[..]), ("customers:q", &q[..])]),
            json!({"customers:a": ["2-bb", "3-ee"], "customers:q": ["1-ff"]})
        );
        let answer = r#"{"customers:a":{"missing":["3-ee"]},"customers:q":{"missing":["1-ff"]}}"#;
        let missing = parse_revs_diff(answer).unwrap();
        assert_eq!(missing["customers:a"], vec![rev("3-ee")]);
        assert_eq!(missing["customers:q"], vec![rev("1-ff")]);
        assert!(!missing.contains_key("customers:b"), "it has customers:b");
        // CouchDB adds possible ancestors; they change nothing here.
        let with = r#"{"bbb":{"missing":["4-ccc"],"possible_ancestors":["4-7538"]}}"#;
        assert_eq!(parse_revs_diff(with).unwrap()["bbb"], vec![rev("4-ccc")]);
        assert!(parse_revs_diff(r#"{"x":{}}"#).is_err());
        assert!(parse_revs_diff("[]").is_err());
    }

    #[test]
    fn bulk_docs_reports_only_what_was_refused() {
        assert_eq!(
            bulk_docs_body(vec![json!({"_id": "a"})]),
            json!({"new_edits": false, "docs": [{"_id": "a"}]})
        );
        assert_eq!(parse_bulk_docs("[]").unwrap(), vec![]);
        let answer = r#"[{"id":"customers:a","rev":"3-x"},{"id":"customers:b","error":"forbidden","reason":"read-only member"}]"#;
        assert_eq!(
            parse_bulk_docs(answer).unwrap(),
            vec![Refused {
                id: "customers:b".into(),
                error: "forbidden".into(),
                reason: "read-only member".into()
            }]
        );
        assert!(
            parse_bulk_docs(r#"{"error":"bad_request","reason":"Invalid rev format"}"#).is_err()
        );
    }

    #[test]
    fn open_revs_gives_each_branch_or_says_it_is_missing() {
        let body = r#"[{"ok":{"name":"x","_id":"customers:a","_rev":"2-bb","_revisions":{"start":2,"ids":["bb","aa"]}}},{"ok":{"name":"z","_id":"customers:a","_rev":"2-dd","_revisions":{"start":2,"ids":["dd","aa"]}}},{"missing":"2-zz"}]"#;
        let revs = parse_open_revs(body).unwrap();
        assert_eq!(revs.len(), 3);
        assert_eq!(revs[1].as_ref().unwrap()["name"], "z");
        assert_eq!(revs[2], Err("2-zz".to_string()));
        // Both branches read into one tree: the winner is the one the server shows.
        let mut tree = crate::domain::sync::rev::RevTree::default();
        for r in revs.iter().flatten() {
            let d = crate::domain::sync::doc::read(r).unwrap();
            tree.insert(d.path.as_ref().unwrap(), false);
        }
        assert_eq!(tree.winner().unwrap().rev, rev("2-dd"));
        assert_eq!(tree.conflicts(), vec![rev("2-bb")]);
        assert!(parse_open_revs(r#"[{"neither":1}]"#).is_err());
    }

    #[test]
    fn the_checkpoint_is_one_per_device_and_database() {
        let a = ServerAddress::parse("http://127.0.0.1:5985/team").unwrap();
        let b = ServerAddress::parse("http://127.0.0.1:5985/other").unwrap();
        let id = checkpoint_id("device-1", &a);
        assert!(id.starts_with("_local/") && id.len() == 7 + 32);
        assert_eq!(id, checkpoint_id("device-1", &a));
        assert_ne!(id, checkpoint_id("device-2", &a));
        assert_ne!(id, checkpoint_id("device-1", &b));
        let (seq, rev) =
            parse_checkpoint(r#"{"last_seq":3,"_id":"_local/ckpt","_rev":"0-1"}"#).unwrap();
        assert_eq!(seq.as_query(), "3");
        assert_eq!(rev.as_deref(), Some("0-1"));
        assert_eq!(
            checkpoint_body(&seq, rev.as_deref()),
            json!({"last_seq": 3, "_rev": "0-1"})
        );
        assert_eq!(Seq::start().as_query(), "0");
        assert!(parse_checkpoint(r#"{"error":"not_found","reason":"missing"}"#).is_err());
    }

    #[test]
    fn basic_authentication_is_rfc_7617s_in_utf8() {
        // RFC 7617, section 2 and 2.1: the two worked examples.
        assert_eq!(
            basic_auth("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(basic_auth("test", "123\u{a3}"), "Basic dGVzdDoxMjPCow==");
        // Padding of one and two, and a Chinese name: "张:1" is e5 bc a0 3a 31.
        assert_eq!(basic_auth("a", ""), "Basic YTo=");
        assert_eq!(basic_auth("ab", ""), "Basic YWI6");
        assert_eq!(basic_auth("张", "1"), "Basic 5bygOjE=");
    }
}

mod state {
    use super::{path, rev};
    use crate::domain::sync::doc::next_rev;
    use crate::domain::sync::state::{Known, Take, body_hash, discards, outgoing, take};
    use serde_json::{Map, Value, json};

    fn body(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    fn known(id: &str, r: &str, b: Option<&Map<String, Value>>) -> Known {
        Known {
            id: id.into(),
            rev: r.into(),
            hash: body_hash(b),
            conflicts: Vec::new(),
            discard: Vec::new(),
        }
    }

    #[test]
    fn a_body_hashes_the_same_whatever_the_order_of_its_fields() {
        let a = body(json!({"name": "远东", "phones": ["1"], "x": {"b": 1, "a": 2}}));
        let b = body(json!({"x": {"a": 2, "b": 1}, "phones": ["1"], "name": "远东"}));
        assert_eq!(body_hash(Some(&a)), body_hash(Some(&b)));
        assert_eq!(body_hash(Some(&a)).len(), 32);
        let c = body(json!({"name": "远东", "phones": ["2"], "x": {"b": 1, "a": 2}}));
        assert_ne!(body_hash(Some(&a)), body_hash(Some(&c)));
        assert_eq!(body_hash(None), "deleted");
    }

    #[test]
    fn a_new_record_goes_up_as_generation_one_and_an_edit_as_a_child_of_the_known_revision() {
        let b1 = body(json!({"id": "k", "name": "a"}));
        let first = outgoing("customers:k", Some(&b1), None).unwrap();
        assert_eq!(first.rev.generation, 1);
        assert_eq!(first.rev, next_rev(None, Some(&b1)));
        assert_eq!(first.doc["_id"], "customers:k");
        assert_eq!(first.doc["_rev"], first.rev.to_string());
        assert_eq!(
            first.doc["_revisions"],
            json!({"start": 1, "ids": [first.rev.hash]})
        );
        assert_eq!(first.doc["name"], "a");
        assert_eq!(first.known.hash, body_hash(Some(&b1)));

        // Unchanged since known: nothing to send. Gone before it was ever sent: nothing.
        assert_eq!(outgoing("customers:k", Some(&b1), Some(&first.known)), None);
        assert_eq!(outgoing("customers:k", None, None), None);

        let b2 = body(json!({"id": "k", "name": "b"}));
        let second = outgoing("customers:k", Some(&b2), Some(&first.known)).unwrap();
        assert_eq!(second.rev.generation, 2);
        assert_eq!(second.rev, next_rev(Some(&first.rev), Some(&b2)));
        assert_eq!(
            second.doc["_revisions"],
            json!({"start": 2, "ids": [second.rev.hash, first.rev.hash]})
        );
        // Two devices making the same change on the same revision make the same revision.
        let twin = outgoing("customers:k", Some(&b2), Some(&first.known)).unwrap();
        assert_eq!(twin.rev, second.rev);

        // Deleted here: a deletion on the known revision, without fields.
        let gone = outgoing("customers:k", None, Some(&second.known)).unwrap();
        assert_eq!(gone.rev.generation, 3);
        assert_eq!(gone.doc["_deleted"], true);
        assert!(gone.doc.get("name").is_none());
        assert!(gone.known.deleted());
        // Known deleted, and still gone: nothing.
        assert_eq!(outgoing("customers:k", None, Some(&gone.known)), None);
    }

    #[test]
    fn what_came_down_is_taken_unless_known_or_changed_here_first() {
        let b = body(json!({"id": "k"}));
        let k = known("customers:k", "2-bb", Some(&b));
        assert_eq!(take(Some(&k), false, &rev("2-bb")), Take::Known);
        assert_eq!(take(Some(&k), true, &rev("2-bb")), Take::Known);
        assert_eq!(take(Some(&k), false, &rev("3-cc")), Take::Apply);
        assert_eq!(take(Some(&k), true, &rev("3-cc")), Take::Wait);
        assert_eq!(take(None, false, &rev("1-aa")), Take::Apply);
        assert_eq!(take(None, true, &rev("1-aa")), Take::Wait);
    }

    #[test]
    fn resolving_closes_each_losing_version_with_a_deletion_on_it() {
        let b = body(json!({"id": "k"}));
        let mut k = known("customers:k", "2-ff", Some(&b));
        k.conflicts = vec!["2-aa".into(), "2-cc".into()];
        assert!(discards(&k).is_empty(), "nothing resolved yet");
        k.discard = vec!["2-aa".into()];
        let docs = discards(&k);
        assert_eq!(docs.len(), 1);
        let closing = &docs[0];
        assert_eq!(closing["_id"], "customers:k");
        assert_eq!(closing["_deleted"], true);
        let r = rev(closing["_rev"].as_str().unwrap());
        assert_eq!(r.generation, 3);
        assert_eq!(r, next_rev(Some(&rev("2-aa")), None));
        assert_eq!(
            closing["_revisions"],
            json!({"start": 3, "ids": [r.hash, "aa"]})
        );
        // Once sent, the closed version is no longer a conflict; the other still is.
        let after = k.closed();
        assert_eq!(after.conflicts, vec!["2-cc".to_string()]);
        assert!(after.discard.is_empty());
        // And the tree agrees: with the deletion in, the loser is no longer a leaf that
        // counts.
        let mut tree = crate::domain::sync::rev::RevTree::default();
        tree.insert(&path(&["1-a0", "2-ff"]), false);
        tree.insert(&path(&["1-a0", "2-aa"]), false);
        tree.insert(&path(&["1-a0", "2-cc"]), false);
        tree.insert(
            &crate::domain::sync::rev::RevPath {
                start: 3,
                ids: vec![r.hash.clone(), "aa".into()],
            },
            true,
        );
        assert_eq!(tree.conflicts(), vec![rev("2-cc")]);
    }
}

mod session {
    use crate::domain::sync::protocol::{Problem, parse_session, pending_of};

    #[test]
    fn the_session_names_the_member_and_says_whether_they_may_write() {
        // CouchDB 3's answer for a member signed in with basic authentication.
        let s = parse_session(
            r#"{"ok":true,"userCtx":{"name":"wang","roles":["rep"]},"info":{"authentication_handlers":["cookie","default"],"authenticated":"default"}}"#,
        )
        .unwrap();
        assert_eq!(s.name.as_deref(), Some("wang"));
        assert!(!s.read_only());
        let s =
            parse_session(r#"{"ok":true,"userCtx":{"name":"li","roles":["readonly"]}}"#).unwrap();
        assert!(s.read_only());
        let s = parse_session(
            r#"{"ok":true,"userCtx":{"name":"boss","roles":["readonly","manager"]}}"#,
        )
        .unwrap();
        assert!(!s.read_only(), "a role that writes wins");
        let s = parse_session(r#"{"ok":true,"userCtx":{"name":null,"roles":[]}}"#).unwrap();
        assert_eq!(s.name, None);
        for bad in [
            "[]",
            "nonsense",
            r#"{"ok":true}"#,
            r#"{"userCtx":{"name":3}}"#,
        ] {
            assert!(
                matches!(parse_session(bad), Err(Problem::Malformed(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_changes_still_to_come_are_read_when_given() {
        assert_eq!(
            pending_of(r#"{"results":[],"last_seq":9,"pending":1200}"#),
            Some(1200)
        );
        assert_eq!(pending_of(r#"{"results":[],"last_seq":9}"#), None);
        assert_eq!(pending_of("oops"), None);
    }
}
