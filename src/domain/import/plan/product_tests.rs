//! Price-list files: every expected value worked out by hand from the rows.

use super::tests::{NOW, plan};
use super::*;
use crate::domain::import::mapping::{auto, guess_kind};
use crate::domain::import::table::read;
use rust_decimal::Decimal;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Stored: BX-01 五层瓦楞纸箱, ¥10.00 a piece, 13 % VAT.
fn stored() -> (Existing, Product) {
    let p = ProductInput {
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
    .into_product(Timestamp(1_000));
    let existing =
        Existing::new(vec![], vec![], vec![], vec![], &[]).with_products(vec![p.clone()]);
    (existing, p)
}

const PRODUCTS: &str = "物料编码,品名,英文名称,类别,单位,单价（元）,税率,成本,是否在售,备注\n\
TP-9,封箱胶带,Packing tape,辅料,卷,12.35,13%,8.2,是,\n\
bx-01,五层瓦楞纸箱,,包装材料,个,11.00,13,,,\n\
SV-1,,Installation,服务,小时,180,6,,在售,上门安装\n\
BAD-1,坏价格,,,个,12.345,13,,,\n\
,无编码,,,个,5,13,,,\n\
TP-9,重复,,,个,1,13,,,\n\
X-2,税率错,,,个,5,150,,,\n\
X-3,状态错,,,个,5,13,,也许,\n\
X-4,,,,个,5,13,,,\n";

#[test]
fn a_price_list_file_is_recognised_and_mapped() {
    let table = read(PRODUCTS).unwrap();
    assert_eq!(guess_kind(&table.header), Kind::Products);
    let m = auto(Kind::Products, &table.header);
    let at = |t: Target| m.column_of(t);
    assert_eq!(
        [
            at(Target::Code),
            at(Target::Name),
            at(Target::NameEn),
            at(Target::Category),
            at(Target::Unit),
            at(Target::ListPrice),
            at(Target::TaxRate),
            at(Target::Cost),
            at(Target::Active),
            at(Target::Notes),
        ],
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(Some)
    );
    assert!(m.missing(Kind::Products).is_empty());
    // Without a name column in either language, the name is asked for.
    let bare = read("编码,单位,单价\nA,个,1\n").unwrap();
    assert_eq!(
        auto(Kind::Products, &bare.header).missing(Kind::Products),
        vec![Target::Name]
    );
}

#[test]
fn product_rows_are_created_skipped_or_refused_with_their_column() {
    let (existing, stored) = stored();
    let p = plan(Kind::Products, PRODUCTS, Policy::Skip, existing);
    assert_eq!(
        (
            p.counts.created,
            p.counts.updated,
            p.counts.skipped,
            p.counts.failed
        ),
        (2, 0, 2, 5)
    );
    let created = &p.writes.products;
    assert_eq!(created.len(), 2);
    let tape = &created[0];
    assert_eq!(
        (
            tape.code.as_str(),
            tape.name_zh.as_str(),
            tape.name_en.as_str(),
            tape.unit.as_str()
        ),
        ("TP-9", "封箱胶带", "Packing tape", "卷")
    );
    assert_eq!(tape.list_price.amount, dec("12.35"));
    assert_eq!(tape.tax_rate, dec("13"));
    assert_eq!(tape.cost, Some(dec("8.2")));
    assert!(tape.active);
    assert_eq!(tape.created_at, NOW);
    let service = &created[1];
    assert_eq!(
        (service.name_en.as_str(), service.notes.as_str()),
        ("Installation", "上门安装")
    );
    assert_eq!(service.tax_rate, dec("6"));
    // The stored code in other case, and a code repeated in the file: skipped.
    let skipped: Vec<(usize, Why)> = p.skipped.iter().map(|s| (s.line, s.why)).collect();
    assert_eq!(skipped, vec![(3, Why::Duplicate), (7, Why::Duplicate)]);
    assert!(matches!(&p.skipped[0].record, Record::Product(x) if x.id == stored.id));
    // Each failure names its line and column.
    let errors: Vec<(usize, Option<&str>)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (5, Some("单价（元）")),
            (6, Some("物料编码")),
            (8, Some("税率")),
            (9, Some("是否在售")),
            (10, Some("品名")),
        ]
    );
    assert_eq!(
        p.errors[0].problem,
        RowProblem::Value(Problem::TooManyDecimals { max: 2 })
    );
    assert_eq!(p.errors[1].problem, RowProblem::Value(Problem::Required));
    assert_eq!(p.errors[2].problem, RowProblem::Value(Problem::BadPercent));
    assert_eq!(
        p.errors[3].problem,
        RowProblem::UnknownActive("也许".into())
    );
    assert_eq!(p.errors[4].problem, RowProblem::Value(Problem::Required));
    // The journal lists the two new products as created.
    let batch = p.batch(Id::generate(), "价目表.csv");
    assert_eq!(batch.created.products, vec![tape.id, service.id]);
    assert!(batch.touched.is_empty());
}

#[test]
fn update_fills_the_stored_product_and_keeps_its_old_version() {
    let (existing, stored) = stored();
    let p = plan(Kind::Products, PRODUCTS, Policy::Update, existing);
    // The stored BX-01 (line 3), and TP-9 created on line 2 and updated on line 7: one
    // record written for it, with line 7's values, and no earlier version kept.
    assert_eq!((p.counts.created, p.counts.updated), (2, 2));
    let tape: Vec<&Product> = p
        .writes
        .products
        .iter()
        .filter(|x| x.code == "TP-9")
        .collect();
    assert_eq!(tape.len(), 1);
    assert_eq!(
        (tape[0].name_zh.as_str(), tape[0].list_price.amount),
        ("重复", dec("1"))
    );
    let after = p
        .writes
        .products
        .iter()
        .find(|x| x.id == stored.id)
        .unwrap();
    assert_eq!(after.list_price.amount, dec("11.00"));
    assert_eq!(after.category, "包装材料");
    // The code as stored, not as the file wrote it.
    assert_eq!(after.code, "BX-01");
    assert_eq!(after.updated_at, NOW);
    assert_eq!(p.before.products, vec![stored.clone()]);
    let batch = p.batch(Id::generate(), "价目表.csv");
    assert!(!batch.created.products.contains(&stored.id));
}

#[test]
fn create_cannot_make_a_second_product_of_one_code() {
    let (existing, _) = stored();
    let p = plan(Kind::Products, PRODUCTS, Policy::Create, existing);
    let taken: Vec<(usize, Option<&str>)> = p
        .errors
        .iter()
        .filter(|e| e.problem == RowProblem::Value(Problem::Taken))
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert_eq!(taken, vec![(3, Some("物料编码")), (7, Some("物料编码"))]);
}
