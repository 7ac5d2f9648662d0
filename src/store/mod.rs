//! The only code that touches IndexedDB and localStorage.
//!
//! Plain async functions that take a [`Db`] and domain types and return domain types or an
//! [`AppError`]. Each function is one transaction: inside it only IndexedDB requests are
//! awaited (anything else lets the browser auto-commit), writes are committed explicitly, and
//! a failure anywhere rolls the whole operation back. Per-customer summaries live in binary
//! chunks next to the records and are rewritten in the same transaction as the records they
//! summarise (see `domain::summary`).

mod analyses;
mod backup;
mod broadcast;
mod churn;
mod complaints;
mod contacts;
mod customers;
mod device;
mod error;
mod handover;
mod idb;
mod import;
mod interactions;
mod kinds;
mod lead_activity;
mod leads;
mod members;
mod opportunities;
mod owned;
mod packed;
mod products;
mod purchases;
mod quotes;
mod sample;
mod satisfaction;
mod schema;
mod segments;
mod settings;
mod summaries;
pub mod sync;
mod upgrade;

pub use analyses::{KeptRead, keep_analysis, kept_analysis, kept_describes};
pub use backup::{export_all, restore_merge, restore_replace};
pub use broadcast::{ChangeFeed, notify_changed};
pub use churn::{
    all_churn_events, all_winbacks, delete_churn_event, delete_winback, save_churn_event,
    save_ratings, save_winback, set_rating,
};
pub use complaints::{all_complaints, delete_complaint, save_complaint, save_complaint_step};
pub use contacts::{all_people, delete_contact, save_contact};
pub use customers::{
    CustomerDetail, add_tag, assign_owner, create_customer, delete_all, load_detail, purge,
    restore, trash, update_customer,
};
pub use device::{StorageStatus, request_persistence, storage_status};
pub use handover::{HandedOver, hand_over, holdings};
pub use idb::{Db, delete_database};
pub use import::{
    ImportEnd, Undone, import_context, import_people, list_imports, undo_import, write_import,
};
pub use interactions::{
    delete_interaction, open_commitments, save_interaction, set_commitment_done,
};
pub use kinds::stored_rev;
pub use lead_activity::{
    all_lead_interactions, delete_lead_interaction, lead_interactions, open_lead_commitments,
    save_lead_interaction, set_lead_commitment_done,
};
pub use leads::{
    MATCH_STEP, all_leads, all_leads_early, assign_leads, contacts_for_matching, convert_lead,
    lead_match_counts, purge_leads, region_rules, save_lead, set_leads_trashed, set_region_rules,
};
pub use members::{delete_member, list_members, save_member};
pub use opportunities::{
    all_opportunities, all_opportunities_early, open_deal_steps, opportunities_of, opportunity,
    pipeline, purge_opportunities, save_opportunity, save_pipeline, set_deal_step_done,
    set_opportunities_trashed, win_opportunity,
};
pub use packed::EarlyRead;
pub use products::{
    all_agreements, all_products, purchase_mix, purge_agreements, purge_products, save_agreement,
    save_product, set_agreements_trashed, set_products_trashed,
};
pub use purchases::{delete_purchase, save_purchase};
pub use quotes::{
    accept_quote, all_quotes, all_quotes_early, purge_quotes, quote, quote_context, quote_policy,
    quotes_of, quotes_since, save_new_quote, save_quote, save_quote_policy, save_revision,
    set_quotes_trashed,
};
pub use sample::{SampleProgress, insert_batch, load_sample};
pub use satisfaction::{
    all_responses, all_surveys, delete_response, delete_survey, save_response, save_responses,
    save_survey,
};
pub use schema::{DB_NAME, DB_VERSION};
pub use segments::{delete_segment, list_segments, save_segment};
pub use settings::{
    announced, backup_reminder_days, detail_section, export_columns, last_backup, last_models,
    load_analysis_config, load_settings, notify_due, reminder_snoozed_at, save_analysis_config,
    save_last_models, save_settings, set_announced, set_backup_reminder_days, set_detail_section,
    set_export_columns, set_last_backup, set_notify_due, snooze_reminder,
};
pub use summaries::{
    Chunks, SLICE_MS, decode_chunks, load_histories, load_summaries, load_summaries_yielding,
    read_chunks, rebuild_summaries, upgrade_outdated_chunks,
};
pub use upgrade::{open, open_at, open_to_read};

pub use error::{AppError, Result};
