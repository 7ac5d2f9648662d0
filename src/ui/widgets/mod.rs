//! Shared building blocks.
pub mod choice;
pub mod columns;
pub mod confirm;
pub mod conflict;
pub mod dirty;
pub mod empty;
pub mod field;
pub mod flags;
pub mod icon;
pub mod keys;
pub mod list_input;
pub mod modal;
pub mod palette;
pub mod phones_emails;
pub mod scroll_window;
pub mod table_export;
pub mod toast;
