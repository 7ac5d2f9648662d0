//! The only code that touches IndexedDB and localStorage.
//!
//! Plain async functions that take a [`Db`] and domain types and return domain types or an
//! [`AppError`]. Each function is one transaction: inside it only IndexedDB requests are
//! awaited (anything else lets the browser auto-commit), writes are committed explicitly, and
//! a failure anywhere rolls the whole operation back. Per-customer summaries live in binary
//! chunks next to the records and are rewritten in the same transaction as the records they
//! summarise (see `domain::summary`).

mod backup;
mod broadcast;
mod churn;
mod customers;
mod device;
mod idb;
mod import;
mod members;
mod purchases;
mod records;
mod sample;
mod satisfaction;
mod schema;
mod segments;
mod settings;
mod summaries;

pub use backup::{export_all, restore_merge, restore_replace};
pub use broadcast::{ChangeFeed, notify_changed};
pub use churn::{
    all_churn_events, all_winbacks, delete_churn_event, delete_winback, save_churn_event,
    save_ratings, save_winback, set_rating,
};
pub use customers::{
    CustomerDetail, add_tag, assign_owner, create_customer, delete_all, load_detail, purge,
    restore, trash, update_customer,
};
pub use device::{StorageStatus, request_persistence, storage_status};
pub use idb::{Db, delete_database, open, open_at};
pub use import::{ImportEnd, Undone, import_context, list_imports, undo_import, write_import};
pub use members::{delete_member, list_members, save_member};
pub use records::{
    all_complaints, all_people, delete_complaint, delete_contact, delete_interaction,
    delete_purchase, import_people, insert_batch, open_commitments, save_complaint, save_contact,
    save_interaction, save_purchase, set_commitment_done,
};
pub use sample::{SampleProgress, load_sample};
pub use satisfaction::{
    all_responses, all_surveys, delete_response, delete_survey, save_response, save_responses,
    save_survey,
};
pub use schema::{DB_NAME, DB_VERSION};
pub use segments::{delete_segment, list_segments, save_segment};
pub use settings::{
    backup_reminder_days, export_columns, last_backup, last_models, load_analysis_config,
    load_settings, save_analysis_config, save_last_models, save_settings, set_backup_reminder_days,
    set_export_columns, set_last_backup,
};
pub use summaries::{load_summaries, rebuild_summaries, upgrade_outdated_chunks};

pub use crate::domain::error::AppError;

/// What every store function returns.
pub type Result<T> = std::result::Result<T, AppError>;
