//! A quote's page: its lines and totals as they will print, where it stands and what can be
//! done next — edit and send a draft (beyond the author's authority it waits for approval),
//! approve it (a member whose role allows the discount, with a note), record the customer's
//! answer (accepted: its lines become purchases and its deal is won, in one write; turned
//! down: with a reason), revise it into a new version, print it — its versions, the approval,
//! other open quotes at other prices, and the trash.

use super::data::{me, use_customer_context, use_quote_data};
use super::editor::QuoteEditor;
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::quote::list::price_conflicts;
use crate::domain::quote::{Quote, QuoteError, QuoteFields, QuoteInput, RejectReason, Standing};
use crate::domain::time::{format_date, format_datetime};
use crate::store::{self, AppError};
use crate::ui::clock;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::field::{SelectField, TextField, label};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The quote page.
#[component]
pub fn QuotePage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    let data = use_quote_data(id.into());
    let focus = RwSignal::new(None::<Id>);
    let context = use_customer_context(focus.into());
    let quote = Memo::new(move |_| {
        let id = id.get()?;
        data.with(|d| match d {
            Some(Ok(d)) => d.quote(id).cloned(),
            _ => None,
        })
    });
    let loaded = Signal::derive(move || data.with(Option::is_some));
    let editing = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let approval_note = RwSignal::new(String::new());
    let rejecting = RwSignal::new(false);
    let reason = RwSignal::new(RejectReason::Price);
    let reject_note = RwSignal::new(String::new());
    let (my_id, role) = me(ws);
    let names = Memo::new(move |_| ws.member_names());

    // Writes a changed quote and says `done`; a refused change says why.
    let write = move |q: Quote, done: &'static str| {
        let Some(db) = ws.db() else { return };
        busy.set(true);
        spawn_local(async move {
            match store::save_quote(&db, &q).await {
                Ok((_, summary)) => {
                    error.set(None);
                    editing.set(false);
                    ws.apply(vec![summary]);
                    toasts.info(done);
                }
                Err(e) => error.set(Some(e.message(t.get_untracked()))),
            }
            busy.set(false);
        });
    };
    let refused = move |e: QuoteError| error.set(Some(e.message(t.get_untracked()).to_string()));
    let policy = move || {
        data.with_untracked(|d| {
            d.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|d| d.policy.clone())
                .unwrap_or_default()
        })
    };

    let send = move |_| {
        let Some(mut q) = quote.get_untracked() else {
            return;
        };
        match q.send(role, &policy(), clock::today(), clock::now()) {
            Ok(Standing::AwaitingApproval) => write(q, t.get_untracked().quote_waits),
            Ok(_) => write(q, t.get_untracked().quote_sent),
            Err(e) => refused(e),
        }
    };
    let approve = move |_| {
        let (Some(mut q), Some(by)) = (quote.get_untracked(), my_id) else {
            return;
        };
        match q.approve(
            by,
            role,
            approval_note.get_untracked(),
            &policy(),
            clock::now(),
        ) {
            Ok(()) => write(q, t.get_untracked().quote_approved),
            Err(e) => refused(e),
        }
    };
    let reject = move |_| {
        let Some(mut q) = quote.get_untracked() else {
            return;
        };
        match q.reject(
            reason.get_untracked(),
            reject_note.get_untracked(),
            clock::today(),
            clock::now(),
        ) {
            Ok(()) => {
                rejecting.set(false);
                write(q, t.get_untracked().quote_rejected);
            }
            Err(e) => refused(e),
        }
    };
    let accept = move |_| {
        let (Some(db), Some(mut q)) = (ws.db(), quote.get_untracked()) else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let done = async {
                let pipeline = store::pipeline(&db).await?;
                let mut deal = match q.opportunity_id {
                    Some(d) => store::opportunity(&db, d).await?,
                    None => None,
                };
                let bought = q.accept_with(
                    deal.as_mut(),
                    &pipeline,
                    my_id,
                    clock::today(),
                    clock::now(),
                );
                Ok::<_, AppError>(match bought {
                    Ok(bought) => Ok(store::accept_quote(&db, &q, &bought, deal.as_ref()).await?),
                    Err(e) => Err(e),
                })
            };
            match done.await {
                Ok(Ok((_, _, summary))) => {
                    error.set(None);
                    ws.apply(vec![summary]);
                    toasts.info(t.get_untracked().quote_accepted);
                }
                Ok(Err(refusal)) => refused(refusal),
                Err(e) => error.set(Some(e.message(t.get_untracked()))),
            }
            busy.set(false);
        });
    };
    let revise = {
        let navigate = navigate.clone();
        move |_| {
            let (Some(db), Some(mut old)) = (ws.db(), quote.get_untracked()) else {
                return;
            };
            let days = policy().valid_days;
            match old.revise(clock::today(), days, clock::now()) {
                Ok(new) => {
                    let navigate = navigate.clone();
                    spawn_local(async move {
                        match store::save_revision(&db, &old, &new).await {
                            Ok((_, new, summary)) => {
                                ws.apply(vec![summary]);
                                toasts.info(t.get_untracked().quote_revised);
                                navigate(&Page::Quote(new.id).path(), nav());
                            }
                            Err(e) => error.set(Some(e.message(t.get_untracked()))),
                        }
                    });
                }
                Err(e) => refused(e),
            }
        }
    };
    let set_trashed = move |trashed: bool| {
        let (Some(db), Some(q)) = (ws.db(), quote.get_untracked()) else {
            return;
        };
        spawn_local(async move {
            match store::set_quotes_trashed(&db, &[q.id], trashed.then(clock::now)).await {
                Ok((_, summaries)) => {
                    ws.apply(summaries);
                    let t = t.get_untracked();
                    toasts.info(if trashed {
                        t.quote_trashed
                    } else {
                        t.quote_restored
                    });
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let save_edit = Callback::new(move |fields: QuoteFields| {
        let Some(mut q) = quote.get_untracked() else {
            return;
        };
        match q.edit(fields, clock::now()) {
            Ok(()) => write(q, t.get_untracked().quote_saved),
            Err(e) => refused(e),
        }
    });
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };

    view! {
        <section class="page page-quote" data-testid="quote-page">
            {move || match (loaded.get(), quote.get()) {
                (false, _) => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                (true, None) => view! {
                    <p class="form-error" role="alert">{move || t.get().quote_not_found}</p>
                    <A href=Page::Quotes.path() attr:class="btn">{move || t.get().nav_quotes}</A>
                }.into_any(),
                (true, Some(q)) if editing.get() => {
                    let initial = QuoteInput::from_quote(&q);
                    view! {
                        <header class="page-header"><h1>{format!("{} · {}", t.get().quote_edit, q.number)}</h1></header>
                        <QuoteEditor initial=initial data=data editing=(q.id, q.number.clone()) saving=busy on_save=save_edit
                            on_cancel=Callback::new(move |_| editing.set(false)) outer_error=error focus=focus context=context />
                    }.into_any()
                }
                (true, Some(q)) => {
                    let texts = t.get();
                    let language = lang.get();
                    let today = clock::today();
                    let standing = q.status_on(today);
                    let trashed = q.deleted_at.is_some();
                    let customer = super::data::customer_name(ws, q.customer_id);
                    let totals = q.totals();
                    let m = move |x| Money::new(x, q.currency).format(language);
                    let (margin, all_costs) = q.margin();
                    let owner = q.owner_id.and_then(|o| names.get_untracked().get(&o).cloned()).unwrap_or_default();
                    let may_approve = my_id.is_some() && policy().may_approve(role, q.depth());
                    let versions: Vec<Quote> = data.with_untracked(|d| match d {
                        Some(Ok(d)) => {
                            let mut v: Vec<Quote> = d.book.quotes().iter().filter(|x| x.number == q.number && x.id != q.id && x.deleted_at.is_none()).cloned().collect();
                            v.sort_by_key(|x| x.version);
                            v
                        }
                        _ => Vec::new(),
                    });
                    let conflicts = data.with_untracked(|d| match d {
                        Some(Ok(d)) => price_conflicts(&q, d.book.quotes(), today),
                        _ => Vec::new(),
                    });
                    let approval = q.approval.clone();
                    let deal = q.opportunity_id;
                    let lines = q.lines.clone();
                    let line_totals = totals.lines.clone();
                    let inclusive = q.tax_mode == crate::domain::quote::totals::TaxMode::Inclusive;
                    let letter = policy();
                    let buyer_lines: Vec<String> = ws.index.with_untracked(|ix| ix.get(q.customer_id).map(|s| {
                        [s.region.clone(), s.phones.iter().next().map(str::to_string).unwrap_or_default(), s.emails.iter().next().map(str::to_string).unwrap_or_default()]
                            .into_iter().filter(|x| !x.is_empty()).collect()
                    })).unwrap_or_default();
                    let issued = format_date(clock::local(q.created_at).date(), language);
                    view! {
                        <div class="print-only quote-letterhead">
                            <div>
                                {(!letter.logo.is_empty()).then(|| view! { <img src=letter.logo.clone() alt="" /> })}
                                <p><strong>{letter.company_name.clone()}</strong></p>
                                <p>{letter.company_address.clone()}</p>
                                <p>{letter.company_contact.clone()}</p>
                            </div>
                            <div class="quote-letter-title">
                                <h2>{texts.quotes_title}</h2>
                                <p class="mono">{format!("{} v{}", q.number, q.version)}</p>
                                <p>{texts.quote_date}" "{issued}</p>
                                <p>{texts.quote_valid_until}" "{format_date(q.valid_until, language)}</p>
                            </div>
                        </div>
                        <div class="print-only quote-to">
                            <p><strong>{texts.quote_to}</strong>" "{super::data::customer_name(ws, q.customer_id)}</p>
                            {buyer_lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                        </div>
                        <header class="page-header">
                            <div>
                                <A href=Page::Quotes.path() attr:class="back-link no-print">{texts.nav_quotes}</A>
                                <h1>
                                    <span class="mono">{q.number.clone()}</span>" "
                                    <span class="muted">{(texts.quote_version)(q.version)}</span>" "
                                    <span class=standing.badge() data-testid="quote-standing">{standing.label(texts)}</span>
                                </h1>
                                <p class="page-sub">
                                    <A href=Page::Customer(q.customer_id).path()>{customer}</A>
                                    {deal.map(|d| view! { " · "<A href=Page::Opportunity(d).path()>{texts.quote_deal}</A> })}
                                    " · "{texts.quote_valid_until}" "{format_date(q.valid_until, language)}
                                    " · "{texts.quote_author}" "{owner}
                                </p>
                            </div>
                            <div class="header-actions no-print">
                                {(!trashed && matches!(standing, Standing::Draft | Standing::AwaitingApproval)).then(|| view! {
                                    <button class="btn" data-testid="edit-quote" on:click=move |_| { error.set(None); editing.set(true); }>
                                        <Icon icon=lu::LuPencil />{texts.quote_edit}
                                    </button>
                                    <button class="btn btn-primary" data-testid="send-quote" disabled=move || busy.get() on:click=send>
                                        <Icon icon=lu::LuMail />{texts.quote_send}
                                    </button>
                                })}
                                {(!trashed && standing == Standing::Sent).then(|| view! {
                                    <button class="btn btn-primary" data-testid="accept-quote" disabled=move || busy.get() on:click=accept>
                                        <Icon icon=lu::LuCircleCheck />{texts.quote_accept}
                                    </button>
                                })}
                                {(!trashed && matches!(standing, Standing::Sent | Standing::Expired)).then(|| view! {
                                    <button class="btn" data-testid="reject-quote" on:click=move |_| rejecting.set(true)>
                                        <Icon icon=lu::LuX />{texts.quote_reject}
                                    </button>
                                })}
                                {(!trashed && matches!(standing, Standing::Sent | Standing::Expired | Standing::Rejected)).then(|| view! {
                                    <button class="btn" data-testid="revise-quote" on:click=revise.clone()>
                                        <Icon icon=lu::LuCopy />{texts.quote_revise}
                                    </button>
                                })}
                                <button class="btn" data-testid="print-quote" on:click=print>
                                    <Icon icon=lu::LuFileText />{texts.quote_print}
                                </button>
                                {if trashed {
                                    view! { <button class="btn" data-testid="restore-quote" on:click=move |_| set_trashed(false)><Icon icon=lu::LuUndo2 />{texts.restore}</button> }.into_any()
                                } else {
                                    view! { <button class="btn btn-danger-soft" data-testid="trash-quote" on:click=move |_| set_trashed(true)><Icon icon=lu::LuTrash2 />{texts.quote_trash}</button> }.into_any()
                                }}
                            </div>
                        </header>
                        {move || error.get().map(|e| view! { <p class="form-error no-print" role="alert">{e}</p> })}
                        {trashed.then(|| view! { <p class="notice" role="status">{texts.quote_in_trash}</p> })}
                        {q.superseded_by.map(|next| view! {
                            <p class="notice no-print">{texts.quote_superseded_by}" "<A href=Page::Quote(next).path()>{texts.quote_versions}</A></p>
                        })}
                        {(standing == Standing::AwaitingApproval).then(|| view! {
                            <section class="panel notice-warn no-print" data-testid="approval-panel">
                                <h2>{texts.quote_approval}</h2>
                                <p>{texts.quote_needs_approval}" "{(texts.quote_depth_of)(&q.depth().round_dp(2).normalize().to_string(), &policy().limit(q.owner_id.and_then(|o| ws.members.with_untracked(|ms| ms.iter().find(|m| m.id == o).map(|m| m.role))).unwrap_or_default()).normalize().to_string())}</p>
                                {(!may_approve).then(|| view! { <p class="muted" data-testid="approve-hint">{QuoteError::BeyondApprover.message(texts)}</p> })}
                                <TextField id="quote-approval-note" label=label(t, |t| t.quote_approval_note) value=approval_note on_input=Callback::new(move |v| approval_note.set(v)) />
                                <button class="btn btn-primary" data-testid="approve-quote" disabled=move || busy.get() || !may_approve on:click=approve>
                                    <Icon icon=lu::LuCheck />{texts.quote_approve}
                                </button>
                            </section>
                        })}
                        <Show when=move || rejecting.get()>
                            <section class="panel no-print" data-testid="reject-panel">
                                <div class="grid-2">
                                    <SelectField id="quote-reject-reason" label=label(t, |t| t.quote_reject_reason)
                                        options=Signal::derive(move || RejectReason::ALL.into_iter().map(|r| (r, r.label(t.get()).to_string())).collect())
                                        value=reason on_change=Callback::new(move |r| reason.set(r)) />
                                    <TextField id="quote-reject-note" label=label(t, |t| t.quote_reject_note) value=reject_note on_input=Callback::new(move |v| reject_note.set(v)) />
                                </div>
                                <div class="form-actions">
                                    <button class="btn" on:click=move |_| rejecting.set(false)>{move || t.get().cancel}</button>
                                    <button class="btn btn-primary" data-testid="confirm-reject" on:click=reject>{move || t.get().quote_reject}</button>
                                </div>
                            </section>
                        </Show>
                        {(!conflicts.is_empty()).then(|| {
                            let names = names.get_untracked();
                            view! {
                                <section class="panel notice-warn no-print" data-testid="quote-conflicts">
                                    <h2>{texts.quote_conflict_title}</h2>
                                    <ul>{conflicts.into_iter().map(|c| {
                                        let owner = c.other_owner.and_then(|o| names.get(&o).cloned()).unwrap_or_default();
                                        view! { <li><A href=Page::Quote(c.other_quote).path()>{(texts.quote_conflict)(&c.product, &m(c.ours), &c.other_number, &m(c.theirs), &owner)}</A></li> }
                                    }).collect_view()}</ul>
                                </section>
                            }
                        })}
                        <div class="table-scroll">
                            <table class="data-table quote-lines" data-testid="quote-lines">
                                <thead>
                                    <tr>
                                        <th scope="col" class="col-code">{texts.col_code}</th>
                                        <th scope="col">{texts.quote_product}</th>
                                        <th scope="col" class="num">{texts.quote_quantity}</th>
                                        <th scope="col" class="col-unit">{texts.col_unit}</th>
                                        <th scope="col" class="num">{texts.quote_unit_price}</th>
                                        <th scope="col" class="num col-disc">{texts.quote_line_discount}</th>
                                        <th scope="col" class="num col-tax">{texts.col_tax}</th>
                                        <th scope="col" class="num">{texts.quote_line_total}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {lines.into_iter().zip(line_totals).map(|(l, lt)| view! {
                                        <tr>
                                            <td class="mono col-code">{l.code}</td>
                                            <td>{l.name}</td>
                                            <td class="num">{l.quantity.normalize().to_string()}</td>
                                            <td class="col-unit">{l.unit}</td>
                                            <td class="num">
                                                {m(l.unit_price)}
                                                {match l.price {
                                                    crate::domain::quote::LinePrice::Agreement(_) => Some(texts.quote_price_from_agreement),
                                                    crate::domain::quote::LinePrice::Manual => Some(texts.quote_price_manual),
                                                    crate::domain::quote::LinePrice::List => None,
                                                }.map(|w| view! { <span class="cell-sub no-print">{w}</span> })}
                                            </td>
                                            <td class="num col-disc">{(!l.discount.is_zero()).then(|| format!("{} %", l.discount.normalize()))}</td>
                                            <td class="num col-tax">{format!("{} %", l.tax_rate.normalize())}</td>
                                            <td class="num">{m(if inclusive { lt.total } else { lt.net })}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <div class="quote-bottom">
                            <div class="quote-terms">
                                <p><strong>{texts.quote_tax_mode}</strong>" "{q.tax_mode.label(texts)}</p>
                                {(!q.payment_terms.is_empty()).then(|| view! { <p><strong>{texts.quote_payment_terms}</strong>" "{q.payment_terms.clone()}</p> })}
                                {(!q.notes.is_empty()).then(|| view! { <p class="pre-line">{q.notes.clone()}</p> })}
                                {approval.map(|a| {
                                    let who = names.get_untracked().get(&a.by).cloned().unwrap_or_default();
                                    view! { <p class="muted no-print" data-testid="quote-approval">{(texts.quote_approved_by)(&who, &format_datetime(clock::local(a.at), language), &a.depth.round_dp(2).normalize().to_string())}{(!a.note.is_empty()).then(|| format!(" — {}", a.note))}</p> }
                                })}
                                <p class="muted small no-print">{texts.quote_rounding}</p>
                            </div>
                            <dl class="quote-sums" data-testid="quote-totals">
                                <dt>{texts.quote_subtotal}</dt><dd>{m(totals.subtotal)}</dd>
                                {(!totals.quote_discount.is_zero()).then(|| view! { <dt>{format!("{} ({} %)", texts.quote_discount_total, q.discount.normalize())}</dt><dd>{format!("−{}", m(totals.quote_discount))}</dd> })}
                                <dt>{texts.quote_net}</dt><dd>{m(totals.net)}</dd>
                                <dt>{texts.quote_tax}</dt><dd>{m(totals.tax)}</dd>
                                <dt class="grand">{texts.quote_total}</dt><dd class="grand" data-testid="quote-total">{m(totals.total)}</dd>
                                <dt class="no-print">{if all_costs { texts.quote_margin } else { texts.quote_margin_partial }}</dt><dd class="no-print">{m(margin)}</dd>
                            </dl>
                        </div>
                        <div class="print-only quote-signature">
                            <div>{texts.quote_from}" · "{texts.quote_signature}</div>
                            <div>{texts.quote_to}" · "{texts.quote_signature}</div>
                        </div>
                        {(!versions.is_empty()).then(|| view! {
                            <section class="panel no-print" data-testid="quote-versions">
                                <h2>{texts.quote_versions}</h2>
                                <ul class="row-list">{versions.into_iter().map(|v| {
                                    let s = v.status_on(today);
                                    view! { <li class="row-line"><A href=Page::Quote(v.id).path()>{(texts.quote_version)(v.version)}</A><span class=s.badge()>{s.label(texts)}</span><span class="num">{Money::new(v.totals().total, v.currency).format(language)}</span></li> }
                                }).collect_view()}</ul>
                            </section>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}
