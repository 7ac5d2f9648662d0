//! The app's pages, in five groups whose code a release build downloads on first use.
//!
//! A release build splits the wasm at every `#[wasm_split]` function below
//! (`scripts/split-wasm.mjs`): the first download holds the shell, the store, the domain and the
//! analysis, and each group of pages arrives the first time one of its pages opens. Every
//! function used by more than one group goes into a shared piece, one per combination of groups,
//! so the groups are few and large (five groups, at most 2⁵ − 1 shared pieces): a page loads a
//! handful of files instead of a hundred.

use crate::ui::churn::page::RetentionPage;
use crate::ui::commitments::page::CommitmentsPage;
use crate::ui::complaints::page::ComplaintsPage;
use crate::ui::customers::detail::CustomerPage;
use crate::ui::customers::edit::EditCustomerPage;
use crate::ui::customers::list::CustomerList;
use crate::ui::customers::new::NewCustomerPage;
use crate::ui::import::page::ImportPage;
use crate::ui::insights::dashboard::Dashboard;
use crate::ui::insights::segments::SegmentsPage;
use crate::ui::routes::base_path;
use crate::ui::satisfaction::page::SatisfactionPage;
use crate::ui::settings::page::SettingsPage;
use crate::ui::state::use_texts;
use crate::ui::trash::page::TrashPage;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use leptos_router::LazyRoute;

/// Pages of the customer group, other than the list.
#[derive(Clone, Copy)]
#[repr(u8)]
enum CustomerView {
    New,
    Detail,
    Edit,
}

/// Pages of the analysis group, other than the overview.
#[derive(Clone, Copy)]
#[repr(u8)]
enum InsightView {
    Segments,
    Commitments,
    Complaints,
    Retention,
}

/// Pages of the administration group.
#[derive(Clone, Copy)]
#[repr(u8)]
enum AdminView {
    Satisfaction,
    Import,
    Trash,
    Settings,
}

/// The overview, the home page: many visits start on it, so it travels alone.
#[wasm_split(overview_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_overview_page))]
fn overview_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Dashboard /> }.into_any())
}

/// The customer list: the other page most visits start on, so it travels alone too.
#[wasm_split(list_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_list_page))]
fn list_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CustomerList /> }.into_any())
}

#[wasm_split(customer_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_customer_pages))]
fn customer_pages(page: CustomerView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        CustomerView::New => view! { <NewCustomerPage /> }.into_any(),
        CustomerView::Detail => view! { <CustomerPage /> }.into_any(),
        CustomerView::Edit => view! { <EditCustomerPage /> }.into_any(),
    })
}

#[wasm_split(insight_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_insight_pages))]
fn insight_pages(page: InsightView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        InsightView::Segments => view! { <SegmentsPage /> }.into_any(),
        InsightView::Commitments => view! { <CommitmentsPage /> }.into_any(),
        InsightView::Complaints => view! { <ComplaintsPage /> }.into_any(),
        InsightView::Retention => view! { <RetentionPage /> }.into_any(),
    })
}

#[wasm_split(admin_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_admin_pages))]
fn admin_pages(page: AdminView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        AdminView::Satisfaction => view! { <SatisfactionPage /> }.into_any(),
        AdminView::Import => view! { <ImportPage /> }.into_any(),
        AdminView::Trash => view! { <TrashPage /> }.into_any(),
        AdminView::Settings => view! { <SettingsPage /> }.into_any(),
    })
}

/// A route whose view comes from a group's lazily loaded code.
macro_rules! lazy_routes {
    ($($route:ident => $load:expr),* $(,)?) => {$(
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $load.await.unwrap_or_else(|_| view! { <PageCodeMissing /> }.into_any())
            }
        }
    )*};
}

lazy_routes! {
    CustomersRoute => list_page(),
    NewCustomerRoute => customer_pages(CustomerView::New),
    CustomerRoute => customer_pages(CustomerView::Detail),
    EditCustomerRoute => customer_pages(CustomerView::Edit),
    OverviewRoute => overview_page(),
    SegmentsRoute => insight_pages(InsightView::Segments),
    CommitmentsRoute => insight_pages(InsightView::Commitments),
    ComplaintsRoute => insight_pages(InsightView::Complaints),
    RetentionRoute => insight_pages(InsightView::Retention),
    SatisfactionRoute => admin_pages(AdminView::Satisfaction),
    ImportRoute => admin_pages(AdminView::Import),
    TrashRoute => admin_pages(AdminView::Trash),
    SettingsRoute => admin_pages(AdminView::Settings),
}

/// Downloads the code of the page the address points at. The router asks for it only once the
/// workspace is open; the app hands this to the workspace's first load, which runs it while it
/// waits for the summaries to come off the disk, so the download and compilation happen in that
/// wait. (Started before the database
/// opens instead, the pieces' compilation competed with the start-up and delayed the list by
/// about 50 ms at 100,000 customers.)
pub async fn preload_landing_page() {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let base = base_path();
    let route = path.strip_prefix(base.as_str()).unwrap_or(&path);
    let segments: Vec<&str> = route.split('/').filter(|s| !s.is_empty()).collect();
    // A failure shows when the router asks for the code again (a failed download is retried).
    let _ = match segments.as_slice() {
        [] | ["index.html"] => preload_overview_page().await,
        ["customers"] => preload_list_page().await,
        ["customers", ..] => preload_customer_pages().await,
        ["segments" | "commitments" | "complaints" | "retention"] => preload_insight_pages().await,
        ["satisfaction" | "import" | "trash" | "settings"] => preload_admin_pages().await,
        _ => Ok(()),
    };
}

/// A page whose code could not be downloaded (offline, or the host now serves a newer release
/// whose files have other names): say so and offer a reload, instead of a broken page.
#[component]
fn PageCodeMissing() -> impl IntoView {
    let t = use_texts();
    view! {
        <EmptyState
            icon=lu::LuCloudOff
            title=Signal::derive(move || t.get().err_title.to_string())
            body=Signal::derive(move || t.get().err_page_code.to_string())
        >
            <button
                type="button"
                class="btn btn-primary"
                data-testid="reload-page-code"
                on:click=|_| {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
            >
                {move || t.get().reload}
            </button>
        </EmptyState>
    }
}
