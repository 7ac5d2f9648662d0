//! The model-validation page: the models fitted on a calibration period and compared with the
//! holdout after it (`domain::analysis::validation`), as a verdict, two charts, the spend
//! comparison and the per-customer table.

mod charts;
mod page;
mod table;

pub use page::ValidationPage;
