//! [`Texts`]: every feature's messages (each feature's file holds its own, English first and
//! Chinese second on each line) gathered into one struct. Each feature's macro adds its
//! messages and hands them on; `define_texts!` at the end of the chain declares the struct and
//! both languages' values, so a message missing in either language is a compile error. A new
//! feature area adds its file and its macro's name to the chain below.

use super::churn::churn_texts;
use super::common::common_texts;
use super::complaints::complaints_texts;
use super::conflict::conflict_texts;
use super::customers::customers_texts;
use super::define_texts;
use super::forecast::forecast_texts;
use super::import::import_texts;
use super::insights::insights_texts;
use super::leads::leads_texts;
use super::pipeline::pipeline_texts;
use super::products::products_texts;
use super::quotes::quotes_texts;
use super::satisfaction::satisfaction_texts;
use super::settings::settings_texts;
use super::sync::sync_texts;
use super::today::today_texts;
use super::validation::validation_texts;
// Used by the messages with values, which are expanded here.
use crate::domain::money::format_count;

common_texts! {
    customers_texts, insights_texts, complaints_texts, churn_texts, satisfaction_texts,
    import_texts, settings_texts, validation_texts, conflict_texts,
    today_texts, leads_texts, pipeline_texts, forecast_texts, products_texts, quotes_texts, sync_texts, define_texts;
}
