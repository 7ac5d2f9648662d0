use super::matching::{MatchIndex, MatchOn, MatchTarget, company_key, person_key};
use super::*;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Party;
use crate::domain::summary::CustomerSummary;

fn id(n: u64) -> Id {
    Id::from_parts(1_700_000_000_000 + n, [0; 10])
}

const T0: Timestamp = Timestamp(1_750_000_000_000);
const DAY: i64 = 86_400_000;

fn input(name: &str, company: &str) -> LeadInput {
    LeadInput {
        name: name.into(),
        company: company.into(),
        ..LeadInput::default()
    }
}

fn lead(n: u64, name: &str, company: &str, phones: &[&str], emails: &[&str]) -> Lead {
    let mut i = input(name, company);
    i.phones = phones.iter().map(|s| s.to_string()).collect();
    i.emails = emails.iter().map(|s| s.to_string()).collect();
    Lead::create(id(n), i.validate().unwrap(), T0)
}

fn customer(n: u64, party: Party, name: &str, company: &str, phones: &[&str]) -> CustomerSummary {
    let mut s = crate::domain::summary::tests::summary(id(n));
    s.name = name.into();
    s.party = party;
    s.company = company.into();
    s.phones = phones
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .into();
    s
}

#[test]
fn a_lead_needs_a_name_or_an_organisation() {
    let errors = input("  ", "").validate().unwrap_err();
    assert_eq!(
        errors,
        vec![FieldError::new(Field::Name, Problem::NameOrCompany)]
    );
    assert!(input("", "华星贸易").validate().is_ok());
    assert!(input("张伟", "").validate().is_ok());
}

#[test]
fn every_bad_field_is_reported_with_its_entry() {
    let mut i = input("张伟", "华星贸易");
    i.phones = vec![
        "138 0013 8000".into(),
        "12345".into(),
        "+86 13800138000".into(),
    ];
    i.emails = vec!["zw@huaxing.cn".into(), "not-an-address".into()];
    i.wechat = "1a".into();
    let errors = i.validate().unwrap_err();
    assert_eq!(
        errors,
        vec![
            FieldError::at(Field::Phone, 1, Problem::BadPhone),
            FieldError::at(Field::Phone, 2, Problem::Duplicate),
            FieldError::at(Field::Email, 1, Problem::BadEmail),
            FieldError::new(Field::WeChat, Problem::BadWeChat),
        ]
    );
}

#[test]
fn status_changes_are_kept_with_their_times() {
    let mut l = lead(1, "张伟", "华星贸易", &[], &[]);
    assert_eq!(l.status, LeadStatus::New);
    l.set_status(LeadStatus::Contacted, None, Timestamp(T0.0 + DAY))
        .unwrap();
    l.set_status(LeadStatus::Qualified, None, Timestamp(T0.0 + 3 * DAY))
        .unwrap();
    // Setting the status it has adds nothing.
    l.set_status(LeadStatus::Qualified, None, Timestamp(T0.0 + 4 * DAY))
        .unwrap();
    assert_eq!(
        l.history,
        vec![
            StatusChange {
                at: T0,
                to: LeadStatus::New
            },
            StatusChange {
                at: Timestamp(T0.0 + DAY),
                to: LeadStatus::Contacted
            },
            StatusChange {
                at: Timestamp(T0.0 + 3 * DAY),
                to: LeadStatus::Qualified
            },
        ]
    );
    assert_eq!(
        l.reached(LeadStatus::Qualified),
        Some(Timestamp(T0.0 + 3 * DAY))
    );
    assert_eq!(l.updated_at, Timestamp(T0.0 + 3 * DAY));
}

#[test]
fn disqualifying_needs_a_reason_and_can_be_undone() {
    let mut l = lead(1, "张伟", "", &[], &[]);
    assert_eq!(
        l.set_status(LeadStatus::Disqualified, None, T0),
        Err(StatusError::ReasonRequired)
    );
    assert_eq!(l.status, LeadStatus::New, "nothing changed");
    l.set_status(
        LeadStatus::Disqualified,
        Some(DisqualifyReason::NoBudget),
        T0,
    )
    .unwrap();
    assert_eq!(l.disqualify_reason, Some(DisqualifyReason::NoBudget));
    // A new reason is kept without a new step in the history.
    l.set_status(
        LeadStatus::Disqualified,
        Some(DisqualifyReason::Competitor),
        T0,
    )
    .unwrap();
    assert_eq!(l.disqualify_reason, Some(DisqualifyReason::Competitor));
    assert_eq!(l.history.len(), 2);
    l.set_status(LeadStatus::New, Some(DisqualifyReason::Other), T0)
        .unwrap();
    assert_eq!(l.disqualify_reason, None, "a reopened lead has no reason");
    assert_eq!(
        l.set_status(LeadStatus::Converted, None, T0),
        Err(StatusError::ConvertByHand)
    );
    l.status = LeadStatus::Converted;
    assert_eq!(
        l.set_status(LeadStatus::New, None, T0),
        Err(StatusError::AlreadyConverted)
    );
}

#[test]
fn a_new_owner_starts_a_new_entry_of_the_ownership_history() {
    let mut i = input("张伟", "");
    i.owner_id = Some(id(7));
    let mut l = Lead::create(id(1), i.clone().validate().unwrap(), T0);
    assert_eq!(
        l.owners,
        vec![Ownership {
            owner_id: Some(id(7)),
            from: T0
        }]
    );
    // Saving the form with the same owner keeps the history as it is.
    l.apply(i.validate().unwrap(), Timestamp(T0.0 + DAY));
    assert_eq!(l.owners.len(), 1);
    l.set_owner(Some(id(8)), Timestamp(T0.0 + 2 * DAY));
    l.set_owner(None, Timestamp(T0.0 + 3 * DAY));
    assert_eq!(
        l.owners,
        vec![
            Ownership {
                owner_id: Some(id(7)),
                from: T0
            },
            Ownership {
                owner_id: Some(id(8)),
                from: Timestamp(T0.0 + 2 * DAY)
            },
            Ownership {
                owner_id: None,
                from: Timestamp(T0.0 + 3 * DAY)
            },
        ]
    );
}

#[test]
fn names_compare_by_their_syllables_in_any_order_and_script() {
    assert_eq!(person_key("张伟"), "weizhang");
    assert_eq!(person_key("Zhang Wei"), "weizhang");
    assert_eq!(person_key("WEI  ZHANG"), "weizhang");
    assert_eq!(person_key("zhang-wei"), "weizhang");
    // 曾 as a surname is Zēng.
    assert_eq!(person_key("曾丽"), "lizeng");
    assert_eq!(person_key("Zeng Li"), "lizeng");
    assert_eq!(person_key("吕"), "lv");
    assert_eq!(person_key("   "), "");
}

#[test]
fn organisations_compare_without_their_legal_form() {
    assert_eq!(company_key("华星贸易有限公司"), "huaxingmaoyi");
    assert_eq!(company_key("华星贸易"), "huaxingmaoyi");
    assert_eq!(company_key("华星贸易股份有限公司"), "huaxingmaoyi");
    assert_eq!(company_key("Huaxing Trading Co., Ltd."), "huaxingtrading");
    assert_eq!(company_key("HUAXING TRADING"), "huaxingtrading");
    // The legal form alone is the whole name, and stays.
    assert_eq!(company_key("有限公司"), "youxiangongsi");
    assert_eq!(company_key("Ltd"), "ltd");
    assert_eq!(company_key("华星贸易集团有限公司"), "huaxingmaoyi");
    assert_eq!(company_key(""), "");
}

#[test]
fn a_lead_matches_by_phone_email_person_and_organisation() {
    let mut ix = MatchIndex::default();
    // An organisation, an individual, a contact person of the organisation, another lead.
    ix.add_customer(&customer(
        10,
        Party::Organisation,
        "华星贸易有限公司",
        "",
        &["021-6234 5678"],
    ));
    ix.add_customer(&customer(
        11,
        Party::Individual,
        "李娜",
        "",
        &["139 0000 1111"],
    ));
    let contact = ContactPerson {
        id: id(20),
        customer_id: id(10),
        name: "张伟".into(),
        title: String::new(),
        role: crate::domain::contact::BuyingRole::Influencer,
        phones: Vec::new(),
        emails: vec!["ZW@huaxing.cn".into()],
        notes: String::new(),
        created_at: T0,
        updated_at: T0,
        rev: Default::default(),
    };
    ix.add_contact(&contact, "华星贸易有限公司");
    let other = lead(30, "Wang Fang", "Bright Tech", &["+86 137 0000 2222"], &[]);
    ix.add_lead(&other);

    // The business card of the contact person, in pinyin, with a mobile written differently.
    let card = lead(1, "Zhang Wei", "Huaxing Trading", &[], &["zw@huaxing.cn"]);
    let m = ix.matches(&card);
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].target,
        MatchTarget::Contact {
            customer: id(10),
            contact: id(20)
        }
    );
    assert_eq!(m[0].on, MatchOn::Email);
    assert_eq!(m[0].label, "张伟 · 华星贸易有限公司");

    // The same person in characters, no e-mail: the person and the organisation match.
    let card = lead(2, "张伟", "华星贸易", &[], &[]);
    let m = ix.matches(&card);
    assert_eq!(
        m.iter().map(|m| (m.target, m.on)).collect::<Vec<_>>(),
        vec![
            (
                MatchTarget::Contact {
                    customer: id(10),
                    contact: id(20)
                },
                MatchOn::Person
            ),
            (MatchTarget::Customer(id(10)), MatchOn::Company),
        ]
    );

    // A phone written with the country code; the other lead's phone.
    let card = lead(3, "Caller", "", &["13900001111", "137-0000-2222"], &[]);
    let m = ix.matches(&card);
    assert_eq!(
        m.iter().map(|m| (m.target, m.on)).collect::<Vec<_>>(),
        vec![
            (MatchTarget::Customer(id(11)), MatchOn::Phone),
            (MatchTarget::Lead(id(30)), MatchOn::Phone),
        ]
    );

    // A match on two grounds is listed once, with the stronger.
    let card = lead(4, "李娜", "", &["139 0000 1111"], &[]);
    let m = ix.matches(&card);
    assert_eq!(m.len(), 1);
    assert_eq!(
        (m[0].target, m[0].on),
        (MatchTarget::Customer(id(11)), MatchOn::Phone)
    );

    // The same name at another organisation is someone else; a lead never matches itself.
    assert!(
        ix.matches(&lead(5, "张伟", "光明科技", &[], &[]))
            .is_empty()
    );
    assert!(ix.matches(&other).is_empty());
}

#[test]
fn what_a_lead_became_is_not_a_possible_duplicate_of_it() {
    let mut lead = Lead::create(id(1), input("张伟", "华星贸易").validate().unwrap(), T0);
    assert!(!MatchTarget::Customer(id(2)).is_conversion_of(&lead));
    lead.converted = Some(Conversion {
        customer_id: id(2),
        contact_id: Some(id(3)),
        at: T0,
    });
    assert!(MatchTarget::Customer(id(2)).is_conversion_of(&lead));
    assert!(
        MatchTarget::Contact {
            customer: id(2),
            contact: id(3)
        }
        .is_conversion_of(&lead)
    );
    // Another contact of the same customer, another customer, a lead: still possible matches.
    assert!(
        !MatchTarget::Contact {
            customer: id(2),
            contact: id(4)
        }
        .is_conversion_of(&lead)
    );
    assert!(!MatchTarget::Customer(id(5)).is_conversion_of(&lead));
    assert!(!MatchTarget::Lead(id(2)).is_conversion_of(&lead));
}

#[test]
fn keys_of_different_kinds_never_meet_and_every_label_reads_back() {
    let mut ix = MatchIndex::with_capacity(4);
    // A customer whose phone's digits are another lead's organisation, and whose name is a
    // lead's e-mail: the same text under another kind of key is no match.
    ix.add_customer(&customer(
        1,
        Party::Individual,
        "sales@huaxing.cn",
        "",
        &["13800138000"],
    ));
    ix.add_customer(&customer(2, Party::Organisation, "华星贸易", "", &[]));
    let other = lead(3, "王芳", "13800138000", &[], &[]);
    ix.add_lead(&other);
    assert_eq!(
        ix.matches(&lead(4, "王芳", "13800138000", &[], &["sales@huaxing.cn"]))
            .iter()
            .map(|m| (m.target, m.on))
            .collect::<Vec<_>>(),
        vec![(MatchTarget::Lead(id(3)), MatchOn::Person)],
        "only the lead of that name and organisation"
    );
    // Each entry's label is its own, the first and the last included.
    let label = |l: &Lead| {
        ix.matches(l)
            .into_iter()
            .map(|m| m.label)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        label(&lead(5, "Caller", "", &["+86 138 0013 8000"], &[])),
        vec!["sales@huaxing.cn"]
    );
    assert_eq!(
        label(&lead(6, "", "华星贸易公司", &[], &[])),
        vec!["华星贸易"]
    );
    assert_eq!(
        label(&lead(7, "Wang Fang", "13800138000", &[], &[])),
        vec![other.display_name()]
    );
}
