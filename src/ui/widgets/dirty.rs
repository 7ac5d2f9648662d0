//! Forms with unsaved input on a page that reloads when records change: while any is dirty,
//! a change (saved here or announced by another tab) does not rebuild the page under it —
//! that would throw away what the user typed. The page reloads once the forms are saved,
//! reset or closed; a form whose own record changed meanwhile says so (see
//! [`ConflictSlot::watch`](super::conflict::ConflictSlot::watch)).

use leptos::prelude::*;

/// The page's count of dirty forms, and whether a reload waits for them.
#[derive(Clone, Copy)]
pub struct DirtyForms {
    count: RwSignal<usize>,
    held: RwSignal<bool>,
}

impl DirtyForms {
    /// Provides the count to the page's forms.
    pub fn provide() -> Self {
        let d = DirtyForms {
            count: RwSignal::new(0),
            held: RwSignal::new(false),
        };
        provide_context(d);
        d
    }

    /// A signal that follows `source` (a change counter) while no form is dirty, and catches
    /// up once the last dirty form is saved, reset or closed.
    pub fn gate(self, source: RwSignal<u64>) -> RwSignal<u64> {
        let out = RwSignal::new(0u64);
        Effect::new(move |seen: Option<u64>| {
            let now = source.get();
            if seen.is_some_and(|s| s != now) {
                if self.count.get_untracked() == 0 {
                    out.update(|x| *x += 1);
                } else {
                    self.held.set(true);
                }
            }
            now
        });
        Effect::new(move |_| {
            if self.count.get() == 0 && self.held.get_untracked() {
                self.held.set(false);
                out.update(|x| *x += 1);
            }
        });
        out
    }

    /// Counts the calling form as dirty while `dirty` says so (and not once it is gone).
    /// Does nothing on a page without the count. Call it while the form is built.
    pub fn track(dirty: impl Fn() -> bool + Send + Sync + 'static) {
        let Some(d) = use_context::<DirtyForms>() else {
            return;
        };
        let counted = StoredValue::new(false);
        Effect::new(move |_| {
            let now = dirty();
            if now != counted.get_value() {
                counted.set_value(now);
                d.count
                    .update(|c| *c = if now { *c + 1 } else { c.saturating_sub(1) });
            }
        });
        on_cleanup(move || {
            if counted.try_get_value() == Some(true) {
                d.count.try_update(|c| *c = c.saturating_sub(1));
            }
        });
    }
}
