//! Customer analysis computed from the records: RFM, importance (ABC), loyalty stage,
//! lifecycle stage, purchase prediction (BG/NBD + Gamma-Gamma), lifetime value and the value
//! quadrant, each with the figures and the rule that put the customer there.

pub mod bgnbd;
pub mod config;
pub mod engine;
pub mod gamma_gamma;
pub mod history;
pub mod importance;
pub mod input;
pub mod math;
pub mod quadrant;
pub mod report;
pub mod rfm;
pub mod segment;
pub mod stages;
pub mod transfer;
pub mod validation;
