//! Customer satisfaction (客户满意): the satisfaction page with its surveys, figures and charts,
//! the response form and CSV import, and the satisfaction panel of the customer 360 view.
mod charts;
mod editor;
mod form;
mod import;
pub mod page;
pub mod panel;
