//! Converting a lead: what it becomes, worked out before anything is written so the store can
//! write all of it in one transaction.
//!
//! - Into a new customer: a lead with an organisation becomes that organisation, and its
//!   person (when named) the organisation's contact person; a lead without one becomes an
//!   individual customer. Region, industry, owner, source (a campaign counts as advertising,
//!   a web inquiry as the website) and do-not-contact go with it.
//! - Into an existing customer (one it matched): its person becomes a contact person there —
//!   or, when it matched that customer's contact person (or is the individual customer), is
//!   that person, and nothing new is made.
//!
//! Either way the lead keeps a link to what it became and is marked converted.

use super::{Conversion, Lead, LeadStatus, StatusChange};
use crate::domain::contact::{ContactInput, ContactPerson};
use crate::domain::customer::{Customer, CustomerInput, Party};
use crate::domain::id::Id;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::opportunity::{Opportunity, OpportunityInput};
use crate::domain::time::Timestamp;
use crate::domain::validate::FieldError;
use chrono::NaiveDate;

/// What a lead is converted into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConvertInto {
    /// A customer made from the lead.
    NewCustomer,
    /// A stored customer, the lead's person being `person` there.
    Customer { customer: Id, person: Person },
}

/// Who a lead's person is at a stored customer it is converted into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Person {
    /// A new contact person there.
    NewContact,
    /// This contact person there already.
    Contact(Id),
    /// The customer themselves (an individual customer the lead matched).
    Customer,
}

/// Why a lead cannot be converted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConvertError {
    /// It was converted already.
    AlreadyConverted,
    /// It was disqualified: reopen it first.
    Disqualified,
    /// It is in the trash.
    Trashed,
    /// What it would become fails the customer or contact form's checks (a lead saved before
    /// a rule tightened).
    Invalid(Vec<FieldError>),
}

/// What converting a lead writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Converted {
    /// The new customer, when it makes one.
    pub customer: Option<Customer>,
    /// The new contact person, when it makes one.
    pub contact: Option<ContactPerson>,
    /// The lead, marked converted with its link.
    pub lead: Lead,
    /// The deal opened with the conversion, if the user asked for one.
    pub opportunity: Option<Opportunity>,
}

impl Converted {
    /// Opens a deal with the conversion: `input` (its customer set here) for the customer the
    /// lead became, from the lead, owned by the lead's owner, in `pipeline`'s first stage.
    pub fn with_deal(
        mut self,
        mut input: OpportunityInput,
        pipeline: &Pipeline,
        by: Option<Id>,
        now: Timestamp,
    ) -> Result<Converted, Vec<FieldError>> {
        let link = self.lead.converted.ok_or_else(Vec::new)?;
        input.customer_id = Some(link.customer_id);
        input.owner_id = self.lead.owner_id;
        let mut deal = Opportunity::create(
            Id::generate(),
            input.validate()?,
            pipeline.first().id.clone(),
            by,
            now,
        );
        deal.source_lead = Some(self.lead.id);
        self.opportunity = Some(deal);
        Ok(self)
    }
}

/// The records converting `lead` into `into` at `now` writes (`today`: the local date, for
/// the do-not-contact date).
pub fn convert(
    lead: &Lead,
    into: ConvertInto,
    now: Timestamp,
    today: NaiveDate,
) -> Result<Converted, ConvertError> {
    if lead.deleted_at.is_some() {
        return Err(ConvertError::Trashed);
    }
    match lead.status {
        LeadStatus::Converted => return Err(ConvertError::AlreadyConverted),
        LeadStatus::Disqualified => return Err(ConvertError::Disqualified),
        _ => {}
    }
    let person = !lead.name.trim().is_empty();
    let organisation = !lead.company.trim().is_empty();
    let (customer, customer_id, person_is) = match into {
        ConvertInto::Customer { customer, person } => (None, customer, person),
        ConvertInto::NewCustomer => {
            let input = CustomerInput {
                party: if organisation {
                    Party::Organisation
                } else {
                    Party::Individual
                },
                name: if organisation {
                    lead.company.clone()
                } else {
                    lead.name.clone()
                },
                industry: lead.industry.clone(),
                region: lead.region.clone(),
                // An organisation's phones and e-mails are its person's: they go to the
                // contact person.
                phones: if organisation && person {
                    Vec::new()
                } else {
                    lead.phones.clone()
                },
                emails: if organisation && person {
                    Vec::new()
                } else {
                    lead.emails.clone()
                },
                wechat: if organisation {
                    String::new()
                } else {
                    lead.wechat.clone()
                },
                owner_id: lead.owner_id,
                source: lead.source.customer_source(),
                do_not_contact: lead.do_not_contact,
                notes: lead.notes.clone(),
                ..CustomerInput::default()
            };
            let fields = input.validate(today).map_err(ConvertError::Invalid)?;
            let c = Customer::create(Id::generate(), fields, now);
            let id = c.id;
            // An individual customer is the person; an organisation gets them as a contact.
            let person_is = if organisation {
                Person::NewContact
            } else {
                Person::Customer
            };
            (Some(c), id, person_is)
        }
    };
    let contact = if person && person_is == Person::NewContact {
        let input = ContactInput {
            name: lead.name.clone(),
            title: lead.title.clone(),
            phones: lead.phones.clone(),
            emails: lead.emails.clone(),
            notes: if customer.is_some() {
                String::new()
            } else {
                lead.notes.clone()
            },
            ..ContactInput::default()
        };
        Some(
            input
                .validate(customer_id, None, now)
                .map_err(ConvertError::Invalid)?,
        )
    } else {
        None
    };
    let mut after = lead.clone();
    after.converted = Some(Conversion {
        customer_id,
        contact_id: match person_is {
            Person::Contact(id) => Some(id),
            _ => contact.as_ref().map(|c| c.id),
        },
        at: now,
    });
    after.status = LeadStatus::Converted;
    after.disqualify_reason = None;
    after.history.push(StatusChange {
        at: now,
        to: LeadStatus::Converted,
    });
    after.updated_at = now;
    Ok(Converted {
        customer,
        contact,
        lead: after,
        opportunity: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::customer::Source;
    use crate::domain::lead::{LeadInput, LeadSource};

    const T0: Timestamp = Timestamp(1_700_000_000_000);
    const NOW: Timestamp = Timestamp(1_700_000_600_000);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 11, 14).unwrap()
    }

    fn lead(name: &str, company: &str) -> Lead {
        let owner = Id::generate();
        Lead::create(
            Id::generate(),
            LeadInput {
                name: name.into(),
                company: company.into(),
                title: "采购经理".into(),
                phones: vec!["138 0013 8000".into()],
                emails: vec!["zhang@huaxing.cn".into()],
                wechat: "zhangwei_88".into(),
                region: "浙江 杭州".into(),
                industry: "制造业".into(),
                source: LeadSource::Campaign,
                notes: "展会上要了样品".into(),
                owner_id: Some(owner),
                do_not_contact: true,
                ..LeadInput::default()
            }
            .validate()
            .unwrap(),
            T0,
        )
    }

    #[test]
    fn a_person_at_an_organisation_becomes_the_organisation_and_its_contact() {
        let l = lead("张伟", "华星贸易有限公司");
        let c = convert(&l, ConvertInto::NewCustomer, NOW, today()).unwrap();
        let customer = c.customer.unwrap();
        assert_eq!(customer.party, Party::Organisation);
        assert_eq!(customer.name, "华星贸易有限公司");
        assert_eq!(
            (customer.region.as_str(), customer.industry.as_str()),
            ("浙江 杭州", "制造业")
        );
        assert_eq!(customer.owner_id, l.owner_id);
        // A campaign is an advertising source among the customer sources.
        assert_eq!(customer.source, Source::Advertising);
        assert!(customer.phones.is_empty() && customer.emails.is_empty());
        assert_eq!(customer.do_not_contact.map(|d| d.since), Some(today()));
        assert_eq!(customer.notes, "展会上要了样品");
        let contact = c.contact.unwrap();
        assert_eq!(contact.customer_id, customer.id);
        assert_eq!(
            (contact.name.as_str(), contact.title.as_str()),
            ("张伟", "采购经理")
        );
        assert_eq!(contact.phones, vec!["138 0013 8000"]);
        assert_eq!(contact.emails, vec!["zhang@huaxing.cn"]);
        let link = c.lead.converted.unwrap();
        assert_eq!(
            (link.customer_id, link.contact_id, link.at),
            (customer.id, Some(contact.id), NOW)
        );
        assert_eq!(c.lead.status, LeadStatus::Converted);
        assert_eq!(
            c.lead.history.last().map(|h| (h.at, h.to)),
            Some((NOW, LeadStatus::Converted))
        );
    }

    #[test]
    fn a_deal_opened_with_the_conversion_is_the_new_customers_and_remembers_the_lead() {
        let l = lead("张伟", "华星贸易有限公司");
        let c = convert(&l, ConvertInto::NewCustomer, NOW, today()).unwrap();
        let customer = c.customer.clone().unwrap().id;
        let p = Pipeline::default();
        let input = OpportunityInput {
            name: "样品试单".into(),
            amount: "36000".into(),
            close_date: "2023-12-31".into(),
            ..OpportunityInput::default()
        };
        let with = c.clone().with_deal(input.clone(), &p, None, NOW).unwrap();
        let deal = with.opportunity.unwrap();
        assert_eq!(deal.customer_id, customer);
        assert_eq!(deal.source_lead, Some(l.id));
        assert_eq!(deal.owner_id, l.owner_id);
        assert_eq!(deal.stage, p.first().id);
        assert_eq!(deal.amount.amount, rust_decimal::Decimal::from(36_000));
        // A half-filled deal is refused with its fields, and nothing else changes.
        let bad = OpportunityInput {
            close_date: String::new(),
            ..input
        };
        let errors = c.with_deal(bad, &p, None, NOW).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field).collect::<Vec<_>>(),
            vec![crate::domain::validate::Field::CloseDate]
        );
    }

    #[test]
    fn a_private_person_becomes_an_individual_customer_without_a_contact() {
        let l = lead("李娜", "");
        let c = convert(&l, ConvertInto::NewCustomer, NOW, today()).unwrap();
        let customer = c.customer.unwrap();
        assert_eq!(customer.party, Party::Individual);
        assert_eq!(customer.name, "李娜");
        assert_eq!(customer.phones, vec!["138 0013 8000"]);
        assert_eq!(customer.wechat, "zhangwei_88");
        assert!(c.contact.is_none());
        assert_eq!(c.lead.converted.unwrap().contact_id, None);
    }

    #[test]
    fn into_a_stored_customer_the_person_is_added_linked_or_is_the_customer() {
        let l = lead("张伟", "华星贸易");
        let stored = Id::generate();
        let c = convert(
            &l,
            ConvertInto::Customer {
                customer: stored,
                person: Person::NewContact,
            },
            NOW,
            today(),
        )
        .unwrap();
        assert!(c.customer.is_none());
        let contact = c.contact.unwrap();
        assert_eq!(contact.customer_id, stored);
        assert_eq!(c.lead.converted.unwrap().contact_id, Some(contact.id));

        let known = Id::generate();
        let c = convert(
            &l,
            ConvertInto::Customer {
                customer: stored,
                person: Person::Contact(known),
            },
            NOW,
            today(),
        )
        .unwrap();
        assert!(c.contact.is_none() && c.customer.is_none());
        assert_eq!(c.lead.converted.unwrap().contact_id, Some(known));

        let c = convert(
            &l,
            ConvertInto::Customer {
                customer: stored,
                person: Person::Customer,
            },
            NOW,
            today(),
        )
        .unwrap();
        assert!(c.contact.is_none());
        assert_eq!(
            c.lead.converted.map(|v| (v.customer_id, v.contact_id)),
            Some((stored, None))
        );
    }

    #[test]
    fn converted_disqualified_and_trashed_leads_are_refused() {
        let mut l = lead("张伟", "华星贸易");
        let c = convert(&l, ConvertInto::NewCustomer, NOW, today()).unwrap();
        assert_eq!(
            convert(&c.lead, ConvertInto::NewCustomer, NOW, today()),
            Err(ConvertError::AlreadyConverted)
        );
        l.set_status(
            LeadStatus::Disqualified,
            Some(crate::domain::lead::DisqualifyReason::NoNeed),
            NOW,
        )
        .unwrap();
        assert_eq!(
            convert(&l, ConvertInto::NewCustomer, NOW, today()),
            Err(ConvertError::Disqualified)
        );
        let mut l = lead("张伟", "华星贸易");
        l.deleted_at = Some(NOW);
        assert_eq!(
            convert(&l, ConvertInto::NewCustomer, NOW, today()),
            Err(ConvertError::Trashed)
        );
    }
}
