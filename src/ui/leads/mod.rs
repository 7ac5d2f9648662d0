//! Leads (线索): the list, the new-lead form, a lead's page.

mod assign;
mod convert;
pub mod detail;
pub mod form;
mod known;
pub mod list;
pub mod new;
pub mod trash;
