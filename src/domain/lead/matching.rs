//! Who a lead may already be: a customer, a contact person of a customer, or another lead.
//!
//! A lead matches a record with the same phone number (however written: `138 0013 8000`,
//! `+86 13800138000`), the same e-mail (in any case), or the same person — the same name,
//! compared by its syllables so `张伟`, `Zhang Wei` and `WEI ZHANG` are one, at the same
//! organisation, compared without its legal form (`华星贸易有限公司` is `华星贸易`). A lead whose
//! organisation is already a customer matches that customer too, as the weakest kind of match.
//! A match is shown, never acted on: the user decides whether it is the same party.

use crate::domain::contact::ContactPerson;
use crate::domain::customer::{Customer, Party};
use crate::domain::id::Id;
use crate::domain::lead::Lead;
use crate::domain::search::syllables;
use crate::domain::summary::CustomerSummary;
use crate::domain::validate::phone_identity;
use std::collections::HashMap;

/// What kind of record a lead matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchTarget {
    /// A customer.
    Customer(Id),
    /// A contact person (`contact`) of a customer (`customer`).
    Contact { customer: Id, contact: Id },
    /// Another lead.
    Lead(Id),
}

impl MatchTarget {
    /// Whether this is what `lead` was converted into (its customer, or the contact person made
    /// from it): not a possible duplicate but the lead itself, now on file.
    pub fn is_conversion_of(self, lead: &super::Lead) -> bool {
        let Some(c) = lead.converted else {
            return false;
        };
        match self {
            MatchTarget::Customer(id) => id == c.customer_id,
            MatchTarget::Contact { customer, contact } => {
                customer == c.customer_id && Some(contact) == c.contact_id
            }
            MatchTarget::Lead(_) => false,
        }
    }
}

/// Why it matches, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchOn {
    Phone,
    Email,
    /// The same name at the same organisation (or both without one).
    Person,
    /// The lead's organisation is this customer.
    Company,
}

/// One record a lead may be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub target: MatchTarget,
    pub on: MatchOn,
    /// The record's name as shown (a contact: "name · customer").
    pub label: String,
}

/// A person's name as compared: its syllables in alphabetical order, so the order a card
/// writes them in does not matter. Empty for a blank name.
pub fn person_key(name: &str) -> String {
    let mut s = syllables(name);
    s.sort_unstable();
    s.concat()
}

/// Legal forms left out when comparing organisations, Chinese (matched at the end of the
/// name) and Latin (whole trailing words).
const CN_FORMS: [&str; 8] = [
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
    "工作室",
    "商行",
];
const LATIN_FORMS: [&str; 11] = [
    "co",
    "ltd",
    "limited",
    "inc",
    "corp",
    "corporation",
    "llc",
    "gmbh",
    "company",
    "group",
    "plc",
];

/// An organisation's name as compared: without its legal form, its syllables in order.
/// Empty for a blank name.
pub fn company_key(company: &str) -> String {
    let mut name = company.trim();
    // Brackets around a region (`华星贸易（上海）有限公司`) are part of the name; the form is not.
    // Longest form first, repeatedly (`…集团有限公司`); a form that is the whole name stays.
    'strip: loop {
        for form in CN_FORMS {
            if let Some(rest) = name.strip_suffix(form) {
                if rest.trim().is_empty() {
                    break 'strip;
                }
                name = rest.trim_end();
                continue 'strip;
            }
        }
        break;
    }
    let mut words = syllables(name);
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| LATIN_FORMS.contains(&w.as_str()))
    {
        words.pop();
    }
    words.concat()
}

/// The stored records a lead is compared with, indexed by every key a match can be on.
#[derive(Default)]
pub struct MatchIndex {
    labels: Vec<(MatchTarget, String)>,
    by_phone: HashMap<String, Vec<u32>>,
    by_email: HashMap<String, Vec<u32>>,
    by_person: HashMap<(String, String), Vec<u32>>,
    by_company: HashMap<String, Vec<u32>>,
}

impl MatchIndex {
    /// An empty index with room for about `entries` customers, contacts and leads: grown one
    /// entry at a time, its tables would be moved whole each time they double (at 400,000
    /// entries one such step took 44 ms natively against a median of 0.9 ms per 500).
    pub fn with_capacity(entries: usize) -> MatchIndex {
        MatchIndex {
            labels: Vec::with_capacity(entries),
            by_phone: HashMap::with_capacity(entries),
            by_email: HashMap::with_capacity(entries / 4),
            by_person: HashMap::with_capacity(entries),
            by_company: HashMap::with_capacity(entries / 4),
        }
    }

    fn entry(&mut self, target: MatchTarget, label: String) -> u32 {
        self.labels.push((target, label));
        (self.labels.len() - 1) as u32
    }

    fn reach<'a>(
        &mut self,
        at: u32,
        phones: impl IntoIterator<Item = &'a str>,
        emails: impl IntoIterator<Item = &'a str>,
    ) {
        for p in phones {
            let key = phone_identity(p);
            if !key.is_empty() {
                self.by_phone.entry(key).or_default().push(at);
            }
        }
        for e in emails {
            let key = e.trim().to_lowercase();
            if !key.is_empty() {
                self.by_email.entry(key).or_default().push(at);
            }
        }
    }

    fn person(&mut self, at: u32, name: &str, company: &str) {
        let name = person_key(name);
        if !name.is_empty() {
            self.by_person
                .entry((name, company_key(company)))
                .or_default()
                .push(at);
        }
    }

    /// Adds a customer (one not in the trash) from its summary.
    pub fn add_customer(&mut self, c: &CustomerSummary) {
        let at = self.entry(MatchTarget::Customer(c.id), c.name.clone());
        self.reach(at, c.phones.iter(), c.emails.iter());
        self.party(at, c.party, &c.name, &c.company);
    }

    /// Adds a customer (one not in the trash) from its record.
    pub fn add_customer_record(&mut self, c: &Customer) {
        let at = self.entry(MatchTarget::Customer(c.id), c.name.clone());
        self.reach(
            at,
            c.phones.iter().map(String::as_str),
            c.emails.iter().map(String::as_str),
        );
        self.party(at, c.party, &c.name, &c.company);
    }

    /// An organisation is found by its name, a person by name and company.
    fn party(&mut self, at: u32, party: Party, name: &str, company: &str) {
        match party {
            Party::Organisation => {
                let key = company_key(name);
                if !key.is_empty() {
                    self.by_company.entry(key).or_default().push(at);
                }
            }
            Party::Individual => self.person(at, name, company),
        }
    }

    /// Adds a contact person of the customer named `customer_name`.
    pub fn add_contact(&mut self, c: &ContactPerson, customer_name: &str) {
        let target = MatchTarget::Contact {
            customer: c.customer_id,
            contact: c.id,
        };
        let at = self.entry(target, format!("{} · {customer_name}", c.name));
        self.reach(
            at,
            c.phones.iter().map(String::as_str),
            c.emails.iter().map(String::as_str),
        );
        self.person(at, &c.name, customer_name);
    }

    /// Adds a lead.
    pub fn add_lead(&mut self, l: &Lead) {
        let at = self.entry(MatchTarget::Lead(l.id), l.display_name());
        self.reach(
            at,
            l.phones.iter().map(String::as_str),
            l.emails.iter().map(String::as_str),
        );
        self.person(at, &l.name, &l.company);
    }

    /// Every record `lead` may be (itself excepted), each once with its strongest reason,
    /// strongest first, then customers before contacts before leads.
    pub fn matches(&self, lead: &Lead) -> Vec<Match> {
        let mut found: HashMap<u32, MatchOn> = HashMap::new();
        let mut note = |ids: Option<&Vec<u32>>, on: MatchOn| {
            for &i in ids.into_iter().flatten() {
                let best = found.entry(i).or_insert(on);
                *best = (*best).min(on);
            }
        };
        for p in &lead.phones {
            note(self.by_phone.get(&phone_identity(p)), MatchOn::Phone);
        }
        for e in &lead.emails {
            note(self.by_email.get(&e.trim().to_lowercase()), MatchOn::Email);
        }
        let name = person_key(&lead.name);
        let company = company_key(&lead.company);
        if !name.is_empty() {
            note(
                self.by_person.get(&(name, company.clone())),
                MatchOn::Person,
            );
        }
        if !company.is_empty() {
            note(self.by_company.get(&company), MatchOn::Company);
        }
        let mut out: Vec<Match> = found
            .into_iter()
            .filter_map(|(i, on)| {
                let (target, label) = &self.labels[i as usize];
                (*target != MatchTarget::Lead(lead.id)).then(|| Match {
                    target: *target,
                    on,
                    label: label.clone(),
                })
            })
            .collect();
        out.sort_by_key(|m| (m.on, m.target));
        out
    }
}
