//! The call list: valuable customers whose chance of still buying is low or falling.

use super::state::use_insights;
use crate::domain::analysis::report::call_list;
use crate::domain::i18n::explain::yuan;
use crate::ui::clock;
use crate::ui::customers::format::relative;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::flags::ComplaintFlag;
use leptos::prelude::*;
use leptos_router::components::A;

/// Customers listed at most.
const LIMIT: usize = 15;

/// The call list panel.
#[component]
pub fn CallList() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    let list = Memo::new(move |_| {
        let now = insights.now.get();
        let before = insights.before.get();
        call_list(&now, &before, LIMIT)
    });
    let today = clock::today();
    view! {
        <section class="panel" aria-labelledby="call-list-title" data-testid="call-list">
            <header class="panel-header"><h2 id="call-list-title">{move || t.get().sec_call_list}</h2></header>
            <p class="muted">{move || t.get().call_list_intro}</p>
            <Show
                when=move || list.with(|l| !l.is_empty())
                fallback=move || view! { <p class="muted">{move || t.get().call_list_empty}</p> }
            >
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t.get().col_name}</th>
                            <th scope="col">{move || t.get().col_owner}</th>
                            <th scope="col">{move || t.get().col_phone}</th>
                            <th scope="col" class="num">{move || t.get().col_clv}</th>
                            <th scope="col" class="num">{move || t.get().col_p_alive}</th>
                            <th scope="col">{move || t.get().col_last_purchase}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || list.get().into_iter().filter_map(|r| {
                            let s = ws.index.with(|ix| ix.get(r.id).cloned())?;
                            let owner = ws.member_name(s.owner_id).unwrap_or_default();
                            let lang = lang.get();
                            let p = format!("{:.0}%", r.p_alive * 100.0);
                            let trend = r.p_alive_before.map(|b| format!(" ← {:.0}%", b * 100.0)).unwrap_or_default();
                            Some(view! {
                                <tr>
                                    <td>
                                        <A href=Page::Customer(s.id).path()>{s.name.clone()}</A>
                                        {s.do_not_contact.then(|| view! { <span class="badge badge-warn">{t.get().badge_dnc}</span> })}
                                        <ComplaintFlag activity=s.activity.clone() />
                                    </td>
                                    <td>{owner}</td>
                                    <td>{s.phones.first().unwrap_or_default().to_owned()}</td>
                                    <td class="num">{yuan(r.clv, lang)}</td>
                                    <td class="num risk">{p}<span class="muted">{trend}</span></td>
                                    <td>{relative(s.activity.last_purchase_date(), today, lang)}</td>
                                </tr>
                            })
                        }).collect_view()}
                    </tbody>
                </table>
            </Show>
        </section>
    }
}
