//! The CSV import wizard: pick or drop a file, say what it holds, adjust the column mapping,
//! see the checked plan (preview, duplicates, errors), import with progress and Cancel, and
//! undo any earlier import from the journal.

mod drop_zone;
mod history;
mod mapping;
pub mod page;
mod preview;
mod wizard;
