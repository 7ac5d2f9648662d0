//! Team sync with a CouchDB-protocol server, the pure half: revisions and the winner rule
//! ([`rev`]), records as documents ([`doc`]), a customer's purchases as one ([`book`]), the
//! protocol's messages ([`protocol`]). The requests and the local bookkeeping belong to the
//! store.

pub mod book;
pub mod doc;
pub mod protocol;
pub mod rev;
pub mod state;

#[cfg(test)]
mod tests;
