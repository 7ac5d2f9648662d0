//! Customers: the list, the 360 view, and the forms.
pub mod bulk_bar;
pub mod competitors;
pub mod contact_form;
pub mod contacts;
pub mod customer_file;
pub mod detail;
pub mod edit;
pub mod filters;
pub mod form;
pub mod format;
pub mod interaction_form;
pub mod list;
pub mod loyalty;
pub mod new;
pub mod purchase_form;
pub mod table;
pub mod timeline;
