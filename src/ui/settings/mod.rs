//! Settings: preferences, team, storage, sample data, reset.
pub mod analysis;
pub mod backup;
pub mod data;
pub mod handover;
pub mod page;
pub mod reminder;
pub mod storage;
pub mod team;
