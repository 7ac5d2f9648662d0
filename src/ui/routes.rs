//! The app's pages and their paths. Every link and navigation goes through [`Page::path`], so
//! paths live in one place. Paths include the deployment's base (`/crm/...` when the site is
//! served under a sub-path): `<A>` leaves absolute hrefs alone, so the base must be in them, and
//! navigation uses [`nav`] options that do not add it a second time.

use crate::domain::id::Id;
use leptos_router::NavigateOptions;

thread_local! {
    static BASE: String = base_path();
}

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// The overview dashboard (home).
    Overview,
    /// The segment explorer.
    Segments,
    /// The customer list.
    Customers,
    /// The form for a new customer.
    NewCustomer,
    /// A customer's 360 view.
    Customer(Id),
    /// Editing a customer's file.
    EditCustomer(Id),
    /// Open commitments across all customers.
    Commitments,
    /// Complaints across all customers.
    Complaints,
    /// Retention rates, churn causes and the win-back list.
    Retention,
    /// Surveys and the satisfaction dashboard.
    Satisfaction,
    /// The CSV import wizard and the journal of imports.
    Import,
    /// Customers in the trash.
    Trash,
    /// Preferences, team, storage, sample data.
    Settings,
}

impl Page {
    /// The full path, base included.
    pub fn path(self) -> String {
        BASE.with(|base| format!("{base}{}", self.route()))
    }

    /// The path within the app, without the base.
    fn route(self) -> String {
        match self {
            Page::Overview => "/".into(),
            Page::Segments => "/segments".into(),
            Page::Customers => "/customers".into(),
            Page::NewCustomer => "/customers/new".into(),
            Page::Customer(id) => format!("/customers/{id}"),
            Page::EditCustomer(id) => format!("/customers/{id}/edit"),
            Page::Commitments => "/commitments".into(),
            Page::Complaints => "/complaints".into(),
            Page::Retention => "/retention".into(),
            Page::Satisfaction => "/satisfaction".into(),
            Page::Import => "/import".into(),
            Page::Trash => "/trash".into(),
            Page::Settings => "/settings".into(),
        }
    }
}

/// The path the app is served under (`""` at a host's root, `"/crm"` under a sub-path), read
/// from `<base href>`, which the build sets from `--public-url`.
pub fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = match base.split_once("://") {
        Some((_, rest)) => rest.find('/').map(|i| &rest[i..]).unwrap_or("/"),
        None => "/",
    };
    let path = path.split(['?', '#']).next().unwrap_or("/");
    // Everything up to the last slash is the directory the app lives in.
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    dir.trim_end_matches('/').to_string()
}

/// Navigation options for full paths from [`Page::path`] (already carrying the base).
pub fn nav() -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        ..NavigateOptions::default()
    }
}
