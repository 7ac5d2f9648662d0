//! "My day" (今日工作): the member's agenda for today.
pub mod notifier;
pub mod page;
