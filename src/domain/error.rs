//! The one error type the store returns and the UI shows.
//!
//! It holds only strings and plain values (IndexedDB errors carry JavaScript values that cannot
//! cross threads or outlive the call), so it is `Clone` and can sit in signals. Every variant
//! has a message in both languages, saying what happened and what to do next.

use crate::domain::validate::FieldError;

/// Anything that can go wrong in the app that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppError {
    /// The browser offers no IndexedDB (disabled, private mode of some browsers, blocked by
    /// policy) or refused to open it.
    #[error("local storage is unavailable: {0}")]
    StorageUnavailable(String),
    /// An older version of the app in another tab keeps the database from being upgraded.
    #[error("the database upgrade is blocked by another tab")]
    UpgradeBlocked,
    /// Another tab upgraded or deleted the database; this tab's connection was closed.
    #[error("the database was changed by another tab")]
    ClosedByOtherTab,
    /// The browser's storage quota is used up; the write was rolled back.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// The record does not exist (any more).
    #[error("record not found")]
    NotFound,
    /// The input failed validation.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// A team member still owns customers and cannot be removed.
    #[error("member still owns {0} customers")]
    MemberInUse(usize),
    /// Stored data could not be read back.
    #[error("stored data is damaged: {0}")]
    Damaged(String),
    /// The record changed (or was deleted) since the form saving it was opened: nothing was
    /// written; the stored version is in the conflict, to compare and merge.
    #[error("the record changed since it was opened")]
    Conflict(Box<crate::domain::conflict::Conflict>),
    /// Any other storage failure, with the browser's own words.
    #[error("storage error: {0}")]
    Storage(String),
}
