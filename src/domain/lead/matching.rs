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
use std::hash::{BuildHasherDefault, Hash, Hasher};

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
///
/// Built over every customer, contact person and lead (400,000 entries at 100,000
/// customers), so it is made of a handful of allocations rather than one or more per entry:
/// a key is kept as its 64-bit hash (what it is — phone, e-mail, person, organisation —
/// hashed with it), an entry's label in one shared string, and the entries under one key as a
/// chain through one list. With a string and a list per key, freeing the index took one
/// 230 ms task in the browser. Two different keys sharing a hash (about one chance in
/// 10^7 at a million keys) would show one more possible match — shown, never acted on.
#[derive(Default)]
pub struct MatchIndex {
    targets: Vec<MatchTarget>,
    /// Every label, one after another; `label_ends[i]` is where entry `i`'s ends.
    label_text: String,
    label_ends: Vec<u32>,
    /// A key's hash → the last posting under it.
    heads: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    /// `(entry, the posting before it under the same key)`, `NONE` ending a chain.
    postings: Vec<(u32, u32)>,
}

/// The end of a chain of postings.
const NONE: u32 = u32::MAX;

/// A hasher for keys that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// What a key is, hashed with it so a phone and an e-mail with the same text differ.
#[derive(Clone, Copy, Hash)]
enum KeyOf {
    Phone,
    Email,
    Person,
    Company,
}

fn key_hash(of: KeyOf, parts: &[&str]) -> u64 {
    // SipHash with fixed keys: the same text hashes the same in every index.
    let mut h = std::hash::DefaultHasher::new();
    of.hash(&mut h);
    parts.hash(&mut h);
    h.finish()
}

impl MatchIndex {
    /// An empty index with room for about `entries` customers, contacts and leads: grown one
    /// entry at a time, its tables would be moved whole each time they double (at 400,000
    /// entries one such step took 44 ms natively against a median of 0.9 ms per 500).
    pub fn with_capacity(entries: usize) -> MatchIndex {
        MatchIndex {
            targets: Vec::with_capacity(entries),
            label_text: String::with_capacity(entries * 16),
            label_ends: Vec::with_capacity(entries),
            heads: HashMap::with_capacity_and_hasher(entries * 2, Default::default()),
            postings: Vec::with_capacity(entries * 2),
        }
    }

    fn entry(&mut self, target: MatchTarget, label: &[&str]) -> u32 {
        self.targets.push(target);
        label.iter().for_each(|p| self.label_text.push_str(p));
        self.label_ends.push(self.label_text.len() as u32);
        (self.targets.len() - 1) as u32
    }

    fn label(&self, at: u32) -> &str {
        let at = at as usize;
        let from = at.checked_sub(1).map_or(0, |i| self.label_ends[i] as usize);
        &self.label_text[from..self.label_ends[at] as usize]
    }

    fn post(&mut self, of: KeyOf, parts: &[&str], at: u32) {
        let next = self.postings.len() as u32;
        let head = self.heads.entry(key_hash(of, parts)).or_insert(NONE);
        self.postings.push((at, *head));
        *head = next;
    }

    /// The entries under a key.
    fn under(&self, of: KeyOf, parts: &[&str]) -> impl Iterator<Item = u32> + '_ {
        let mut at = self
            .heads
            .get(&key_hash(of, parts))
            .copied()
            .unwrap_or(NONE);
        std::iter::from_fn(move || {
            let (entry, next) = *self.postings.get(at as usize)?;
            at = next;
            Some(entry)
        })
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
                self.post(KeyOf::Phone, &[&key], at);
            }
        }
        for e in emails {
            let key = e.trim().to_lowercase();
            if !key.is_empty() {
                self.post(KeyOf::Email, &[&key], at);
            }
        }
    }

    fn person(&mut self, at: u32, name: &str, company: &str) {
        let name = person_key(name);
        if !name.is_empty() {
            self.post(KeyOf::Person, &[&name, &company_key(company)], at);
        }
    }

    /// Adds a customer (one not in the trash) from its summary.
    pub fn add_customer(&mut self, c: &CustomerSummary) {
        let at = self.entry(MatchTarget::Customer(c.id), &[&c.name]);
        self.reach(at, c.phones.iter(), c.emails.iter());
        self.party(at, c.party, &c.name, &c.company);
    }

    /// Adds a customer (one not in the trash) from its record.
    pub fn add_customer_record(&mut self, c: &Customer) {
        let at = self.entry(MatchTarget::Customer(c.id), &[&c.name]);
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
                    self.post(KeyOf::Company, &[&key], at);
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
        let at = self.entry(target, &[&c.name, " · ", customer_name]);
        self.reach(
            at,
            c.phones.iter().map(String::as_str),
            c.emails.iter().map(String::as_str),
        );
        self.person(at, &c.name, customer_name);
    }

    /// Adds a lead.
    pub fn add_lead(&mut self, l: &Lead) {
        let at = self.entry(MatchTarget::Lead(l.id), &[&l.display_name()]);
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
        let mut note = |ids: &mut dyn Iterator<Item = u32>, on: MatchOn| {
            for i in ids {
                let best = found.entry(i).or_insert(on);
                *best = (*best).min(on);
            }
        };
        for p in &lead.phones {
            note(
                &mut self.under(KeyOf::Phone, &[&phone_identity(p)]),
                MatchOn::Phone,
            );
        }
        for e in &lead.emails {
            note(
                &mut self.under(KeyOf::Email, &[&e.trim().to_lowercase()]),
                MatchOn::Email,
            );
        }
        let name = person_key(&lead.name);
        let company = company_key(&lead.company);
        if !name.is_empty() {
            note(
                &mut self.under(KeyOf::Person, &[&name, &company]),
                MatchOn::Person,
            );
        }
        if !company.is_empty() {
            note(
                &mut self.under(KeyOf::Company, &[&company]),
                MatchOn::Company,
            );
        }
        let mut out: Vec<Match> = found
            .into_iter()
            .filter_map(|(i, on)| {
                let target = self.targets[i as usize];
                (target != MatchTarget::Lead(lead.id)).then(|| Match {
                    target,
                    on,
                    label: self.label(i).to_owned(),
                })
            })
            .collect();
        out.sort_by_key(|m| (m.on, m.target));
        out
    }
}
