//! Region rules, edited in order: a region (`浙江`, `杭州`) and the member whose it is — for
//! assigning leads and for handing over a member's accounts.

use crate::domain::id::Id;
use crate::domain::lead::assign::RegionRule;
use crate::ui::state::use_texts;
use leptos::prelude::*;

/// The region rules, in order: a region and the member its records go to.
#[component]
pub fn RegionRules(
    rules: RwSignal<Vec<RegionRule>>,
    members: Memo<Vec<(Id, String)>>,
) -> impl IntoView {
    let t = use_texts();
    let add = move |_| {
        if let Some((first, _)) = members.with_untracked(|m| m.first().cloned()) {
            rules.update(|r| {
                r.push(RegionRule {
                    region: String::new(),
                    member: first,
                })
            });
        }
    };
    view! {
        <p class="muted">{move || t.get().assign_region_hint}</p>
        <ol class="region-rules" data-testid="region-rules">
            <For each=move || 0..rules.with(Vec::len) key=|i| *i children=move |i| view! {
                <li class="region-rule">
                    <input
                        type="text"
                        data-testid="region-rule-region"
                        aria-label=move || t.get().assign_region
                        placeholder=move || t.get().assign_region
                        prop:value=move || rules.with(|r| r.get(i).map(|x| x.region.clone()).unwrap_or_default())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            rules.update(|r| if let Some(x) = r.get_mut(i) { x.region = v; });
                        }
                    />
                    <select
                        data-testid="region-rule-member"
                        aria-label=move || t.get().assign_member
                        on:change=move |ev| {
                            if let Ok(id) = event_target_value(&ev).parse::<Id>() {
                                rules.update(|r| if let Some(x) = r.get_mut(i) { x.member = id; });
                            }
                        }
                    >
                        {move || members.get().into_iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=move || rules.with(|r| r.get(i).is_some_and(|x| x.member == id))>{name}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" class="btn btn-small" aria-label=move || t.get().remove on:click=move |_| rules.update(|r| { if i < r.len() { r.remove(i); } })>"×"</button>
                </li>
            } />
        </ol>
        <button type="button" class="btn btn-small" data-testid="region-rule-add" on:click=add>{move || t.get().assign_add_rule}</button>
    }
}
