//! Open commitments across all customers.
pub mod done_button;
pub mod page;
pub mod promise;
