//! The frame around every page.
pub mod boot;
pub mod nav;
pub mod shell;
