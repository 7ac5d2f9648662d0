//! Labelled form fields that show their validation message and link it for screen readers.

use crate::domain::i18n::Texts;
use crate::domain::validate::{Field, FieldError};
use crate::ui::state::use_texts;
use leptos::prelude::*;

/// The message for `field` (entry `index` of a list field) among `errors`, translated.
pub fn error_for(
    errors: RwSignal<Vec<FieldError>>,
    field: Field,
    index: Option<usize>,
) -> Signal<Option<String>> {
    let t = use_texts();
    Signal::derive(move || {
        errors.with(|es| {
            es.iter()
                .find(|e| e.field == field && e.index == index)
                .map(|e| e.problem.message(t.get()))
        })
    })
}

/// A unique DOM id for a field, so labels and messages can point at it.
pub fn field_id(prefix: &str, field: Field, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("{prefix}-{field:?}-{i}").to_lowercase(),
        None => format!("{prefix}-{field:?}").to_lowercase(),
    }
}

/// A text input with label and error message.
#[component]
pub fn TextField(
    /// DOM id.
    #[prop(into)]
    id: String,
    /// Label text.
    #[prop(into)]
    label: Signal<String>,
    /// Current value.
    #[prop(into)]
    value: Signal<String>,
    /// Called with every edit.
    on_input: Callback<String>,
    /// Error message, if any.
    #[prop(into, optional)]
    error: Signal<Option<String>>,
    /// `text`, `email`, `tel`, `date`, `datetime-local`...
    #[prop(optional)]
    kind: Option<&'static str>,
    /// Placeholder.
    #[prop(into, optional)]
    placeholder: Signal<String>,
    /// Hint under the field.
    #[prop(into, optional)]
    hint: Signal<String>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
    /// `inputmode` for phone keyboards (`decimal`, `tel`, `email`).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// Value for `autocomplete`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Extra class on the wrapper.
    #[prop(optional)]
    class: &'static str,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let message_id = format!("{id}-msg");
    let described = message_id.clone();
    view! {
        <div class=format!("field {class}") class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            <input
                id=id.clone()
                type=kind.unwrap_or("text")
                prop:value=move || value.get()
                placeholder=move || placeholder.get()
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described.clone()
                inputmode=inputmode
                autocomplete=autocomplete.unwrap_or("off")
                list=list
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <p class="field-msg" id=message_id>
                {move || match error.get() {
                    Some(e) => e,
                    None => hint.get(),
                }}
            </p>
        </div>
    }
}

/// A multi-line text input with label and error message.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
    #[prop(into, optional)] placeholder: Signal<String>,
    #[prop(optional)] rows: Option<u32>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    let message_id = format!("{id}-msg");
    let described = message_id.clone();
    view! {
        <div class=format!("field {class}") class:field-invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>{move || label.get()}</label>
            <textarea
                id=id.clone()
                rows=rows.unwrap_or(3)
                prop:value=move || value.get()
                placeholder=move || placeholder.get()
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
            <p class="field-msg" id=message_id>{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}

/// A `<select>` over a fixed set of values with translated labels.
#[component]
pub fn SelectField<T>(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<String>,
    /// The options: value and its label.
    #[prop(into)]
    options: Signal<Vec<(T, String)>>,
    #[prop(into)] value: Signal<T>,
    on_change: Callback<T>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class=format!("field {class}")>
            <label for=id.clone()>{move || label.get()}</label>
            <select
                id=id.clone()
                on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    if let Some((v, _)) = options.with(|o| o.get(i).cloned()) {
                        on_change.run(v);
                    }
                }
            >
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(i, (v, label))| {
                            view! { <option value=i.to_string() selected=v == current>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p class="field-msg"></p>
        </div>
    }
}

/// A two-way binding of one text field of a form's input struct.
pub fn bind<T: Send + Sync + 'static>(
    input: RwSignal<T>,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || input.with(get)),
        Callback::new(move |v: String| input.update(|i| set(i, v))),
    )
}

/// The currencies as a select's options, by their codes.
pub fn currency_options() -> Signal<Vec<(crate::domain::money::Currency, String)>> {
    Signal::derive(|| {
        crate::domain::money::Currency::ALL
            .into_iter()
            .map(|c| (c, c.code().to_string()))
            .collect()
    })
}

/// A label that follows the language.
pub fn label(t: Signal<&'static Texts>, f: fn(&'static Texts) -> &'static str) -> Signal<String> {
    Signal::derive(move || f(t.get()).to_string())
}

/// The top of a form: a problem from outside it (the store refused), and the list of what is
/// wrong with its fields while any is.
#[component]
pub fn FormErrors(
    errors: RwSignal<Vec<FieldError>>,
    #[prop(into)] outer: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        {move || outer.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
        <Show when=move || errors.with(|e| !e.is_empty())>
            <div class="form-error" role="alert" data-testid="form-errors">
                <p>{move || t.get().form_fix_errors}</p>
                <ul>
                    {move || errors.get().into_iter().map(|e| view! { <li>{e.message(t.get())}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}

/// Hands a form's checked input on: valid fields to `on_save` (the errors cleared), problems
/// to their fields, with the focus on the first invalid one.
pub fn submit_checked<F: 'static>(
    checked: Result<F, Vec<FieldError>>,
    errors: RwSignal<Vec<FieldError>>,
    on_save: Callback<F>,
) {
    match checked {
        Ok(fields) => {
            errors.set(Vec::new());
            on_save.run(fields);
        }
        Err(e) => {
            errors.set(e);
            crate::ui::widgets::keys::focus_first_invalid();
        }
    }
}
