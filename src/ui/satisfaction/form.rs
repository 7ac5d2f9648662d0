//! Entering one customer's answers to a survey: a rating per question (twice for expectation
//! and perception surveys), the recommend question, optionally a competitor rated on the same
//! questions, and a note.

use crate::domain::id::Id;
use crate::domain::satisfaction::{RECOMMEND_MAX, ResponseInput, Survey};
use crate::domain::time::date_input_value;
use crate::domain::validate::{Field, FieldError};
use crate::store;
use crate::ui::clock;
use crate::ui::state::{use_texts, use_workspace};
use crate::ui::widgets::field::{SelectField, TextArea, TextField, bind, error_for, label};
use crate::ui::widgets::keys;
use crate::ui::widgets::toast::use_toasts;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A `<select>` of whole-number ratings `lo`–`hi`, empty meaning not answered.
#[component]
pub fn RatingSelect(
    #[prop(into)] id: String,
    /// Accessible name.
    #[prop(into)]
    label: Signal<String>,
    lo: u8,
    hi: u8,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into, optional)] error: Signal<Option<String>>,
) -> impl IntoView {
    let t = use_texts();
    let message_id = format!("{id}-msg");
    let described = message_id.clone();
    view! {
        <span class="rating">
            <select
                id=id
                class="rating-select"
                aria-label=move || label.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=move || value.get()
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                <option value="">{move || t.get().no_answer}</option>
                {(lo..=hi).map(|v| view! { <option value=v.to_string()>{v}</option> }).collect_view()}
            </select>
            <span id=message_id class="rating-msg" role="alert">{move || error.get()}</span>
        </span>
    }
}

/// The response form for `customer_id`; `surveys` is not empty.
#[component]
pub fn ResponseForm(
    customer_id: Id,
    surveys: Vec<Survey>,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let t = use_texts();
    let ws = use_workspace();
    let toasts = use_toasts();
    let surveys = StoredValue::new(surveys);
    // The newest survey is the one most likely being run.
    let chosen = RwSignal::new(surveys.with_value(|s| s.last().map(|s| s.id)));
    let survey = Memo::new(move |_| {
        let id = chosen.get();
        surveys.with_value(|all| all.iter().find(|s| Some(s.id) == id).cloned())
    });
    let fresh = move |s: &Survey| ResponseInput {
        date: date_input_value(clock::today()),
        ..ResponseInput::for_survey(s)
    };
    let input = RwSignal::new(survey.with_untracked(|s| s.as_ref().map(fresh).unwrap_or_default()));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);

    let submit = move || {
        if saving.get_untracked() {
            return;
        }
        let (Some(db), Some(s)) = (ws.db(), survey.get_untracked()) else {
            return;
        };
        match input
            .get_untracked()
            .validate(&s, customer_id, clock::today(), clock::now())
        {
            Err(e) => errors.set(e),
            Ok(response) => {
                errors.set(Vec::new());
                saving.set(true);
                spawn_local(async move {
                    match store::save_response(&db, &response).await {
                        Ok(()) => {
                            ws.changed();
                            toasts.info(t.get_untracked().response_saved);
                            on_done.run(());
                        }
                        Err(e) => toasts.error(&e),
                    }
                    saving.try_set(false);
                });
            }
        }
    };

    let (date, set_date) = bind(input, |i| i.date.clone(), |i, v| i.date = v);
    let (competitor, set_competitor) =
        bind(input, |i| i.competitor.clone(), |i, v| i.competitor = v);
    let (note, set_note) = bind(input, |i| i.note.clone(), |i, v| i.note = v);
    let survey_options = Signal::derive(move || {
        surveys.with_value(|all| {
            all.iter()
                .map(|s| (Some(s.id), s.name.clone()))
                .collect::<Vec<_>>()
        })
    });

    let questions = move || {
        let Some(s) = survey.get() else {
            return ().into_any();
        };
        let t = t.get();
        let (lo, hi) = (s.scale.min(), s.scale.max());
        let paired = s.paired();
        let rows = s.items.iter().enumerate().map(|(i, item)| {
            let q = item.text.clone();
            let q2 = q.clone();
            let q3 = q.clone();
            let expectation = paired.then(|| view! {
                <RatingSelect
                    id=format!("rs-e-{i}")
                    label=Signal::derive(move || format!("{q2}: {}", t.col_expectation))
                    lo=lo hi=hi
                    value=Signal::derive(move || input.with(|x| x.expectation.get(i).cloned().unwrap_or_default()))
                    on_change=Callback::new(move |v| input.update(|x| if let Some(c) = x.expectation.get_mut(i) { *c = v }))
                    error=error_for(errors, Field::Expectation, Some(i))
                />
            });
            view! {
                <tr data-testid="question-row">
                    <th scope="row">{item.text.clone()}<span class="muted small block">{item.factor.label(t)}</span></th>
                    {paired.then(|| view! { <td>{expectation}</td> })}
                    <td>
                        <RatingSelect
                            id=format!("rs-p-{i}")
                            label=Signal::derive(move || format!("{q}: {}", t.col_perception))
                            lo=lo hi=hi
                            value=Signal::derive(move || input.with(|x| x.perception.get(i).cloned().unwrap_or_default()))
                            on_change=Callback::new(move |v| input.update(|x| if let Some(c) = x.perception.get_mut(i) { *c = v }))
                            error=error_for(errors, Field::Perception, Some(i))
                        />
                    </td>
                    <td class="competitor-cell">
                        <RatingSelect
                            id=format!("rs-c-{i}")
                            label=Signal::derive(move || format!("{q3}: {}", t.col_theirs))
                            lo=lo hi=hi
                            value=Signal::derive(move || input.with(|x| x.competitor_scores.get(i).cloned().unwrap_or_default()))
                            on_change=Callback::new(move |v| input.update(|x| if let Some(c) = x.competitor_scores.get_mut(i) { *c = v }))
                            error=error_for(errors, Field::CompetitorScore, Some(i))
                        />
                    </td>
                </tr>
            }
        }).collect_view();
        let recommend = s.recommend.then(|| {
            view! {
                <div class="field">
                    <label for="rs-recommend">{t.recommend_question}</label>
                    <RatingSelect
                        id="rs-recommend"
                        label=Signal::derive(move || t.recommend_question.to_string())
                        lo=0 hi=RECOMMEND_MAX
                        value=Signal::derive(move || input.with(|x| x.recommend.clone()))
                        on_change=Callback::new(move |v| input.update(|x| x.recommend = v))
                        error=error_for(errors, Field::Recommend, None)
                    />
                </div>
            }
        });
        let has_items = !s.items.is_empty();
        view! {
            {recommend}
            {has_items.then(|| view! {
                <div class="table-scroll">
                    <table class="data-table rating-table">
                        <thead>
                            <tr>
                                <th scope="col">{t.col_question}</th>
                                {paired.then(|| view! { <th scope="col">{t.col_expectation}</th> })}
                                <th scope="col">{if paired { t.col_perception } else { t.survey_scale }}</th>
                                <th scope="col" class="competitor-cell">{t.col_theirs}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p class="rating-msg" role="alert">{move || error_for(errors, Field::Perception, None).get()}</p>
            })}
        }
        .into_any()
    };

    view! {
        <form
            class="form response-form"
            novalidate
            data-testid="response-form"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
            on:keydown=move |ev| {
                if keys::is_escape(&ev) {
                    ev.prevent_default();
                    on_cancel.run(());
                }
            }
        >
            <div class="grid-2">
                <SelectField
                    id="rs-survey"
                    label=label(t, |t| t.survey_label)
                    options=survey_options
                    value=Signal::derive(move || chosen.get())
                    on_change=Callback::new(move |id| {
                        chosen.set(id);
                        errors.set(Vec::new());
                        if let Some(s) = survey.get_untracked() {
                            input.set(fresh(&s));
                        }
                    })
                />
                <TextField id="rs-date" kind="date" label=label(t, |t| t.date) value=date on_input=set_date error=error_for(errors, Field::Date, None) required=true />
            </div>
            {questions}
            <TextField
                id="rs-competitor"
                label=label(t, |t| t.competitor_optional)
                value=competitor
                on_input=set_competitor
                error=error_for(errors, Field::Competitor, None)
            />
            <p class="rating-msg" role="alert">{move || error_for(errors, Field::CompetitorScore, None).get()}</p>
            <TextArea id="rs-note" label=label(t, |t| t.notes) value=note on_input=set_note error=error_for(errors, Field::Notes, None) rows=2 />
            <div class="form-actions">
                <button type="button" class="btn" on:click=move |_| on_cancel.run(())>{move || t.get().cancel}</button>
                <button type="submit" class="btn btn-primary" data-testid="save-response" disabled=move || saving.get()>
                    {move || if saving.get() { t.get().saving } else { t.get().save }}
                </button>
            </div>
        </form>
    }
}
