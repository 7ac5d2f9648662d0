//! Matching imported rows with what is stored: the keys records are compared by, and the
//! index of stored customers, contact persons, interactions and purchases.

use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::import::RowProblem;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::lead::matching::MatchIndex;
use crate::domain::member::TeamMember;
use crate::domain::money::Currency;
use crate::domain::product::Product;
use crate::domain::purchase::Purchase;
use crate::domain::validate::{self, Problem};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Lower-cased and trimmed: how names and e-mails are compared.
pub(super) fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A purchase without an order number is a duplicate of a stored one only when every field
/// is the same: customer, day, amount and currency, quantity, product, margin and notes.
type PurchaseKey = (
    Id,
    NaiveDate,
    i64,
    Currency,
    Decimal,
    String,
    Option<Decimal>,
    String,
);
/// A purchase with an order number is identified by its customer, the order and the product
/// (an order's lines are different products).
type OrderKey = (Id, String, String);
/// An interaction's identity for duplicates: customer, time, summary.
type InteractionKey = (Id, i64, String);

pub(super) fn purchase_key(p: &Purchase) -> PurchaseKey {
    (
        p.customer_id,
        p.date,
        p.amount.minor_units(),
        p.amount.currency,
        p.quantity.normalize(),
        fold(&p.product),
        p.margin.map(|m| m.normalize()),
        p.notes.trim().to_string(),
    )
}

/// The order line a purchase is, when it has an order number.
pub(super) fn order_key(p: &Purchase) -> Option<OrderKey> {
    let order = fold(&p.order);
    (!order.is_empty()).then(|| (p.customer_id, order, fold(&p.product)))
}

pub(super) fn interaction_key(i: &Interaction) -> InteractionKey {
    (i.customer_id, i.at.0, fold(&i.summary))
}

/// The keys a lead is found by: each phone's identity and each e-mail in lower case.
fn lead_keys<'a>(phones: &'a [String], emails: &'a [String]) -> impl Iterator<Item = String> + 'a {
    phones
        .iter()
        .map(|p| validate::phone_identity(p))
        .filter(|k| !k.is_empty())
        .map(|k| format!("tel:{k}"))
        .chain(
            emails
                .iter()
                .map(|e| fold(e))
                .filter(|k| !k.is_empty())
                .map(|k| format!("mail:{k}")),
        )
}

/// The stored records an import is matched with, indexed for the lookups it makes. Records
/// the import creates are added as it goes, so a file that names a customer twice does not
/// create it twice.
#[derive(Default)]
pub struct Existing {
    pub(super) customers: Vec<Customer>,
    pub(super) by_id: HashMap<Id, usize>,
    pub(super) by_external: HashMap<String, usize>,
    pub(super) by_email: HashMap<String, usize>,
    pub(super) by_phone: HashMap<String, usize>,
    pub(super) by_name_company: HashMap<(String, String), usize>,
    pub(super) by_name: HashMap<String, Vec<usize>>,
    pub(super) contacts: Vec<ContactPerson>,
    pub(super) contacts_of: HashMap<Id, Vec<usize>>,
    pub(super) interactions: Vec<Interaction>,
    pub(super) interaction_keys: HashMap<InteractionKey, usize>,
    pub(super) purchases: Vec<Purchase>,
    /// Stored purchases by every field, each list holding those not yet matched by a row: a
    /// file with two identical rows against one stored purchase skips one and creates one.
    pub(super) purchase_keys: HashMap<PurchaseKey, Vec<usize>>,
    /// Stored purchases, and those this import creates, by order line.
    pub(super) order_keys: HashMap<OrderKey, usize>,
    pub(super) members: HashMap<String, Id>,
    /// Stored leads (not in the trash) and those this import creates.
    pub(super) leads: Vec<Lead>,
    /// Leads by phone (`tel:` and its identity) and e-mail (`mail:` and lower case): a row
    /// sharing one with a lead repeats it.
    pub(super) lead_keys: HashMap<String, usize>,
    /// Customers, contact persons and leads a lead row may be, shown and never merged.
    pub(super) lead_matches: MatchIndex,
    /// Stored products (not in the trash) and those this import creates.
    pub(super) products: Vec<Product>,
    /// Products by code, trimmed and in lower case.
    pub(super) product_codes: HashMap<String, usize>,
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
            e.add_stored_purchase(p);
        }
        e
    }

    /// Adds the stored leads (those in the trash left out) and indexes what a lead row is
    /// matched with: the customers and their contact persons already held, and the leads.
    pub fn with_leads(mut self, leads: Vec<Lead>) -> Self {
        let mut index = MatchIndex::default();
        for c in &self.customers {
            index.add_customer_record(c);
        }
        for p in &self.contacts {
            if let Some(&i) = self.by_id.get(&p.customer_id) {
                index.add_contact(p, &self.customers[i].name);
            }
        }
        self.lead_matches = index;
        for l in leads.into_iter().filter(|l| l.deleted_at.is_none()) {
            self.add_lead(l);
        }
        self
    }

    /// Adds the stored products (those in the trash left out): a row is matched with them
    /// by its code.
    pub fn with_products(mut self, products: Vec<Product>) -> Self {
        for p in products.into_iter().filter(|p| p.deleted_at.is_none()) {
            self.add_product(p);
        }
        self
    }

    /// Indexes a product by its code.
    pub(super) fn add_product(&mut self, p: Product) {
        self.product_codes
            .entry(p.code_key())
            .or_insert(self.products.len());
        self.products.push(p);
    }

    /// The product whose code is `code` (without regard to case and outer spaces).
    pub(super) fn product_by_code(&self, code: &str) -> Option<usize> {
        self.product_codes.get(&code.trim().to_lowercase()).copied()
    }

    /// Indexes a lead for duplicates and matches.
    pub(super) fn add_lead(&mut self, l: Lead) {
        self.lead_matches.add_lead(&l);
        let i = self.leads.len();
        self.index_lead_keys(i, &l);
        self.leads.push(l);
    }

    /// Points the phones and e-mails of lead `l` (at `i`) at it.
    pub(super) fn index_lead_keys(&mut self, i: usize, l: &Lead) {
        for key in lead_keys(&l.phones, &l.emails) {
            self.lead_keys.entry(key).or_insert(i);
        }
    }

    /// The lead sharing a phone or e-mail with these.
    pub(super) fn duplicate_lead(&self, phones: &[String], emails: &[String]) -> Option<usize> {
        lead_keys(phones, emails).find_map(|k| self.lead_keys.get(&k).copied())
    }

    pub(super) fn add_customer(&mut self, c: Customer) {
        let i = self.customers.len();
        self.customers.push(c);
        self.index_customer(i);
    }

    /// Points every key of customer `i` at it (an update may add phones and e-mails).
    pub(super) fn index_customer(&mut self, i: usize) {
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

    pub(super) fn add_contact(&mut self, c: ContactPerson) {
        self.contacts_of
            .entry(c.customer_id)
            .or_default()
            .push(self.contacts.len());
        self.contacts.push(c);
    }

    pub(super) fn add_interaction(&mut self, i: Interaction) {
        self.interaction_keys
            .entry(interaction_key(&i))
            .or_insert(self.interactions.len());
        self.interactions.push(i);
    }

    /// Indexes a stored purchase.
    fn add_stored_purchase(&mut self, p: Purchase) {
        let i = self.purchases.len();
        self.purchase_keys
            .entry(purchase_key(&p))
            .or_default()
            .push(i);
        self.add_purchase(p);
    }

    /// Adds a stored purchase (tests build what is stored step by step).
    #[cfg(test)]
    pub(crate) fn add_purchase_for_test(&mut self, p: Purchase) {
        self.add_stored_purchase(p);
    }

    /// Indexes a purchase by its order line only: one this import creates is a duplicate of
    /// a later row only when they share the order number (and product).
    pub(super) fn add_purchase(&mut self, p: Purchase) {
        if let Some(key) = order_key(&p) {
            self.order_keys.entry(key).or_insert(self.purchases.len());
        }
        self.purchases.push(p);
    }

    /// The stored purchase `p` repeats, if any: by order line when it has an order number,
    /// otherwise by every field among the stored purchases no earlier row has matched.
    /// `consume` marks a purchase matched by every field as taken.
    pub(super) fn duplicate_purchase(&mut self, p: &Purchase, consume: bool) -> Option<usize> {
        if let Some(key) = order_key(p) {
            return self.order_keys.get(&key).copied();
        }
        let left = self.purchase_keys.get_mut(&purchase_key(p))?;
        let found = *left.first()?;
        if consume {
            left.remove(0);
        }
        Some(found)
    }

    /// The stored customer a customer row repeats: same external id, e-mail, phone, or name
    /// and company.
    pub(super) fn duplicate_customer(
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
    pub(super) fn customer_named(&self, text: &str) -> Result<usize, RowProblem> {
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
    pub(super) fn duplicate_contact(
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
