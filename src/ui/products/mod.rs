//! The price list and the price agreements: the products page (the list and the agreements),
//! a product's page and form, an agreement's form, their sections of the trash, and the price
//! analysis with its what-if.

pub mod agreement_form;
pub mod agreements;
pub mod analysis;
pub mod data;
pub mod detail;
pub mod form;
pub mod new;
pub mod page;
pub mod trash;
pub mod what_if;
