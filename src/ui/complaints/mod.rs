//! Complaints (客户投诉): intake on the customer's page, the handling flow on a card, and the
//! page with every complaint and the figures.
pub mod card;
pub mod form;
pub mod page;
pub mod panel;
