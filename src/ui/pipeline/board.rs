//! The board (看板): one column per stage with its deals, their count, amount and weighted
//! amount; won and lost show the deals closed in the last two weeks. A card moves by drag and
//! drop or by keyboard; a move into won or lost asks for what closing needs first.

use super::card::{CardFacts, DealCard};
use super::data::{DealsSignal, clock_for};
use super::moves::DealWriter;
use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::history::days_in_stage;
use crate::domain::opportunity::list::{Board as BoardColumns, DealQuery, format_sums};
use crate::domain::opportunity::stage::{Outcome, StageId};
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_prefs, use_texts, use_workspace};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use rust_decimal::Decimal;

/// Cards drawn per column at first (more than a screen holds); "show more" draws as many again,
/// and the table of the stage lists them all. Fewer cards make a search or a move cheaper.
const CARDS: usize = 20;
/// Days a closed deal stays on the board.
const CLOSED_DAYS: i64 = 14;

/// A request to close a deal, which the page answers with its dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CloseRequest {
    pub deal: Id,
    pub outcome: Outcome,
}

/// The board over `deals`, showing what `query` admits.
#[component]
pub fn Board(
    deals: DealsSignal,
    #[prop(into)] query: Signal<DealQuery>,
    on_close: Callback<CloseRequest>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let me = use_prefs().0.with_untracked(|s| s.me);
    let writer = DealWriter::new(deals);
    let announce = RwSignal::new(String::new());
    // Deals moved on this board: drawn in their new column even past its first cards, so a
    // card moved with the keyboard stays in view and keeps the focus.
    let moved = RwSignal::new(std::collections::HashSet::<Id>::new());
    // Made again over every deal when the query changes; after a move, made from the board
    // before it (only the moved deal's two columns change).
    let board = Memo::new(move |prev: Option<&Option<BoardColumns>>| {
        let q = query.get();
        deals.with(|d| match d {
            Some(Ok(d)) => Some(d.book.board_from(
                prev.and_then(Option::as_ref),
                &q,
                &d.pipeline,
                &clock_for(&d.pipeline),
                CLOSED_DAYS,
            )),
            _ => None,
        })
    });
    // Moves deal `id` to stage `to`: an open stage at once, won or lost through the dialog.
    let move_to = move |id: Id, to: StageId| {
        let Some((before, changed, outcome, label)) = deals.with_untracked(|d| {
            let Some(Ok(d)) = d else { return None };
            let before = d.book.get(id)?.clone();
            let stage = d.pipeline.stage(&to)?;
            let mut changed = before.clone();
            if stage.outcome == Outcome::Open
                && changed.move_to(&to, &d.pipeline, me, clock::now()).is_err()
            {
                return None;
            }
            Some((
                before,
                changed,
                stage.outcome,
                stage.label(t.get_untracked()),
            ))
        }) else {
            return;
        };
        if before.stage == to {
            return;
        }
        if outcome != Outcome::Open {
            on_close.run(CloseRequest { deal: id, outcome });
            return;
        }
        moved.update(|m| {
            m.insert(id);
        });
        let said = (t.get_untracked().deal_moved)(&label);
        announce.set(said.clone());
        writer.save(before, changed, None, said, move |_| {
            // Keep the focus on the moved card, now in its new column.
            clock::after_paint(move || focus_card(id));
        });
    };
    let step = move |id: Id, by: isize| {
        let to = deals.with_untracked(|d| match d {
            Some(Ok(d)) => {
                let o = d.book.get(id)?;
                d.pipeline.neighbour(&o.stage, by).map(|s| s.id.clone())
            }
            _ => None,
        });
        if let Some(to) = to {
            move_to(id, to);
        }
    };
    let names = Memo::new(move |_| ws.member_names());

    // One column, kept while its stage is on the board: its header follows its totals and its
    // cards are keyed by what they show, so a move or a search redraws only the cards that
    // changed, not the board.
    let column_view = move |stage: StageId| {
        let column = Memo::new({
            let stage = stage.clone();
            move |_| {
                board.with(|b| {
                    b.as_ref()
                        .and_then(|b| b.columns.iter().find(|c| c.stage == stage).cloned())
                })
            }
        });
        let heading = Memo::new({
            let stage = stage.clone();
            move |_| {
                let texts = t.get();
                deals.with(|d| match d {
                    Some(Ok(d)) => d.pipeline.stage(&stage).map_or_else(
                        || (stage.0.clone(), Outcome::Open),
                        |s| (s.label(texts), s.outcome),
                    ),
                    _ => (String::new(), Outcome::Open),
                })
            }
        });
        let outcome = heading.get_untracked().1;
        let limit = RwSignal::new(CARDS);
        let cards = Memo::new(move |_| {
            let limit = limit.get();
            column.with(|c| {
                let Some(c) = c else { return Vec::new() };
                deals.with(|d| {
                    let Some(Ok(d)) = d else { return Vec::new() };
                    let clk = clock_for(&d.pipeline);
                    names.with(|n| {
                        moved.with(|m| {
                            let books = d.book.deals();
                            c.deals
                                .iter()
                                .enumerate()
                                .filter(|&(k, &i)| k < limit || m.contains(&books[i].id))
                                .map(|(_, &i)| {
                                    let o = &d.book.deals()[i];
                                    let facts = CardFacts {
                                        customer: super::data::customer_name(ws, o.customer_id),
                                        owner: o.owner_id.and_then(|m| n.get(&m).cloned()),
                                        overdue: o.is_overdue(clk.today),
                                        stale: d.book.is_stale(i, &clk),
                                        probability: o.probability(&d.pipeline),
                                        days: days_in_stage(o, clk.now),
                                    };
                                    Card {
                                        deal: o.clone(),
                                        facts,
                                    }
                                })
                                .collect::<Vec<_>>()
                        })
                    })
                })
            })
        });
        let count = move || column.with(|c| c.as_ref().map_or(0, |c| c.totals.count));
        let more = move || {
            let limit = limit.get();
            column.with(|c| {
                c.as_ref()
                    .map_or(0, |c| c.deals.len().saturating_sub(limit))
            })
        };
        let sums = move |weighted: bool| {
            column.with(|c| {
                c.as_ref().map_or_else(String::new, |c| {
                    format_sums(
                        if weighted {
                            &c.totals.weighted
                        } else {
                            &c.totals.amount
                        },
                        lang.get(),
                    )
                })
            })
        };
        let over = RwSignal::new(false);
        let target = stage.clone();
        let table_link = {
            let stage = stage.clone();
            move || {
                let q = DealQuery {
                    stage: Some(stage.clone()),
                    ..query.get()
                };
                let mut params: Vec<(&str, String)> = q.to_params();
                params.push(("view", "table".into()));
                crate::ui::routes::with_query(Page::Pipeline.path(), &params)
            }
        };
        view! {
            <section
                class=format!("board-column board-{}", match outcome { Outcome::Open => "open", Outcome::Won => "won", Outcome::Lost => "lost" })
                class:drop-over=move || over.get()
                data-testid="board-column"
                data-stage=stage.0.clone()
                aria-label=move || heading.get().0
                on:dragover=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    over.set(false);
                    let id = ev
                        .data_transfer()
                        .and_then(|dt| dt.get_data("text/plain").ok())
                        .and_then(|s| s.parse::<Id>().ok());
                    if let Some(id) = id {
                        move_to(id, target.clone());
                    }
                }
            >
                <header class="board-head">
                    <h2>{move || heading.get().0}<span class="board-count">{count}</span></h2>
                    <p class="board-sum">
                        <span>{move || sums(false)}</span>
                        {(outcome == Outcome::Open).then(|| {
                            view! { <span class="muted" title=move || t.get().deal_weighted>{move || format!("≈ {}", sums(true))}</span> }
                        })}
                    </p>
                </header>
                <ul class="board-cards">
                    <For
                        each=move || cards.get()
                        key=Card::key
                        children=move |c: Card| {
                            let id = c.deal.id;
                            view! { <DealCard deal=c.deal facts=c.facts on_step=Callback::new(move |by| step(id, by)) /> }
                        }
                    />
                </ul>
                <Show when=move || { more() > 0 }>
                    <div class="board-more">
                        <button type="button" class="btn btn-small" data-testid="board-show-more" on:click=move |_| limit.update(|l| *l += CARDS)>
                            {move || (t.get().board_show_more)(more().min(CARDS))}
                        </button>
                        <A href=table_link.clone() attr:data-testid="board-all">
                            {move || (t.get().board_all_n)(count())}
                        </A>
                    </div>
                </Show>
            </section>
        }
    };
    let stages = Memo::new(move |_| {
        board.with(|b| {
            b.as_ref().map_or_else(Vec::new, |b| {
                b.columns
                    .iter()
                    .map(|c| c.stage.clone())
                    .collect::<Vec<_>>()
            })
        })
    });

    view! {
        <div class="board-wrap">
            <p class="hint board-hint" id="board-hint">{move || t.get().board_hint}</p>
            <div class="board" data-testid="board" aria-describedby="board-hint">
                <For
                    each=move || stages.get()
                    key=|s: &StageId| s.clone()
                    children=column_view
                />
            </div>
            <p class="sr-only" aria-live="polite" data-testid="board-announce">{move || announce.get()}</p>
        </div>
    }
}

/// A card as drawn: the deal and what it shows besides.
#[derive(Clone, PartialEq)]
struct Card {
    deal: Opportunity,
    facts: CardFacts,
}

impl Card {
    /// What decides whether a drawn card still shows the deal as it is: everything it shows.
    /// Not the revision: a move is drawn at once and saved after, and the saved deal, which
    /// shows the same, keeps the card (and its focus) instead of drawing it again.
    fn key(
        &self,
    ) -> (
        Id,
        String,
        Decimal,
        Currency,
        NaiveDate,
        StageId,
        bool,
        CardFacts,
    ) {
        let o = &self.deal;
        (
            o.id,
            o.name.clone(),
            o.amount.amount,
            o.amount.currency,
            o.close_date,
            o.stage.clone(),
            o.is_open(),
            self.facts.clone(),
        )
    }
}

/// Puts the keyboard focus on deal `id`'s card.
fn focus_card(id: Id) {
    use wasm_bindgen::JsCast;
    let card = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("[data-deal=\"{id}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(card) = card {
        let _ = card.focus();
    }
}
