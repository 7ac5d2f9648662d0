//! The quote editor: customer (and deal), currency and whether prices include tax, lines from
//! the price list — each line's price filled in by the pricing rule (the agreement's, else the
//! list price) and saying where it came from — discounts, validity, payment terms; the totals
//! as they will print, the deepest discount against the author's authority, other open quotes
//! to the customer at other prices, and what was quoted to the customer before.

use super::data::{CustomerContext, QuoteSignal, buyer, me, reference};
use super::product_chooser::ProductChooser;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::money::{Currency, Money};
use crate::domain::product::link::last_paid;
use crate::domain::quote::list::{earlier_prices, price_conflicts};
use crate::domain::quote::totals::TaxMode;
use crate::domain::quote::{LineInput, LinePrice, QuoteFields, QuoteInput};
use crate::domain::time::{Timestamp, format_date};
use crate::domain::validate::{Field, FieldError};
use crate::ui::clock;
use crate::ui::insights::state::use_insights;
use crate::ui::routes::Page;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::customer_chooser::CustomerChooser;
use crate::ui::widgets::field::{
    FormErrors, SelectField, TextArea, TextField, bind, error_for, field_id, label, submit_checked,
};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::keys;
use leptos::prelude::*;
use leptos_router::components::A;

/// The editor. `on_save` receives validated fields; `number` and `id` are the quote's own
/// (kept out of the conflicts), none for a new one.
#[component]
pub fn QuoteEditor(
    initial: QuoteInput,
    data: QuoteSignal,
    #[prop(optional)] editing: Option<(Id, String)>,
    #[prop(into)] saving: Signal<bool>,
    on_save: Callback<QuoteFields>,
    on_cancel: Callback<()>,
    #[prop(into, optional)] outer_error: Signal<Option<String>>,
    /// The customer whose quotes and purchases `context` holds: the editor sets it as its
    /// customer changes; the page reads `context` for it (see `use_customer_context`).
    focus: RwSignal<Option<Id>>,
    context: RwSignal<CustomerContext>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let insights = use_insights();
    insights.require();
    let input = RwSignal::new(initial);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let id = |f: Field| field_id("qf", f, None);
    let line_id = |f: Field, i: usize| field_id("qf", f, Some(i));
    let (_, role) = me(ws);
    // The form checked as it stands: what the totals, depth and conflicts are worked from.
    let checked = Memo::new(move |_| {
        let i = input.get();
        data.with(|d| {
            let Some(Ok(d)) = d else {
                return Err(Vec::new());
            };
            let b = i.customer_id.map(|c| buyer(ws, insights, c));
            i.validate(
                |p| d.product(p),
                |p| match &b {
                    Some(b) => reference(p, b, &d.agreements),
                    None => (p.list_price.amount, LinePrice::List),
                },
            )
        })
    });
    let preview = Memo::new(move |_| {
        checked.get().ok().map(|f| {
            let (quote_id, number) = editing.clone().unwrap_or((Id::MIN, String::new()));
            let mut q = f.into_quote(number, None, Timestamp(0));
            q.id = quote_id;
            q
        })
    });
    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        submit_checked(checked.get_untracked(), errors, on_save);
    };
    let (discount, set_discount) = bind(input, |i| i.discount.clone(), |i, v| i.discount = v);
    let (valid, set_valid) = bind(input, |i| i.valid_until.clone(), |i, v| i.valid_until = v);
    let (terms, set_terms) = bind(
        input,
        |i| i.payment_terms.clone(),
        |i, v| i.payment_terms = v,
    );
    let (notes, set_notes) = bind(input, |i| i.notes.clone(), |i, v| i.notes = v);
    // Whether any product is offered in the quote's currency (a notice says where to add one).
    let none_offered = Signal::derive(move || {
        let currency = input.with(|i| i.currency);
        data.with(|d| match d {
            Some(Ok(d)) => !d
                .list
                .products()
                .iter()
                .any(|p| p.active && p.list_price.currency == currency),
            _ => false,
        })
    });
    // The price the rule gives a line's product in the quote's tax mode, where it came from,
    // and its currency.
    let rule = move |product: Option<Id>| -> Option<(rust_decimal::Decimal, LinePrice, Currency)> {
        let product = product?;
        let customer = input.with_untracked(|i| i.customer_id)?;
        data.with(|d| {
            let Some(Ok(d)) = d else { return None };
            let p = d.product(product)?;
            let (price, source) = reference(p, &buyer(ws, insights, customer), &d.agreements);
            let mode = input.with_untracked(|i| i.tax_mode);
            let shown = crate::domain::quote::totals::in_mode(
                price,
                p.tax_rate,
                mode,
                p.list_price.currency,
            );
            Some((shown, source, p.list_price.currency))
        })
    };
    // The hint under a line's product: the price and where it came from.
    let rule_price = move |product: Option<Id>| -> Option<String> {
        let (price, source, currency) = rule(product)?;
        let texts = t.get();
        let from = match source {
            LinePrice::Agreement(_) => texts.quote_price_from_agreement,
            _ => texts.quote_price_from_list,
        };
        Some(format!(
            "{from} {}",
            Money::new(price, currency).format(lang.get())
        ))
    };
    // The same price as a plain number, for the price field's placeholder.
    let rule_amount =
        move |product: Option<Id>| rule(product).map(|(price, _, _)| price.to_string());
    let set_line = move |i: usize, f: fn(&mut LineInput, String), v: String| {
        input.update(|x| {
            if let Some(l) = x.lines.get_mut(i) {
                f(l, v);
            }
        })
    };
    let line_rows = move || {
        let n = input.with(|i| i.lines.len());
        (0..n)
            .map(|i| {
                let value = move |f: fn(&LineInput) -> String| {
                    Signal::derive(move || input.with(|x| x.lines.get(i).map(f).unwrap_or_default()))
                };
                let product = Signal::derive(move || input.with(|x| x.lines.get(i).and_then(|l| l.product_id)));
                let amount = Signal::derive(move || {
                    preview.with(|q| {
                        let q = q.as_ref()?;
                        // The checked quote leaves out blank lines: find this one's place.
                        let filled = input.with(|x| {
                            x.lines.iter().take(i + 1).filter(|l| {
                                l.product_id.is_some() || !l.quantity.trim().is_empty() || !l.unit_price.trim().is_empty()
                            }).count()
                        });
                        let t = q.totals();
                        let lt = t.lines.get(filled.checked_sub(1)?)?;
                        let shown = match q.tax_mode { TaxMode::Exclusive => lt.net, TaxMode::Inclusive => lt.total };
                        Some(Money::new(shown, q.currency).format(lang.get()))
                    })
                });
                let qty = value(|l| l.quantity.clone());
                let price = value(|l| l.unit_price.clone());
                let disc = value(|l| l.discount.clone());
                view! {
                    <tr data-testid="quote-line">
                        <td class="col-product">
                            <label class="sr-only" for=line_id(Field::Product, i)>{move || (t.get().quote_line_n)(i + 1)}</label>
                            <ProductChooser
                                id=line_id(Field::Product, i)
                                data=data
                                value=product
                                currency=Signal::derive(move || input.with(|x| x.currency))
                                invalid=Signal::derive(move || error_for(errors, Field::Product, Some(i)).with(Option::is_some))
                                on_change=Callback::new(move |chosen: Option<Id>| input.update(|x| if let Some(l) = x.lines.get_mut(i) {
                                    l.product_id = chosen;
                                    l.unit_price.clear();
                                    if chosen.is_some() && l.quantity.trim().is_empty() { l.quantity = "1".into(); }
                                }))
                            />
                            <p class="field-msg">{move || error_for(errors, Field::Product, Some(i)).get().or_else(|| rule_price(product.get()))}</p>
                        </td>
                        <td class="num" data-label=move || t.get().quote_quantity>
                            <input class="num-input" data-testid="line-quantity" inputmode="decimal" aria-label=move || t.get().quote_quantity
                                aria-invalid=move || error_for(errors, Field::Quantity, Some(i)).with(Option::is_some).then_some("true")
                                prop:value=move || qty.get() on:input=move |ev| set_line(i, |l, v| l.quantity = v, event_target_value(&ev)) />
                            <p class="field-msg">{move || error_for(errors, Field::Quantity, Some(i)).get()}</p>
                        </td>
                        <td class="num" data-label=move || t.get().quote_unit_price>
                            <input class="num-input" data-testid="line-price" inputmode="decimal" aria-label=move || t.get().quote_unit_price
                                placeholder=move || rule_amount(product.get()).unwrap_or_default()
                                aria-invalid=move || error_for(errors, Field::UnitPrice, Some(i)).with(Option::is_some).then_some("true")
                                prop:value=move || price.get() on:input=move |ev| set_line(i, |l, v| l.unit_price = v, event_target_value(&ev)) />
                            <p class="field-msg">{move || error_for(errors, Field::UnitPrice, Some(i)).get()}</p>
                        </td>
                        <td class="num" data-label=move || t.get().quote_line_discount>
                            <input class="num-input narrow" data-testid="line-discount" inputmode="decimal" aria-label=move || t.get().quote_line_discount
                                aria-invalid=move || error_for(errors, Field::Discount, Some(i)).with(Option::is_some).then_some("true")
                                prop:value=move || disc.get() on:input=move |ev| set_line(i, |l, v| l.discount = v, event_target_value(&ev)) />
                            <p class="field-msg">{move || error_for(errors, Field::Discount, Some(i)).get()}</p>
                        </td>
                        <td class="num line-amount" data-testid="line-amount">{move || amount.get().unwrap_or_else(|| "—".into())}</td>
                        <td>
                            <button type="button" class="btn btn-small btn-ghost" data-testid="remove-line"
                                on:click=move |_| input.update(|x| remove_line(x, i))>
                                <Icon icon=lu::LuX label=t.get_untracked().quote_remove_line.to_string() />
                            </button>
                        </td>
                    </tr>
                }
            })
            .collect_view()
    };
    let customer = Signal::derive(move || input.with(|i| i.customer_id));
    Effect::new(move |_| {
        let c = customer.get();
        if focus.get_untracked() != c {
            focus.set(c);
        }
    });
    // What the customer was quoted and paid: only once their own quotes and purchases are in.
    let earlier = Memo::new(move |_| {
        let c = customer.get();
        context.with(|x| match c {
            Some(c) if x.customer == Some(c) => earlier_prices(&x.quotes, c, clock::today()),
            _ => Vec::new(),
        })
    });
    let paid = Memo::new(move |_| {
        let c = customer.get();
        context.with(|x| {
            if c.is_none() || x.customer != c {
                return Vec::new();
            }
            data.with(|d| match d {
                Some(Ok(d)) => last_paid(&x.purchases, d.list.products()),
                _ => Vec::new(),
            })
        })
    });
    let conflicts = Memo::new(move |_| {
        preview.with(|q| {
            let Some(q) = q else { return Vec::new() };
            context.with(|x| {
                if x.customer != Some(q.customer_id) {
                    return Vec::new();
                }
                price_conflicts(q, &x.quotes, clock::today())
            })
        })
    });
    let names = Memo::new(move |_| ws.member_names());
    let currencies = crate::ui::widgets::field::currency_options();
    let modes = Signal::derive(move || {
        [TaxMode::Inclusive, TaxMode::Exclusive]
            .into_iter()
            .map(|m| (m, m.label(t.get()).to_string()))
            .collect::<Vec<_>>()
    });
    // The customer's open deals, read when the customer changes.
    let open_deals = RwSignal::new(Vec::<(Option<Id>, String)>::new());
    Effect::new(move |_| {
        let c = customer.get();
        let Some(db) = ws.db() else { return };
        leptos::task::spawn_local(async move {
            let found = match c {
                Some(c) => crate::store::opportunities_of(&db, c)
                    .await
                    .unwrap_or_default(),
                None => Vec::new(),
            };
            open_deals.try_set(
                found
                    .into_iter()
                    .filter(|o| o.closing.is_none() && o.deleted_at.is_none())
                    .map(|o| (Some(o.id), o.name))
                    .collect(),
            );
        });
    });
    let deals = Signal::derive(move || {
        let mut o = vec![(None, t.get().quote_no_deal.to_string())];
        o.extend(open_deals.get());
        o
    });

    view! {
        <form
            class="form quote-form"
            novalidate
            data-testid="quote-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev: web_sys::KeyboardEvent| keys::form_keydown(&ev, submit, || on_cancel.run(()))
        >
            <FormErrors errors=errors outer=outer_error />
            <div class="quote-columns">
                <div class="quote-main">
                    <fieldset class="form-section">
                        <div class="grid-2">
                            <CustomerChooser
                                value=customer
                                on_change=Callback::new(move |c| input.update(|i| { i.customer_id = c; i.opportunity_id = None; }))
                                label=label(t, |t| t.quote_customer)
                                error=error_for(errors, Field::Customer, None)
                            />
                            <SelectField id="qf-deal" label=label(t, |t| t.quote_deal) options=deals
                                value=Signal::derive(move || input.with(|i| i.opportunity_id))
                                on_change=Callback::new(move |d| input.update(|i| i.opportunity_id = d)) />
                            <SelectField id="qf-currency" label=label(t, |t| t.quote_currency) options=currencies
                                value=Signal::derive(move || input.with(|i| i.currency))
                                on_change=Callback::new(move |c| input.update(|i| i.currency = c)) />
                            <SelectField id="qf-mode" label=label(t, |t| t.quote_tax_mode) options=modes
                                value=Signal::derive(move || input.with(|i| i.tax_mode))
                                on_change=Callback::new(move |m| input.update(|i| i.tax_mode = m)) />
                        </div>
                    </fieldset>
                    <fieldset class="form-section">
                        <legend>{move || t.get().quote_lines}</legend>
                        {move || none_offered.get().then(|| view! {
                            <p class="notice">{move || t.get().quote_no_products}" "<A href=Page::NewProduct.path()>{move || t.get().product_new}</A></p>
                        })}
                        <p class="field-msg error" id=id(Field::Lines)>{move || error_for(errors, Field::Lines, None).get()}</p>
                        <div class="line-table-wrap">
                            <table class="data-table line-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{move || t.get().quote_product}</th>
                                        <th scope="col" class="num">{move || t.get().quote_quantity}</th>
                                        <th scope="col" class="num">{move || t.get().quote_unit_price}</th>
                                        <th scope="col" class="num">{move || t.get().quote_line_discount}</th>
                                        <th scope="col" class="num">{move || t.get().quote_line_total}</th>
                                        <th scope="col"><span class="sr-only">{move || t.get().actions}</span></th>
                                    </tr>
                                </thead>
                                <tbody>{line_rows}</tbody>
                            </table>
                        </div>
                        <button type="button" class="btn" data-testid="add-line" on:click=move |_| input.update(|i| i.lines.push(LineInput::default()))>
                            <Icon icon=lu::LuPlus />
                            {move || t.get().quote_add_line}
                        </button>
                    </fieldset>
                    <fieldset class="form-section">
                        <div class="grid-2">
                            <TextField id=id(Field::Discount) label=label(t, |t| t.quote_discount) value=discount on_input=set_discount error=error_for(errors, Field::Discount, None) inputmode="decimal" />
                            <TextField id=id(Field::ValidUntil) label=label(t, |t| t.quote_valid_until) value=valid on_input=set_valid error=error_for(errors, Field::ValidUntil, None) kind="date" required=true />
                            <TextField id=id(Field::PaymentTerms) label=label(t, |t| t.quote_payment_terms) value=terms on_input=set_terms error=error_for(errors, Field::PaymentTerms, None) />
                        </div>
                        <TextArea id=id(Field::Notes) label=label(t, |t| t.quote_notes) value=notes on_input=set_notes error=error_for(errors, Field::Notes, None) rows=2 />
                    </fieldset>
                </div>
                <aside class="quote-side">
                    <section class="panel quote-totals" data-testid="quote-totals">
                        {move || preview.get().map(|q| {
                            let texts = t.get();
                            let language = lang.get();
                            let tt = q.totals();
                            let m = |x| Money::new(x, q.currency).format(language);
                            let depth = q.depth();
                            let limit = data.with_untracked(|d| match d { Some(Ok(d)) => d.policy.limit(role), _ => rust_decimal::Decimal::ZERO });
                            view! {
                                <dl class="quote-sums">
                                    <dt>{texts.quote_subtotal}</dt><dd>{m(tt.subtotal)}</dd>
                                    {(!tt.quote_discount.is_zero()).then(|| view! { <dt>{texts.quote_discount_total}</dt><dd>{format!("−{}", m(tt.quote_discount))}</dd> })}
                                    <dt>{texts.quote_net}</dt><dd>{m(tt.net)}</dd>
                                    <dt>{texts.quote_tax}</dt><dd>{m(tt.tax)}</dd>
                                    <dt class="grand">{texts.quote_total}</dt><dd class="grand" data-testid="quote-total">{m(tt.total)}</dd>
                                </dl>
                                {(depth > limit).then(|| view! {
                                    <p class="notice notice-warn" data-testid="depth-warning">{(texts.quote_depth_over)(&depth.round_dp(2).normalize().to_string(), &limit.normalize().to_string())}</p>
                                })}
                                <p class="muted small">{texts.quote_rounding}</p>
                            }
                        })}
                    </section>
                    <Show when=move || conflicts.with(|c| !c.is_empty())>
                        <section class="panel notice-warn" data-testid="quote-conflicts">
                            <h2>{move || t.get().quote_conflict_title}</h2>
                            <ul>
                                {move || {
                                    let texts = t.get();
                                    let language = lang.get();
                                    let currency = input.with(|i| i.currency);
                                    let names = names.get();
                                    conflicts.get().into_iter().map(|c| {
                                        let owner = c.other_owner.and_then(|o| names.get(&o).cloned()).unwrap_or_default();
                                        view! { <li>{(texts.quote_conflict)(&c.product, &Money::new(c.ours, currency).format(language), &c.other_number, &Money::new(c.theirs, currency).format(language), &owner)}</li> }
                                    }).collect_view()
                                }}
                            </ul>
                        </section>
                    </Show>
                    <section class="panel quote-earlier" data-testid="earlier-prices">
                        <h2>{move || t.get().quote_earlier}</h2>
                        {move || {
                            let texts = t.get();
                            let language = lang.get();
                            let names = names.get();
                            let rows = earlier.get();
                            if customer.get().is_none() || rows.is_empty() {
                                return view! { <p class="muted">{texts.quote_earlier_none}</p> }.into_any();
                            }
                            view! {
                                <ul class="earlier-list">
                                    {rows.into_iter().map(|e| {
                                        let owner = e.owner.and_then(|o| names.get(&o).cloned()).unwrap_or_default();
                                        let price = Money::new(e.unit_price, e.currency).format(language);
                                        let disc = (!e.discount.is_zero()).then(|| format!(" −{} %", e.discount.normalize()));
                                        let tax = if e.inclusive { texts.quote_tax_incl_short } else { texts.quote_tax_excl_short };
                                        view! {
                                            <li>
                                                <span class="earlier-product">{e.product}</span>
                                                <span class="earlier-price">{price}{disc}" "<span class="muted">{tax}</span></span>
                                                <span class="cell-sub">
                                                    <A href=Page::Quote(e.quote).path()>{format!("{} v{}", e.number, e.version)}</A>
                                                    " · "{owner}" · "{format_date(clock::local(e.on).date(), language)}" "
                                                    <span class=e.standing.badge()>{e.standing.label(texts)}</span>
                                                </span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <section class="panel quote-paid" data-testid="last-paid">
                        <h2>{move || t.get().quote_last_paid}</h2>
                        {move || {
                            let texts = t.get();
                            let language = lang.get();
                            let rows = paid.get();
                            if rows.is_empty() {
                                return view! { <p class="muted">{texts.quote_last_paid_none}</p> }.into_any();
                            }
                            let names: std::collections::HashMap<Id, String> = data.with_untracked(|d| match d {
                                Some(Ok(d)) => d.list.products().iter().map(|p| (p.id, format!("{} · {}", p.code, p.name(language == Lang::Zh)))).collect(),
                                _ => Default::default(),
                            });
                            view! {
                                <ul class="earlier-list">
                                    {rows.into_iter().map(|e| {
                                        let product = names.get(&e.product_id).cloned().unwrap_or_else(|| e.recorded.clone());
                                        let price = Money::new(e.unit_price, e.currency).format(language);
                                        let order = (!e.order.is_empty()).then(|| format!(" · {}", e.order));
                                        view! {
                                            <li>
                                                <span class="earlier-product">{product}</span>
                                                <span class="earlier-price">{price}</span>
                                                <span class="cell-sub">{(texts.quote_paid_on)(&format_date(e.date, language), &e.quantity.normalize().to_string())}{order}</span>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                </aside>
            </div>
            <div class="form-actions sticky-actions">
                <span class="hint">{move || t.get().save_hint}</span>
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-quote" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().quote_save_draft }}
                </button>
            </div>
        </form>
    }
}

/// Removes line `i`, keeping one (empty) line at least.
fn remove_line(x: &mut QuoteInput, i: usize) {
    if i < x.lines.len() {
        x.lines.remove(i);
    }
    if x.lines.is_empty() {
        x.lines.push(LineInput::default());
    }
}
