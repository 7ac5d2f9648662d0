//! The record kinds, declared once: the list below makes [`RecordKind`], [`RecordSet`] (one
//! list per kind, which a backup and a customer's page are made of) and the walks over every
//! kind; each kind's [`Record`] implementation says its key, last change, revision, label,
//! customer and page order. The store's half of the declaration (object store, indexes, how
//! the records lie on disk) is `store::kinds`.
//!
//! Adding a kind: one line in [`record_kinds!`] below, one `record!` implementation, and its
//! entry in `store::kinds::spec` (the compiler asks for it).

use crate::domain::analysis::segment::Segment;
use crate::domain::churn::{ChurnEvent, WinBack};
use crate::domain::complaint::Complaint;
use crate::domain::contact::ContactPerson;
use crate::domain::customer::Customer;
use crate::domain::id::Id;
use crate::domain::import::batch::ImportBatch;
use crate::domain::interaction::Interaction;
use crate::domain::lead::Lead;
use crate::domain::lead::activity::LeadInteraction;
use crate::domain::loyalty::OwnerRatings;
use crate::domain::member::TeamMember;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::product::Product;
use crate::domain::product::pricing::PriceAgreement;
use crate::domain::purchase::Purchase;
use crate::domain::quote::Quote;
use crate::domain::quote::policy::QuotePolicy;
use crate::domain::record::{AsyncKindVisitor, KindVisitor, Record, Rev};
use crate::domain::satisfaction::{Response, Survey};
use crate::domain::time::{Timestamp, date_input_value};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Declares the kinds: `Variant: Type => field`, the field naming the kind's list in a
/// [`RecordSet`] (and in a backup file, and in a tombstone's key: never rename one).
macro_rules! record_kinds {
    ($( $(#[$doc:meta])* $kind:ident: $ty:ty => $field:ident, )*) => {
        /// What kind of record.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum RecordKind { $( $(#[$doc])* $kind, )* }

        impl RecordKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [RecordKind] = &[$(RecordKind::$kind),*];

            /// Its stable name (its list's name in a backup).
            pub fn name(self) -> &'static str {
                match self { $( RecordKind::$kind => stringify!($field), )* }
            }
        }

        /// Records of every kind, one list per kind: a backup's content, a customer's page,
        /// a batch of generated customers.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct RecordSet {
            $( #[serde(default)] pub $field: Vec<$ty>, )*
        }

        /// Calls `v` once for every kind.
        pub fn for_each_kind(v: &mut impl KindVisitor) {
            $( v.visit::<$ty>(); )*
        }

        /// Calls `v` once for every kind, awaiting each; stops at the first error.
        pub async fn for_each_kind_async<V: AsyncKindVisitor>(v: &mut V) -> Result<(), V::Error> {
            $( v.visit::<$ty>().await?; )*
            Ok(())
        }

        $(
            impl Column for $ty {
                fn column(set: &RecordSet) -> &Vec<Self> { &set.$field }
                fn column_mut(set: &mut RecordSet) -> &mut Vec<Self> { &mut set.$field }
            }
        )*
    };
}

/// Where a kind's list is in a [`RecordSet`] (made by [`record_kinds!`]).
trait Column: Sized {
    fn column(set: &RecordSet) -> &Vec<Self>;
    fn column_mut(set: &mut RecordSet) -> &mut Vec<Self>;
}

record_kinds! {
    Customer: Customer => customers,
    Contact: ContactPerson => contacts,
    Interaction: Interaction => interactions,
    Purchase: Purchase => purchases,
    Member: TeamMember => members,
    Segment: Segment => segments,
    Complaint: Complaint => complaints,
    ChurnEvent: ChurnEvent => churn_events,
    WinBack: WinBack => winbacks,
    LoyaltyRating: OwnerRatings => loyalty_ratings,
    Survey: Survey => surveys,
    Response: Response => responses,
    Lead: Lead => leads,
    /// Interactions and commitments logged on a lead.
    LeadActivity: LeadInteraction => lead_interactions,
    /// The team's pipeline stages (one record).
    Pipeline: Pipeline => pipelines,
    /// Deals with customers (商机).
    Opportunity: Opportunity => opportunities,
    /// The price list (产品与价目表).
    Product: Product => products,
    /// Price agreements (价格协议).
    PriceAgreement: PriceAgreement => price_agreements,
    /// Quotes (报价), every version.
    Quote: Quote => quotes,
    /// The team's quoting policy (one record).
    QuotePolicy: QuotePolicy => quote_policies,
    /// The journal of one import (kept on this device only: not in a backup).
    ImportJournal: ImportBatch => imports,
}

impl RecordKind {
    /// Whether a backup carries this kind.
    pub fn in_backup(self) -> bool {
        self != RecordKind::ImportJournal
    }

    /// Whether a customer's page reads this kind: the customer's own records, and the
    /// surveys (few) to show and enter responses.
    pub fn on_customer_page(self) -> bool {
        matches!(
            self,
            RecordKind::Contact
                | RecordKind::Interaction
                | RecordKind::Purchase
                | RecordKind::Complaint
                | RecordKind::ChurnEvent
                | RecordKind::WinBack
                | RecordKind::LoyaltyRating
                | RecordKind::Response
                | RecordKind::Survey
                | RecordKind::Opportunity
                | RecordKind::Quote
        )
    }

    /// Whether records of this kind belong to a customer (and go when the customer is
    /// deleted for good).
    pub fn owned_by_customer(self) -> bool {
        self.on_customer_page() && self != RecordKind::Survey
    }
}

/// Implements [`Record`] from one expression per method, `s` being the record.
macro_rules! record {
    ($t:ty, $kind:ident, |$s:ident| key: $key:expr, stamp: $stamp:expr, label: $label:expr,
     customer: $customer:expr, order: |$a:ident, $b:ident| $order:expr) => {
        #[allow(unused_variables)]
        impl Record for $t {
            const KIND: RecordKind = RecordKind::$kind;
            fn key(&self) -> String {
                let $s = self;
                $key
            }
            fn stamp(&self) -> Option<Timestamp> {
                let $s = self;
                $stamp
            }
            fn rev(&self) -> Rev {
                self.rev
            }
            fn set_rev(&mut self, rev: Rev) {
                self.rev = rev;
            }
            fn label(&self) -> String {
                let $s = self;
                $label
            }
            fn customer(&self) -> Option<Id> {
                let $s = self;
                $customer
            }
            fn page_order($a: &Self, $b: &Self) -> Ordering {
                $order
            }
            fn column(set: &RecordSet) -> &Vec<Self> {
                <$t as Column>::column(set)
            }
            fn column_mut(set: &mut RecordSet) -> &mut Vec<Self> {
                <$t as Column>::column_mut(set)
            }
        }
    };
}

record!(Customer, Customer, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.name.clone(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(ContactPerson, Contact, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.name.clone(), customer: Some(s.customer_id), order: |a, b| a.id.cmp(&b.id));
record!(Purchase, Purchase, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: format!("{} {}", s.date, s.product), customer: Some(s.customer_id),
    order: |a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
record!(TeamMember, Member, |s| key: s.id.to_string(), stamp: None,
    label: s.name.clone(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(Segment, Segment, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.name.clone(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(Complaint, Complaint, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.description.clone(), customer: Some(s.customer_id),
    order: |a, b| b.received_at.cmp(&a.received_at).then(b.id.cmp(&a.id)));
record!(ChurnEvent, ChurnEvent, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.date.to_string(), customer: Some(s.customer_id),
    order: |a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
record!(WinBack, WinBack, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.action.clone(), customer: Some(s.customer_id), order: |a, b| b.id.cmp(&a.id));
record!(OwnerRatings, LoyaltyRating, |s| key: s.customer_id.to_string(), stamp: s.rated_at,
    label: String::new(), customer: Some(s.customer_id),
    order: |a, b| a.customer_id.cmp(&b.customer_id));
record!(Survey, Survey, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.name.clone(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(Response, Response, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.date.to_string(), customer: Some(s.customer_id),
    order: |a, b| b.date.cmp(&a.date).then(b.id.cmp(&a.id)));
record!(Lead, Lead, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.display_name(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(Pipeline, Pipeline, |s| key: s.id.clone(), stamp: Some(s.updated_at),
    label: String::new(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(PriceAgreement, PriceAgreement, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: s.notes.clone(), customer: None,
    order: |a, b| b.valid_from.cmp(&a.valid_from).then(a.id.cmp(&b.id)));
record!(Quote, Quote, |s| key: s.id.to_string(), stamp: Some(s.updated_at),
    label: format!("{} v{}", s.number, s.version), customer: Some(s.customer_id),
    order: |a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
record!(QuotePolicy, QuotePolicy, |s| key: s.id.clone(), stamp: Some(s.updated_at),
    label: String::new(), customer: None, order: |a, b| a.id.cmp(&b.id));
record!(ImportBatch, ImportJournal, |s| key: s.id.to_string(), stamp: Some(s.at),
    label: s.file_name.clone(), customer: None, order: |a, b| b.id.cmp(&a.id));

// Interactions also carry the due date of an open commitment, which the open-commitments
// index reads; the rest is as for the others.
impl Record for Interaction {
    const KIND: RecordKind = RecordKind::Interaction;
    fn key(&self) -> String {
        self.id.to_string()
    }
    fn stamp(&self) -> Option<Timestamp> {
        Some(self.updated_at)
    }
    fn rev(&self) -> Rev {
        self.rev
    }
    fn set_rev(&mut self, rev: Rev) {
        self.rev = rev;
    }
    fn label(&self) -> String {
        self.summary.clone()
    }
    fn customer(&self) -> Option<Id> {
        Some(self.customer_id)
    }
    fn index_props(&self) -> Vec<(&'static str, String)> {
        match self.commitment.as_ref().filter(|c| c.is_open()) {
            Some(c) => vec![(OPEN_DUE, date_input_value(c.due))],
            None => Vec::new(),
        }
    }
    fn page_order(a: &Self, b: &Self) -> Ordering {
        b.at.cmp(&a.at).then(b.id.cmp(&a.id))
    }
    fn column(set: &RecordSet) -> &Vec<Self> {
        <Interaction as Column>::column(set)
    }
    fn column_mut(set: &mut RecordSet) -> &mut Vec<Self> {
        <Interaction as Column>::column_mut(set)
    }
}

// A lead's interactions: the same record, keyed and indexed the same way, belonging to no
// customer.
impl Record for LeadInteraction {
    const KIND: RecordKind = RecordKind::LeadActivity;
    fn key(&self) -> String {
        self.0.key()
    }
    fn stamp(&self) -> Option<Timestamp> {
        self.0.stamp()
    }
    fn rev(&self) -> Rev {
        self.0.rev
    }
    fn set_rev(&mut self, rev: Rev) {
        self.0.rev = rev;
    }
    fn label(&self) -> String {
        self.0.summary.clone()
    }
    fn customer(&self) -> Option<Id> {
        None
    }
    fn index_props(&self) -> Vec<(&'static str, String)> {
        self.0.index_props()
    }
    fn page_order(a: &Self, b: &Self) -> Ordering {
        Interaction::page_order(&a.0, &b.0)
    }
    fn column(set: &RecordSet) -> &Vec<Self> {
        <LeadInteraction as Column>::column(set)
    }
    fn column_mut(set: &mut RecordSet) -> &mut Vec<Self> {
        <LeadInteraction as Column>::column_mut(set)
    }
}

// A deal's open next step is indexed by its due date like an interaction's commitment, so
// the commitments list finds it the same way.
impl Record for Opportunity {
    const KIND: RecordKind = RecordKind::Opportunity;
    fn key(&self) -> String {
        self.id.to_string()
    }
    fn stamp(&self) -> Option<Timestamp> {
        Some(self.updated_at)
    }
    fn rev(&self) -> Rev {
        self.rev
    }
    fn set_rev(&mut self, rev: Rev) {
        self.rev = rev;
    }
    fn label(&self) -> String {
        self.name.clone()
    }
    fn customer(&self) -> Option<Id> {
        Some(self.customer_id)
    }
    fn index_props(&self) -> Vec<(&'static str, String)> {
        match self.open_step().filter(|_| self.deleted_at.is_none()) {
            Some(c) => vec![(OPEN_DUE, date_input_value(c.due))],
            None => Vec::new(),
        }
    }
    fn page_order(a: &Self, b: &Self) -> Ordering {
        a.close_date.cmp(&b.close_date).then(b.id.cmp(&a.id))
    }
    fn column(set: &RecordSet) -> &Vec<Self> {
        <Opportunity as Column>::column(set)
    }
    fn column_mut(set: &mut RecordSet) -> &mut Vec<Self> {
        <Opportunity as Column>::column_mut(set)
    }
}

// A product is indexed by its code without regard to case, so a save can find another
// product with the same code inside its transaction.
impl Record for Product {
    const KIND: RecordKind = RecordKind::Product;
    fn key(&self) -> String {
        self.id.to_string()
    }
    fn stamp(&self) -> Option<Timestamp> {
        Some(self.updated_at)
    }
    fn rev(&self) -> Rev {
        self.rev
    }
    fn set_rev(&mut self, rev: Rev) {
        self.rev = rev;
    }
    fn label(&self) -> String {
        format!("{} {}", self.code, self.name(true))
    }
    fn index_props(&self) -> Vec<(&'static str, String)> {
        vec![(CODE_KEY, self.code_key())]
    }
    fn page_order(a: &Self, b: &Self) -> Ordering {
        a.code.cmp(&b.code).then(a.id.cmp(&b.id))
    }
    fn column(set: &RecordSet) -> &Vec<Self> {
        <Product as Column>::column(set)
    }
    fn column_mut(set: &mut RecordSet) -> &mut Vec<Self> {
        <Product as Column>::column_mut(set)
    }
}

/// The property of a product that holds its code in lower case (the code index's key).
pub const CODE_KEY: &str = "code_key";

/// The property of an interaction with an open commitment that holds its due date
/// (`YYYY-MM-DD`); absent once the commitment is done.
pub const OPEN_DUE: &str = "open_due";
