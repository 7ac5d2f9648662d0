//! What leads are compared with: every customer not in the trash (from the index in memory),
//! their contact persons (read from the store) and the leads themselves.

use crate::domain::contact::ContactPerson;
use crate::domain::lead::Lead;
use crate::domain::lead::matching::MatchIndex;
use crate::store::{self, AppError};
use crate::ui::state::Workspace;
use leptos::prelude::*;

/// The match index over the customers, their contact persons and `leads` (those in the trash
/// left out).
pub async fn match_index(ws: Workspace, leads: &[Lead]) -> Result<MatchIndex, AppError> {
    let contacts = read_contacts(ws).await?;
    Ok(build(ws, &contacts, leads))
}

/// Every contact person (none without a database).
pub async fn read_contacts(ws: Workspace) -> Result<Vec<ContactPerson>, AppError> {
    match ws.db() {
        Some(db) => store::contacts_for_matching(&db).await,
        None => Ok(Vec::new()),
    }
}

/// The match index over the customers in memory, `contacts` and `leads`.
pub fn build(ws: Workspace, contacts: &[ContactPerson], leads: &[Lead]) -> MatchIndex {
    let mut index = MatchIndex::default();
    ws.index.with_untracked(|ix| {
        for c in ix.rows().iter().filter(|c| c.deleted_at.is_none()) {
            index.add_customer(c);
        }
        for c in contacts {
            if let Some(customer) = ix.get(c.customer_id).filter(|s| s.deleted_at.is_none()) {
                index.add_contact(c, &customer.name);
            }
        }
    });
    for l in leads.iter().filter(|l| l.deleted_at.is_none()) {
        index.add_lead(l);
    }
    index
}
