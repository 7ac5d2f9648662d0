//! The pipeline (商机): the board and the table of deals, a deal's page and form, winning and
//! losing, the customer's deals on their 360 view, and the stages in Settings.

mod board;
mod card;
pub mod customer;
mod data;
pub mod detail;
pub mod forecast;
mod form;
pub mod glance;
mod lose;
mod moves;
pub mod new;
pub mod page;
mod reps;
pub mod stages;
mod suggest;
mod table;
mod trash;
mod win;
