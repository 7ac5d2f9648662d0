//! The app's pages, in five groups whose code a release build downloads on first use.
//!
//! A release build splits the wasm at every `#[wasm_split]` function below
//! (`scripts/split-wasm.mjs`): the first download holds the shell, the store, the domain and the
//! analysis, and each group of pages arrives the first time one of its pages opens. Every
//! function used by more than one group goes into a shared piece, one per combination of groups,
//! so the groups are few and large (six groups, at most 2⁶ − 1 shared pieces): a page loads a
//! handful of files instead of a hundred. Which page comes from which group is declared in the
//! page table (`ui::routes`).

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
use crate::ui::leads::detail::LeadPage;
use crate::ui::leads::list::LeadsPage;
use crate::ui::leads::new::NewLeadPage;
use crate::ui::products::analysis::PriceAnalysisPage;
use crate::ui::satisfaction::page::SatisfactionPage;
use crate::ui::settings::page::SettingsPage;
use crate::ui::state::use_texts;
use crate::ui::today::page::TodayPage;
use crate::ui::trash::page::TrashPage;
use crate::ui::validation::ValidationPage;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::icon::lu;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};

/// Pages of the customer group, other than the list.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum CustomerView {
    New,
    Detail,
    Edit,
}

/// Pages of the analysis group, other than the overview.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum InsightView {
    Segments,
    Commitments,
    Complaints,
    Retention,
    Validation,
    Today,
    Prices,
}

/// Pages of the sales group: leads and the pipeline.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum SalesView {
    Quotes,
    NewQuote,
    Quote,
    Leads,
    NewLead,
    Lead,
    Funnel,
    Pipeline,
    NewOpportunity,
    Forecast,
    Opportunity,
}

/// Pages of the administration group.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum AdminView {
    Satisfaction,
    Import,
    Trash,
    Settings,
    Member,
    Products,
    NewProduct,
    Product,
}

/// The overview, the home page: many visits start on it, so it travels alone.
#[wasm_split(overview_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_overview_page))]
pub fn overview_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <Dashboard /> }.into_any())
}

/// The customer list: the other page most visits start on, so it travels alone too.
#[wasm_split(list_page, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_list_page))]
pub fn list_page() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <CustomerList /> }.into_any())
}

#[wasm_split(customer_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_customer_pages))]
pub fn customer_pages(page: CustomerView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        CustomerView::New => view! { <NewCustomerPage /> }.into_any(),
        CustomerView::Detail => view! { <CustomerPage /> }.into_any(),
        CustomerView::Edit => view! { <EditCustomerPage /> }.into_any(),
    })
}

#[wasm_split(insight_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_insight_pages))]
pub fn insight_pages(page: InsightView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        InsightView::Segments => view! { <SegmentsPage /> }.into_any(),
        InsightView::Commitments => view! { <CommitmentsPage /> }.into_any(),
        InsightView::Complaints => view! { <ComplaintsPage /> }.into_any(),
        InsightView::Retention => view! { <RetentionPage /> }.into_any(),
        InsightView::Validation => view! { <ValidationPage /> }.into_any(),
        InsightView::Today => view! { <TodayPage /> }.into_any(),
        InsightView::Prices => view! { <PriceAnalysisPage /> }.into_any(),
    })
}

#[wasm_split(sales_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_sales_pages))]
pub fn sales_pages(page: SalesView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        SalesView::Quotes => view! { <crate::ui::quotes::list::QuotesPage /> }.into_any(),
        SalesView::NewQuote => view! { <crate::ui::quotes::new::NewQuotePage /> }.into_any(),
        SalesView::Quote => view! { <crate::ui::quotes::detail::QuotePage /> }.into_any(),
        SalesView::Leads => view! { <LeadsPage /> }.into_any(),
        SalesView::NewLead => view! { <NewLeadPage /> }.into_any(),
        SalesView::Lead => view! { <LeadPage /> }.into_any(),
        SalesView::Funnel => view! { <crate::ui::leads::funnel::FunnelPage /> }.into_any(),
        SalesView::Pipeline => view! { <crate::ui::pipeline::page::PipelinePage /> }.into_any(),
        SalesView::NewOpportunity => {
            view! { <crate::ui::pipeline::new::NewOpportunityPage /> }.into_any()
        }
        SalesView::Forecast => view! { <crate::ui::pipeline::forecast::ForecastPage /> }.into_any(),
        SalesView::Opportunity => {
            view! { <crate::ui::pipeline::detail::OpportunityPage /> }.into_any()
        }
    })
}

#[wasm_split(admin_pages, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_admin_pages))]
pub fn admin_pages(page: AdminView) -> Result<AnyView, SplitLoaderError> {
    Ok(match page {
        AdminView::Satisfaction => view! { <SatisfactionPage /> }.into_any(),
        AdminView::Import => view! { <ImportPage /> }.into_any(),
        AdminView::Trash => view! { <TrashPage /> }.into_any(),
        AdminView::Settings => view! { <SettingsPage /> }.into_any(),
        AdminView::Member => view! { <crate::ui::members::page::MemberPage /> }.into_any(),
        AdminView::Products => view! { <crate::ui::products::page::ProductsPage /> }.into_any(),
        AdminView::NewProduct => view! { <crate::ui::products::new::NewProductPage /> }.into_any(),
        AdminView::Product => view! { <crate::ui::products::detail::ProductPage /> }.into_any(),
    })
}

/// A page whose code could not be downloaded (offline, or the host now serves a newer release
/// whose files have other names): say so and offer a reload, instead of a broken page.
#[component]
pub fn PageCodeMissing() -> impl IntoView {
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
