//! The score worked by hand (figures in the comments).

use super::*;
use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::lead::LeadInput;
use crate::domain::record::Rev;

const DAY: i64 = 86_400_000;
const NOW: Timestamp = Timestamp(1_800_000_000_000);

fn group(
    n: usize,
    party: Party,
    industry: &str,
    region: &str,
    source: Source,
    valuable: usize,
) -> Vec<Profile> {
    (0..n)
        .map(|i| Profile {
            party,
            industry: industry.into(),
            region: region.into(),
            source,
            valuable: i < valuable,
        })
        .collect()
}

/// 100 customers, 20 valuable (p = 0.2): 制造业 20 (10 valuable), 浙江 10 (none), trade
/// show none, organisations 60 (15 valuable).
fn model() -> FitModel {
    let mut all = Vec::new();
    all.extend(group(
        10,
        Party::Organisation,
        "制造业",
        "江苏 南京",
        Source::Referral,
        10,
    ));
    all.extend(group(
        10,
        Party::Organisation,
        "制造业",
        "广东",
        Source::Referral,
        0,
    ));
    all.extend(group(
        10,
        Party::Organisation,
        "零售",
        "浙江 杭州",
        Source::Referral,
        0,
    ));
    all.extend(group(30, Party::Organisation, "", "", Source::Website, 5));
    all.extend(group(40, Party::Individual, "", "", Source::Website, 5));
    FitModel::build(&all)
}

fn lead() -> Lead {
    Lead::create(
        Id::generate(),
        LeadInput {
            name: "张伟".into(),
            company: "华星贸易".into(),
            industry: " 制造业".into(),
            region: "浙江 宁波".into(),
            source: LeadSource::TradeShow,
            ..LeadInput::default()
        }
        .validate()
        .unwrap(),
        Timestamp(0),
    )
}

fn touch(channel: Channel, days_ago: i64) -> Interaction {
    Interaction {
        id: Id::generate(),
        customer_id: Id::generate(),
        at: Timestamp(NOW.0 - days_ago * DAY),
        channel,
        member_id: None,
        contact_id: None,
        summary: "x".into(),
        commitment: None,
        created_at: NOW,
        updated_at: NOW,
        rev: Rev::default(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-4
}

#[test]
fn fit_compares_each_attribute_with_the_valuable_share_smoothed() {
    let fit = model().fit(&lead());
    assert_eq!(fit.base, Some(0.2));
    let by = |a: Attribute| fit.parts.iter().find(|p| p.attribute == a).unwrap();
    // 制造业: (10 + 5 × 0.2) / (20 + 5) = 0.44; 0.44 / 0.64 = 0.6875.
    let industry = by(Attribute::Industry);
    assert_eq!((industry.customers, industry.valuable), (20, 10));
    assert_eq!(industry.value, "制造业");
    assert!(close(industry.share, 0.44) && close(industry.score, 0.6875));
    // 浙江: (0 + 1) / 15 = 0.06667; / 0.26667 = 0.25.
    let province = by(Attribute::Province);
    assert_eq!((province.value.as_str(), province.customers), ("浙江", 10));
    assert!(close(province.score, 0.25));
    // Trade show: no customer came that way: the overall share, 0.5.
    assert!(close(by(Attribute::Source).score, 0.5));
    // Organisations: (15 + 1) / 65 = 0.24615; / 0.44615 = 0.55172.
    assert!(close(by(Attribute::Party).score, 0.551724));
    // 50 × (0.6875 + 0.25 + 0.5 + 0.551724) / 4 = 24.8653.
    assert!(close(fit.points, 24.8653), "{}", fit.points);
}

#[test]
fn without_valuable_customers_every_lead_gets_half_the_fit() {
    let none = FitModel::build(&group(
        5,
        Party::Organisation,
        "制造业",
        "浙江",
        Source::Referral,
        0,
    ));
    let fit = none.fit(&lead());
    assert_eq!(fit.base, None);
    assert!(close(fit.points, 25.0));
}

#[test]
fn engagement_weighs_each_touch_by_channel_and_age() {
    // A call today (2) and a visit 30 days ago (3 × 0.5); the internal note does not count.
    // E = 3.5; 50 × (1 − e^(−3.5 / 4)) = 50 × (1 − 0.416862) = 29.1569.
    let list = [
        touch(Channel::Call, 0),
        touch(Channel::Visit, 30),
        touch(Channel::Note, 1),
    ];
    let e = engagement(&list, NOW);
    assert_eq!(e.touches, 2);
    assert_eq!(e.last, Some(NOW));
    assert!(close(e.sum, 3.5));
    assert!(close(e.points, 29.1569), "{}", e.points);
    // One e-mail 60 days ago: 1 × 0.25; 50 × (1 − e^(−0.0625)) = 3.0293.
    let old = engagement(&[touch(Channel::Email, 60)], NOW);
    assert!(close(old.points, 3.0293), "{}", old.points);
    assert_eq!(engagement(&[], NOW).points, 0.0);
}

#[test]
fn the_score_adds_both_halves_and_falls_in_a_band() {
    let list = [touch(Channel::Call, 0), touch(Channel::Visit, 30)];
    // 24.8653 + 29.1569 = 54.02.
    let s = score(&model(), &lead(), &list, NOW);
    assert_eq!(s.total, 54);
    assert_eq!(s.band(), Band::Warm);
    assert_eq!(Band::of(70), Band::Hot);
    assert_eq!(Band::of(69), Band::Warm);
    assert_eq!(Band::of(39), Band::Cold);
}
