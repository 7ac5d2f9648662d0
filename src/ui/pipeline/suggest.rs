//! "Who wins deals like this": on an open deal's page, the active members ranked by their
//! record on similar closed deals, with the record shown and a button to make one the owner.
//! Every deal is read to rank them, so the ranking is asked for rather than read with the page.

use crate::domain::id::Id;
use crate::domain::opportunity::Opportunity;
use crate::domain::opportunity::reps::{Suggestion, suggest};
use crate::store;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The panel; `on_pick` makes a member the owner.
#[component]
pub fn Suggestions(deal: Opportunity, on_pick: Callback<Id>) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let found = RwSignal::new(None::<Result<Vec<Suggestion>, String>>);
    let busy = RwSignal::new(false);
    let owner = deal.owner_id;
    let deal = StoredValue::new(deal);
    let find = move |_| {
        let Some(db) = ws.db() else { return };
        busy.set(true);
        spawn_local(async move {
            let r = match (
                store::all_opportunities(&db).await,
                store::pipeline(&db).await,
            ) {
                (Ok(all), Ok(p)) => {
                    let active = ws.active_member_ids();
                    let got = ws.index.with_untracked(|ix| {
                        deal.with_value(|d| {
                            suggest(
                                d,
                                &all,
                                &p,
                                |id| ix.get(id).map_or("", |s| s.industry.as_str()),
                                &active,
                                3,
                            )
                        })
                    });
                    Ok(got)
                }
                (Err(e), _) | (_, Err(e)) => Err(e.message(t.get_untracked())),
            };
            busy.try_set(false);
            found.try_set(Some(r));
        });
    };
    view! {
        <section class="panel deal-suggest" data-testid="deal-suggest">
            <h2>{move || t.get().suggest_title}</h2>
            {move || match found.get() {
                None => view! {
                    <button class="btn" data-testid="suggest-find" disabled=move || busy.get() on:click=find>
                        <Icon icon=lu::LuUsers />{move || t.get().suggest_title}
                    </button>
                }.into_any(),
                Some(Err(e)) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted" data-testid="suggest-none">{move || t.get().suggest_none}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ol class="suggest-list">
                        {list.into_iter().map(|s| {
                            let tx = t.get();
                            let record = (tx.suggest_record)(s.alike.won, s.alike.closed(), s.partly.won, s.partly.closed());
                            let score = (tx.suggest_score)(s.score * 100.0);
                            let member = s.member;
                            view! {
                                <li data-testid="suggestion">
                                    <div>
                                        <strong>{ws.member_name(Some(member)).unwrap_or_default()}</strong>
                                        <span class="row-sub">{record}</span>
                                        <span class="row-sub">{score}</span>
                                    </div>
                                    {if owner == Some(member) {
                                        view! { <span class="badge">{tx.suggest_is_owner}</span> }.into_any()
                                    } else {
                                        view! { <button class="btn btn-small" on:click=move |_| on_pick.run(member)>{tx.suggest_make_owner}</button> }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any(),
            }}
            <p class="muted small">{move || t.get().suggest_intro}</p>
        </section>
    }
}
