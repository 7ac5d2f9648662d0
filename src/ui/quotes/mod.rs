//! Quotes: the list, the editor (lines from the price list with the agreed prices filled in,
//! totals as they will print, the earlier prices and the conflicting quotes beside it), a
//! quote's page with what can be done with it next, the customer's quotes, and the trash.

pub mod customer;
pub mod data;
pub mod detail;
pub mod editor;
pub mod list;
pub mod new;
pub mod policy;
pub mod product_chooser;
pub mod trash;
