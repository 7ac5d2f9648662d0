//! The customer 360 view (客户360视图). First what the next call needs: who the customer is and
//! how to reach them, the classes in one line, the totals, the next step and what else is open,
//! open complaints and the last contacts. Then sections behind a sticky bar: the timeline with
//! quick logging, complaints, contact persons, the analysis, satisfaction and loyalty, and the
//! customer file.

use super::classes_line::ClassesLine;
use super::contacts::ContactsPanel;
use super::customer_file::CustomerFile;
use super::format::{converted, revenue_text};
use super::glance::GlanceCards;
use super::interaction_form::InteractionForm;
use super::loyalty::LoyaltyPanel;
use super::purchase_form::PurchaseForm;
use super::reach::Reach;
use super::sections::{OpenSection, Section, SectionBar};
use super::timeline::Timeline;
use crate::domain::customer::Party;
use crate::domain::glance::Glance;
use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::record::RecordSet;
use crate::domain::satisfaction::figures::by_customer;
use crate::domain::time::{format_date, format_datetime, format_relative_day};
use crate::store::{self, CustomerDetail};
use crate::ui::churn::panel::ChurnPanel;
use crate::ui::clock;
use crate::ui::complaints::panel::ComplaintsPanel;
use crate::ui::insights::classes_panel::ClassesPanel;
use crate::ui::routes::Page;
use crate::ui::satisfaction::panel::SatisfactionPanel;
use crate::ui::state::{edited, use_lang, use_texts, use_workspace};
use crate::ui::widgets::conflict::ConflictNames;
use crate::ui::widgets::dirty::DirtyForms;
use crate::ui::widgets::empty::EmptyState;
use crate::ui::widgets::flags::ComplaintFlag;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// The 360 view page.
#[component]
pub fn CustomerPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    // Reload whenever records change (here or in another tab), but not under a form with
    // unsaved input: then once it is saved, reset or closed.
    let reload = DirtyForms::provide().gate(ws.revision);
    let drawn_once = StoredValue::new(false);
    let detail = LocalResource::new(move || {
        let id = id.get();
        reload.track();
        async move {
            let db = ws.db()?;
            let detail = store::load_detail(&db, id?).await;
            clock::mark("crm:customer-read");
            Some(detail)
        }
    });
    view! {
        <section class="page page-detail">
            <A href=Page::Customers.path() exact=true attr:class="back-link">
                <Icon icon=lu::LuArrowLeft />
                {move || t.get().detail_back}
            </A>
            <Transition fallback=move || view! { <p class="muted">{move || t.get().loading}</p> }>
                {move || detail.get().map(|loaded| match loaded {
                    Some(Ok(Some(d))) => {
                        // Only the first drawing puts off the open section; a redraw after a
                        // change keeps it (the page's height, and the reader's place in it).
                        let first = !drawn_once.get_value();
                        drawn_once.set_value(true);
                        view! { <Detail detail=d defer_section=first /> }.into_any()
                    }
                    Some(Err(e)) => view! { <p class="form-error" role="alert">{move || e.message(t.get())}</p> }.into_any(),
                    _ => view! {
                        <EmptyState
                            icon=lu::LuUserX
                            title=Signal::derive(move || t.get().detail_not_found.to_string())
                            body=Signal::derive(String::new)
                        />
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quick {
    Interaction,
    Purchase,
}

/// One customer's page; with `defer_section`, its open section is drawn in the frame after
/// the rest.
#[component]
fn Detail(detail: CustomerDetail, defer_section: bool) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = crate::ui::insights::state::use_insights();
    let toasts = use_toasts();
    let ratings = detail.ratings().cloned();
    let CustomerDetail { customer, records } = detail;
    let RecordSet {
        contacts,
        interactions,
        purchases,
        complaints,
        churn_events,
        winbacks,
        responses,
        surveys,
        opportunities,
        quotes,
        ..
    } = records;
    let id = customer.id;
    // What a conflict on one of this page's forms may name besides the team.
    provide_context(ConflictNames(
        contacts
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .chain(surveys.iter().map(|s| (s.id.to_string(), s.name.clone())))
            .collect(),
    ));
    let today = clock::today();
    let summary = Memo::new(move |_| ws.index.with(|ix| ix.get(id).cloned()));
    let quick = RwSignal::new(Quick::Interaction);
    let default_currency = purchases
        .first()
        .map_or(Currency::Cny, |p| p.amount.currency);
    let stored = StoredValue::new(customer.clone());

    let set_owner = move |owner: Option<Id>| {
        let Some(db) = ws.db() else { return };
        let c = edited(&stored.get_value(), |c| c.owner_id = owner);
        spawn_local(async move {
            match store::update_customer(&db, &c).await {
                Ok(s) => {
                    ws.apply(vec![s]);
                    toasts.info(t.get_untracked().customer_saved);
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let to_trash = move |_| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::trash(&db, &[id], clock::now()).await {
                Ok(rows) => {
                    ws.apply(rows);
                    let undo_db = db.clone();
                    toasts.with_action(
                        (t.get_untracked().moved_to_trash)(1),
                        t.get_untracked().undo,
                        move || {
                            let db = undo_db.clone();
                            spawn_local(async move {
                                match store::restore(&db, &[id]).await {
                                    Ok(rows) => ws.apply(rows),
                                    Err(e) => toasts.error(&e),
                                }
                            });
                        },
                    );
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let restore = move |_| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::restore(&db, &[id]).await {
                Ok(rows) => {
                    ws.apply(rows);
                    toasts.info((t.get_untracked().restored)(1));
                }
                Err(e) => toasts.error(&e),
            }
        });
    };

    let glance = Glance::of(&interactions, &winbacks, &complaints, &opportunities);
    let open = OpenSection::new();
    // The open section (the timeline with its forms: most of the page's elements) is drawn
    // in the frame after the rest when the page opens, so what the next call needs shows
    // first.
    let drawn = RwSignal::new(!defer_section);
    if defer_section {
        clock::after_paint(move || {
            drawn.try_set(true);
        });
    }
    let counts = vec![
        (Section::Timeline, interactions.len() + purchases.len()),
        (Section::Complaints, complaints.len()),
        (Section::Contacts, contacts.len()),
    ];
    let in_trash = customer.is_deleted();
    let subtitle = [
        customer.company.as_str(),
        customer.region.as_str(),
        customer.industry.as_str(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let party = customer.party;
    let kind = customer.kind;
    let dnc = customer.do_not_contact.clone();
    let owner_id = customer.owner_id;
    let share_of_wallet = customer.position.share_of_wallet;
    let satisfaction = by_customer(&surveys, &responses).get(&id).copied();

    view! {
        <article class="detail" data-testid="customer-detail">
            {in_trash.then(|| view! {
                <div class="banner banner-warn" role="status">
                    <Icon icon=lu::LuTrash2 />
                    <span>{move || t.get().detail_in_trash}</span>
                    <button class="btn btn-small" on:click=restore>{move || t.get().restore}</button>
                </div>
            })}
            {move || summary.get().filter(|s| s.activity.open_complaints > 0).map(|_| view! {
                <div class="banner banner-danger" role="status" data-testid="complaint-banner">
                    <Icon icon=lu::LuMessageSquareWarning />
                    <span>{move || t.get().complaint_banner}</span>
                </div>
            })}
            <header class="detail-header">
                <div class="avatar" aria-hidden="true">
                    <Icon icon=if party == Party::Individual { lu::LuUser } else { lu::LuBuilding2 } />
                </div>
                <div class="detail-title">
                    <h1 data-testid="customer-name">{customer.name.clone()}</h1>
                    <p class="muted">{subtitle}</p>
                    <Reach phones=customer.phones.clone() emails=customer.emails.clone() wechat=customer.wechat.clone() />
                    <div class="badges">
                        <span class=format!("kind kind-{}", kind.as_str())>{move || kind.label(t.get())}</span>
                        {customer.tags.iter().map(|tag| view! { <span class="tag">{tag.clone()}</span> }).collect_view()}
                        {move || summary.get().map(|s| view! { <ComplaintFlag activity=s.activity with_icon=true /> })}
                        {dnc.map(|d| view! {
                            <span class="badge badge-warn" data-testid="dnc-badge">
                                {move || format!("{} · {}", t.get().badge_dnc, format_date(d.since, lang.get()))}
                            </span>
                        })}
                    </div>
                </div>
                <div class="detail-actions">
                    <label class="owner-picker">
                        <span class="muted">{move || t.get().owner}</span>
                        <select
                            data-testid="detail-owner"
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                set_owner(v.parse().ok());
                            }
                        >
                            <option value="" selected=owner_id.is_none()>{move || t.get().unassigned}</option>
                            {move || ws.member_choices(owner_id).into_iter().filter_map(|(id, name)| Some((id?, name))).map(|(id, name)| view! {
                                <option value=id.to_string() selected=owner_id == Some(id)>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <A href=Page::EditCustomer(id).path() attr:class="btn" attr:data-testid="edit-customer">
                        <Icon icon=lu::LuPencil />
                        {move || t.get().edit}
                    </A>
                    {(!in_trash).then(|| view! {
                        <button class="btn btn-danger-soft" data-testid="trash-customer" on:click=to_trash>
                            <Icon icon=lu::LuTrash2 />
                            <span class="btn-label">{move || t.get().move_to_trash}</span>
                        </button>
                    })}
                </div>
            </header>


            <ClassesLine id=id open=open />
            <GlanceCards glance=glance open=open />

            <section class="totals" aria-label=move || t.get().detail_totals data-testid="totals">
                {move || summary.get().map(|s| {
                    let a = s.activity;
                    let last_contact = a.last_interaction.map(clock::local);
                    let first = a.first_purchase_date();
                    let last = a.last_purchase_date();
                    let lang = lang.get();
                    let t = t.get();
                    view! {
                        <div class="stat">
                            <span class="stat-label">{t.total_revenue}</span>
                            <strong class="stat-value" data-testid="total-revenue">{revenue_text(&a.revenue, lang)}</strong>
                            {insights.config.with(|cfg| converted(&a.revenue, cfg, lang)).map(|(yuan, note)| view! {
                                <span class="stat-sub" data-testid="total-converted"><strong>{yuan}</strong>" "{note}</span>
                            })}
                        </div>
                        <div class="stat"><span class="stat-label">{t.total_purchases}</span><strong class="stat-value" data-testid="total-purchases">{a.purchase_count}</strong></div>
                        <div class="stat"><span class="stat-label">{t.first_purchase}</span><strong class="stat-value">{first.map_or_else(|| t.never.to_string(), |d| format_date(d, lang))}</strong></div>
                        <div class="stat">
                            <span class="stat-label">{t.last_purchase}</span>
                            <strong class="stat-value">{last.map_or_else(|| t.never.to_string(), |d| format_date(d, lang))}</strong>
                            <span class="stat-sub">{last.map(|d| format_relative_day(d, today, lang))}</span>
                        </div>
                        <div class="stat"><span class="stat-label">{t.last_contact}</span><strong class="stat-value">{last_contact.map_or_else(|| t.never.to_string(), |d| format_datetime(d, lang))}</strong></div>
                    }
                })}
            </section>

            <crate::ui::pipeline::customer::CustomerDeals customer=id deals=opportunities in_trash=in_trash />
            <crate::ui::quotes::customer::CustomerQuotes customer=id quotes=quotes in_trash=in_trash />

            <SectionBar open=open counts=counts />
            <div
                id="section-panel"
                class="section-panel"
                role="tabpanel"
                aria-labelledby=move || format!("section-tab-{}", open.0.get().key())
                data-testid=move || format!("section-panel-{}", open.0.get().key())
            >
                {move || drawn.get().then(|| match open.0.get() {
                    Section::Timeline => {
                        let contacts = contacts.clone();
                        view! {
                            <section class="panel" aria-label=move || t.get().quick_interaction>
                                <div class="tabs" role="tablist">
                                    <button
                                        role="tab"
                                        class="tab"
                                        id="tab-interaction"
                                        aria-selected=move || (quick.get() == Quick::Interaction).to_string()
                                        aria-controls="quick-panel"
                                        data-testid="tab-interaction"
                                        on:click=move |_| quick.set(Quick::Interaction)
                                    >
                                        <Icon icon=lu::LuMessageSquarePlus />
                                        {move || t.get().quick_interaction}
                                    </button>
                                    <button
                                        role="tab"
                                        class="tab"
                                        id="tab-purchase"
                                        aria-selected=move || (quick.get() == Quick::Purchase).to_string()
                                        aria-controls="quick-panel"
                                        data-testid="tab-purchase"
                                        on:click=move |_| quick.set(Quick::Purchase)
                                    >
                                        <Icon icon=lu::LuReceipt />
                                        {move || t.get().quick_purchase}
                                    </button>
                                </div>
                                <div id="quick-panel" role="tabpanel" aria-labelledby=move || if quick.get() == Quick::Interaction { "tab-interaction" } else { "tab-purchase" }>
                                    {
                                        let contacts = contacts.clone();
                                        move || match quick.get() {
                                            Quick::Interaction => view! {
                                                <InteractionForm customer_id=id existing=None contacts=contacts.clone() on_done=Callback::new(|_| {}) />
                                            }.into_any(),
                                            Quick::Purchase => view! {
                                                <PurchaseForm customer_id=id existing=None currency=default_currency on_done=Callback::new(|_| {}) />
                                            }.into_any(),
                                        }
                                    }
                                </div>
                            </section>
                            <Timeline customer_id=id interactions=interactions.clone() purchases=purchases.clone() contacts=contacts />
                        }.into_any()
                    }
                    Section::Complaints => view! {
                        <ComplaintsPanel customer_id=id complaints=complaints.clone() />
                    }.into_any(),
                    Section::Contacts => view! {
                        <ContactsPanel customer_id=id contacts=contacts.clone() />
                    }.into_any(),
                    Section::Analysis => view! {
                        <ClassesPanel id=id />
                        <ChurnPanel customer_id=id events=churn_events.clone() winbacks=winbacks.clone() satisfaction=satisfaction />
                    }.into_any(),
                    Section::Loyalty => view! {
                        <div class="section-columns">
                            <SatisfactionPanel customer_id=id surveys=surveys.clone() responses=responses.clone() />
                            <LoyaltyPanel
                                customer_id=id
                                purchases=purchases.clone()
                                complaints=complaints.clone()
                                share_of_wallet=share_of_wallet
                                ratings=ratings.clone()
                            />
                        </div>
                    }.into_any(),
                    Section::File => view! {
                        <CustomerFile customer=customer.clone() />
                        <super::owners::OwnerHistory customer=customer.clone() />
                    }.into_any(),
                })}
            </div>
        </article>
    }
}
