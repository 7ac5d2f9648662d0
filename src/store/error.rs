//! What every store function returns: a leaf module, so the store's files need not import
//! the store's hub for it.

pub use crate::domain::error::AppError;

/// What every store function returns.
pub type Result<T> = std::result::Result<T, AppError>;
