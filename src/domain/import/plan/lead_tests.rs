//! Lead files and business cards: every expected value worked out by hand from the rows.

use super::tests::{NOW, customer, member, plan};
use super::*;
use crate::domain::customer::Party;
use crate::domain::import::cards;
use crate::domain::import::mapping::auto;
use crate::domain::lead::matching::{MatchOn, MatchTarget};

/// Stored: the organisation 华星贸易有限公司 (phone 010-6552 1234) with its contact person
/// 张伟 (138 0013 8000), and the lead 王芳 (wang.fang@example.cn); member 王伟.
fn stored() -> (Existing, Id, Id, Id) {
    let mut org = customer("华星贸易有限公司", "010-6552 1234", "");
    org.party = Party::Organisation;
    let contact = ContactInput {
        name: "张伟".into(),
        phones: vec!["138 0013 8000".into()],
        ..ContactInput::default()
    }
    .validate(org.id, None, NOW)
    .unwrap();
    let lead = Lead::create(
        Id::generate(),
        LeadInput {
            name: "王芳".into(),
            emails: vec!["wang.fang@example.cn".into()],
            ..LeadInput::default()
        }
        .validate()
        .unwrap(),
        Timestamp(1_000),
    );
    let ids = (org.id, contact.id, lead.id);
    let existing = Existing::new(vec![org], vec![contact], vec![], vec![], &[member("王伟")])
        .with_leads(vec![lead]);
    (existing, ids.0, ids.1, ids.2)
}

const LEADS: &str = "姓名,公司,职位,手机,邮箱,来源,活动,负责人\n\
Zhang Wei,华星贸易,采购经理,+86 138-0013-8000,,展会,2026 上海展,王伟\n\
Wang Fang,,,,WANG.FANG@example.cn,网站,,\n\
赵六,,,12345,,,,\n\
钱七,,,13900000000,,微博,,\n\
,远景科技,,,,,,\n\
张伟,,,13800138000,,,,\n\
孙八,,,13700000000,,,,赵六\n\
李雷,,,13600000000,,,春季研讨会,\n";

#[test]
fn lead_rows_are_created_flagged_skipped_or_refused() {
    let (existing, org, contact, lead) = stored();
    let p = plan(Kind::Leads, LEADS, Policy::Skip, existing);
    assert_eq!(
        (
            p.counts.created,
            p.counts.updated,
            p.counts.skipped,
            p.counts.failed
        ),
        (3, 0, 2, 3)
    );
    let created: Vec<&Lead> = p.writes.leads.iter().collect();
    let names: Vec<String> = created.iter().map(|l| l.display_name()).collect();
    assert_eq!(names, vec!["Zhang Wei · 华星贸易", "远景科技", "李雷"]);
    let zhang = created[0];
    assert_eq!(zhang.company, "华星贸易");
    assert_eq!(zhang.title, "采购经理");
    assert_eq!(zhang.source, LeadSource::TradeShow);
    assert_eq!(zhang.campaign, "2026 上海展");
    assert!(zhang.owner_id.is_some());
    // No source column value but a campaign: it came from the campaign; neither: other.
    assert_eq!(created[1].source, LeadSource::Other);
    assert_eq!(created[2].source, LeadSource::Campaign);
    // Zhang Wei is the contact person (same phone, however written) at the customer whose
    // name is his company without its legal form; flagged, not merged.
    assert_eq!(p.matched.len(), 1);
    let m = &p.matched[0];
    assert_eq!((m.line, m.lead.as_str()), (2, "Zhang Wei · 华星贸易"));
    let found: Vec<(MatchTarget, MatchOn)> = m.matches.iter().map(|m| (m.target, m.on)).collect();
    assert_eq!(
        found,
        vec![
            (
                MatchTarget::Contact {
                    customer: org,
                    contact
                },
                MatchOn::Phone
            ),
            (MatchTarget::Customer(org), MatchOn::Company),
        ]
    );
    assert_eq!(p.preview[0].matches, m.matches);
    // The stored lead by e-mail in another case, and the lead created on line 2 by phone.
    let skipped: Vec<(usize, Why)> = p.skipped.iter().map(|s| (s.line, s.why)).collect();
    assert_eq!(skipped, vec![(3, Why::Duplicate), (7, Why::Duplicate)]);
    assert!(matches!(&p.skipped[0].record, Record::Lead(l) if l.id == lead));
    let errors: Vec<(usize, Option<&str>, &RowProblem)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref(), &e.problem))
        .collect();
    assert_eq!(
        errors,
        vec![
            (4, Some("手机"), &RowProblem::Value(Problem::BadPhone)),
            (5, Some("来源"), &RowProblem::UnknownSource("微博".into())),
            (8, Some("负责人"), &RowProblem::UnknownOwner("赵六".into())),
        ]
    );
    let batch = p.batch(Id::generate(), "leads.csv");
    assert_eq!(batch.created.leads.len(), 3);
    assert!(batch.touched.is_empty());
    assert!(batch.can_undo());
}

#[test]
fn update_fills_the_stored_lead_and_keeps_its_old_version() {
    let (existing, _, _, lead) = stored();
    let text = "姓名,手机,邮箱,行业\n王芳,139 0000 0000,wang.fang@example.cn,制造业\n\
王芳,,wang.fang@example.cn,\n";
    let p = plan(Kind::Leads, text, Policy::Update, existing);
    assert_eq!((p.counts.updated, p.counts.skipped), (1, 1));
    assert_eq!(p.skipped[0].why, Why::Unchanged);
    let after = &p.writes.leads[0];
    assert_eq!(after.id, lead);
    assert_eq!(after.phones, vec!["139 0000 0000"]);
    assert_eq!(after.industry, "制造业");
    assert_eq!(after.updated_at, NOW);
    assert_eq!(p.before.leads.len(), 1);
    assert!(p.before.leads[0].phones.is_empty());
    let batch = p.batch(Id::generate(), "leads.csv");
    assert!(batch.created.leads.is_empty());
}

#[test]
fn a_file_with_neither_name_nor_company_column_asks_for_the_name() {
    let header: Vec<String> = vec!["手机".into(), "邮箱".into()];
    assert_eq!(
        auto(Kind::Leads, &header).missing(Kind::Leads),
        vec![Target::Name]
    );
    let header: Vec<String> = vec!["公司".into(), "手机".into()];
    assert!(auto(Kind::Leads, &header).missing(Kind::Leads).is_empty());
    // A row with neither value fails on the name, with the reason.
    let (existing, ..) = stored();
    let p = plan(
        Kind::Leads,
        "姓名,公司,手机\n,,13500000000\n",
        Policy::Skip,
        existing,
    );
    assert_eq!(
        p.errors[0].problem,
        RowProblem::Value(Problem::NameOrCompany)
    );
}

#[test]
fn business_cards_are_planned_as_lead_rows_numbered_by_their_line() {
    let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:张;伟;;;\r\nORG:华星贸易有限公司\r\n\
TEL:13800138000\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:李娜\r\nTEL:12345\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=GBK:x\r\nEND:VCARD\r\n";
    let table = cards::table(text).unwrap();
    let mapping = auto(Kind::Leads, &table.header);
    let (existing, org, contact, _) = stored();
    let mut planner = Planner::new(
        Kind::Leads,
        table.header,
        mapping,
        Policy::Skip,
        existing,
        NOW,
        480,
    );
    planner.feed(&table.rows);
    let p = planner.finish();
    assert_eq!((p.counts.created, p.counts.failed), (1, 2));
    assert_eq!(p.writes.leads[0].name, "张伟");
    assert_eq!(
        p.matched[0].matches[0].target,
        MatchTarget::Contact {
            customer: org,
            contact
        }
    );
    let errors: Vec<(usize, Option<&str>)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_deref()))
        .collect();
    assert_eq!(errors, vec![(7, Some("TEL")), (12, None)]);
    assert_eq!(
        p.errors[1].problem,
        RowProblem::Card(crate::domain::vcard::CardProblem::Charset("GBK".into()))
    );
}

#[test]
fn sources_are_read_in_either_language() {
    use super::values::parse_source;
    assert_eq!(parse_source(""), Ok(None));
    assert_eq!(parse_source("Trade show"), Ok(Some(LeadSource::TradeShow)));
    assert_eq!(parse_source("trade_show"), Ok(Some(LeadSource::TradeShow)));
    assert_eq!(parse_source("网站询盘"), Ok(Some(LeadSource::WebInquiry)));
    assert_eq!(parse_source(" 转介绍 "), Ok(Some(LeadSource::Referral)));
    assert_eq!(parse_source("Cold call"), Ok(Some(LeadSource::ColdCall)));
    assert_eq!(
        parse_source("抖音"),
        Err(RowProblem::UnknownSource("抖音".into()))
    );
}
