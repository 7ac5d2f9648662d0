//! Customers: the list, the 360 view, and the forms.
pub mod bulk_bar;
pub mod contacts;
pub mod detail;
pub mod edit;
pub mod filters;
pub mod form;
pub mod format;
pub mod interaction_form;
pub mod list;
pub mod purchase_form;
pub mod table;
pub mod timeline;
