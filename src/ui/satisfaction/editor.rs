//! Creating a survey from a template, and editing one: its name, type and scale (fixed once it
//! has responses), the recommend question, and its questions with factor and importance.

use crate::domain::satisfaction::{Factor, Item, MAX_WEIGHT, Scale, Survey, SurveyKind, Template};
use crate::domain::validate::{Field, FieldError};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_lang, use_texts, use_workspace};
use crate::ui::widgets::confirm::Confirm;
use crate::ui::widgets::field::{SelectField, TextField, error_for, label};
use crate::ui::widgets::icon::{Icon, lu};
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The "new survey" form: a template and a name. Calls `on_done` with the new survey's id.
#[component]
pub fn NewSurvey(
    on_done: Callback<crate::domain::id::Id>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let ws = use_workspace();
    let toasts = use_toasts();
    let template = RwSignal::new(Template::Csat);
    let name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let submit = move || {
        let Some(db) = ws.db() else { return };
        if saving.get_untracked() {
            return;
        }
        let mut s = template
            .get_untracked()
            .build(lang.get_untracked(), clock::now());
        let typed = name.get_untracked();
        if !typed.trim().is_empty() {
            s.name = typed.trim().to_string();
        }
        if let Err(e) = s.validate() {
            errors.set(e);
            return;
        }
        saving.set(true);
        spawn_local(async move {
            match store::save_survey(&db, &s).await {
                Ok(_) => {
                    ws.changed();
                    toasts.info(t.get_untracked().survey_created);
                    on_done.run(s.id);
                }
                Err(e) => toasts.error(&e),
            }
            saving.try_set(false);
        });
    };
    view! {
        <form class="form" novalidate data-testid="new-survey-form" on:submit=move |ev| { ev.prevent_default(); submit(); }>
            <fieldset class="choice-list">
                <legend>{move || t.get().survey_template}</legend>
                {Template::ALL.into_iter().map(|tp| view! {
                    <label class="choice">
                        <input
                            type="radio"
                            name="survey-template"
                            value=tp.as_str()
                            prop:checked=move || template.get() == tp
                            on:change=move |_| template.set(tp)
                        />
                        <span>{move || tp.label(t.get())}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <TextField
                id="ns-name"
                label=label(t, |t| t.survey_name)
                value=Signal::derive(move || name.get())
                on_input=Callback::new(move |v| name.set(v))
                placeholder=Signal::derive(move || template.get().build(lang.get(), clock::now()).name)
                error=error_for(errors, Field::Name, None)
            />
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="create-survey" disabled=move || saving.get()>{move || t.get().survey_create}</button>
            </div>
        </form>
    }
}

/// Editing a survey. `responses` is how many it has (fixing its type and scale).
#[component]
pub fn SurveyEditor(survey: Survey, responses: usize) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let draft = RwSignal::new(survey);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let deleting = RwSignal::new(None::<String>);
    let locked = responses > 0;
    let save = move || {
        let Some(db) = ws.db() else { return };
        if saving.get_untracked() {
            return;
        }
        let mut s = draft.get_untracked();
        s.name = s.name.trim().to_string();
        for i in &mut s.items {
            i.text = i.text.trim().to_string();
        }
        s.updated_at = clock::now();
        if let Err(e) = s.validate() {
            errors.set(e);
            return;
        }
        errors.set(Vec::new());
        saving.set(true);
        spawn_local(async move {
            match store::save_survey(&db, &s).await {
                Ok(written) => {
                    // The next save goes on from this revision.
                    draft.update(|d| d.rev = written.rev);
                    ws.changed();
                    toasts.info(t.get_untracked().survey_saved);
                }
                Err(crate::domain::error::AppError::Invalid(e)) => errors.set(e),
                Err(e) => toasts.error(&e),
            }
            saving.try_set(false);
        });
    };
    let delete = Callback::new(move |_| {
        let Some(db) = ws.db() else { return };
        let id = draft.with_untracked(|s| s.id);
        spawn_local(async move {
            match store::delete_survey(&db, id).await {
                Ok(n) => {
                    ws.changed();
                    toasts.info((t.get_untracked().survey_deleted)(n));
                }
                Err(e) => toasts.error(&e),
            }
        });
    });
    let items = move || {
        let t = t.get();
        let n = draft.with(|s| s.items.len());
        (0..n)
            .map(|i| {
                let text = Signal::derive(move || draft.with(|s| s.items.get(i).map(|x| x.text.clone()).unwrap_or_default()));
                view! {
                    <li class="question-edit" data-testid="question-edit">
                        <span class="question-number">{format!("P{}", i + 1)}</span>
                        <TextField
                            id=format!("se-q-{i}")
                            label=Signal::derive(move || format!("{} {}", t.question_text, i + 1))
                            value=text
                            on_input=Callback::new(move |v| draft.update(|s| if let Some(x) = s.items.get_mut(i) { x.text = v }))
                            error=error_for(errors, Field::Questions, Some(i))
                        />
                        <SelectField
                            id=format!("se-f-{i}")
                            label=Signal::derive(move || t.col_factor.to_string())
                            options=Signal::derive(move || Factor::ALL.into_iter().map(|f| (f, f.label(t).to_string())).collect())
                            value=Signal::derive(move || draft.with(|s| s.items.get(i).map_or(Factor::Product, |x| x.factor)))
                            on_change=Callback::new(move |f| draft.update(|s| if let Some(x) = s.items.get_mut(i) { x.factor = f }))
                        />
                        <SelectField
                            id=format!("se-w-{i}")
                            label=Signal::derive(move || t.col_importance_weight.to_string())
                            options=Signal::derive(move || (1..=MAX_WEIGHT).map(|w| (w, w.to_string())).collect())
                            value=Signal::derive(move || draft.with(|s| s.items.get(i).map_or(3, |x| x.weight)))
                            on_change=Callback::new(move |w| draft.update(|s| if let Some(x) = s.items.get_mut(i) { x.weight = w }))
                        />
                        <button
                            type="button"
                            class="btn btn-small btn-ghost"
                            aria-label=format!("{} {}", t.remove, i + 1)
                            on:click=move |_| draft.update(|s| { if i < s.items.len() { s.items.remove(i); } })
                        >
                            <Icon icon=lu::LuX />
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <form class="form survey-editor" novalidate data-testid="survey-editor" on:submit=move |ev| { ev.prevent_default(); save(); }>
            <div class="grid-3">
                <TextField
                    id="se-name"
                    label=label(t, |t| t.survey_name)
                    value=Signal::derive(move || draft.with(|s| s.name.clone()))
                    on_input=Callback::new(move |v| draft.update(|s| s.name = v))
                    error=error_for(errors, Field::Name, None)
                    required=true
                />
                {if locked {
                    view! {
                        <div class="field">
                            <span class="field-label">{move || t.get().survey_kind}" · "{move || t.get().survey_scale}</span>
                            <span>{move || draft.with(|s| format!("{} · {}", s.kind.label(t.get()), s.scale.label(t.get())))}</span>
                            <span class="hint">{move || t.get().survey_locked}</span>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <SelectField
                            id="se-kind"
                            label=label(t, |t| t.survey_kind)
                            options=Signal::derive(move || SurveyKind::ALL.into_iter().map(|k| (k, k.label(t.get()).to_string())).collect())
                            value=Signal::derive(move || draft.with(|s| s.kind))
                            on_change=Callback::new(move |k| draft.update(|s| s.kind = k))
                        />
                        <SelectField
                            id="se-scale"
                            label=label(t, |t| t.survey_scale)
                            options=Signal::derive(move || Scale::ALL.into_iter().map(|k| (k, k.label(t.get()).to_string())).collect())
                            value=Signal::derive(move || draft.with(|s| s.scale))
                            on_change=Callback::new(move |k| draft.update(|s| s.scale = k))
                        />
                    }.into_any()
                }}
            </div>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|s| s.recommend)
                    on:change=move |ev| draft.update(|s| s.recommend = event_target_checked(&ev))
                />
                {move || t.get().ask_recommend}
            </label>
            <ol class="question-list">{items}</ol>
            <p class="rating-msg" role="alert">{move || error_for(errors, Field::Questions, None).get()}</p>
            <div class="form-actions">
                <button
                    type="button"
                    class="btn"
                    data-testid="add-question"
                    on:click=move |_| draft.update(|s| {
                        let key = s.next_key();
                        s.items.push(Item { key, text: String::new(), factor: Factor::Product, weight: 3 });
                    })
                >
                    <Icon icon=lu::LuPlus />
                    {move || t.get().add_question}
                </button>
                <span class="spacer"></span>
                <button
                    type="button"
                    class="btn btn-danger"
                    data-testid="delete-survey"
                    on:click=move |_| deleting.set(Some((t.get_untracked().survey_delete_confirm)(responses)))
                >
                    {move || t.get().survey_delete}
                </button>
                <button type="submit" class="btn btn-primary" data-testid="save-survey" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
            <Confirm question=deleting confirm_label=Signal::derive(move || t.get().delete.to_string()) on_confirm=delete />
        </form>
    }
}
