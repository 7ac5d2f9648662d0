//! The app's pages, declared once in the table below (path, lazily loaded group, navigation
//! entry, palette command), and their paths. Every link and navigation goes through
//! [`Page::path`], so paths live in one place. Paths include the deployment's base (`/crm/...` when the site is
//! served under a sub-path): `<A>` leaves absolute hrefs alone, so the base must be in them, and
//! navigation uses [`nav`] options that do not add it a second time.

use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::kinds::RecordKind;
use crate::ui::pages::{
    AdminView, CustomerView, InsightView, PageCodeMissing, SalesView, admin_pages, customer_pages,
    insight_pages, list_page, overview_page, preload_admin_pages, preload_customer_pages,
    preload_insight_pages, preload_list_page, preload_overview_page, preload_sales_pages,
    sales_pages,
};
use crate::ui::widgets::icon::{IconData, lu};
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use leptos_router::components::{Redirect, Route, Routes};
use leptos_router::{Lazy, LazyRoute, NavigateOptions, path};

thread_local! {
    static BASE: String = base_path();
}

/// What a page's navigation entry shows next to its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Badge {
    /// Nothing.
    None,
    /// Customers with an overdue commitment.
    OverdueCommitments,
    /// Customers with an overdue complaint.
    OverdueComplaints,
    /// Customers in the trash.
    Trash,
}

/// A page's entry in the main navigation.
#[derive(Clone, Copy)]
pub struct NavEntry {
    pub icon: IconData,
    pub label: fn(&Texts) -> &'static str,
    pub badge: Badge,
    /// Kept on a phone's bottom bar (the daily pages); the others are behind "More".
    pub on_phone_bar: bool,
}

/// Declares the pages, each once: its variant (with the parameter its path carries), its
/// path, the lazily loaded group its code comes in (the loader and its preload), its
/// navigation entry and its "go to" command in the palette. Makes [`Page`], [`PageKind`],
/// their paths, navigation entries and palette commands, the router's routes ([`page_routes`])
/// and the preload of the landing page's group ([`preload_landing_page`]).
///
/// Order matters where paths overlap: a fixed path before a parameter (`/customers/new`
/// before `/customers/:id`). The navigation lists the pages with an entry in this order.
macro_rules! pages {
    ($(
        $(#[$doc:meta])*
        $variant:ident $(($param:ident))? => $path:tt,
            load: $load:expr, preload: $preload:path,
            nav: $nav:expr, palette: $palette:expr;
    )*) => {
        /// A page of the app.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Page { $( $(#[$doc])* $variant $((pages!(@param $param)))?, )* }

        /// A page without its parameter (the router's view of it).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum PageKind { $( $variant, )* }

        impl PageKind {
            /// Every page, in declaration order.
            pub const ALL: &'static [PageKind] = &[$(PageKind::$variant),*];

            /// The page itself, when its path has no parameter.
            pub fn page(self) -> Option<Page> {
                match self { $( PageKind::$variant => pages!(@page $variant $($param)?), )* }
            }

            /// Its path pattern (`:id` for the parameter).
            pub fn pattern(self) -> &'static str {
                match self { $( PageKind::$variant => $path, )* }
            }

            /// Its navigation entry, if it has one.
            pub fn nav(self) -> Option<NavEntry> {
                match self { $( PageKind::$variant => $nav, )* }
            }

            /// Its "go to" command's label in the palette, if it has one.
            pub fn palette(self) -> Option<fn(&Texts) -> &'static str> {
                match self { $( PageKind::$variant => $palette, )* }
            }

            /// Downloads its group's code.
            async fn preload(self) -> Result<(), SplitLoaderError> {
                match self { $( PageKind::$variant => $preload().await, )* }
            }

            /// Its view, from its group's code.
            async fn view(self) -> Result<AnyView, SplitLoaderError> {
                match self { $( PageKind::$variant => $load.await, )* }
            }
        }

        impl Page {
            /// The page without its parameter.
            pub fn kind(self) -> PageKind {
                match self { $( Page::$variant $(($param))? => { $(let _ = $param;)? PageKind::$variant } )* }
            }

            /// The path within the app, without the base.
            fn route(self) -> String {
                match self {
                    $( Page::$variant $(($param))? => {
                        let route = String::from($path);
                        $( let route = route.replace(concat!(":", stringify!($param)), &$param.to_string()); )?
                        route
                    } )*
                }
            }
        }

        /// The router's routes, one per page, with `fallback` for a path that matches none.
        pub fn page_routes<F, V>(fallback: F) -> impl IntoView
        where
            F: Fn() -> V + Clone + Send + Sync + 'static,
            V: IntoView + 'static,
        {
            view! {
                <Routes fallback=fallback>
                    <Route path=path!("/index.html") view=|| view! { <Redirect path=Page::Overview.path() options=nav() /> } />
                    $( <Route path=path!($path) view={Lazy::<PageRoute<{ PageKind::$variant as u8 }>>::new()} /> )*
                </Routes>
            }
        }
    };
    (@param id) => { Id };
    (@page $variant:ident) => { Some(Page::$variant) };
    (@page $variant:ident $param:ident) => { None };
}

pages! {
    /// The overview dashboard (home).
    Overview => "/",
        load: overview_page(), preload: preload_overview_page,
        nav: entry(lu::LuLayoutDashboard, |t| t.nav_overview, Badge::None),
        palette: Some(|t| t.cmd_go_overview);
    /// What the member who is "me" (or the team) has to do today.
    Today => "/today",
        load: insight_pages(InsightView::Today), preload: preload_insight_pages,
        nav: bar_entry(lu::LuSun, |t| t.nav_today, Badge::None),
        palette: Some(|t| t.cmd_go_today);
    /// The customer list.
    Customers => "/customers",
        load: list_page(), preload: preload_list_page,
        nav: bar_entry(lu::LuUsers, |t| t.nav_customers, Badge::None),
        palette: Some(|t| t.cmd_go_customers);
    /// The form for a new customer.
    NewCustomer => "/customers/new",
        load: customer_pages(CustomerView::New), preload: preload_customer_pages,
        nav: None, palette: None;
    /// A customer's 360 view.
    Customer(id) => "/customers/:id",
        load: customer_pages(CustomerView::Detail), preload: preload_customer_pages,
        nav: None, palette: None;
    /// Editing a customer's file.
    EditCustomer(id) => "/customers/:id/edit",
        load: customer_pages(CustomerView::Edit), preload: preload_customer_pages,
        nav: None, palette: None;
    /// Leads not yet customers.
    Leads => "/leads",
        load: sales_pages(SalesView::Leads), preload: preload_sales_pages,
        nav: entry(lu::LuContact, |t| t.nav_leads, Badge::None),
        palette: Some(|t| t.cmd_go_leads);
    /// The form for a new lead.
    NewLead => "/leads/new",
        load: sales_pages(SalesView::NewLead), preload: preload_sales_pages,
        nav: None, palette: None;
    /// The lead funnel report.
    Funnel => "/leads/funnel",
        load: sales_pages(SalesView::Funnel), preload: preload_sales_pages,
        nav: None, palette: Some(|t| t.cmd_go_funnel);
    /// A lead's page.
    Lead(id) => "/leads/:id",
        load: sales_pages(SalesView::Lead), preload: preload_sales_pages,
        nav: None, palette: None;
    /// The pipeline of opportunities: board and table.
    Pipeline => "/pipeline",
        load: sales_pages(SalesView::Pipeline), preload: preload_sales_pages,
        nav: entry(lu::LuKanban, |t| t.nav_pipeline, Badge::None),
        palette: Some(|t| t.cmd_go_pipeline);
    /// The form for a new opportunity.
    NewOpportunity => "/pipeline/new",
        load: sales_pages(SalesView::NewOpportunity), preload: preload_sales_pages,
        nav: None, palette: None;
    /// The forecast and the rep figures.
    Forecast => "/pipeline/forecast",
        load: sales_pages(SalesView::Forecast), preload: preload_sales_pages,
        nav: None, palette: Some(|t| t.cmd_go_forecast);
    /// An opportunity's page.
    Opportunity(id) => "/pipeline/:id",
        load: sales_pages(SalesView::Opportunity), preload: preload_sales_pages,
        nav: None, palette: None;
    /// Quotes.
    Quotes => "/quotes",
        load: sales_pages(SalesView::Quotes), preload: preload_sales_pages,
        nav: entry(lu::LuFileText, |t| t.nav_quotes, Badge::None),
        palette: Some(|t| t.cmd_go_quotes);
    /// A new quote.
    NewQuote => "/quotes/new",
        load: sales_pages(SalesView::NewQuote), preload: preload_sales_pages,
        nav: None, palette: None;
    /// A quote's page.
    Quote(id) => "/quotes/:id",
        load: sales_pages(SalesView::Quote), preload: preload_sales_pages,
        nav: None, palette: None;
    /// The price list and the price agreements.
    Products => "/products",
        load: admin_pages(AdminView::Products), preload: preload_admin_pages,
        nav: entry(lu::LuPackage, |t| t.nav_products, Badge::None),
        palette: Some(|t| t.cmd_go_products);
    /// A new product.
    NewProduct => "/products/new",
        load: admin_pages(AdminView::NewProduct), preload: preload_admin_pages,
        nav: None, palette: None;
    /// The price analysis: realised prices, discounts and the what-if.
    PriceAnalysis => "/products/analysis",
        load: insight_pages(InsightView::Prices), preload: preload_insight_pages,
        nav: None, palette: Some(|t| t.cmd_go_prices);
    /// A product's page.
    Product(id) => "/products/:id",
        load: admin_pages(AdminView::Product), preload: preload_admin_pages,
        nav: None, palette: None;
    /// The segment explorer.
    Segments => "/segments",
        load: insight_pages(InsightView::Segments), preload: preload_insight_pages,
        nav: entry(lu::LuChartPie, |t| t.nav_segments, Badge::None),
        palette: Some(|t| t.cmd_go_segments);
    /// The prediction models checked on a calibration period and its holdout.
    Validation => "/validation",
        load: insight_pages(InsightView::Validation), preload: preload_insight_pages,
        nav: entry(lu::LuChartLine, |t| t.nav_validation, Badge::None),
        palette: Some(|t| t.cmd_go_validation);
    /// Open commitments across all customers.
    Commitments => "/commitments",
        load: insight_pages(InsightView::Commitments), preload: preload_insight_pages,
        nav: bar_entry(lu::LuListChecks, |t| t.nav_commitments, Badge::OverdueCommitments),
        palette: Some(|t| t.cmd_go_commitments);
    /// Complaints across all customers.
    Complaints => "/complaints",
        load: insight_pages(InsightView::Complaints), preload: preload_insight_pages,
        nav: bar_entry(lu::LuMessageSquareWarning, |t| t.nav_complaints, Badge::OverdueComplaints),
        palette: Some(|t| t.cmd_go_complaints);
    /// Surveys and the satisfaction dashboard.
    Satisfaction => "/satisfaction",
        load: admin_pages(AdminView::Satisfaction), preload: preload_admin_pages,
        nav: entry(lu::LuSmile, |t| t.nav_satisfaction, Badge::None),
        palette: Some(|t| t.cmd_go_satisfaction);
    /// Retention rates, churn causes and the win-back list.
    Retention => "/retention",
        load: insight_pages(InsightView::Retention), preload: preload_insight_pages,
        nav: entry(lu::LuHeartHandshake, |t| t.nav_retention, Badge::None),
        palette: Some(|t| t.cmd_go_retention);
    /// The CSV import wizard and the journal of imports.
    Import => "/import",
        load: admin_pages(AdminView::Import), preload: preload_admin_pages,
        nav: None, palette: Some(|t| t.cmd_go_import);
    /// Customers in the trash.
    Trash => "/trash",
        load: admin_pages(AdminView::Trash), preload: preload_admin_pages,
        nav: entry(lu::LuTrash2, |t| t.nav_trash, Badge::Trash),
        palette: Some(|t| t.cmd_go_trash);
    /// A team member: what they hold, their open deals and customers, their handover.
    Member(id) => "/team/:id",
        load: admin_pages(AdminView::Member), preload: preload_admin_pages,
        nav: None, palette: None;
    /// Preferences, team, storage, sample data.
    Settings => "/settings",
        load: admin_pages(AdminView::Settings), preload: preload_admin_pages,
        nav: entry(lu::LuSettings, |t| t.nav_settings, Badge::None),
        palette: Some(|t| t.cmd_go_settings);
}

/// A navigation entry (for the table above), behind "More" on a phone.
fn entry(icon: IconData, label: fn(&Texts) -> &'static str, badge: Badge) -> Option<NavEntry> {
    Some(NavEntry {
        icon,
        label,
        badge,
        on_phone_bar: false,
    })
}

/// A navigation entry that stays on a phone's bottom bar.
fn bar_entry(icon: IconData, label: fn(&Texts) -> &'static str, badge: Badge) -> Option<NavEntry> {
    Some(NavEntry {
        on_phone_bar: true,
        ..entry(icon, label, badge)?
    })
}

impl Page {
    /// The full path, base included.
    pub fn path(self) -> String {
        BASE.with(|base| format!("{base}{}", self.route()))
    }
}

/// The route of one kind of page: its view comes from its group's lazily loaded code.
pub struct PageRoute<const KIND: u8>;

impl<const KIND: u8> LazyRoute for PageRoute<KIND> {
    fn data() -> Self {
        PageRoute
    }

    async fn view(_this: Self) -> AnyView {
        let kind = PageKind::ALL[usize::from(KIND)];
        kind.view()
            .await
            .unwrap_or_else(|_| view! { <PageCodeMissing /> }.into_any())
    }
}

/// The page whose pattern matches `route` (a path within the app), if any.
pub fn page_at(route: &str) -> Option<PageKind> {
    let segments: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
    let segments: &[&str] = match segments.as_slice() {
        ["index.html"] => &[],
        other => other,
    };
    PageKind::ALL.iter().copied().find(|kind| {
        let pattern: Vec<&str> = kind
            .pattern()
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        pattern.len() == segments.len()
            && pattern
                .iter()
                .zip(segments)
                .all(|(p, s)| p.starts_with(':') || p == s)
    })
}

/// Downloads the code of the page the address points at. The router asks for it only once the
/// workspace is open; the app hands this to the workspace's first load, which runs it while it
/// waits for the summaries to come off the disk, so the download and compilation happen in that
/// wait. (Started before the database opens instead, the pieces' compilation competed with the
/// start-up and delayed the list by about 50 ms at 100,000 customers.)
pub async fn preload_landing_page() {
    // A failure shows when the router asks for the code again (a failed download is retried).
    if let Some(kind) = landing_page() {
        let _ = kind.preload().await;
    }
}

/// Downloads and compiles the code of the customer pages once the page is idle after the
/// first load: nearly every page links to a customer, and a customer's page opened before its
/// code is here waits for the download and compilation (at 100,000 customers, from the quotes
/// list, about 100 ms of the 360 view's first opening).
pub async fn preload_customer_pages_when_idle() {
    crate::ui::clock::sleep(std::time::Duration::from_secs(1)).await;
    crate::ui::clock::idle(std::time::Duration::from_secs(10)).await;
    let _ = PageKind::Customer.preload().await;
}

/// The page the app was opened on.
fn landing_page() -> Option<PageKind> {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let base = base_path();
    page_at(path.strip_prefix(base.as_str()).unwrap_or(&path))
}

/// The records the landing page reads whole before it can show anything, which the first
/// load reads beside the summaries (`ui::state::read_early`).
pub fn landing_reads() -> &'static [RecordKind] {
    match landing_page() {
        Some(PageKind::Leads) => &[RecordKind::Lead],
        Some(PageKind::Pipeline | PageKind::Forecast) => &[RecordKind::Opportunity],
        Some(PageKind::Quotes) => &[RecordKind::Quote],
        _ => &[],
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
/// The address's query as owned pairs, for a view's `from_params`.
pub fn query_pairs(map: &leptos_router::params::ParamsMap) -> Vec<(String, String)> {
    map.clone()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// `path` with `params` as its query string (each value encoded), or alone without any.
pub fn with_query(path: String, params: &[(&str, String)]) -> String {
    if params.is_empty() {
        return path;
    }
    let qs: Vec<String> = params
        .iter()
        .map(|(k, v)| format!("{k}={}", js_sys::encode_uri_component(v)))
        .collect();
    format!("{path}?{}", qs.join("&"))
}

pub fn nav() -> NavigateOptions {
    NavigateOptions {
        resolve: false,
        ..NavigateOptions::default()
    }
}

/// [`nav`] that replaces the current entry and keeps the scroll: a page writing its own
/// query (filters, search, view) into the address.
pub fn in_place() -> NavigateOptions {
    NavigateOptions {
        replace: true,
        scroll: false,
        ..nav()
    }
}
