//! The trash: customers, and the sections of the kinds kept outside them (leads,
//! opportunities).
pub mod page;
pub mod section;
