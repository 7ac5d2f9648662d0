//! The customer file (客户档案) panel of the 360 view: channels, the four information blocks,
//! credit and preferences.

use crate::domain::customer::Customer;
use crate::domain::time::{format_date, format_datetime};
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts};
use leptos::prelude::*;

/// The customer file: channels, the four information blocks, credit and preferences.
#[component]
pub fn CustomerFile(customer: Customer) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let c = customer;
    let row = move |label: fn(&'static crate::domain::i18n::Texts) -> &'static str,
                    value: String| {
        (!value.trim().is_empty()).then(|| {
            view! {
                <div class="kv"><dt>{move || label(t.get())}</dt><dd>{value}</dd></div>
            }
        })
    };
    let credit = c.credit_limit;
    let dnc = c.do_not_contact.clone();
    let source = c.source;
    let trend = c.business.trend;
    let pay = c.business.payment_ability;
    let rank = c.position.rank;
    let created = clock::local(c.created_at).date();
    let updated = clock::local(c.updated_at);
    view! {
        <section class="panel" aria-labelledby="file-title" data-testid="customer-file">
            <header class="panel-header"><h2 id="file-title">{move || t.get().details_title}</h2></header>
            <dl class="kvs">
                <div class="kv">
                    <dt>{move || t.get().phones}</dt>
                    <dd class="ways">
                        {c.phones.iter().map(|p| view! { <a href=crate::domain::validate::tel_href(p)>{p.clone()}</a> }).collect_view()}
                        {c.phones.is_empty().then(|| view! { <span class="muted">{move || t.get().not_set}</span> })}
                    </dd>
                </div>
                <div class="kv">
                    <dt>{move || t.get().emails}</dt>
                    <dd class="ways">
                        {c.emails.iter().map(|e| view! { <a href=format!("mailto:{e}")>{e.clone()}</a> }).collect_view()}
                        {c.emails.is_empty().then(|| view! { <span class="muted">{move || t.get().not_set}</span> })}
                    </dd>
                </div>
                {row(|t| t.wechat, c.wechat.clone())}
                {row(|t| t.address, c.address.clone())}
                {row(|t| t.external_id, c.external_id.clone())}
                <div class="kv"><dt>{move || t.get().source}</dt><dd>{move || source.label(t.get())}</dd></div>
            </dl>
            <h3>{move || t.get().sec_business}</h3>
            <dl class="kvs">
                {row(|t| t.main_products, c.business.main_products.clone())}
                {row(|t| t.scale, c.business.scale.clone())}
                <div class="kv"><dt>{move || t.get().trend}</dt><dd>{move || trend.label(t.get())}</dd></div>
                <div class="kv"><dt>{move || t.get().payment_ability}</dt><dd>{move || pay.label(t.get())}</dd></div>
                {row(|t| t.business_notes, c.business.notes.clone())}
            </dl>
            {(!c.sales_policy.is_empty()).then(|| view! {
                <h3>{move || t.get().sec_policy}</h3>
                <p class="prose">{c.sales_policy.clone()}</p>
            })}
            <h3>{move || t.get().sec_position}</h3>
            <dl class="kvs">
                <div class="kv"><dt>{move || t.get().supplier_rank}</dt><dd>{move || rank.label(t.get())}</dd></div>
                {row(|t| t.share_of_wallet, c.position.share_of_wallet.map(|p| format!("{p}%")).unwrap_or_default())}
                {row(|t| t.position_notes, c.position.notes.clone())}
            </dl>
            {(!c.competitors.is_empty()).then(|| view! {
                <h3>{move || t.get().sec_competitors}</h3>
                <dl class="kvs">
                    {c.competitors.iter().map(|cp| view! { <div class="kv"><dt>{cp.name.clone()}</dt><dd>{cp.notes.clone()}</dd></div> }).collect_view()}
                </dl>
            })}
            <h3>{move || t.get().sec_credit}</h3>
            <dl class="kvs">
                <div class="kv">
                    <dt>{move || t.get().credit_limit}</dt>
                    <dd>{move || credit.map_or_else(|| t.get().not_set.to_string(), |m| m.format(lang.get()))}</dd>
                </div>
                <div class="kv">
                    <dt>{move || t.get().dnc}</dt>
                    <dd>{move || match &dnc {
                        None => t.get().no.to_string(),
                        Some(d) => {
                            let channels = if d.channels.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", d.channels.iter().map(|c| c.label(t.get())).collect::<Vec<_>>().join(", "))
                            };
                            format!("{} {}{channels}", t.get().dnc_since, format_date(d.since, lang.get()))
                        }
                    }}</dd>
                </div>
            </dl>
            {(!c.notes.is_empty()).then(|| view! {
                <h3>{move || t.get().notes}</h3>
                <p class="prose">{c.notes.clone()}</p>
            })}
            <p class="muted small">
                {move || format!("{} {} · {} {}", t.get().created, format_date(created, lang.get()), t.get().col_updated, format_datetime(updated, lang.get()))}
            </p>
        </section>
    }
}
