//! Planner tests: every expected value worked out by hand from the rows.

use super::*;
use crate::domain::customer::CustomerInput;
use crate::domain::i18n::{EN, ZH};
use crate::domain::import::table::read;
use crate::domain::import::{FileProblem, mapping::auto};
use crate::domain::member::MemberRole;
use crate::domain::member::TeamMember;
use rust_decimal::Decimal;
use std::str::FromStr;

/// 2026-11-23T08:00:00Z; local offset UTC+8.
pub(super) const NOW: Timestamp = Timestamp(1_795_420_800_000);
const OFFSET: i32 = 480;

pub(super) fn customer(name: &str, phone: &str, external: &str) -> Customer {
    let input = CustomerInput {
        name: name.into(),
        phones: if phone.is_empty() {
            vec![]
        } else {
            vec![phone.into()]
        },
        ..CustomerInput::default()
    };
    let fields = input.validate(NOW.local_date(OFFSET)).unwrap();
    let mut c = Customer::create(Id::generate(), fields, Timestamp(1_000));
    c.external_id = external.into();
    c
}

pub(super) fn member(name: &str) -> TeamMember {
    TeamMember {
        rev: crate::domain::record::Rev::default(),
        id: Id::generate(),
        name: name.into(),
        role: MemberRole::default(),
        created_at: Timestamp(0),
        left_at: None,
    }
}

pub(super) fn plan(kind: Kind, text: &str, policy: Policy, existing: Existing) -> Plan {
    let table = read(text).unwrap();
    let mapping = auto(kind, &table.header);
    let mut p = Planner::new(kind, table.header, mapping, policy, existing, NOW, OFFSET);
    // Two slices, as the page feeds them.
    let (a, b) = table.rows.split_at(table.rows.len() / 2);
    p.feed(a);
    p.feed(b);
    p.finish()
}

/// A plan of `text` against the customers of [`linked`] (for the report's tests).
pub(super) fn plan_of(kind: Kind, text: &str, policy: Policy) -> Plan {
    plan(kind, text, policy, linked())
}

const CUSTOMERS: &str = "客户名称,手机,邮箱,城市,标签,负责人\n\
华为技术,13800138000,it@huawei.example,深圳,\"大客户,华南\",王伟\n\
张三,139 1234 5678; 010-12345678,,北京,,\n\
坏电话,12345,,,,\n\
,13700000000,,,,\n\
未知负责人,13600000000,,,,赵六\n\
华为技术,13800138000,,,,\n\
老客户,13500000000,,上海,,\n";

fn stored() -> (Vec<Customer>, Vec<TeamMember>) {
    (
        vec![customer("老客户公司", "135 0000 0000", "")],
        vec![member("王伟")],
    )
}

#[test]
fn customer_rows_are_created_skipped_or_refused_with_their_column() {
    let (customers, members) = stored();
    let wang = members[0].id;
    let p = plan(
        Kind::Customers,
        CUSTOMERS,
        Policy::Skip,
        Existing::new(customers, vec![], vec![], vec![], &members),
    );
    assert_eq!(p.rows, 7);
    assert_eq!(
        p.counts,
        Counts {
            created: 2,
            updated: 0,
            skipped: 2,
            failed: 3
        }
    );
    let [hw, zs] = &p.writes.customers[..] else {
        panic!("two new customers: {:?}", p.writes.customers)
    };
    assert_eq!(hw.name, "华为技术");
    assert_eq!(hw.phones, ["13800138000"]);
    assert_eq!(hw.emails, ["it@huawei.example"]);
    assert_eq!(hw.region, "深圳");
    assert_eq!(hw.tags, ["大客户", "华南"]);
    assert_eq!(hw.owner_id, Some(wang));
    assert_eq!(hw.created_at, NOW);
    // One cell with a mobile and a landline gives two phones.
    assert_eq!(zs.phones.len(), 2);
    assert_eq!(zs.party, Party::Organisation);

    let lines: Vec<(usize, Option<&str>, &str)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref(), e.value.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (4, Some("手机"), "12345"),
            (5, Some("客户名称"), ""),
            (6, Some("负责人"), "赵六"),
        ]
    );
    assert_eq!(p.errors[1].problem, RowProblem::Value(Problem::Required));
    assert_eq!(p.errors[2].problem, RowProblem::UnknownOwner("赵六".into()));
    let actions: Vec<Action> = p.preview.iter().map(|r| r.action).collect();
    use Action::*;
    assert_eq!(actions, [Create, Create, Fail, Fail, Fail, Skip, Skip]);
    // The skipped row 8 shows the stored customer it repeats.
    assert_eq!(p.preview[6].customer, "老客户公司");
    // Nothing is changed, so nothing needs a before-image.
    assert!(p.before.is_empty());
}

#[test]
fn update_fills_the_stored_customer_and_keeps_its_old_version() {
    let (customers, members) = stored();
    let old = customers[0].clone();
    let p = plan(
        Kind::Customers,
        CUSTOMERS,
        Policy::Update,
        Existing::new(customers, vec![], vec![], vec![], &members),
    );
    // Row 7 repeats row 2 with nothing new: unchanged, so skipped. Row 8 updates 老客户公司.
    assert_eq!(
        p.counts,
        Counts {
            created: 2,
            updated: 1,
            skipped: 1,
            failed: 3
        }
    );
    assert_eq!(p.before.customers, std::slice::from_ref(&old));
    let updated = &p.writes.customers[2];
    assert_eq!(updated.id, old.id);
    assert_eq!(updated.name, "老客户");
    assert_eq!(updated.region, "上海");
    assert_eq!(updated.phones, old.phones);
    assert_eq!(updated.created_at, old.created_at);
    assert_eq!(updated.updated_at, NOW);
    let batch = p.batch(Id::generate(), "客户.csv");
    assert_eq!(batch.created.customers.len(), 2);
    assert!(!batch.created.customers.contains(&old.id));
    assert_eq!(batch.before.customers, [old]);
    assert_eq!(batch.at, NOW);
    assert!(batch.can_undo());
}

#[test]
fn create_makes_new_records_even_for_duplicates() {
    let (customers, members) = stored();
    let p = plan(
        Kind::Customers,
        CUSTOMERS,
        Policy::Create,
        Existing::new(customers, vec![], vec![], vec![], &members),
    );
    assert_eq!(p.counts.created, 4);
    assert_eq!(p.counts.skipped, 0);
    assert_eq!(
        p.writes
            .customers
            .iter()
            .filter(|c| c.name == "华为技术")
            .count(),
        2
    );
}

#[test]
fn our_own_id_in_a_number_column_finds_the_customer_and_is_not_stored_as_a_number() {
    let (customers, members) = stored();
    let old = customers[0].clone();
    let text = format!("编号,客户名称,城市\n{},新名称,上海\n", old.id);
    let p = plan(
        Kind::Customers,
        &text,
        Policy::Update,
        Existing::new(customers, vec![], vec![], vec![], &members),
    );
    assert_eq!(p.counts.updated, 1);
    let updated = &p.writes.customers[0];
    assert_eq!(updated.id, old.id);
    assert_eq!(updated.name, "新名称");
    assert_eq!(updated.external_id, "");
}

fn linked() -> Existing {
    let mut li1 = customer("李四", "", "");
    li1.company = "甲".into();
    let li2 = customer("李四", "", "");
    Existing::new(
        vec![
            customer("华为技术", "", "C001"),
            customer("张三", "", ""),
            li1,
            li2,
        ],
        vec![],
        vec![],
        vec![],
        &[member("王伟")],
    )
}

#[test]
fn purchases_are_matched_by_number_or_name_and_checked() {
    let text = "客户,日期,金额（元）,商品,数量\n\
C001,2024年3月5日,\"¥1,234.50\",服务器,2\n\
张三,2024/3/6 14:30:00,$99.99,耳机,\n\
李四,2024-03-07,100,,\n\
王五,2024-03-07,100,,\n\
张三,2099-01-01,100,,\n\
张三,2024-03-08,-5,,\n\
华为技术,20240305,1234.5,服务器,2\n";
    let p = plan(Kind::Purchases, text, Policy::Skip, linked());
    assert_eq!(
        p.counts,
        Counts {
            created: 3,
            updated: 0,
            skipped: 0,
            failed: 4
        }
    );
    let [server, phones, again] = &p.writes.purchases[..] else {
        panic!("{:?}", p.writes.purchases)
    };
    assert_eq!(server.date, NaiveDate::from_ymd_opt(2024, 3, 5).unwrap());
    assert_eq!(server.amount.amount, Decimal::from_str("1234.5").unwrap());
    assert_eq!(server.amount.currency, Currency::Cny);
    assert_eq!(server.quantity, Decimal::from(2));
    assert_eq!(p.preview[0].customer, "华为技术");
    // The dollar sign names the currency; an empty quantity is one.
    assert_eq!(phones.amount.currency, Currency::Usd);
    assert_eq!(phones.amount.minor_units(), 9999);
    assert_eq!(phones.quantity, Decimal::ONE);
    let problems: Vec<(usize, RowProblem)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (4, RowProblem::AmbiguousCustomer("李四".into(), 2)),
            (5, RowProblem::UnknownCustomer("王五".into())),
            (6, RowProblem::Value(Problem::DateInFuture)),
            (7, RowProblem::Value(Problem::NegativeAmount)),
        ]
    );
    assert_eq!(p.errors[0].column.as_deref(), Some("客户"));
    assert_eq!(p.errors[3].column.as_deref(), Some("金额（元）"));
    assert_eq!(p.errors[3].value, "-5");
    // Row 8 is row 2 again, and a second purchase: rows of one file without order numbers
    // are never duplicates of each other.
    assert_eq!(p.preview[6].action, Action::Create);
    assert_eq!((again.amount, again.date), (server.amount, server.date));
    assert_ne!(again.id, server.id);
}

/// Three purchases of 张三 in the file format `text` is written in.
fn zhang_purchases(existing: &Existing, text: &str, policy: Policy) -> Plan {
    let l = existing;
    let build = Existing::new(
        l.customers.clone(),
        vec![],
        vec![],
        l.purchases.clone(),
        &[],
    );
    plan(Kind::Purchases, text, policy, build)
}

#[test]
fn repeated_identical_rows_are_all_stored() {
    // A shop's export: one row per purchase, two customers buying the same thing twice on one
    // day. With the default policy every row is a purchase.
    let text = "客户,日期,数量,金额
张三,2024-03-06,1,50
张三,2024-03-06,1,50
张三,2024-03-06,1,50
华为技术,2024-03-07,2,80
华为技术,2024-03-07,2,80
";
    let mut stored = linked();
    let first = zhang_purchases(&stored, text, Policy::default());
    assert_eq!(first.counts.created, 5);
    assert!(first.skipped.is_empty());
    // Stored, the same file again is five duplicates, each matched with one stored purchase
    // and each named with the line it is on.
    for p in &first.writes.purchases {
        stored.add_purchase_for_test(p.clone());
    }
    let again = zhang_purchases(&stored, text, Policy::Skip);
    assert_eq!((again.counts.created, again.counts.skipped), (0, 5));
    let lines: Vec<usize> = again.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [2, 3, 4, 5, 6]);
    assert!(again.skipped.iter().all(|s| s.why == Why::Duplicate));
    // The file with one more identical row: the four stored are matched, the fifth is new.
    let more = format!("{text}张三,2024-03-06,1,50\n");
    let p = zhang_purchases(&stored, &more, Policy::Skip);
    assert_eq!((p.counts.created, p.counts.skipped), (1, 5));
    assert_eq!(p.preview[5].action, Action::Create);
    // A different quantity is a different purchase.
    let p = zhang_purchases(
        &stored,
        "客户,日期,数量,金额\n张三,2024-03-06,2,50\n",
        Policy::Skip,
    );
    assert_eq!(p.counts.created, 1);
    // "Update" leaves a purchase the same in every field alone, and says so.
    let p = zhang_purchases(&stored, text, Policy::Update);
    assert_eq!((p.counts.updated, p.counts.skipped), (0, 5));
    assert!(p.skipped.iter().all(|s| s.why == Why::Unchanged));
}

#[test]
fn an_order_number_identifies_a_purchase() {
    let text = "单号,客户,日期,商品,数量,金额\n\
SO-1,张三,2024-03-06,耳机,1,50\n\
SO-1,张三,2024-03-06,充电器,1,20\n\
SO-1,张三,2024-03-06,耳机,1,50\n\
SO-2,张三,2024-03-06,耳机,1,50\n";
    let mut stored = linked();
    let p = zhang_purchases(&stored, text, Policy::Skip);
    // Two lines of order SO-1, the same line again, and order SO-2.
    assert_eq!((p.counts.created, p.counts.skipped), (3, 1));
    assert_eq!(p.skipped[0].line, 4);
    assert_eq!(p.skipped[0].why, Why::SameOrder);
    assert_eq!(p.writes.purchases[0].order, "SO-1");
    // Against what is stored, the order line decides: a corrected quantity is an update.
    for w in &p.writes.purchases {
        stored.add_purchase_for_test(w.clone());
    }
    let fix = "单号,客户,日期,商品,数量,金额\nso-1,张三,2024-03-06,耳机,3,150\n";
    let skip = zhang_purchases(&stored, fix, Policy::Skip);
    assert_eq!((skip.counts.created, skip.counts.skipped), (0, 1));
    let update = zhang_purchases(&stored, fix, Policy::Update);
    assert_eq!(update.counts.updated, 1);
    let fixed = &update.writes.purchases[0];
    assert_eq!(fixed.id, p.writes.purchases[0].id);
    assert_eq!(fixed.quantity, Decimal::from(3));
    assert_eq!(update.before.purchases, [p.writes.purchases[0].clone()]);
}

#[test]
fn a_stored_purchase_is_a_duplicate_only_in_every_field() {
    let mut with_stored = linked();
    let zhang = with_stored.customers[1].id;
    let stored = PurchaseInput {
        date: "2024-03-06".into(),
        amount: "50".into(),
        product: "耳机".into(),
        notes: "补录".into(),
        ..PurchaseInput::default()
    }
    .validate(zhang, None, NOW.local_date(OFFSET), Timestamp(7))
    .unwrap();
    with_stored.add_purchase_for_test(stored.clone());
    let same = "客户,日期,金额,商品,数量,备注\n张三,2024-03-06,50,耳机,1,补录\n";
    let p = zhang_purchases(&with_stored, same, Policy::Skip);
    assert_eq!(p.counts.skipped, 1);
    assert_eq!(p.skipped[0].record, Record::Purchase(stored.clone()));
    assert_eq!(p.skipped[0].customer, "张三");
    // Any field different (here the notes) is another purchase.
    let other = "客户,日期,金额,商品,数量,备注\n张三,2024-03-06,50,耳机,1,\n";
    let p = zhang_purchases(&with_stored, other, Policy::Skip);
    assert_eq!(p.counts.created, 1);
    // "Create anyway" creates the duplicate.
    let p = zhang_purchases(&with_stored, same, Policy::Create);
    assert_eq!(p.counts.created, 1);
}

#[test]
fn interactions_take_local_times_channels_and_members() {
    let existing = linked();
    let text = "客户,时间,方式,内容,跟进人\n\
张三,2024/3/5 9:05,电话,询价,王伟\n\
张三,2024-03-05,拜访,送样品,\n\
张三,2024-03-06 10:00,飞鸽传书,x,\n\
张三,2024-03-05 09:05,电话,询价,\n";
    let p = plan(Kind::Interactions, text, Policy::Skip, existing);
    assert_eq!(
        p.counts,
        Counts {
            created: 2,
            updated: 0,
            skipped: 1,
            failed: 1
        }
    );
    let call = &p.writes.interactions[0];
    // 09:05 at UTC+8 is 01:05 UTC: 2024-03-05 is day 19787 since 1970.
    assert_eq!(call.at.0, (19_787 * 86_400 + 3_900) * 1_000);
    assert_eq!(call.channel, Channel::Call);
    assert!(call.member_id.is_some());
    let visit = &p.writes.interactions[1];
    assert_eq!(visit.channel, Channel::Visit);
    // A date alone is midday local: 04:00 UTC.
    assert_eq!(visit.at.0, (19_787 * 86_400 + 4 * 3_600) * 1_000);
    assert_eq!(
        p.errors[0].problem,
        RowProblem::UnknownChannel("飞鸽传书".into())
    );
    assert_eq!(p.errors[0].column.as_deref(), Some("方式"));
}

/// New York's rules for 2024, enough for the test: UTC−4 from 10 March 07:00 UTC to 3 November
/// 06:00 UTC, UTC−5 otherwise (the instants from the published US rules: 2:00 local).
fn new_york_at(t: Timestamp) -> i32 {
    const SUMMER_FROM: i64 = 1_710_054_000_000; // 2024-03-10T07:00:00Z
    const SUMMER_TO: i64 = 1_730_613_600_000; // 2024-11-03T06:00:00Z
    if (SUMMER_FROM..SUMMER_TO).contains(&t.0) {
        -240
    } else {
        -300
    }
}

fn new_york_for_local(local: chrono::NaiveDateTime) -> i32 {
    new_york_at(Timestamp::from_local(
        local,
        new_york_at(Timestamp::from_local(local, -300)),
    ))
}

#[test]
fn interactions_in_a_daylight_saving_zone_take_the_offset_of_their_own_date() {
    let table = read(
        "客户,时间,方式,内容
张三,2024-07-15 09:30,电话,夏天
张三,2024-01-15 18:05,电话,冬天
",
    )
    .unwrap();
    let mapping = auto(Kind::Interactions, &table.header);
    let zone = Zone::Rules {
        at: new_york_at,
        for_local: new_york_for_local,
    };
    let mut p = Planner::new(
        Kind::Interactions,
        table.header,
        mapping,
        Policy::Skip,
        linked(),
        NOW,
        zone,
    );
    p.feed(&table.rows);
    let plan = p.finish();
    let at: Vec<i64> = plan.writes.interactions.iter().map(|i| i.at.0).collect();
    // 09:30 EDT (UTC−4) is 13:30 UTC; 18:05 EST (UTC−5) is 23:05 UTC.
    assert_eq!(at, [1_721_050_200_000, 1_705_359_900_000]);
    // The preview shows the times as written in the file.
    let shown: Vec<String> = plan
        .writes
        .interactions
        .iter()
        .map(|i| {
            cells(
                &Record::Interaction(i.clone()),
                "张三",
                &ZH,
                zone,
                &|_| String::new(),
            )[1]
            .clone()
        })
        .collect();
    assert_eq!(shown, ["2024年7月15日 09:30", "2024年1月15日 18:05"]);
}

#[test]
fn contacts_join_their_customer_and_update_by_name() {
    let text = "公司,联系人,职务,手机\n\
华为技术,李娜,采购经理,13912345678\n\
华为技术,李娜,采购总监,\n\
不存在公司,王五,,\n";
    let p = plan(Kind::Contacts, text, Policy::Update, linked());
    // Row 3 updates the person row 2 created: still one new contact, with the new title.
    assert_eq!(
        p.counts,
        Counts {
            created: 1,
            updated: 1,
            skipped: 0,
            failed: 1
        }
    );
    assert_eq!(p.writes.contacts.len(), 1);
    assert_eq!(p.writes.contacts[0].title, "采购总监");
    assert_eq!(p.writes.contacts[0].phones, ["13912345678"]);
    // Created in this import: no before-image, and the journal lists it as created.
    assert!(p.before.is_empty());
    let batch = p.batch(Id::generate(), "c.csv");
    assert_eq!(batch.created.contacts, [p.writes.contacts[0].id]);
    assert_eq!(
        p.errors[0].problem,
        RowProblem::UnknownCustomer("不存在公司".into())
    );
}

#[test]
fn broken_rows_are_reported_on_their_line() {
    let text = "客户名称,电话\n\"甲,\"x\"y\n乙\n丙,13800138000,多余\n";
    let p = plan(Kind::Customers, text, Policy::Skip, Existing::default());
    // The broken quote swallows the delimiter: one cell, like row 3; row 4 has a value past
    // the header.
    let problems: Vec<(usize, RowProblem)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect();
    let count = |found| RowProblem::CellCount { found, expected: 2 };
    assert_eq!(problems, [(2, count(1)), (3, count(1)), (4, count(3))]);
    assert_eq!(p.counts.failed, 3);
}

#[test]
fn dates_and_times_are_read_as_spreadsheets_write_them() {
    assert_eq!(date("2024年3月5日"), "2024-3-5");
    assert_eq!(date("20240305"), "2024-03-05");
    assert_eq!(date("2024/3/5 14:30:00"), "2024/3/5");
    assert_eq!(date(" 2024-03-05T08:00 "), "2024-03-05");
    assert_eq!(when("2024/3/5 9:05"), "2024/3/5T09:05");
    assert_eq!(when("2024-03-05 14:30:59"), "2024-03-05T14:30");
    assert_eq!(when("2024年3月5日"), "2024-3-5T12:00");
    assert_eq!(when(""), "");
    assert!(crate::domain::time::parse_datetime_local(&when("2024/3/5 9:05")).is_some());
}

#[test]
fn the_error_report_names_line_column_value_and_reason() {
    let (customers, members) = stored();
    let p = plan(
        Kind::Customers,
        CUSTOMERS,
        Policy::Skip,
        Existing::new(customers, vec![], vec![], vec![], &members),
    );
    let zh = p.error_report(&ZH);
    let lines: Vec<&str> = zh.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines[0], "行,列,值,原因");
    assert!(lines[3].starts_with("6,负责人,赵六,"), "{}", lines[3]);
    assert!(lines[3].contains("团队中没有名为“赵六”的成员"));
    let en = p.error_report(&EN);
    assert!(en.contains("No team member is called “赵六”"));
}

#[test]
fn sniffed_gbk_reads_as_a_table_once_decoded() {
    // The decoding itself is the browser's; here: the bytes are recognised, and the text
    // they decode to maps automatically.
    assert_eq!(
        crate::domain::import::sniff(crate::domain::import::tests::GBK_FILE),
        Ok(crate::domain::import::Encoding::Gb18030)
    );
    let t = read("客户名称,电话\r\n张三,13800138000\r\n").unwrap();
    assert_eq!(
        auto(Kind::Customers, &t.header).missing(Kind::Customers),
        []
    );
    assert_eq!(read("").unwrap_err(), FileProblem::Empty);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any text: no panic; every row is counted once; every failed row has a reason on
        /// its own line; every written record passed the checks (it has a name).
        #[test]
        fn any_file_is_planned_without_panic(
            body in "[a-z张三0-9,;\"\n@.\\- ]{0,300}",
            kind in prop::sample::select(Kind::ALL.to_vec()),
        ) {
            let text = format!("客户,名称,电话,邮箱,日期,金额,内容,联系人\n{body}");
            // A file without data rows is refused before planning.
            let Ok(table) = read(&text) else {
                prop_assert!(body.trim_matches(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '"').is_empty() || body.lines().all(|l| l.trim().is_empty() || l.chars().all(|c| c == ',' || c == ';' || c.is_whitespace())));
                return Ok(());
            };
            let mapping = auto(kind, &table.header);
            let existing = Existing::new(vec![customer("张三", "", "")], vec![], vec![], vec![], &[]);
            let mut p = Planner::new(kind, table.header.clone(), mapping, Policy::Update, existing, NOW, OFFSET);
            p.feed(&table.rows);
            let plan = p.finish();
            let c = plan.counts;
            prop_assert_eq!(c.created + c.updated + c.skipped + c.failed, table.rows.len());
            let failed_lines: HashSet<usize> = plan.errors.iter().map(|e| e.line).collect();
            prop_assert_eq!(failed_lines.len(), c.failed);
            for e in &plan.errors {
                prop_assert!(table.rows.iter().any(|r| r.line == e.line));
                prop_assert!(!e.problem.message(&EN).is_empty());
            }
            for cust in &plan.writes.customers {
                prop_assert!(!cust.name.trim().is_empty());
            }
        }
    }
}
