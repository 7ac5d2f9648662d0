//! The member page (成员): name, role and whether they are still on the team; what they hold
//! (customers, leads, open opportunities, open promises, open complaints), with the customer
//! list and the pipeline filtered to them; their open deals by expected close; their largest
//! customers; and the handover dialog.

use crate::domain::handover::Held;
use crate::domain::id::Id;
use crate::domain::lead::list::{LeadQuery, OwnerFilter as DealOwner};
use crate::domain::list::{ListQuery, OwnerFilter};
use crate::domain::money::format_count;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::list::DealQuery;
use crate::domain::opportunity::stage::Pipeline;
use crate::domain::summary::CustomerSummary;
use crate::domain::time::format_date;
use crate::store;
use crate::ui::clock;
use crate::ui::routes::{Page, with_query};
use crate::ui::settings::handover::HandoverDialog;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Open deals listed on the page (the pipeline, filtered to the member, has them all).
const DEALS: usize = 20;
/// Customers listed, largest first.
const CUSTOMERS: usize = 10;

/// What the page reads of the member's records.
#[derive(Clone)]
struct Read {
    /// How many of each kind they hold (the handover's holdings, counted once).
    counts: Vec<(Held, usize)>,
    deals: Vec<Opportunity>,
    pipeline: Pipeline,
}

/// The page of the member in the address.
#[component]
pub fn MemberPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    let member = Memo::new(move |_| {
        let id = id.get()?;
        ws.members
            .with(|ms| ms.iter().find(|m| m.id == id).cloned())
    });
    let read = RwSignal::new(None::<Result<Read, String>>);
    let handing = RwSignal::new(false);
    Effect::new(move |_| {
        ws.revision.track();
        let (Some(id), Some(db)) = (id.get(), ws.db()) else {
            return;
        };
        spawn_local(async move {
            let region_of = move |c: Id| {
                ws.index
                    .with_untracked(|ix| ix.get(c).map(|s| s.region.clone()))
                    .unwrap_or_default()
            };
            let r = async {
                let holdings = store::holdings(&db, id, region_of).await?;
                let pipeline = store::pipeline(&db).await?;
                let mut deals: Vec<Opportunity> = store::all_opportunities(&db)
                    .await?
                    .into_iter()
                    .filter(|o| o.owner_id == Some(id) && o.is_open() && o.deleted_at.is_none())
                    .collect();
                deals.sort_by(|a, b| a.close_date.cmp(&b.close_date).then(b.id.cmp(&a.id)));
                Ok::<_, store::AppError>(Read {
                    counts: Held::ALL
                        .into_iter()
                        .map(|k| (k, holdings.count(k)))
                        .collect(),
                    deals,
                    pipeline,
                })
            }
            .await
            .map_err(|e| e.message(t.get_untracked()));
            read.try_set(Some(r));
        });
    });
    // Their customers not in the trash, largest revenue (in yuan) first.
    let customers = Memo::new(move |_| {
        let Some(id) = id.get() else {
            return Vec::new();
        };
        ws.index.with(|ix| {
            let mut mine: Vec<&CustomerSummary> = ix
                .rows()
                .iter()
                .filter(|s| s.deleted_at.is_none() && s.owner_id == Some(id))
                .collect();
            mine.sort_by_key(|s| {
                std::cmp::Reverse(s.activity.revenue_in(crate::domain::money::Currency::Cny))
            });
            mine.into_iter()
                .take(CUSTOMERS)
                .map(|s| (s.id, s.name.clone(), s.region.clone()))
                .collect::<Vec<_>>()
        })
    });
    let link = move |kind: Held, member: Id| match kind {
        Held::Customer => Some(with_query(
            Page::Customers.path(),
            &ListQuery {
                owner: OwnerFilter::Member(member),
                ..ListQuery::default()
            }
            .to_params(),
        )),
        Held::Opportunity => {
            let mut params = DealQuery {
                owner: DealOwner::Member(member),
                ..DealQuery::default()
            }
            .to_params();
            params.push(("view", "table".into()));
            Some(with_query(Page::Pipeline.path(), &params))
        }
        Held::Promise | Held::LeadPromise => Some(Page::Commitments.path()),
        Held::Complaint => Some(Page::Complaints.path()),
        Held::Lead => Some(with_query(
            Page::Leads.path(),
            &LeadQuery {
                owner: DealOwner::Member(member),
                ..LeadQuery::default()
            }
            .to_params(),
        )),
    };

    view! {
        <section class="page page-member" data-testid="member-page">
            {move || match member.get() {
                None => view! {
                    <header class="page-header"><h1>{move || t.get().member_not_found}</h1></header>
                    <p><A href=Page::Settings.path()>{move || t.get().member_to_team}</A></p>
                }.into_any(),
                Some(m) => {
                    let mid = m.id;
                    let role = m.role;
                    let left = m.left_at;
                    let dialog_member = m.clone();
                    view! {
                        <header class="page-header">
                            <div>
                                <h1 data-testid="member-title">{m.name.clone()}</h1>
                                <p class="page-sub">
                                    <span>{move || role.label(t.get())}</span>
                                    " · "
                                    {match left {
                                        Some(at) => view! {
                                            <span class="badge" data-testid="member-status">
                                                {move || (t.get().member_left_on)(&format_date(clock::local(at).date(), lang.get()))}
                                            </span>
                                        }.into_any(),
                                        None => view! { <span data-testid="member-status">{move || t.get().member_active}</span> }.into_any(),
                                    }}
                                </p>
                            </div>
                            <div class="header-actions">
                                <A href=Page::Settings.path() attr:class="btn">
                                    <Icon icon=lu::LuUsers />
                                    <span class="btn-text">{move || t.get().member_to_team}</span>
                                </A>
                                <button class="btn btn-primary" data-testid="member-handover" on:click=move |_| handing.set(true)>
                                    <Icon icon=lu::LuArrowRightLeft />
                                    <span>{move || t.get().handover_button}</span>
                                </button>
                            </div>
                        </header>
                        <div class="member-panels">
                            <section class="panel" aria-labelledby="member-holds-h" data-testid="member-holds">
                                <h2 id="member-holds-h">{move || t.get().member_holds}</h2>
                                {move || match read.get() {
                                    None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                                    Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                                    Some(Ok(h)) => view! {
                                        <dl class="facts">
                                            {h.counts.into_iter().map(|(k, n)| {
                                                let n = format_count(n as u64);
                                                view! {
                                                    <dt>{move || k.label(t.get())}</dt>
                                                    <dd data-testid=format!("member-held-{}", k.as_str())>
                                                        {match link(k, mid) {
                                                            Some(href) => view! { <A href=href>{n}</A> }.into_any(),
                                                            None => view! { <span>{n}</span> }.into_any(),
                                                        }}
                                                    </dd>
                                                }
                                            }).collect_view()}
                                        </dl>
                                    }.into_any(),
                                }}
                            </section>
                            <section class="panel member-deals-panel" aria-labelledby="member-deals-h" data-testid="member-deals">
                                <h2 id="member-deals-h">{move || t.get().held_deals}</h2>
                                {move || match read.get() {
                                    Some(Ok(h)) if h.deals.is_empty() => view! { <p class="muted">{move || t.get().member_no_deals}</p> }.into_any(),
                                    Some(Ok(h)) => {
                                        let today = clock::today();
                                        let more = h.deals.len().saturating_sub(DEALS);
                                        let lines = h.deals.iter().take(DEALS).map(|o| {
                                            let overdue = o.is_overdue(today);
                                            let stage = h.pipeline.label(&o.stage, t.get_untracked());
                                            let customer = ws.index.with_untracked(|ix| ix.get(o.customer_id).map(|s| s.name.clone())).unwrap_or_default();
                                            let amount = o.amount;
                                            let close = o.close_date;
                                            let name = o.name.clone();
                                            let href = Page::Opportunity(o.id).path();
                                            view! {
                                                <tr data-testid="member-deal">
                                                    <td>
                                                        <A href=href attr:class="row-link">{name}</A>
                                                        <span class="row-sub">{customer}</span>
                                                    </td>
                                                    <td><span class="badge">{stage}</span></td>
                                                    <td class="num">{move || amount.format(lang.get())}</td>
                                                    <td class="num" class:text-danger=overdue>{move || format_date(close, lang.get())}</td>
                                                </tr>
                                            }
                                        }).collect_view();
                                        view! {
                                            <div class="table-wrap">
                                                <table class="data-table compact member-deals">
                                                    <thead>
                                                        <tr>
                                                            <th scope="col">{move || t.get().col_deal}</th>
                                                            <th scope="col">{move || t.get().deal_stage}</th>
                                                            <th scope="col" class="num">{move || t.get().deal_amount}</th>
                                                            <th scope="col" class="num">{move || t.get().col_close}</th>
                                                        </tr>
                                                    </thead>
                                                    <tbody>{lines}</tbody>
                                                </table>
                                            </div>
                                            {(more > 0).then(|| view! {
                                                <A href=link(Held::Opportunity, mid).unwrap_or_default()>{move || (t.get().board_all_n)(more + DEALS)}</A>
                                            })}
                                        }.into_any()
                                    }
                                    _ => ().into_any(),
                                }}
                            </section>
                            <section class="panel" aria-labelledby="member-customers-h" data-testid="member-customers">
                                <h2 id="member-customers-h">{move || t.get().member_top_customers}</h2>
                                {move || {
                                    let list = customers.get();
                                    if list.is_empty() {
                                        view! { <p class="muted">{move || t.get().member_no_customers}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ol class="member-customers">
                                                {list.into_iter().map(|(cid, name, region)| view! {
                                                    <li data-testid="member-customer">
                                                        <A href=Page::Customer(cid).path()>{name}</A>
                                                        <span class="muted">{region}</span>
                                                    </li>
                                                }).collect_view()}
                                            </ol>
                                        }.into_any()
                                    }
                                }}
                            </section>
                        </div>
                        {move || handing.get().then(|| view! {
                            <HandoverDialog member=dialog_member.clone() on_close=Callback::new(move |_| handing.set(false)) />
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
