//! Customers in the trash.
pub mod page;
