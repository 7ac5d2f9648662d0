//! Pure domain code: no browser, no IndexedDB, no Leptos. Records and their validation,
//! summaries and the customer index, search, translations, and the sample-data generator.

pub mod analysis;
pub mod backup;
mod blob;
pub mod churn;
pub mod complaint;
pub mod conflict;
pub mod contact;
pub mod customer;
pub mod error;
pub mod export;
pub mod glance;
pub mod i18n;
pub mod id;
pub mod import;
pub mod interaction;
pub mod kinds;
pub mod lang;
pub mod lead;
pub mod list;
pub mod loyalty;
pub mod member;
pub mod money;
pub mod opportunity;
pub mod purchase;
pub mod purchase_page;
pub mod record;
pub mod sample;
pub mod satisfaction;
pub mod search;
pub mod settings;
pub mod summary;
pub mod time;
pub mod today;
pub mod validate;
pub mod vcard;
mod wire;
