//! Leads (线索): the list, the new-lead form, a lead's page.

mod activity;
mod assign;
mod convert;
pub mod detail;
pub mod form;
pub mod funnel;
mod known;
pub mod list;
pub mod new;
mod score;
mod table;
mod trash;
