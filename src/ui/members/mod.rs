//! A team member's page: who they are, what they hold, their open deals and their best
//! customers, and the handover of it all.

pub mod page;
