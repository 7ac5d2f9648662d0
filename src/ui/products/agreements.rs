//! The price agreements as a table — whom each is with, what it covers, its terms and dates,
//! whether it is in force today — with the rule that picks among them, a dialog to add or edit
//! one, and the trash. `only` narrows the table to the agreements that name one product (or
//! its category), on the product's page.

use super::agreement_form::{AgreementForm, input_of};
use super::data::{Prices, PricesSignal};
use crate::domain::i18n::Texts;
use crate::domain::id::Id;
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::product::Product;
use crate::domain::product::pricing::{
    AgreementFields, AgreementInput, Party, PriceAgreement, Scope, Terms,
};
use crate::domain::time::{date_input_value, format_date};
use crate::store;
use crate::ui::clock;
use crate::ui::routes::Page;
use crate::ui::state::{Workspace, use_lang, use_texts, use_workspace};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::modal::Modal;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Whom an agreement is with, in words.
fn party(a: &PriceAgreement, ws: Workspace, t: &'static Texts) -> String {
    match a.party {
        Party::Customer(id) => ws
            .index
            .with_untracked(|ix| ix.get(id).map(|s| s.name.clone()))
            .unwrap_or_else(|| t.agreement_gone_customer.to_string()),
        Party::Importance(c) => format!("{} · {}", t.agreement_class, c.label(t)),
        Party::Kind(k) => format!("{} · {}", t.agreement_kind, k.label(t)),
    }
}

/// What an agreement covers, in words.
fn covers(a: &PriceAgreement, p: &Prices, t: &'static Texts) -> String {
    match &a.scope {
        Scope::Product(id) => p
            .product(*id)
            .map(|x| format!("{} · {}", x.code, x.name(Lang::of(t) == Lang::Zh)))
            .unwrap_or_else(|| t.agreement_gone_product.to_string()),
        Scope::Category(c) => format!("{} · {c}", t.agreement_category),
    }
}

/// An agreement's terms, in words.
fn terms(a: &PriceAgreement, lang: Lang, t: &'static Texts) -> String {
    match a.terms {
        Terms::Price(m) => Money::new(m.amount, m.currency).format(lang),
        Terms::Discount(d) => (t.agreement_off)(&d.normalize().to_string()),
    }
}

/// The agreements table with its dialog. `only`: the product whose agreements to show.
#[component]
pub fn AgreementsPanel(
    prices: PricesSignal,
    #[prop(optional)] only: Option<Product>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let only = StoredValue::new(only);
    // The agreement being edited (None inside: a new one); the dialog is open while Some.
    let editing = RwSignal::new(None::<Option<PriceAgreement>>);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let rows = Memo::new(move |_| {
        prices.with(|p| match p {
            Some(Ok(p)) => only.with_value(|only| {
                p.agreements
                    .iter()
                    .filter(|a| only.as_ref().is_none_or(|x| a.covers(x)))
                    .cloned()
                    .collect::<Vec<_>>()
            }),
            _ => Vec::new(),
        })
    });
    let offered = Signal::derive(move || {
        prices.with(|p| match p {
            Some(Ok(p)) => p
                .list
                .products()
                .iter()
                .filter(|x| x.active)
                .cloned()
                .collect(),
            _ => Vec::new(),
        })
    });
    let categories = Signal::derive(move || {
        prices.with(|p| match p {
            Some(Ok(p)) => p.list.categories(),
            _ => Vec::new(),
        })
    });
    let save = Callback::new(move |fields: AgreementFields| {
        let Some(db) = ws.db() else { return };
        let now = clock::now();
        let record = match editing.get_untracked().flatten() {
            Some(mut a) => {
                a.party = fields.party;
                a.scope = fields.scope;
                a.terms = fields.terms;
                a.valid_from = fields.valid_from;
                a.valid_until = fields.valid_until;
                a.notes = fields.notes;
                a.updated_at = now;
                a
            }
            None => fields.into_agreement(now),
        };
        saving.set(true);
        spawn_local(async move {
            match store::save_agreement(&db, &record).await {
                Ok(_) => {
                    ws.changed();
                    toasts.info(t.get_untracked().agreement_saved);
                    editing.set(None);
                }
                Err(e) => error.set(Some(e.message(t.get_untracked()))),
            }
            saving.set(false);
        });
    });
    let trash = move |id: Id| {
        let Some(db) = ws.db() else { return };
        spawn_local(async move {
            match store::set_agreements_trashed(&db, &[id], Some(clock::now())).await {
                Ok(_) => {
                    ws.changed();
                    toasts.info(t.get_untracked().agreement_trashed);
                }
                Err(e) => toasts.error(&e),
            }
        });
    };
    let open_new = move |_| {
        error.set(None);
        editing.set(Some(None));
    };
    view! {
        <div class="agreements" data-testid="agreements">
            <div class="table-head">
                <p class="muted rule-note">{move || t.get().agreements_rule}</p>
                <button class="btn btn-primary" data-testid="new-agreement" on:click=open_new>
                    <Icon icon=lu::LuPlus />
                    {move || t.get().agreement_new}
                </button>
            </div>
            <Show
                when=move || rows.with(|r| !r.is_empty())
                fallback=move || view! {
                    <p class="muted">{move || if only.with_value(Option::is_some) { t.get().product_agreements_none } else { t.get().agreements_empty }}</p>
                }
            >
                <div class="table-scroll">
                    <table class="data-table agreement-table" data-testid="agreement-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || t.get().col_agreement_with}</th>
                                <th scope="col">{move || t.get().col_agreement_covers}</th>
                                <th scope="col" class="num">{move || t.get().col_agreement_terms}</th>
                                <th scope="col">{move || t.get().col_agreement_valid}</th>
                                <th scope="col"><span class="sr-only">{move || t.get().actions}</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let texts = t.get();
                                let language = lang.get();
                                let today = clock::today();
                                prices.with(|p| {
                                    let Some(Ok(p)) = p else { return Vec::new() };
                                    rows.get().into_iter().map(|a| {
                                        let (state, class) = if a.in_force(today) {
                                            (texts.agreement_in_force, "badge badge-ok")
                                        } else if today < a.valid_from {
                                            (texts.agreement_not_yet, "badge")
                                        } else {
                                            (texts.agreement_ended, "badge badge-muted")
                                        };
                                        let from = format_date(a.valid_from, language);
                                        let valid = match a.valid_until {
                                            Some(d) => (texts.agreement_from_to)(&from, &format_date(d, language)),
                                            None => (texts.agreement_since)(&from),
                                        };
                                        let id = a.id;
                                        let customer = match a.party { Party::Customer(c) => Some(c), _ => None };
                                        let who = party(&a, ws, texts);
                                        let note = (!a.notes.is_empty()).then(|| a.notes.clone());
                                        let edit = a.clone();
                                        view! {
                                            <tr data-testid="agreement-row">
                                                <td>
                                                    {match customer {
                                                        Some(c) => view! { <A href=Page::Customer(c).path()>{who}</A> }.into_any(),
                                                        None => who.into_any(),
                                                    }}
                                                    {note.map(|n| view! { <span class="cell-sub">{n}</span> })}
                                                </td>
                                                <td>{covers(&a, p, texts)}</td>
                                                <td class="num">{terms(&a, language, texts)}</td>
                                                <td>{valid}" "<span class=class>{state}</span></td>
                                                <td class="agreement-actions">
                                                    <button class="btn btn-small" data-testid="edit-agreement" on:click=move |_| {
                                                        error.set(None);
                                                        editing.set(Some(Some(edit.clone())));
                                                    }>
                                                        <Icon icon=lu::LuPencil />
                                                        <span class="sr-only">{texts.agreement_edit}</span>
                                                    </button>
                                                    <button class="btn btn-small btn-danger-soft" data-testid="trash-agreement" on:click=move |_| trash(id)>
                                                        <Icon icon=lu::LuTrash2 />
                                                        <span class="sr-only">{texts.product_trash}</span>
                                                    </button>
                                                </td>
                                            </tr>
                                        }
                                    }).collect::<Vec<_>>()
                                })
                            }}
                        </tbody>
                    </table>
                </div>
            </Show>
            <Modal
                open=Signal::derive(move || editing.with(Option::is_some))
                on_close=Callback::new(move |_| editing.set(None))
                title=Signal::derive(move || if editing.with(|e| matches!(e, Some(Some(_)))) { t.get().agreement_edit.to_string() } else { t.get().agreement_new.to_string() })
                class="modal-wide"
            >
                {move || editing.get().map(|e| {
                    let initial = match &e {
                        Some(a) => input_of(a),
                        None => {
                            let mut i = AgreementInput {
                                valid_from: date_input_value(clock::today()),
                                ..AgreementInput::default()
                            };
                            if let Some(p) = only.get_value() {
                                i.product_id = Some(p.id);
                                i.currency = p.list_price.currency;
                            }
                            i
                        }
                    };
                    view! {
                        <AgreementForm
                            initial=initial
                            products=offered
                            categories=categories
                            saving=saving
                            on_save=save
                            on_cancel=Callback::new(move |_| editing.set(None))
                            outer_error=error
                        />
                    }
                })}
            </Modal>
        </div>
    }
}
