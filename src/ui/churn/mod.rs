//! Churn and win-back (客户流失与挽回): the risk score, recorded churn and win-back plans on a
//! customer's page, and the retention page with rates, causes and the win-back list.
pub mod page;
pub mod panel;
pub mod risk;
