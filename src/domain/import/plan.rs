//! Checking an import row by row and matching it with what is stored. A row becomes a new
//! record, an update of the record it duplicates, a skipped duplicate, or a failure with its
//! column, value and reason. The same checks as the forms apply (phones, e-mails, dates,
//! amounts...), so an imported record is one the app could have saved by hand.
//!
//! The [`Planner`] takes rows in slices so the page can check 100,000 rows without freezing:
//! it checks a slice, yields to the browser, and goes on.

use super::batch::{Counts, Created, ImportBatch, Records};
use super::mapping::{Kind, Mapping, Target};
use super::table::Row;
use super::{RowError, RowProblem};
use crate::domain::contact::{ContactInput, ContactPerson};
use crate::domain::customer::{Customer, CustomerInput, Party};
use crate::domain::export::{Cell, csv};
use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::interaction::{Channel, Interaction, InteractionInput};
use crate::domain::member::TeamMember;
use crate::domain::money::Currency;
use crate::domain::purchase::{Purchase, PurchaseInput};
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, Field, FieldError, Problem};
use chrono::NaiveDate;
use csv::StringRecord;
use std::collections::{HashMap, HashSet};

/// Longest external id kept.
const MAX_EXTERNAL_ID: usize = 100;
/// Rows shown in the preview.
pub const PREVIEW_ROWS: usize = 20;

/// What to do with a row that duplicates a stored record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Policy {
    /// Leave the stored record alone.
    #[default]
    Skip,
    /// Fill the stored record with the row's non-empty values (phones, e-mails and tags are
    /// added to those it has).
    Update,
    /// Create a new record anyway.
    Create,
}

impl Policy {
    /// Every policy, in the order offered.
    pub const ALL: [Policy; 3] = [Policy::Skip, Policy::Update, Policy::Create];

    /// Stable key.
    pub fn key(self) -> &'static str {
        match self {
            Policy::Skip => "skip",
            Policy::Update => "update",
            Policy::Create => "create",
        }
    }

    /// The policy with this key.
    pub fn from_key(key: &str) -> Option<Policy> {
        Policy::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Lower-cased and trimmed: how names and e-mails are compared.
fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A purchase's identity for duplicates: customer, day, amount and currency, product.
type PurchaseKey = (Id, NaiveDate, i64, Currency, String);
/// An interaction's identity for duplicates: customer, time, summary.
type InteractionKey = (Id, i64, String);

fn purchase_key(p: &Purchase) -> PurchaseKey {
    (
        p.customer_id,
        p.date,
        p.amount.minor_units(),
        p.amount.currency,
        fold(&p.product),
    )
}

fn interaction_key(i: &Interaction) -> InteractionKey {
    (i.customer_id, i.at.0, fold(&i.summary))
}

/// The stored records an import is matched with, indexed for the lookups it makes. Records
/// the import creates are added as it goes, so a file that names a customer twice does not
/// create it twice.
#[derive(Default)]
pub struct Existing {
    customers: Vec<Customer>,
    by_id: HashMap<Id, usize>,
    by_external: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    by_phone: HashMap<String, usize>,
    by_name_company: HashMap<(String, String), usize>,
    by_name: HashMap<String, Vec<usize>>,
    contacts: Vec<ContactPerson>,
    contacts_of: HashMap<Id, Vec<usize>>,
    interactions: Vec<Interaction>,
    interaction_keys: HashMap<InteractionKey, usize>,
    purchases: Vec<Purchase>,
    purchase_keys: HashMap<PurchaseKey, usize>,
    members: HashMap<String, Id>,
}

impl Existing {
    /// Indexes the stored records. Customers in the trash are left out: a row naming one is
    /// a new customer.
    pub fn new(
        customers: Vec<Customer>,
        contacts: Vec<ContactPerson>,
        interactions: Vec<Interaction>,
        purchases: Vec<Purchase>,
        members: &[TeamMember],
    ) -> Self {
        let mut e = Existing {
            members: members.iter().map(|m| (fold(&m.name), m.id)).collect(),
            ..Existing::default()
        };
        for c in customers.into_iter().filter(|c| c.deleted_at.is_none()) {
            e.add_customer(c);
        }
        for c in contacts {
            e.add_contact(c);
        }
        for i in interactions {
            e.add_interaction(i);
        }
        for p in purchases {
            e.add_purchase(p);
        }
        e
    }

    fn add_customer(&mut self, c: Customer) {
        let i = self.customers.len();
        self.customers.push(c);
        self.index_customer(i);
    }

    /// Points every key of customer `i` at it (an update may add phones and e-mails).
    fn index_customer(&mut self, i: usize) {
        let c = &self.customers[i];
        self.by_id.insert(c.id, i);
        if !c.external_id.trim().is_empty() {
            self.by_external.entry(fold(&c.external_id)).or_insert(i);
        }
        for e in &c.emails {
            self.by_email.entry(fold(e)).or_insert(i);
        }
        for p in &c.phones {
            self.by_phone
                .entry(validate::phone_identity(p))
                .or_insert(i);
        }
        self.by_name_company
            .entry((fold(&c.name), fold(&c.company)))
            .or_insert(i);
        let names = self.by_name.entry(fold(&c.name)).or_default();
        if !names.contains(&i) {
            names.push(i);
        }
    }

    fn add_contact(&mut self, c: ContactPerson) {
        self.contacts_of
            .entry(c.customer_id)
            .or_default()
            .push(self.contacts.len());
        self.contacts.push(c);
    }

    fn add_interaction(&mut self, i: Interaction) {
        self.interaction_keys
            .entry(interaction_key(&i))
            .or_insert(self.interactions.len());
        self.interactions.push(i);
    }

    fn add_purchase(&mut self, p: Purchase) {
        self.purchase_keys
            .entry(purchase_key(&p))
            .or_insert(self.purchases.len());
        self.purchases.push(p);
    }

    /// The stored customer a customer row repeats: same external id, e-mail, phone, or name
    /// and company.
    fn duplicate_customer(
        &self,
        external: &str,
        emails: &[String],
        phones: &[String],
        name: &str,
        company: &str,
    ) -> Option<usize> {
        // A number column may hold our own ids (a file exported from here and edited).
        let by_own_id = external
            .parse::<Id>()
            .ok()
            .and_then(|id| self.by_id.get(&id));
        let by_external = (!external.is_empty())
            .then(|| self.by_external.get(&fold(external)))
            .flatten();
        by_own_id
            .or(by_external)
            .or_else(|| emails.iter().find_map(|e| self.by_email.get(&fold(e))))
            .or_else(|| {
                phones
                    .iter()
                    .find_map(|p| self.by_phone.get(&validate::phone_identity(p)))
            })
            .or_else(|| {
                (!name.trim().is_empty())
                    .then(|| self.by_name_company.get(&(fold(name), fold(company))))
                    .flatten()
            })
            .copied()
    }

    /// The customer a linked row names: our id, then the external id, then the name (which
    /// must be unique).
    fn customer_named(&self, text: &str) -> Result<usize, RowProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RowProblem::Value(Problem::Required));
        }
        if let Ok(id) = text.parse::<Id>()
            && let Some(&i) = self.by_id.get(&id)
        {
            return Ok(i);
        }
        let key = fold(text);
        if let Some(&i) = self.by_external.get(&key) {
            return Ok(i);
        }
        match self.by_name.get(&key).map(Vec::as_slice) {
            Some([i]) => Ok(*i),
            Some(many) if many.len() > 1 => {
                Err(RowProblem::AmbiguousCustomer(text.to_string(), many.len()))
            }
            _ => Err(RowProblem::UnknownCustomer(text.to_string())),
        }
    }

    /// The stored contact person at `customer` a row repeats: same e-mail, phone or name.
    fn duplicate_contact(
        &self,
        customer: Id,
        name: &str,
        phones: &[String],
        emails: &[String],
    ) -> Option<usize> {
        let phones: Vec<String> = phones.iter().map(|p| validate::phone_identity(p)).collect();
        let emails: Vec<String> = emails.iter().map(|e| fold(e)).collect();
        self.contacts_of.get(&customer)?.iter().copied().find(|&i| {
            let c = &self.contacts[i];
            fold(&c.name) == fold(name)
                || c.emails.iter().any(|e| emails.contains(&fold(e)))
                || c.phones
                    .iter()
                    .any(|p| phones.contains(&validate::phone_identity(p)))
        })
    }
}

/// What becomes of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    /// A duplicate left alone, or an update that would change nothing.
    Skip,
    Fail,
}

/// A record as it will be stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Customer(Box<Customer>),
    Contact(ContactPerson),
    Interaction(Interaction),
    Purchase(Purchase),
}

/// One row of the preview.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub line: usize,
    pub action: Action,
    /// The record as it will be stored (for a skipped row: the stored one it duplicates).
    pub record: Option<Record>,
    /// The name of the customer the record is or belongs to.
    pub customer: String,
}

/// The checked import: what will be written, what will not, and why.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub kind: Kind,
    /// When it was checked: the time stamped on every record it writes.
    pub at: Timestamp,
    /// Data rows read.
    pub rows: usize,
    pub counts: Counts,
    /// Records to write: new ones and the new versions of updated ones.
    pub writes: Records,
    /// The stored versions of the records it updates.
    pub before: Records,
    /// Every problem, in file order.
    pub errors: Vec<RowError>,
    /// The first rows, as they will be stored.
    pub preview: Vec<Preview>,
}

impl Plan {
    /// The journal of this plan written as batch `id` of file `file_name`.
    pub fn batch(&self, id: Id, file_name: &str) -> ImportBatch {
        let changed = |ids: Vec<Id>, before: &[Id]| -> Vec<Id> {
            ids.into_iter().filter(|i| !before.contains(i)).collect()
        };
        let before_ids = |r: &Records| -> Vec<Id> {
            r.customers
                .iter()
                .map(|c| c.id)
                .chain(r.contacts.iter().map(|c| c.id))
                .chain(r.interactions.iter().map(|i| i.id))
                .chain(r.purchases.iter().map(|p| p.id))
                .collect()
        };
        let before: HashSet<Id> = before_ids(&self.before).into_iter().collect();
        let before: Vec<Id> = before.into_iter().collect();
        let w = &self.writes;
        ImportBatch {
            rev: crate::domain::record::Rev::default(),
            id,
            kind: self.kind,
            file_name: file_name.to_string(),
            at: self.at,
            created: Created {
                customers: changed(w.customers.iter().map(|c| c.id).collect(), &before),
                contacts: changed(w.contacts.iter().map(|c| c.id).collect(), &before),
                interactions: changed(w.interactions.iter().map(|i| i.id).collect(), &before),
                purchases: changed(w.purchases.iter().map(|p| p.id).collect(), &before),
            },
            before: self.before.clone(),
            touched: w.customer_ids(),
            counts: self.counts,
            undone_at: None,
        }
    }

    /// The error report: line, column, value and reason of every problem, as CSV for Excel.
    pub fn error_report(&self, t: &Texts) -> String {
        csv(
            &[t.col_line, t.col_column, t.col_cell_value, t.col_why],
            self.errors.iter().map(|e| {
                vec![
                    Cell::Number(e.line.to_string()),
                    Cell::text(e.column.clone().unwrap_or_default()),
                    Cell::text(e.value.clone()),
                    Cell::text(e.problem.message(t)),
                ]
            }),
        )
    }
}

/// Checks rows and builds the [`Plan`].
pub struct Planner {
    kind: Kind,
    header: Vec<String>,
    mapping: Mapping,
    policy: Policy,
    existing: Existing,
    today: NaiveDate,
    now: Timestamp,
    offset_minutes: i32,
    plan: Plan,
    /// Where each record this import writes sits in `plan.writes`.
    written: HashMap<Id, usize>,
    /// Records that existed before the import and already have their before-image.
    saved_before: HashSet<Id>,
}

/// A row's outcome before counting.
enum Outcome {
    Done(Action, Record, String),
    Failed(Vec<RowError>),
}

impl Planner {
    /// A planner for a file with `header` read as `kind` with `mapping`. `now` stamps every
    /// record; `offset_minutes` is the local UTC offset (dates and times in the file are local).
    pub fn new(
        kind: Kind,
        header: Vec<String>,
        mapping: Mapping,
        policy: Policy,
        existing: Existing,
        now: Timestamp,
        offset_minutes: i32,
    ) -> Self {
        Planner {
            kind,
            header,
            mapping,
            policy,
            existing,
            today: now.local_date(offset_minutes),
            now,
            offset_minutes,
            plan: Plan {
                kind,
                at: now,
                ..Plan::default()
            },
            written: HashMap::new(),
            saved_before: HashSet::new(),
        }
    }

    /// Checks a slice of rows.
    pub fn feed(&mut self, rows: &[Row]) {
        for row in rows {
            self.plan.rows += 1;
            // The row borrows the header and mapping while the checks change the planner.
            let header = std::mem::take(&mut self.header);
            let mapping = std::mem::take(&mut self.mapping);
            let outcome = match &row.cells {
                Err(problem) => Outcome::Failed(vec![RowError {
                    line: row.line,
                    column: None,
                    value: String::new(),
                    problem: problem.clone(),
                }]),
                Ok(cells) => {
                    let r = RowRef {
                        line: row.line,
                        cells,
                        header: &header,
                        mapping: &mapping,
                    };
                    match self.kind {
                        Kind::Customers => self.customer(&r),
                        Kind::Contacts => self.contact(&r),
                        Kind::Interactions => self.interaction(&r),
                        Kind::Purchases => self.purchase(&r),
                    }
                }
            };
            self.header = header;
            self.mapping = mapping;
            let (action, record, customer) = match outcome {
                Outcome::Done(action, record, customer) => (action, Some(record), customer),
                Outcome::Failed(errors) => {
                    self.plan.errors.extend(errors);
                    (Action::Fail, None, String::new())
                }
            };
            let c = &mut self.plan.counts;
            match action {
                Action::Create => c.created += 1,
                Action::Update => c.updated += 1,
                Action::Skip => c.skipped += 1,
                Action::Fail => c.failed += 1,
            }
            if self.plan.preview.len() < PREVIEW_ROWS {
                self.plan.preview.push(Preview {
                    line: row.line,
                    action,
                    record,
                    customer,
                });
            }
        }
    }

    /// Rows checked so far.
    pub fn rows(&self) -> usize {
        self.plan.rows
    }

    /// The finished plan.
    pub fn finish(self) -> Plan {
        self.plan
    }

    /// Stores `record` (new, or a new version of one written earlier in this import).
    fn write<T: Clone>(written: &mut HashMap<Id, usize>, list: &mut Vec<T>, id: Id, record: &T) {
        match written.get(&id) {
            Some(&i) => list[i] = record.clone(),
            None => {
                written.insert(id, list.len());
                list.push(record.clone());
            }
        }
    }

    /// Keeps the stored version of a record the import is about to change, once.
    fn keep_before<T: Clone>(&mut self, id: Id, record: &T, pick: fn(&mut Records) -> &mut Vec<T>) {
        if !self.written.contains_key(&id) && self.saved_before.insert(id) {
            pick(&mut self.plan.before).push(record.clone());
        }
    }

    fn customer(&mut self, r: &RowRef) -> Outcome {
        let mut errors = Vec::new();
        let phones = r.list(Target::Phone);
        let emails = r.list(Target::Email);
        let name = r.get(Target::Name);
        let company = r.get(Target::Company);
        let mut external = r.get(Target::ExternalId).trim().to_string();
        if external.chars().count() > MAX_EXTERNAL_ID {
            errors.push(r.error(
                Target::ExternalId,
                RowProblem::Value(Problem::TooLong {
                    max: MAX_EXTERNAL_ID,
                }),
            ));
        }
        let party = match parse_party(r.get(Target::Party)) {
            Ok(p) => p,
            Err(p) => {
                errors.push(r.error(Target::Party, p));
                None
            }
        };
        let owner = self.owner(r, &mut errors);
        let found = self
            .existing
            .duplicate_customer(&external, &emails, &phones, name, company);
        // Our own id is not another system's number: never stored as one.
        if external
            .parse::<Id>()
            .is_ok_and(|id| self.existing.by_id.contains_key(&id))
        {
            external.clear();
        }
        let (input, before) = match (found, self.policy) {
            (Some(i), Policy::Skip) => {
                let c = self.existing.customers[i].clone();
                return Outcome::Done(Action::Skip, Record::Customer(Box::new(c.clone())), c.name);
            }
            (Some(i), Policy::Update) => {
                let before = self.existing.customers[i].clone();
                let mut input = CustomerInput::from_customer(&before);
                overlay(&mut input.name, name);
                overlay(&mut input.company, company);
                overlay(&mut input.industry, r.get(Target::Industry));
                overlay(&mut input.region, r.get(Target::Region));
                overlay(&mut input.address, r.get(Target::Address));
                overlay(&mut input.wechat, r.get(Target::WeChat));
                overlay(&mut input.notes, &r.joined(Target::Notes));
                add_new(&mut input.phones, &phones, validate::phone_identity);
                add_new(&mut input.emails, &emails, fold);
                let tags = r.joined_with(Target::Tags, ", ");
                if !tags.trim().is_empty() {
                    input.tags = format!("{}, {tags}", input.tags);
                }
                if let Some(p) = party {
                    input.party = p;
                }
                if owner.is_some() {
                    input.owner_id = owner;
                }
                (input, Some((i, before)))
            }
            _ => {
                // A person at a company when the file has both a name and a company column.
                let default_party = if r.mapping.column_of(Target::Company).is_some() {
                    Party::Individual
                } else {
                    Party::Organisation
                };
                let input = CustomerInput {
                    party: party.unwrap_or(default_party),
                    name: name.to_string(),
                    company: company.to_string(),
                    industry: r.get(Target::Industry).to_string(),
                    region: r.get(Target::Region).to_string(),
                    address: r.get(Target::Address).to_string(),
                    phones: phones.clone(),
                    emails: emails.clone(),
                    wechat: r.get(Target::WeChat).to_string(),
                    owner_id: owner,
                    tags: r.joined_with(Target::Tags, ", "),
                    notes: r.joined(Target::Notes),
                    ..CustomerInput::default()
                };
                (input, None)
            }
        };
        let fields = match input.validate(self.today) {
            Ok(f) => f,
            Err(field_errors) => {
                errors.extend(r.field_errors(&field_errors, &input.phones, &input.emails));
                return Outcome::Failed(errors);
            }
        };
        if !errors.is_empty() {
            return Outcome::Failed(errors);
        }
        match before {
            Some((i, before)) => {
                let mut after = before.clone();
                after.apply(fields, before.updated_at);
                if !external.is_empty() {
                    after.external_id = external;
                }
                if after == before {
                    return Outcome::Done(
                        Action::Skip,
                        Record::Customer(Box::new(before.clone())),
                        before.name,
                    );
                }
                after.updated_at = self.now;
                self.keep_before(after.id, &before, |r| &mut r.customers);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.customers,
                    after.id,
                    &after,
                );
                self.existing.customers[i] = after.clone();
                self.existing.index_customer(i);
                let name = after.name.clone();
                Outcome::Done(Action::Update, Record::Customer(Box::new(after)), name)
            }
            None => {
                let mut c = Customer::create(Id::generate(), fields, self.now);
                c.external_id = external;
                Self::write(&mut self.written, &mut self.plan.writes.customers, c.id, &c);
                self.existing.add_customer(c.clone());
                let name = c.name.clone();
                Outcome::Done(Action::Create, Record::Customer(Box::new(c)), name)
            }
        }
    }

    /// The customer a linked row belongs to, or its error.
    fn linked_customer(&self, r: &RowRef, errors: &mut Vec<RowError>) -> Option<(Id, String)> {
        match self.existing.customer_named(r.get(Target::Customer)) {
            Ok(i) => {
                let c = &self.existing.customers[i];
                Some((c.id, c.name.clone()))
            }
            Err(p) => {
                errors.push(r.error(Target::Customer, p));
                None
            }
        }
    }

    /// The team member a row names (owner, or who made the contact).
    fn owner(&self, r: &RowRef, errors: &mut Vec<RowError>) -> Option<Id> {
        let name = r.get(Target::Owner).trim();
        if name.is_empty() {
            return None;
        }
        let id = self.existing.members.get(&fold(name)).copied();
        if id.is_none() {
            errors.push(r.error(Target::Owner, RowProblem::UnknownOwner(name.to_string())));
        }
        id
    }

    fn contact(&mut self, r: &RowRef) -> Outcome {
        let mut errors = Vec::new();
        let customer = self.linked_customer(r, &mut errors);
        let Some((customer_id, customer_name)) = customer else {
            return Outcome::Failed(errors);
        };
        let phones = r.list(Target::Phone);
        let emails = r.list(Target::Email);
        let name = r.get(Target::Name);
        let found = self
            .existing
            .duplicate_contact(customer_id, name, &phones, &emails);
        let (input, before) = match (found, self.policy) {
            (Some(i), Policy::Skip) => {
                let c = self.existing.contacts[i].clone();
                return Outcome::Done(Action::Skip, Record::Contact(c), customer_name);
            }
            (Some(i), Policy::Update) => {
                let before = self.existing.contacts[i].clone();
                let mut input = ContactInput::from_contact(&before);
                overlay(&mut input.name, name);
                overlay(&mut input.title, r.get(Target::Title));
                overlay(&mut input.notes, &r.joined(Target::Notes));
                add_new(&mut input.phones, &phones, validate::phone_identity);
                add_new(&mut input.emails, &emails, fold);
                (input, Some((i, before)))
            }
            _ => (
                ContactInput {
                    name: name.to_string(),
                    title: r.get(Target::Title).to_string(),
                    phones,
                    emails,
                    notes: r.joined(Target::Notes),
                    ..ContactInput::default()
                },
                None,
            ),
        };
        let existing = before.as_ref().map(|(_, b)| b);
        let mut person = match input.validate(customer_id, existing, self.now) {
            Ok(p) => p,
            Err(field_errors) => {
                errors.extend(r.field_errors(&field_errors, &input.phones, &input.emails));
                return Outcome::Failed(errors);
            }
        };
        match before {
            Some((i, before)) => {
                person.updated_at = before.updated_at;
                if person == before {
                    return Outcome::Done(Action::Skip, Record::Contact(before), customer_name);
                }
                person.updated_at = self.now;
                self.keep_before(person.id, &before, |r| &mut r.contacts);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.contacts,
                    person.id,
                    &person,
                );
                self.existing.contacts[i] = person.clone();
                Outcome::Done(Action::Update, Record::Contact(person), customer_name)
            }
            None => {
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.contacts,
                    person.id,
                    &person,
                );
                self.existing.add_contact(person.clone());
                Outcome::Done(Action::Create, Record::Contact(person), customer_name)
            }
        }
    }

    fn interaction(&mut self, r: &RowRef) -> Outcome {
        let mut errors = Vec::new();
        let customer = self.linked_customer(r, &mut errors);
        let channel = match parse_channel(r.get(Target::Channel)) {
            Ok(c) => c,
            Err(p) => {
                errors.push(r.error(Target::Channel, p));
                Channel::Note
            }
        };
        let member_id = self.owner(r, &mut errors);
        let input = InteractionInput {
            at: when(r.get(Target::When)),
            channel,
            member_id,
            summary: r.get(Target::Summary).to_string(),
            ..InteractionInput::default()
        };
        let checked = input.validate(
            customer
                .as_ref()
                .map_or(Id::from_parts(0, [0; 10]), |c| c.0),
            None,
            self.now,
            self.offset_minutes,
        );
        let mut interaction = match checked {
            Ok(i) => i,
            Err(field_errors) => {
                errors.extend(r.field_errors(&field_errors, &[], &[]));
                return Outcome::Failed(errors);
            }
        };
        let Some((_, customer_name)) = customer.filter(|_| errors.is_empty()) else {
            return Outcome::Failed(errors);
        };
        let key = interaction_key(&interaction);
        match (
            self.existing.interaction_keys.get(&key).copied(),
            self.policy,
        ) {
            (Some(i), Policy::Skip) => Outcome::Done(
                Action::Skip,
                Record::Interaction(self.existing.interactions[i].clone()),
                customer_name,
            ),
            (Some(i), Policy::Update) => {
                let before = self.existing.interactions[i].clone();
                interaction.id = before.id;
                interaction.contact_id = before.contact_id;
                interaction.commitment = before.commitment.clone();
                interaction.created_at = before.created_at;
                interaction.updated_at = before.updated_at;
                if interaction == before {
                    return Outcome::Done(Action::Skip, Record::Interaction(before), customer_name);
                }
                interaction.updated_at = self.now;
                self.keep_before(interaction.id, &before, |r| &mut r.interactions);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.interactions,
                    interaction.id,
                    &interaction,
                );
                self.existing.interactions[i] = interaction.clone();
                Outcome::Done(
                    Action::Update,
                    Record::Interaction(interaction),
                    customer_name,
                )
            }
            _ => {
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.interactions,
                    interaction.id,
                    &interaction,
                );
                self.existing.add_interaction(interaction.clone());
                Outcome::Done(
                    Action::Create,
                    Record::Interaction(interaction),
                    customer_name,
                )
            }
        }
    }

    fn purchase(&mut self, r: &RowRef) -> Outcome {
        let mut errors = Vec::new();
        let customer = self.linked_customer(r, &mut errors);
        let amount = r.get(Target::Amount);
        let currency = match parse_currency(r.get(Target::Currency)) {
            Ok(Some(c)) => c,
            Ok(None) => currency_in_amount(amount).unwrap_or_default(),
            Err(p) => {
                errors.push(r.error(Target::Currency, p));
                Currency::default()
            }
        };
        let input = PurchaseInput {
            date: date(r.get(Target::Date)),
            amount: without_currency_prefix(amount).to_string(),
            currency,
            quantity: r.get(Target::Quantity).to_string(),
            product: r.get(Target::Product).to_string(),
            margin: r.get(Target::Margin).to_string(),
            notes: r.joined(Target::Notes),
            discounted: false,
        };
        let checked = input.validate(
            customer
                .as_ref()
                .map_or(Id::from_parts(0, [0; 10]), |c| c.0),
            None,
            self.today,
            self.now,
        );
        let mut purchase = match checked {
            Ok(p) => p,
            Err(field_errors) => {
                errors.extend(r.field_errors(&field_errors, &[], &[]));
                return Outcome::Failed(errors);
            }
        };
        let Some((_, customer_name)) = customer.filter(|_| errors.is_empty()) else {
            return Outcome::Failed(errors);
        };
        let key = purchase_key(&purchase);
        match (self.existing.purchase_keys.get(&key).copied(), self.policy) {
            (Some(i), Policy::Skip) => Outcome::Done(
                Action::Skip,
                Record::Purchase(self.existing.purchases[i].clone()),
                customer_name,
            ),
            (Some(i), Policy::Update) => {
                let before = self.existing.purchases[i].clone();
                purchase.id = before.id;
                purchase.discounted = before.discounted;
                purchase.created_at = before.created_at;
                purchase.updated_at = before.updated_at;
                if purchase == before {
                    return Outcome::Done(Action::Skip, Record::Purchase(before), customer_name);
                }
                purchase.updated_at = self.now;
                self.keep_before(purchase.id, &before, |r| &mut r.purchases);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.purchases,
                    purchase.id,
                    &purchase,
                );
                self.existing.purchases[i] = purchase.clone();
                Outcome::Done(Action::Update, Record::Purchase(purchase), customer_name)
            }
            _ => {
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.purchases,
                    purchase.id,
                    &purchase,
                );
                self.existing.add_purchase(purchase.clone());
                Outcome::Done(Action::Create, Record::Purchase(purchase), customer_name)
            }
        }
    }
}

/// One row being checked, with what is needed to name its columns.
struct RowRef<'a> {
    line: usize,
    cells: &'a StringRecord,
    header: &'a [String],
    mapping: &'a Mapping,
}

impl RowRef<'_> {
    /// The value of the first column filling `target`, trimmed ("" when there is none).
    fn get(&self, target: Target) -> &str {
        self.mapping
            .column_of(target)
            .and_then(|i| self.cells.get(i))
            .map_or("", str::trim)
    }

    /// The non-empty values of every column filling `target`.
    fn all(&self, target: Target) -> Vec<&str> {
        self.mapping
            .columns_of(target)
            .filter_map(|i| self.cells.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect()
    }

    /// Values of every column filling `target` joined by line breaks (notes).
    fn joined(&self, target: Target) -> String {
        self.joined_with(target, "\n")
    }

    fn joined_with(&self, target: Target, sep: &str) -> String {
        self.all(target).join(sep)
    }

    /// Phones or e-mails: every column, each cell split at `;` `,` `/` `、` and their
    /// full-width forms.
    fn list(&self, target: Target) -> Vec<String> {
        self.all(target)
            .into_iter()
            .flat_map(|v| v.split([';', '；', ',', '，', '/', '、', '|']))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// A problem with the column filling `target`.
    fn error(&self, target: Target, problem: RowProblem) -> RowError {
        RowError {
            line: self.line,
            column: self
                .mapping
                .column_of(target)
                .map(|i| self.header[i].clone()),
            value: self.get(target).to_string(),
            problem,
        }
    }

    /// Form errors as row errors, each naming its column and value. `phones` and `emails`
    /// are the list entries the form checked, so an entry's index names its value.
    fn field_errors(
        &self,
        errors: &[FieldError],
        phones: &[String],
        emails: &[String],
    ) -> Vec<RowError> {
        errors
            .iter()
            .map(|e| {
                let target = target_of_field(e.field);
                let value = match (e.field, e.index) {
                    (Field::Phone, Some(i)) => phones.get(i).cloned().unwrap_or_default(),
                    (Field::Email, Some(i)) => emails.get(i).cloned().unwrap_or_default(),
                    _ => target.map(|t| self.get(t).to_string()).unwrap_or_default(),
                };
                RowError {
                    line: self.line,
                    column: target
                        .and_then(|t| self.mapping.column_of(t))
                        .map(|i| self.header[i].clone()),
                    value,
                    problem: RowProblem::Value(e.problem),
                }
            })
            .collect()
    }
}

/// The column field a form field comes from.
fn target_of_field(field: Field) -> Option<Target> {
    Some(match field {
        Field::Name => Target::Name,
        Field::Company => Target::Company,
        Field::Industry => Target::Industry,
        Field::Region => Target::Region,
        Field::Address => Target::Address,
        Field::Phone => Target::Phone,
        Field::Email => Target::Email,
        Field::WeChat => Target::WeChat,
        Field::Tags => Target::Tags,
        Field::Notes => Target::Notes,
        Field::Title => Target::Title,
        Field::Summary => Target::Summary,
        Field::When => Target::When,
        Field::Date => Target::Date,
        Field::Amount => Target::Amount,
        Field::Quantity => Target::Quantity,
        Field::Product => Target::Product,
        Field::Margin => Target::Margin,
        _ => return None,
    })
}

/// Replaces `slot` with `value` when the file has one.
fn overlay(slot: &mut String, value: &str) {
    if !value.trim().is_empty() {
        *slot = value.trim().to_string();
    }
}

/// Adds the values of `new` that `list` does not have yet (compared by `identity`).
fn add_new(list: &mut Vec<String>, new: &[String], identity: impl Fn(&str) -> String) {
    for v in new {
        if !list.iter().any(|have| identity(have) == identity(v)) {
            list.push(v.clone());
        }
    }
}

/// A date as spreadsheets write it, in the form the forms read: `2024年3月5日`, `20240305`,
/// `2024/3/5 14:30:00` (the time is dropped) → `2024-3-5`.
pub fn date(text: &str) -> String {
    let text = text.trim();
    let day = text.split([' ', 'T']).next().unwrap_or("");
    if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        return format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]);
    }
    day.replace(['年', '月'], "-").replace('日', "")
}

/// A date and time, in the form `<input type="datetime-local">` gives: `2024/3/5 9:30` →
/// `2024-3-5T09:30`. A date alone is taken as midday, which no time zone moves to another day.
pub fn when(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let day = date(text);
    let time = text
        .split_once([' ', 'T'])
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty());
    let Some(time) = time else {
        return format!("{day}T12:00");
    };
    let mut parts = time.split([':', '：']);
    let hour = parts.next().unwrap_or("");
    let minute = parts.next().unwrap_or("00");
    if hour.is_empty() || hour.len() > 2 || minute.len() != 2 {
        // Leave it for the check to refuse, with the value as written.
        return format!("{day}T{time}");
    }
    format!("{day}T{hour:0>2}:{minute}")
}

/// Organisation or person, from 单位 / 个人 and their English words; `None` when empty.
fn parse_party(text: &str) -> Result<Option<Party>, RowProblem> {
    match fold(text).as_str() {
        "" => Ok(None),
        "个人" | "个人客户" | "自然人" | "individual" | "person" | "personal" | "private" => {
            Ok(Some(Party::Individual))
        }
        "单位" | "单位客户" | "企业" | "企业客户" | "公司" | "机构" | "组织" | "organisation"
        | "organization" | "company" | "business" => Ok(Some(Party::Organisation)),
        _ => Err(RowProblem::UnknownParty(text.trim().to_string())),
    }
}

/// A way of contact from its Chinese or English name; an empty cell is a note.
fn parse_channel(text: &str) -> Result<Channel, RowProblem> {
    Ok(match fold(text).as_str() {
        "" | "备注" | "笔记" | "其他" | "note" | "other" => Channel::Note,
        "电话" | "致电" | "来电" | "去电" | "通话" | "call" | "phone" | "phonecall" => {
            Channel::Call
        }
        "拜访" | "上门" | "上门拜访" | "面访" | "走访" | "visit" => Channel::Visit,
        "邮件" | "电子邮件" | "邮箱" | "email" | "e-mail" | "mail" => Channel::Email,
        "微信" | "wechat" | "weixin" => Channel::WeChat,
        "会议" | "开会" | "视频会议" | "meeting" => Channel::Meeting,
        "活动" | "展会" | "会展" | "event" => Channel::Event,
        _ => return Err(RowProblem::UnknownChannel(text.trim().to_string())),
    })
}

/// A currency from its code, symbol or Chinese name; `None` when empty.
fn parse_currency(text: &str) -> Result<Option<Currency>, RowProblem> {
    let t = fold(text);
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(c) = Currency::ALL
        .into_iter()
        .find(|c| c.code().eq_ignore_ascii_case(&t))
    {
        return Ok(Some(c));
    }
    Ok(Some(match t.as_str() {
        "人民币" | "元" | "rmb" | "¥" | "￥" => Currency::Cny,
        "美元" | "美金" | "$" | "us$" => Currency::Usd,
        "欧元" | "€" => Currency::Eur,
        "港币" | "港元" | "hk$" => Currency::Hkd,
        "日元" | "円" => Currency::Jpy,
        "英镑" | "£" => Currency::Gbp,
        _ => return Err(RowProblem::UnknownCurrency(text.trim().to_string())),
    }))
}

/// An amount without a lettered currency prefix (`HK$80` → `$80`; the number reader drops
/// the symbols itself).
fn without_currency_prefix(amount: &str) -> &str {
    let a = amount.trim();
    for prefix in ["HK", "hk", "Hk", "US", "us", "Us"] {
        if let Some(rest) = a.strip_prefix(prefix)
            && rest.starts_with('$')
        {
            return rest;
        }
    }
    a
}

/// The currency an amount's own sign names (`$120`, `€5`, `HK$80`), if any.
fn currency_in_amount(amount: &str) -> Option<Currency> {
    let a = amount.trim().to_lowercase();
    if a.starts_with("hk$") {
        Some(Currency::Hkd)
    } else if a.starts_with('$') || a.starts_with("us$") {
        Some(Currency::Usd)
    } else if a.starts_with('€') {
        Some(Currency::Eur)
    } else if a.starts_with('£') {
        Some(Currency::Gbp)
    } else {
        None
    }
}

#[cfg(test)]
mod tests;
