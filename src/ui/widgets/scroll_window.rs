//! The scrolling box of a virtualised list (the customer list, a segment's results): where it
//! is scrolled to and how tall it is, followed on mount, on scroll and on window resizes, so
//! only the rows in view (`domain::list::visible_range`) are rendered.

use crate::domain::list::visible_range;
use leptos::html;
use leptos::prelude::*;
use std::ops::Range;

/// One virtualised list's scrolling box.
#[derive(Clone, Copy)]
pub struct ScrollWindow {
    /// The box (`node_ref` on the scrolling element).
    pub node: NodeRef<html::Div>,
    top: RwSignal<f64>,
    viewport: RwSignal<f64>,
}

impl ScrollWindow {
    /// Follows the box's height from its mount, and again on every window resize, when `also`
    /// runs too (for what else depends on the window's size).
    pub fn new(initial_height: f64, also: impl Fn() + Copy + Send + Sync + 'static) -> Self {
        let w = ScrollWindow {
            node: NodeRef::new(),
            top: RwSignal::new(0.0),
            viewport: RwSignal::new(initial_height),
        };
        let measure = move || {
            if let Some(el) = w.node.get_untracked() {
                w.viewport.set(f64::from(el.client_height().max(200)));
            }
            also();
        };
        Effect::new(move |_| {
            if w.node.get().is_some() {
                measure();
            }
        });
        let resize = window_event_listener(leptos::ev::resize, move |_| measure());
        on_cleanup(move || resize.remove());
        w
    }

    /// For the box's `on:scroll`.
    pub fn on_scroll(self, ev: leptos::ev::Event) {
        let el = event_target::<web_sys::Element>(&ev);
        self.top.set(f64::from(el.scroll_top()));
    }

    /// Back to the top (a new query, another segment). Nothing when already there (as known
    /// from the last scroll event): setting the box's scroll position makes the browser lay
    /// out the page at once, in the middle of the update, which costs a keystroke several
    /// milliseconds.
    pub fn to_top(self) {
        if self.top.get_untracked() == 0.0 {
            return;
        }
        if let Some(el) = self.node.get_untracked() {
            el.set_scroll_top(0);
        }
        self.top.set(0.0);
    }

    /// The positions to render of `len` rows of `row_height` pixels (tracks the scroll and
    /// the box's height).
    pub fn range(self, row_height: f64, len: usize) -> Range<usize> {
        visible_range(self.top.get(), self.viewport.get(), row_height, len)
    }
}
