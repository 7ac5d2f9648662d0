//! Open commitments across all customers.
pub mod page;
