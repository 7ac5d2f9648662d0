//! Segmentation and prediction in the UI: the analysis state, the overview dashboard, the
//! segment explorer and its charts, and the classes panel of the customer 360 view.
pub mod call_list;
pub mod classes_panel;
pub mod condition;
pub mod dashboard;
pub mod model_tables;
pub mod movements;
pub mod quadrant_chart;
pub mod rfm_grid;
pub mod segments;
pub mod state;
pub mod thread;
