//! An opportunity's page: what the deal is worth and when it should close, the stages to move
//! it along (won and lost ask what closing needs), its next step, the time it spent in each
//! stage, who owned it, and the trash.

use super::data::{Deals, DealsSignal};
use super::form::OpportunityForm;
use super::lose::LoseDialog;
use super::moves::DealWriter;
use super::suggest::Suggestions;
use super::win::WinDialog;
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::opportunity::history::{cycle_days, stays};
use crate::domain::opportunity::list::DealBook;
use crate::domain::opportunity::stage::{Outcome, StageId};
use crate::domain::opportunity::{Opportunity, OpportunityFields, OpportunityInput};
use crate::domain::time::{format_date, format_datetime};
use crate::store;
use crate::ui::clock;
use crate::ui::commitments::promise::PromiseLine;
use crate::ui::routes::{Page, nav};
use crate::ui::state::{use_lang, use_prefs, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The opportunity page.
#[component]
pub fn OpportunityPage() -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<Id>().ok())));
    // The page's own copy: the stages and this one deal, which the writer updates in place.
    let deals: DealsSignal = RwSignal::new(None);
    let missing = RwSignal::new(false);
    Effect::new(move |_| {
        let id = id.get();
        ws.revision.track();
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            let read = async {
                let pipeline = store::pipeline(&db).await?;
                let deal = match id {
                    Some(id) => store::opportunity(&db, id).await?,
                    None => None,
                };
                Ok::<_, store::AppError>((pipeline, deal))
            };
            match read.await {
                Ok((pipeline, Some(deal))) => {
                    let name = super::data::customer_name(ws, deal.customer_id);
                    let book = DealBook::new(vec![deal], |_| name.as_str());
                    missing.try_set(false);
                    deals.try_set(Some(Ok(Deals { pipeline, book })));
                }
                Ok((_, None)) => {
                    missing.try_set(true);
                }
                Err(e) => {
                    deals.try_set(Some(Err(e.message(t.get_untracked()))));
                }
            }
        });
    });
    view! {
        <section class="page page-deal" data-testid="deal-page">
            {move || {
                if missing.get() {
                    return view! {
                        <p class="form-error" role="alert">{move || t.get().deal_not_found}</p>
                        <A href=Page::Pipeline.path() attr:class="btn">{move || t.get().nav_pipeline}</A>
                    }.into_any();
                }
                match deals.with(|d| d.as_ref().map(|r| r.as_ref().err().cloned())) {
                    None => view! { <p class="muted">{move || t.get().loading}</p> }.into_any(),
                    Some(Some(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                    Some(None) => view! { <DealView deals=deals /> }.into_any(),
                }
            }}
        </section>
    }
}

/// The deal the page holds.
fn the_deal(deals: DealsSignal) -> Option<Opportunity> {
    deals.with(|d| match d {
        Some(Ok(d)) => d.book.deals().first().cloned(),
        _ => None,
    })
}

#[component]
fn DealView(deals: DealsSignal) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let lang = use_lang();
    let toasts = use_toasts();
    let navigate = use_navigate();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let writer = DealWriter::new(deals);
    let editing = RwSignal::new(false);
    let closing = RwSignal::new(None::<Outcome>);
    let deal = Memo::new(move |_| the_deal(deals));
    let pipeline = Memo::new(move |_| {
        deals.with(|d| match d {
            Some(Ok(d)) => Some(d.pipeline.clone()),
            _ => None,
        })
    });
    let when = move |at| format_datetime(clock::local(at), lang.get());
    let names = Memo::new(move |_| ws.member_names());
    let member = move |m: Option<Id>| {
        m.and_then(|m| names.with(|n| n.get(&m).cloned()))
            .unwrap_or_else(|| t.get().unassigned.to_string())
    };

    let move_to = move |to: StageId| {
        let (Some(before), Some(p)) = (deal.get_untracked(), pipeline.get_untracked()) else {
            return;
        };
        let mut changed = before.clone();
        if changed.move_to(&to, &p, me, clock::now()).is_ok() && changed != before {
            let said = (t.get_untracked().deal_moved)(&p.label(&to, t.get_untracked()));
            writer.save(before, changed, None, said, |_| {});
        }
    };
    // A click on an open stage of a closed deal reopens it there, once confirmed.
    let reopen_question = RwSignal::new(None::<String>);
    let reopen_to = StoredValue::new(None::<StageId>);
    let pick_owner = Callback::new(move |owner: Id| {
        let Some(before) = deal.get_untracked() else {
            return;
        };
        let mut changed = before.clone();
        changed.set_owner(Some(owner), clock::now());
        if changed != before {
            let said = t.get_untracked().deal_saved.to_string();
            writer.save(before, changed, None, said, |_| {});
        }
    });
    let on_save = Callback::new(move |fields: OpportunityFields| {
        let Some(before) = deal.get_untracked() else {
            return;
        };
        let mut changed = before.clone();
        changed.apply(fields, clock::now());
        editing.set(false);
        writer.save(
            before,
            changed,
            None,
            t.get_untracked().deal_saved.into(),
            |_| {},
        );
    });
    let toggle_step = Callback::new(move |_| {
        let Some(before) = deal.get_untracked() else {
            return;
        };
        let mut changed = before.clone();
        let open = before.open_step().is_some();
        changed.set_step_done(open, clock::now());
        writer.save(
            before,
            changed,
            None,
            t.get_untracked().deal_saved.into(),
            |_| {},
        );
    });
    let trash = move |to: bool| {
        let Some(db) = ws.db() else { return };
        let Some(id) = deal.get_untracked().map(|o| o.id) else {
            return;
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let at = to.then(clock::now);
            match store::set_opportunities_trashed(&db, &[id], at).await {
                Ok(_) => {
                    store::notify_changed();
                    if to {
                        toasts.with_action(
                            t.get_untracked().deal_trashed,
                            t.get_untracked().undo,
                            move || {
                                let Some(db) = ws.db() else { return };
                                spawn_local(async move {
                                    if store::set_opportunities_trashed(&db, &[id], None)
                                        .await
                                        .is_ok()
                                    {
                                        store::notify_changed();
                                        ws.revision.update(|r| *r += 1);
                                    }
                                });
                            },
                        );
                        navigate(&Page::Pipeline.path(), nav());
                    } else {
                        toasts.info(t.get_untracked().deal_restored);
                        ws.revision.update(|r| *r += 1);
                    }
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let trash = StoredValue::new_local(trash);

    view! {
        {move || {
            let (Some(o), Some(p)) = (deal.get(), pipeline.get()) else { return ().into_any() };
            let texts = t.get();
            let language = lang.get();
            let today = clock::today();
            let now = clock::now();
            let outcome = o.outcome(&p);
            let customer = super::data::customer_name(ws, o.customer_id);
            let weighted = Money::new(o.weighted(&p), o.amount.currency);
            let overdue = o.is_overdue(today);
            let current = o.stage.clone();
            let in_trash = o.deleted_at.is_some();
            let stepper = p.open_stages().map(|s| {
                let id = s.id.clone();
                let here = id == current;
                let passed = p.position(&id) < p.position(&current) && outcome == Outcome::Open;
                let label = s.label(texts);
                let named = label.clone();
                view! {
                    <li class="stage-step" class:stage-here=here class:stage-passed=passed>
                        <button
                            class="stage-button"
                            aria-current=here.then_some("step")
                            data-testid="stage-step"
                            data-stage=id.0.clone()
                            disabled=in_trash
                            on:click=move |_| if outcome == Outcome::Open {
                                move_to(id.clone())
                            } else {
                                reopen_to.set_value(Some(id.clone()));
                                reopen_question.set(Some((t.get_untracked().deal_reopen_confirm)(&named)));
                            }
                        >
                            {label}
                            <span class="stage-p">{format!("{}%", s.probability)}</span>
                        </button>
                    </li>
                }
            }).collect::<Vec<_>>();
            let stays_view = stays(&o, now).into_iter().map(|s| view! {
                <tr>
                    <td>{p.label(&s.stage, texts)}</td>
                    <td class="num">{(texts.days_f)(s.days())}</td>
                    <td class="num">{s.entered}</td>
                    <td>{s.current.then(|| view! { <span class="badge">{texts.deal_current}</span> })}</td>
                </tr>
            }).collect::<Vec<_>>();
            let changes = o.history.iter().rev().map(|c| view! {
                <li>
                    <span>{p.label(&c.stage, texts)}</span>
                    <span class="muted">{format!(" · {}", when(c.at))}</span>
                    {c.by.map(|b| view! { <span class="muted">{format!(" · {}", member(Some(b)))}</span> })}
                </li>
            }).collect::<Vec<_>>();
            let owners = o.owners.iter().rev().map(|w| view! {
                <li>{member(w.owner_id)}<span class="muted">{format!(" · {}", when(w.from))}</span></li>
            }).collect::<Vec<_>>();
            let closed_line = o.closing.as_ref().map(|c| {
                let what = match outcome {
                    Outcome::Won => texts.deal_closed_won.to_string(),
                    _ => match c.reason {
                        Some(r) if !c.lost_to.is_empty() => format!("{} · {} · {}", texts.deal_closed_lost, r.label(texts), c.lost_to),
                        Some(r) => format!("{} · {}", texts.deal_closed_lost, r.label(texts)),
                        None => texts.deal_closed_lost.to_string(),
                    },
                };
                view! {
                    <p class=if outcome == Outcome::Won { "deal-closed deal-won" } else { "deal-closed deal-lost" } data-testid="deal-closed">
                        {what}
                        {format!(" · {}", format_date(c.date, language))}
                        {c.purchase_id.map(|_| view! { <span class="badge badge-ok">{texts.deal_purchase_booked}</span> })}
                    </p>
                }
            });
            let step = o.next_step.clone().map(|c| view! {
                <PromiseLine commitment=c today=today on_toggle=(!in_trash).then_some(toggle_step) />
            });
            let initial = OpportunityInput::from_opportunity(&o);
            let stage_p = p.stage(&o.stage).map_or(0, |s| s.probability);
            view! {
                <header class="page-header">
                    <div>
                        <h1 data-testid="deal-title">{o.name.clone()}</h1>
                        <p class="page-sub">
                            <A href=Page::Customer(o.customer_id).path() attr:data-testid="deal-customer-link">{customer}</A>
                            {o.source_lead.map(|l| view! {
                                " · "<A href=Page::Lead(l).path()>{texts.deal_source_lead}</A>
                            })}
                        </p>
                    </div>
                    <div class="header-actions">
                        {(!in_trash && o.closing.is_none()).then(|| view! {
                            <A href=format!("{}?customer={}&deal={}", Page::NewQuote.path(), o.customer_id, o.id) attr:class="btn" attr:data-testid="deal-new-quote">
                                <Icon icon=lu::LuFileText />{texts.quote_new}
                            </A>
                        })}
                        {(!in_trash).then(|| view! {
                            <button class="btn" data-testid="edit-deal" on:click=move |_| editing.set(true)>
                                <Icon icon=lu::LuPencil />{texts.deal_edit}
                            </button>
                            <button class="btn btn-danger-soft" data-testid="trash-deal" on:click=move |_| trash.with_value(|f| f(true))>
                                <Icon icon=lu::LuTrash2 />{texts.deal_trash}
                            </button>
                        })}
                    </div>
                </header>
                {in_trash.then(|| view! {
                    <div class="notice" role="status">
                        {texts.deal_in_trash}
                        <button class="btn btn-small" data-testid="restore-deal" on:click=move |_| trash.with_value(|f| f(false))>{texts.restore}</button>
                    </div>
                })}
                <nav class="stage-bar" aria-label=texts.deal_stage>
                    <ol class="stages">{stepper}</ol>
                    <div class="stage-close">
                        {if outcome == Outcome::Open {
                            view! {
                                <button class="btn btn-ok" data-testid="deal-win" disabled=in_trash on:click=move |_| closing.set(Some(Outcome::Won))>
                                    <Icon icon=lu::LuTrophy />{texts.deal_win}
                                </button>
                                <button class="btn btn-danger-soft" data-testid="deal-lose" disabled=in_trash on:click=move |_| closing.set(Some(Outcome::Lost))>
                                    {texts.deal_lose}
                                </button>
                            }.into_any()
                        } else {
                            // Reopened where it last stood open.
                            let back = o.history.iter().rev()
                                .find(|c| p.stage(&c.stage).is_some_and(|s| s.outcome == Outcome::Open))
                                .map_or_else(|| p.first().id.clone(), |c| c.stage.clone());
                            view! {
                                <button class="btn" data-testid="deal-reopen" disabled=in_trash on:click=move |_| move_to(back.clone())>
                                    {texts.deal_reopen}
                                </button>
                            }.into_any()
                        }}
                    </div>
                </nav>
                {closed_line}
                <Show when=move || editing.get()>
                    <OpportunityForm
                        initial=initial.clone()
                        customer_fixed=true
                        stage_probability=stage_p
                        saving=false
                        on_save=on_save
                        on_cancel=Callback::new(move |_| editing.set(false))
                    />
                </Show>
                <div class="deal-grid" hidden=move || editing.get()>
                    <section class="panel deal-facts">
                        <dl class="facts">
                            <dt>{texts.deal_amount}</dt>
                            <dd data-testid="deal-amount">{o.amount.format(language)}</dd>
                            <dt>{texts.deal_probability}</dt>
                            <dd>{format!("{}%", o.probability(&p))}{o.probability.filter(|_| outcome == Outcome::Open).map(|_| format!(" ({} {}%)", texts.deal_stage, stage_p))}</dd>
                            <dt>{texts.deal_weighted}</dt>
                            <dd>{weighted.format(language)}</dd>
                            <dt>{texts.deal_close}</dt>
                            <dd class:text-danger=overdue>
                                {format_date(o.close_date, language)}
                                {overdue.then(|| view! { <span class="badge badge-danger">{texts.deal_overdue}</span> })}
                            </dd>
                            <dt>{texts.deal_owner}</dt>
                            <dd data-testid="deal-owner">{member(o.owner_id)}</dd>
                            <dt>{texts.deal_competitors}</dt>
                            <dd>{if o.competitors.is_empty() { "—".to_string() } else { o.competitors.join(if std::ptr::eq(texts, &crate::domain::i18n::EN) { ", " } else { "、" }) }}</dd>
                            <dt>{texts.deal_cycle}</dt>
                            <dd>{(texts.days_n)(cycle_days(&o, now))}</dd>
                        </dl>
                        {(!o.notes.is_empty()).then(|| view! { <p class="notes">{o.notes.clone()}</p> })}
                    </section>
                    <section class="panel deal-step">
                        <h2>{texts.deal_next_step}</h2>
                        {step}
                    </section>
                    <section class="panel deal-history">
                        <h2>{texts.deal_history}</h2>
                        <table class="data-table compact" data-testid="deal-stays">
                            <thead>
                                <tr>
                                    <th scope="col">{texts.deal_stage}</th>
                                    <th scope="col" class="num">{texts.deal_time_in_stage}</th>
                                    <th scope="col" class="num">{texts.deal_entered}</th>
                                    <th scope="col"></th>
                                </tr>
                            </thead>
                            <tbody>{stays_view}</tbody>
                        </table>
                        <ul class="history-list">{changes}</ul>
                    </section>
                    <section class="panel deal-owners">
                        <h2>{texts.deal_owners}</h2>
                        <ul class="history-list">{owners}</ul>
                    </section>
                    {(outcome == Outcome::Open && !in_trash).then(|| view! {
                        <Suggestions deal=o.clone() on_pick=pick_owner />
                    })}
                </div>
            }.into_any()
        }}
        <Confirm
            question=reopen_question
            confirm_label=Signal::derive(move || t.get().deal_reopen.to_string())
            on_confirm=Callback::new(move |_| {
                if let Some(to) = reopen_to.get_value() {
                    move_to(to);
                }
            })
        />
        {move || closing.get().and_then(|outcome| {
            let (o, p) = (deal.get_untracked()?, pipeline.get_untracked()?);
            let done = Callback::new(move |_| closing.set(None));
            Some(match outcome {
                Outcome::Won => view! { <WinDialog deal=o pipeline=p writer=writer on_close=done /> }.into_any(),
                _ => view! { <LoseDialog deal=o pipeline=p writer=writer on_close=done /> }.into_any(),
            })
        })}
    }
}
