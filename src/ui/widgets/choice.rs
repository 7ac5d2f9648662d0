//! A labelled compact `<select>` for a toolbar: the label is read by screen readers and shown
//! as the tooltip; the options are values with their texts.

use leptos::prelude::*;

/// A labelled compact `<select>` of the toolbar.
#[component]
pub fn Choice<T>(
    label: Signal<String>,
    testid: &'static str,
    options: Signal<Vec<(T, String)>>,
    value: Signal<T>,
    on_change: Callback<T>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <label class="filter">
            <span class="sr-only">{move || label.get()}</span>
            <select
                data-testid=testid
                title=move || label.get()
                on:change=move |ev| {
                    let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                    if let Some((v, _)) = options.with(|o| o.get(i).cloned()) {
                        on_change.run(v);
                    }
                }
            >
                {move || {
                    let current = value.get();
                    options.get().into_iter().enumerate().map(|(i, (v, text))| view! {
                        <option value=i.to_string() selected=v == current>{text}</option>
                    }).collect_view()
                }}
            </select>
        </label>
    }
}
