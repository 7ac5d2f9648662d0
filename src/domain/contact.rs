//! Contact persons (联系人) at a customer, and their role in the purchase.

use crate::domain::customer::{Errors, validate_emails, validate_phones};
use crate::domain::id::Id;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, MAX_LINE, MAX_NAME, MAX_TEXT};
use serde::{Deserialize, Serialize};

/// The part a person plays in the customer's buying decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum BuyingRole {
    /// 决策者: signs off the purchase.
    DecisionMaker,
    /// 影响者: shapes the decision (technical expert, consultant).
    Influencer,
    /// 采购者: runs the purchasing process.
    Buyer,
    /// 使用者: uses what we sell.
    User,
    /// 把关者: controls access and information (assistant, reception).
    Gatekeeper,
    /// 其他
    #[default]
    Other,
}

impl BuyingRole {
    /// Every role, in display order.
    pub const ALL: [BuyingRole; 6] = [
        BuyingRole::DecisionMaker,
        BuyingRole::Influencer,
        BuyingRole::Buyer,
        BuyingRole::User,
        BuyingRole::Gatekeeper,
        BuyingRole::Other,
    ];
}

/// A person at a customer we deal with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    /// Time-ordered id.
    pub id: Id,
    /// The customer this person belongs to.
    pub customer_id: Id,
    /// Full name.
    pub name: String,
    /// Job title (职务).
    pub title: String,
    /// Role in the purchase.
    pub role: BuyingRole,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// E-mail addresses.
    pub emails: Vec<String>,
    /// Notes (preferences, birthday, how to reach them).
    pub notes: String,
    /// When created.
    pub created_at: Timestamp,
    /// When last changed.
    pub updated_at: Timestamp,
    /// Times written (see `domain::record::Rev`); records stored before revisions read as 1.
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: crate::domain::record::Rev,
}

/// A contact-person form as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContactInput {
    pub name: String,
    pub title: String,
    pub role: BuyingRole,
    pub phones: Vec<String>,
    pub emails: Vec<String>,
    pub notes: String,
}

impl ContactInput {
    /// The form pre-filled from a person, for editing.
    pub fn from_contact(c: &ContactPerson) -> Self {
        ContactInput {
            name: c.name.clone(),
            title: c.title.clone(),
            role: c.role,
            phones: c.phones.clone(),
            emails: c.emails.clone(),
            notes: c.notes.clone(),
        }
    }

    /// Checks the form and builds the person (new when `existing` is `None`).
    pub fn validate(
        &self,
        customer_id: Id,
        existing: Option<&ContactPerson>,
        now: Timestamp,
    ) -> Result<ContactPerson, Vec<FieldError>> {
        let mut e = Errors::default();
        let name = e.check(Field::Name, validate::required_line(&self.name, MAX_NAME));
        let title = e.check(Field::Title, validate::optional_line(&self.title, MAX_LINE));
        let phones = validate_phones(&mut e, Field::Phone, &self.phones);
        let emails = validate_emails(&mut e, Field::Email, &self.emails);
        let notes = e.check(Field::Notes, validate::text_block(&self.notes, MAX_TEXT));
        e.finish(ContactPerson {
            rev: existing.map_or(crate::domain::record::Rev::default(), |x| x.rev),
            id: existing.map_or_else(Id::generate, |c| c.id),
            customer_id,
            name,
            title,
            role: self.role,
            phones,
            emails,
            notes,
            created_at: existing.map_or(now, |c| c.created_at),
            updated_at: now,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::Problem;

    #[test]
    fn validates_a_contact_person() {
        let customer = Id::generate();
        let input = ContactInput {
            name: " 李娜 ".into(),
            title: "采购经理".into(),
            role: BuyingRole::Buyer,
            phones: vec!["13912345678".into()],
            emails: vec!["li.na@example.cn".into()],
            notes: String::new(),
        };
        let p = input.validate(customer, None, Timestamp(5)).unwrap();
        assert_eq!(p.name, "李娜");
        assert_eq!(p.customer_id, customer);
        assert_eq!(p.created_at, Timestamp(5));

        let edited = ContactInput {
            title: "总监".into(),
            ..ContactInput::from_contact(&p)
        }
        .validate(customer, Some(&p), Timestamp(9))
        .unwrap();
        assert_eq!(edited.id, p.id, "editing keeps the id");
        assert_eq!(edited.created_at, Timestamp(5));
        assert_eq!(edited.updated_at, Timestamp(9));
        assert_eq!(edited.title, "总监");
    }

    #[test]
    fn refuses_a_nameless_person_with_a_bad_email() {
        let input = ContactInput {
            emails: vec!["li.na@".into()],
            ..ContactInput::default()
        };
        let errors = input
            .validate(Id::generate(), None, Timestamp(0))
            .unwrap_err();
        assert_eq!(
            errors,
            vec![
                FieldError::new(Field::Name, Problem::Required),
                FieldError::at(Field::Email, 0, Problem::BadEmail)
            ]
        );
    }
}
