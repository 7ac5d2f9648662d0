//! Checking an import row by row and matching it with what is stored. A row becomes a new
//! record, an update of the record it duplicates, a skipped duplicate, or a failure with its
//! column, value and reason. The same checks as the forms apply (phones, e-mails, dates,
//! amounts...), so an imported record is one the app could have saved by hand.
//!
//! The [`Planner`] takes rows in slices so the page can check 100,000 rows without freezing:
//! it checks a slice, yields to the browser, and goes on.

mod matching;
mod report;
mod rows;
mod values;

pub use matching::Existing;
pub use report::{cells, headings};
pub use values::{date, when};

use super::batch::{Counts, Created, ImportBatch, Records};
use super::mapping::{Kind, Mapping, Target};
use super::table::Row;
use super::{RowError, RowProblem};
use crate::domain::contact::{ContactInput, ContactPerson};
use crate::domain::customer::{Customer, CustomerInput, Party};
use crate::domain::id::Id;
use crate::domain::interaction::{Channel, Interaction, InteractionInput};
use crate::domain::lead::matching::Match;
use crate::domain::lead::{Lead, LeadInput, LeadSource};
use crate::domain::money::Currency;
use crate::domain::product::{Product, ProductInput};
use crate::domain::purchase::{Purchase, PurchaseInput};
use crate::domain::time::{Timestamp, Zone};
use crate::domain::validate::{self, Problem};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

use matching::*;
use rows::*;
use values::*;

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

/// What becomes of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    /// A duplicate left alone, or an update that would change nothing.
    Skip,
    Fail,
}

/// Why a row is skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// It repeats a stored record (policy "skip").
    Duplicate,
    /// It repeats a purchase of the same order (order number and product) stored or earlier
    /// in the file (policy "skip").
    SameOrder,
    /// It would update a stored record without changing anything.
    Unchanged,
}

/// A row the import leaves out, and the record it repeats.
#[derive(Clone, Debug, PartialEq)]
pub struct Skipped {
    pub line: usize,
    pub why: Why,
    /// The record it repeats, as stored.
    pub record: Record,
    /// The name of the customer the record is or belongs to.
    pub customer: String,
}

/// A record as it will be stored.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Customer(Box<Customer>),
    Contact(ContactPerson),
    Interaction(Interaction),
    Purchase(Purchase),
    Lead(Box<Lead>),
    Product(Box<Product>),
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
    /// The customers, contact persons and leads a lead row may be.
    pub matches: Vec<Match>,
}

/// A lead row that may be a customer, a contact person or a lead already stored: it is
/// imported as a lead of its own and flagged, never merged.
#[derive(Clone, Debug, PartialEq)]
pub struct Matched {
    pub line: usize,
    /// The lead's name as shown.
    pub lead: String,
    pub matches: Vec<Match>,
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
    /// Every skipped row, in file order: nothing is left out without being named.
    pub skipped: Vec<Skipped>,
    /// The first rows, as they will be stored.
    pub preview: Vec<Preview>,
    /// Every lead row that may already be known, in file order.
    pub matched: Vec<Matched>,
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
                .chain(r.leads.iter().map(|l| l.id))
                .chain(r.products.iter().map(|p| p.id))
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
                leads: changed(w.leads.iter().map(|l| l.id).collect(), &before),
                products: changed(w.products.iter().map(|p| p.id).collect(), &before),
            },
            before: self.before.clone(),
            touched: w.customer_ids(),
            counts: self.counts,
            undone_at: None,
        }
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
    zone: Zone,
    plan: Plan,
    /// Where each record this import writes sits in `plan.writes`.
    written: HashMap<Id, usize>,
    /// Records that existed before the import and already have their before-image.
    saved_before: HashSet<Id>,
    /// What the row just checked may be (lead rows).
    row_matches: Vec<Match>,
}

/// A row's outcome before counting.
enum Outcome {
    Done(Action, Record, String),
    Skipped(Why, Record, String),
    Failed(Vec<RowError>),
}

impl Planner {
    /// A planner for a file with `header` read as `kind` with `mapping`. `now` stamps every
    /// record; `zone` turns the file's dates and times (local ones) into instants — an `i32` is
    /// a fixed offset east of UTC in minutes.
    pub fn new(
        kind: Kind,
        header: Vec<String>,
        mapping: Mapping,
        policy: Policy,
        existing: Existing,
        now: Timestamp,
        zone: impl Into<Zone>,
    ) -> Self {
        let zone = zone.into();
        Planner {
            kind,
            header,
            mapping,
            policy,
            existing,
            today: zone.local(now).date(),
            now,
            zone,
            plan: Plan {
                kind,
                at: now,
                ..Plan::default()
            },
            written: HashMap::new(),
            saved_before: HashSet::new(),
            row_matches: Vec::new(),
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
                        Kind::Leads => self.lead(&r),
                        Kind::Products => self.product(&r),
                    }
                }
            };
            self.header = header;
            self.mapping = mapping;
            let (action, record, customer) = match outcome {
                Outcome::Done(action, record, customer) => (action, Some(record), customer),
                Outcome::Skipped(why, record, customer) => {
                    self.plan.skipped.push(Skipped {
                        line: row.line,
                        why,
                        record: record.clone(),
                        customer: customer.clone(),
                    });
                    (Action::Skip, Some(record), customer)
                }
                Outcome::Failed(errors) => {
                    self.plan.errors.extend(errors);
                    (Action::Fail, None, String::new())
                }
            };
            let matches = std::mem::take(&mut self.row_matches);
            if !matches.is_empty()
                && let Some(Record::Lead(l)) = &record
            {
                self.plan.matched.push(Matched {
                    line: row.line,
                    lead: l.display_name(),
                    matches: matches.clone(),
                });
            }
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
                    matches,
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
                let name = c.name.clone();
                return Outcome::Skipped(Why::Duplicate, Record::Customer(Box::new(c)), name);
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
                    return Outcome::Skipped(
                        Why::Unchanged,
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
                return Outcome::Skipped(Why::Duplicate, Record::Contact(c), customer_name);
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
                    return Outcome::Skipped(
                        Why::Unchanged,
                        Record::Contact(before),
                        customer_name,
                    );
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
        // The offset in force at the row's own time (daylight saving), not today's.
        let offset = crate::domain::time::parse_datetime_local(&input.at).map_or_else(
            || self.zone.offset_at(self.now),
            |local| self.zone.offset_for_local(local),
        );
        let checked = input.validate(
            customer
                .as_ref()
                .map_or(Id::from_parts(0, [0; 10]), |c| c.0),
            None,
            self.now,
            offset,
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
            (Some(i), Policy::Skip) => Outcome::Skipped(
                Why::Duplicate,
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
                    return Outcome::Skipped(
                        Why::Unchanged,
                        Record::Interaction(before),
                        customer_name,
                    );
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
            order: r.get(Target::Order).to_string(),
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
        let by_order = order_key(&purchase).is_some();
        let found = self
            .existing
            .duplicate_purchase(&purchase, self.policy != Policy::Create);
        match (found, self.policy) {
            (Some(i), Policy::Skip) => Outcome::Skipped(
                if by_order {
                    Why::SameOrder
                } else {
                    Why::Duplicate
                },
                Record::Purchase(self.existing.purchases[i].clone()),
                customer_name,
            ),
            // Every field is the same: an update would change nothing.
            (Some(i), Policy::Update) if !by_order => Outcome::Skipped(
                Why::Unchanged,
                Record::Purchase(self.existing.purchases[i].clone()),
                customer_name,
            ),
            (Some(i), Policy::Update) => {
                let before = self.existing.purchases[i].clone();
                purchase.id = before.id;
                purchase.rev = before.rev;
                purchase.discounted = before.discounted;
                purchase.created_at = before.created_at;
                purchase.updated_at = before.updated_at;
                if purchase == before {
                    return Outcome::Skipped(
                        Why::Unchanged,
                        Record::Purchase(before),
                        customer_name,
                    );
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

    fn lead(&mut self, r: &RowRef) -> Outcome {
        let mut errors = Vec::new();
        let phones = r.list(Target::Phone);
        let emails = r.list(Target::Email);
        let campaign = r.get(Target::Campaign);
        let source = match parse_source(r.get(Target::Source)) {
            Ok(s) => s,
            Err(p) => {
                errors.push(r.error(Target::Source, p));
                None
            }
        };
        let owner = self.owner(r, &mut errors);
        let found = self.existing.duplicate_lead(&phones, &emails);
        let (input, before) = match (found, self.policy) {
            (Some(i), Policy::Skip) => {
                let l = self.existing.leads[i].clone();
                let name = l.display_name();
                return Outcome::Skipped(Why::Duplicate, Record::Lead(Box::new(l)), name);
            }
            (Some(i), Policy::Update) => {
                let before = self.existing.leads[i].clone();
                let mut input = LeadInput::from_lead(&before);
                overlay(&mut input.name, r.get(Target::Name));
                overlay(&mut input.company, r.get(Target::Company));
                overlay(&mut input.title, r.get(Target::Title));
                overlay(&mut input.wechat, r.get(Target::WeChat));
                overlay(&mut input.region, r.get(Target::Region));
                overlay(&mut input.industry, r.get(Target::Industry));
                overlay(&mut input.campaign, campaign);
                overlay(&mut input.notes, &r.joined(Target::Notes));
                add_new(&mut input.phones, &phones, validate::phone_identity);
                add_new(&mut input.emails, &emails, fold);
                if let Some(s) = source {
                    input.source = s;
                }
                if owner.is_some() {
                    input.owner_id = owner;
                }
                (input, Some((i, before)))
            }
            _ => {
                // Without a source column, a row naming a campaign came from it.
                let source = source.unwrap_or(if campaign.is_empty() {
                    LeadSource::Other
                } else {
                    LeadSource::Campaign
                });
                let input = LeadInput {
                    name: r.get(Target::Name).to_string(),
                    company: r.get(Target::Company).to_string(),
                    title: r.get(Target::Title).to_string(),
                    phones,
                    emails,
                    wechat: r.get(Target::WeChat).to_string(),
                    region: r.get(Target::Region).to_string(),
                    industry: r.get(Target::Industry).to_string(),
                    source,
                    campaign: campaign.to_string(),
                    notes: r.joined(Target::Notes),
                    owner_id: owner,
                    do_not_contact: false,
                };
                (input, None)
            }
        };
        let fields = match input.validate() {
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
                let mut probe = before.clone();
                probe.apply(fields.clone(), before.updated_at);
                if probe == before {
                    let name = before.display_name();
                    return Outcome::Skipped(Why::Unchanged, Record::Lead(Box::new(before)), name);
                }
                let mut after = before.clone();
                after.apply(fields, self.now);
                self.row_matches = self.existing.lead_matches.matches(&after);
                self.keep_before(after.id, &before, |r| &mut r.leads);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.leads,
                    after.id,
                    &after,
                );
                self.existing.index_lead_keys(i, &after);
                self.existing.leads[i] = after.clone();
                let name = after.display_name();
                Outcome::Done(Action::Update, Record::Lead(Box::new(after)), name)
            }
            None => {
                let lead = Lead::create(Id::generate(), fields, self.now);
                self.row_matches = self.existing.lead_matches.matches(&lead);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.leads,
                    lead.id,
                    &lead,
                );
                self.existing.add_lead(lead.clone());
                let name = lead.display_name();
                Outcome::Done(Action::Create, Record::Lead(Box::new(lead)), name)
            }
        }
    }

    /// A product of the price list, found by its code (compared without regard to case):
    /// "skip" leaves a stored product alone, "update" fills it with the row's non-empty
    /// values, and "create" cannot make a second product of one code (the row fails).
    fn product(&mut self, r: &RowRef) -> Outcome {
        let mut errors = Vec::new();
        let code = r.get(Target::Code);
        let active = match parse_active(r.get(Target::Active)) {
            Ok(a) => a,
            Err(p) => {
                errors.push(r.error(Target::Active, p));
                None
            }
        };
        let currency = match parse_currency(r.get(Target::Currency)) {
            Ok(c) => c,
            Err(p) => {
                errors.push(r.error(Target::Currency, p));
                None
            }
        };
        let found = self.existing.product_by_code(code);
        let (input, before) = match (found, self.policy) {
            (Some(i), Policy::Skip) => {
                let p = self.existing.products[i].clone();
                let name = p.code.clone();
                return Outcome::Skipped(Why::Duplicate, Record::Product(Box::new(p)), name);
            }
            (Some(i), Policy::Update) => {
                let before = self.existing.products[i].clone();
                let mut input = ProductInput::from_product(&before);
                overlay(&mut input.name_zh, r.get(Target::Name));
                overlay(&mut input.name_en, r.get(Target::NameEn));
                overlay(&mut input.category, r.get(Target::Category));
                overlay(&mut input.unit, r.get(Target::Unit));
                overlay(&mut input.list_price, r.get(Target::ListPrice));
                overlay(&mut input.tax_rate, r.get(Target::TaxRate));
                overlay(&mut input.cost, r.get(Target::Cost));
                overlay(&mut input.notes, &r.joined(Target::Notes));
                if let Some(c) = currency {
                    input.currency = c;
                }
                if let Some(a) = active {
                    input.active = a;
                }
                (input, Some((i, before)))
            }
            _ => {
                let input = ProductInput {
                    code: code.to_string(),
                    name_zh: r.get(Target::Name).to_string(),
                    name_en: r.get(Target::NameEn).to_string(),
                    category: r.get(Target::Category).to_string(),
                    unit: r.get(Target::Unit).to_string(),
                    list_price: r.get(Target::ListPrice).to_string(),
                    currency: currency.unwrap_or_default(),
                    tax_rate: r.get(Target::TaxRate).to_string(),
                    cost: r.get(Target::Cost).to_string(),
                    active: active.unwrap_or(true),
                    notes: r.joined(Target::Notes),
                };
                (input, None)
            }
        };
        let own = before.as_ref().map(|(i, _)| *i);
        let taken = |c: &str| {
            self.existing
                .product_by_code(c)
                .is_some_and(|i| Some(i) != own)
        };
        let fields = match input.validate(taken) {
            Ok(f) => f,
            Err(field_errors) => {
                errors.extend(r.field_errors(&field_errors, &[], &[]));
                return Outcome::Failed(errors);
            }
        };
        if !errors.is_empty() {
            return Outcome::Failed(errors);
        }
        match before {
            Some((i, before)) => {
                let mut probe = before.clone();
                fields.clone().apply(&mut probe, before.updated_at);
                if probe == before {
                    let name = before.code.clone();
                    return Outcome::Skipped(
                        Why::Unchanged,
                        Record::Product(Box::new(before)),
                        name,
                    );
                }
                let mut after = before.clone();
                fields.apply(&mut after, self.now);
                self.keep_before(after.id, &before, |r| &mut r.products);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.products,
                    after.id,
                    &after,
                );
                self.existing.products[i] = after.clone();
                let name = after.code.clone();
                Outcome::Done(Action::Update, Record::Product(Box::new(after)), name)
            }
            None => {
                let product = fields.into_product(self.now);
                Self::write(
                    &mut self.written,
                    &mut self.plan.writes.products,
                    product.id,
                    &product,
                );
                self.existing.add_product(product.clone());
                let name = product.code.clone();
                Outcome::Done(Action::Create, Record::Product(Box::new(product)), name)
            }
        }
    }
}

#[cfg(test)]
mod lead_tests;
#[cfg(test)]
mod product_tests;
#[cfg(test)]
pub(super) mod tests;
