//! Team sync on screen: the service that keeps this browser and the team's database in step
//! while the app is open ([`service`]), its section in Settings ([`section`]) and the
//! resolution of records two people changed at once ([`conflicts`]).

pub mod conflicts;
pub mod engine;
pub mod section;
pub mod service;
