//! Interactions and commitments logged on a lead, exactly as on a customer: the same record,
//! the same form, its `customer_id` holding the lead's id. They are their own record kind
//! (their own store), so nothing that reads a customer's interactions — summaries, the 360
//! view, the analysis — ever meets one; converting the lead moves them onto the customer.

use crate::domain::id::Id;
use crate::domain::interaction::Interaction;
use crate::domain::time::Timestamp;
use serde::{Deserialize, Serialize};

/// An interaction with a lead (its `customer_id` is the lead's id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LeadInteraction(pub Interaction);

impl LeadInteraction {
    /// The lead it was logged on.
    pub fn lead_id(&self) -> Id {
        self.0.customer_id
    }

    /// The interaction as the converted customer's: the same id, time, channel, summary and
    /// commitment, with whom it was (the contact person the lead became, when there is one)
    /// and `now` as its last change.
    pub fn onto_customer(&self, customer: Id, contact: Option<Id>, now: Timestamp) -> Interaction {
        Interaction {
            customer_id: customer,
            contact_id: self.0.contact_id.or(contact),
            updated_at: now,
            rev: crate::domain::record::Rev::default(),
            ..self.0.clone()
        }
    }
}
