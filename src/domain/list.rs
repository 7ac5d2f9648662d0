//! The in-memory customer index behind the list: every summary with its precomputed search
//! and sort keys, and the filter/sort query the list screen, the command palette and bulk
//! actions share.
//!
//! Queries return row positions (`u32`), never clones of summaries, so a keystroke over
//! 100,000 customers costs a scan of precomputed lowercase keys and an integer sort.

use crate::domain::customer::CustomerKind;
use crate::domain::id::{Id, IdMap};
use crate::domain::money::Currency;
use crate::domain::search::{KeyBuilder, KeyMasks, Query};
use crate::domain::summary::CustomerSummary;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

/// Which customers a query looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Scope {
    /// Customers not in the trash.
    #[default]
    Active,
    /// Customers in the trash.
    Trash,
}

/// Filter on the account owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum OwnerFilter {
    /// Anyone or no one.
    #[default]
    Any,
    /// No owner assigned.
    Unassigned,
    /// Owned by this member.
    Member(Id),
}

/// Filter on the do-not-contact flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum ContactFilter {
    /// All customers.
    #[default]
    Any,
    /// Only those who asked not to be contacted.
    DoNotContact,
    /// Only those we may contact.
    Contactable,
}

/// Filter on the customer's open quotes (see [`crate::domain::quote::Quote::is_open`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum QuoteFilter {
    /// All customers.
    #[default]
    Any,
    /// Only those with a quote open on the query's day.
    Open,
    /// Only those without one.
    NoneOpen,
}

/// The columns the list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum SortKey {
    /// By relevance to the search text, then most recently updated.
    #[default]
    Relevance,
    /// By name (Chinese names in pinyin order).
    Name,
    /// By relationship kind.
    Kind,
    /// By owner name.
    Owner,
    /// By lifetime revenue (yuan first, then other currencies).
    Revenue,
    /// By last purchase date.
    LastPurchase,
    /// By last change.
    Updated,
}

impl SortKey {
    /// Every key.
    pub const ALL: [SortKey; 7] = [
        SortKey::Relevance,
        SortKey::Name,
        SortKey::Kind,
        SortKey::Owner,
        SortKey::Revenue,
        SortKey::LastPurchase,
        SortKey::Updated,
    ];
    /// A stable short name for URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Relevance => "relevance",
            SortKey::Name => "name",
            SortKey::Kind => "kind",
            SortKey::Owner => "owner",
            SortKey::Revenue => "revenue",
            SortKey::LastPurchase => "last_purchase",
            SortKey::Updated => "updated",
        }
    }
    /// Parses [`SortKey::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
    /// Whether a click on the column first sorts descending (numbers and dates: biggest and
    /// newest first).
    pub fn descending_first(self) -> bool {
        matches!(
            self,
            SortKey::Revenue | SortKey::LastPurchase | SortKey::Updated
        )
    }
}

/// A list query: search text, filters and order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ListQuery {
    pub scope: Scope,
    pub text: String,
    pub kind: Option<CustomerKind>,
    pub owner: OwnerFilter,
    pub tag: Option<String>,
    pub contact: ContactFilter,
    pub quote: QuoteFilter,
    /// The day open quotes are judged on (days since 1970-01-01): today, set by the page
    /// from the clock (not part of the URL).
    pub day: i32,
    pub sort: SortKey,
    pub descending: bool,
}

impl ListQuery {
    /// The query from URL parameters (`q`, `kind`, `owner`, `tag`, `contact`, `quote`,
    /// `sort`, `dir`).
    /// Unknown values are ignored, so an edited or outdated link still opens the list.
    pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = ListQuery::default();
        for (key, value) in params {
            match key {
                "q" => q.text = value.to_string(),
                "kind" => q.kind = CustomerKind::parse(value),
                "owner" => {
                    q.owner = match value {
                        "none" => OwnerFilter::Unassigned,
                        id => id.parse().map(OwnerFilter::Member).unwrap_or_default(),
                    }
                }
                "tag" if !value.is_empty() => q.tag = Some(value.to_string()),
                "contact" => {
                    q.contact = match value {
                        "dnc" => ContactFilter::DoNotContact,
                        "ok" => ContactFilter::Contactable,
                        _ => ContactFilter::Any,
                    }
                }
                "quote" => {
                    q.quote = match value {
                        "open" => QuoteFilter::Open,
                        "none" => QuoteFilter::NoneOpen,
                        _ => QuoteFilter::Any,
                    }
                }
                "sort" => q.sort = SortKey::parse(value).unwrap_or_default(),
                "dir" => q.descending = value == "desc",
                _ => {}
            }
        }
        q
    }

    /// The URL parameters of the query (defaults left out), the inverse of
    /// [`ListQuery::from_params`]. The scope is a page of its own and is not included.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.text.is_empty() {
            out.push(("q", self.text.clone()));
        }
        if let Some(k) = self.kind {
            out.push(("kind", k.as_str().to_string()));
        }
        match self.owner {
            OwnerFilter::Any => {}
            OwnerFilter::Unassigned => out.push(("owner", "none".into())),
            OwnerFilter::Member(id) => out.push(("owner", id.to_string())),
        }
        if let Some(t) = &self.tag {
            out.push(("tag", t.clone()));
        }
        match self.contact {
            ContactFilter::Any => {}
            ContactFilter::DoNotContact => out.push(("contact", "dnc".into())),
            ContactFilter::Contactable => out.push(("contact", "ok".into())),
        }
        match self.quote {
            QuoteFilter::Any => {}
            QuoteFilter::Open => out.push(("quote", "open".into())),
            QuoteFilter::NoneOpen => out.push(("quote", "none".into())),
        }
        if self.sort != SortKey::Relevance {
            out.push(("sort", self.sort.as_str().into()));
            if self.descending {
                out.push(("dir", "desc".into()));
            }
        }
        out
    }

    /// Whether any filter (not the order) is set.
    pub fn is_filtered(&self) -> bool {
        !self.text.trim().is_empty()
            || self.kind.is_some()
            || self.owner != OwnerFilter::Any
            || self.tag.is_some()
            || self.contact != ContactFilter::Any
            || self.quote != QuoteFilter::Any
    }
}

/// Every customer summary with its search and sort keys.
///
/// Queries never sort on the fly: for each sortable column an order of all rows is computed on
/// first use (and again after a change), and a query walks that order keeping the rows that
/// pass its filters, so a filter change costs one pass over the rows.
#[derive(Default)]
pub struct CustomerIndex {
    rows: Vec<CustomerSummary>,
    /// Whether each row is in the trash: every query checks it, and reading it here instead
    /// of from the summary saves a cache miss per row.
    trashed: Vec<bool>,
    /// The search keys of the rows, built on first use (or by [`CustomerIndex::warm`] once
    /// the list is on screen): start-up shows the list without converting 100,000 names to
    /// pinyin first.
    search: OnceCell<SearchKeys>,
    /// Search keys built so far by [`CustomerIndex::warm_step`], for the first rows; the
    /// first search finishes them. Dropped on any change to the rows.
    partial: RefCell<Option<SearchKeys>>,
    by_id: IdMap<u32>,
    /// All rows in ascending order of each sortable column, computed on first use.
    orders: [OnceCell<Vec<u32>>; ORDERED_KEYS],
    /// The last query answered and its result. Typing extends the search text, and a longer
    /// text can only match fewer rows, so the next query checks only the rows of this result
    /// (see [`ListQuery::narrows`]). Forgotten on every change to the rows.
    last: RefCell<Option<(ListQuery, Vec<u32>)>>,
}

/// Columns with a cached order (every [`SortKey`] except owner, whose names live elsewhere).
const ORDERED_KEYS: usize = 5;

fn order_slot(key: SortKey) -> Option<usize> {
    match key {
        SortKey::Name => Some(0),
        SortKey::Kind => Some(1),
        SortKey::Revenue => Some(2),
        SortKey::LastPurchase => Some(3),
        // Relevance falls back to the most recently updated first.
        SortKey::Updated | SortKey::Relevance => Some(4),
        SortKey::Owner => None,
    }
}

/// The search keys of all rows, by position.
#[derive(Default)]
struct SearchKeys {
    /// Lowercase search key of each row (names with pinyin, phones, e-mails, WeChat).
    keys: Vec<Box<str>>,
    /// Length of the part of each key that belongs to the customer's own name (for ranking).
    name_ends: Vec<u32>,
    /// Where in each key the name's sort form (full pinyin, or the lowercased name) lies.
    sort_names: Vec<(u32, u32)>,
    /// Which characters each key holds, and which begin a name part.
    masks: Vec<KeyMasks>,
}

impl SearchKeys {
    fn with_capacity(rows: usize) -> Self {
        SearchKeys {
            keys: Vec::with_capacity(rows),
            name_ends: Vec::with_capacity(rows),
            sort_names: Vec::with_capacity(rows),
            masks: Vec::with_capacity(rows),
        }
    }

    fn push(&mut self, k: RowKeys) {
        self.keys.push(k.key);
        self.name_ends.push(k.name_end);
        self.sort_names.push(k.sort_name);
        self.masks.push(k.masks);
    }

    fn set(&mut self, i: usize, k: RowKeys) {
        self.keys[i] = k.key;
        self.name_ends[i] = k.name_end;
        self.sort_names[i] = k.sort_name;
        self.masks[i] = k.masks;
    }

    fn swap_remove(&mut self, i: usize) {
        self.keys.swap_remove(i);
        self.name_ends.swap_remove(i);
        self.sort_names.swap_remove(i);
        self.masks.swap_remove(i);
    }
}

/// What the index keeps about a row besides the summary.
struct RowKeys {
    key: Box<str>,
    name_end: u32,
    sort_name: (u32, u32),
    masks: KeyMasks,
}

/// Builds a [`CustomerIndex`] a slice of rows at a time, so a page can build it between
/// frames (the id lookup of 300,000 rows takes about 60 ms in the browser).
pub struct IndexBuilder {
    rows: Vec<CustomerSummary>,
    by_id: IdMap<u32>,
    done: usize,
    repeated: bool,
}

impl IndexBuilder {
    /// Starts building the index of summaries in any order.
    pub fn new(rows: Vec<CustomerSummary>) -> Self {
        IndexBuilder {
            by_id: IdMap::with_capacity_and_hasher(rows.len(), Default::default()),
            rows,
            done: 0,
            repeated: false,
        }
    }

    /// Takes in up to `rows` more rows; `true` once every row is in.
    pub fn step(&mut self, rows: usize) -> bool {
        let to = self.done.saturating_add(rows).min(self.rows.len());
        for (i, row) in self.rows[self.done..to].iter().enumerate() {
            self.repeated |= self.by_id.insert(row.id, (self.done + i) as u32).is_some();
        }
        self.done = to;
        to == self.rows.len()
    }

    /// The index (taking in the rows not taken in yet).
    pub fn finish(mut self) -> CustomerIndex {
        self.step(usize::MAX);
        CustomerIndex::from_parts(self.rows, self.by_id, self.repeated)
    }
}

impl CustomerIndex {
    /// Builds the index from summaries in any order.
    pub fn new(rows: Vec<CustomerSummary>) -> Self {
        IndexBuilder::new(rows).finish()
    }

    /// Computes the order of rows for `sort` now if it is not known yet (otherwise the first
    /// query in that order does): so a page can do it in a turn of its own before showing
    /// the list.
    pub fn warm_order(&self, sort: SortKey) {
        if let Some(slot) = order_slot(sort) {
            self.order(slot);
        }
    }

    fn from_parts(mut rows: Vec<CustomerSummary>, mut by_id: IdMap<u32>, repeated: bool) -> Self {
        // The rows stay in the vector they came in (100,000 summaries are tens of megabytes,
        // and wasm memory never shrinks); a repeated id keeps its last summary.
        if repeated {
            let mut position = 0;
            rows.retain(|row| {
                position += 1;
                by_id.get(&row.id) == Some(&(position - 1))
            });
            by_id = rows
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id, i as u32))
                .collect();
        }
        CustomerIndex {
            search: OnceCell::new(),
            partial: RefCell::new(None),
            by_id,
            trashed: rows.iter().map(|r| r.deleted_at.is_some()).collect(),
            rows,
            orders: Default::default(),
            last: RefCell::new(None),
        }
    }

    /// Builds the search keys now if they are not built yet (otherwise the first search or
    /// sort by name does).
    pub fn warm(&self) {
        self.search();
    }

    /// Builds the search keys of up to `rows` more rows; `true` once every row has them. The
    /// list calls it between frames after start-up, so the keys are ready before anyone
    /// types without one long task building them all.
    pub fn warm_step(&self, rows: usize) -> bool {
        if self.search.get().is_some() {
            return true;
        }
        let mut partial = self.partial.borrow_mut();
        let keys = partial.get_or_insert_with(|| SearchKeys::with_capacity(self.rows.len()));
        let from = keys.keys.len();
        let to = (from + rows).min(self.rows.len());
        let mut builder = KeyBuilder::default();
        for row in &self.rows[from..to] {
            keys.push(Self::keys_of(&mut builder, row));
        }
        if to < self.rows.len() {
            return false;
        }
        if let Some(done) = partial.take() {
            let _ = self.search.set(done);
        }
        true
    }

    fn search(&self) -> &SearchKeys {
        self.search.get_or_init(|| {
            let mut keys = self
                .partial
                .borrow_mut()
                .take()
                .unwrap_or_else(|| SearchKeys::with_capacity(self.rows.len()));
            let mut builder = KeyBuilder::default();
            for row in &self.rows[keys.keys.len()..] {
                keys.push(Self::keys_of(&mut builder, row));
            }
            keys
        })
    }

    fn keys_of(b: &mut KeyBuilder, s: &CustomerSummary) -> RowKeys {
        b.start();
        let sort_name = b.name(&s.name);
        let name_end = b.len() as u32;
        if !s.company.is_empty() {
            b.name(&s.company);
        }
        for c in &s.contact_names {
            b.name(c);
        }
        for p in &s.phones {
            b.phone(p);
        }
        for e in &s.emails {
            b.text(e);
        }
        b.text(&s.wechat);
        RowKeys {
            key: b.key().into(),
            name_end,
            sort_name,
            masks: KeyMasks::of(b.key(), name_end as usize),
        }
    }

    /// Inserts or replaces one summary.
    pub fn upsert(&mut self, row: CustomerSummary) {
        *self.partial.get_mut() = None;
        let keys = self
            .search
            .get()
            .is_some()
            .then(|| Self::keys_of(&mut KeyBuilder::default(), &row));
        match self.by_id.get(&row.id) {
            Some(&i) => {
                self.trashed[i as usize] = row.deleted_at.is_some();
                self.rows[i as usize] = row;
                if let (Some(search), Some(k)) = (self.search.get_mut(), keys) {
                    search.set(i as usize, k);
                }
            }
            None => {
                self.by_id.insert(row.id, self.rows.len() as u32);
                self.trashed.push(row.deleted_at.is_some());
                self.rows.push(row);
                if let (Some(search), Some(k)) = (self.search.get_mut(), keys) {
                    search.push(k);
                }
            }
        }
        self.orders = Default::default();
        self.last.take();
    }

    /// Removes a customer (purged from the trash).
    pub fn remove(&mut self, id: Id) {
        let Some(i) = self.by_id.remove(&id) else {
            return;
        };
        *self.partial.get_mut() = None;
        let i = i as usize;
        self.rows.swap_remove(i);
        self.trashed.swap_remove(i);
        if let Some(search) = self.search.get_mut() {
            search.swap_remove(i);
        }
        if let Some(moved) = self.rows.get(i) {
            self.by_id.insert(moved.id, i as u32);
        }
        self.orders = Default::default();
        self.last.take();
    }

    /// Number of customers, trash included.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no customers at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Number of customers in a scope.
    pub fn count(&self, scope: Scope) -> usize {
        let trash = scope == Scope::Trash;
        self.trashed.iter().filter(|&&t| t == trash).count()
    }

    /// The row at a position returned by [`CustomerIndex::query`].
    pub fn row(&self, position: u32) -> &CustomerSummary {
        &self.rows[position as usize]
    }

    /// The summary of a customer.
    pub fn get(&self, id: Id) -> Option<&CustomerSummary> {
        self.by_id.get(&id).map(|&i| &self.rows[i as usize])
    }

    /// Every summary, in no particular order.
    pub fn rows(&self) -> &[CustomerSummary] {
        &self.rows
    }

    /// All tags in use by active customers with how many customers carry each, most used first.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        // Counted by their bytes: only the distinct tags become strings.
        let mut counts: HashMap<&[u8], usize> = HashMap::new();
        for (r, _) in self.rows.iter().zip(&self.trashed).filter(|(_, t)| !**t) {
            for t in r.tags.iter_bytes() {
                *counts.entry(t).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(t, n)| (String::from_utf8_lossy(t).into_owned(), n))
            .collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    /// Number of active customers owned by a member.
    pub fn owned_by(&self, member: Id) -> usize {
        self.rows
            .iter()
            .filter(|r| r.deleted_at.is_none() && r.owner_id == Some(member))
            .count()
    }

    fn sort_name(&self, i: usize) -> &str {
        let search = self.search();
        let (a, b) = search.sort_names[i];
        &search.keys[i][a as usize..b as usize]
    }

    /// All rows in ascending order of a column (ties broken by id), cached until a change.
    fn order(&self, slot: usize) -> &[u32] {
        self.orders[slot].get_or_init(|| {
            let rows = &self.rows;
            let mut order: Vec<u32> = (0..rows.len() as u32).collect();
            let id = |i: u32| rows[i as usize].id;
            match slot {
                0 => order.sort_by(|&a, &b| {
                    self.sort_name(a as usize)
                        .cmp(self.sort_name(b as usize))
                        .then_with(|| id(a).cmp(&id(b)))
                }),
                1 => {
                    let names = self.order(0);
                    let mut rank = vec![0u32; rows.len()];
                    for (r, &i) in names.iter().enumerate() {
                        rank[i as usize] = r as u32;
                    }
                    order.sort_unstable_by_key(|&i| (rows[i as usize].kind, rank[i as usize]));
                }
                // The key and the id beside each position, so the sort compares without
                // reaching into the rows (many customers share a key: imported or generated
                // in the same millisecond, never bought).
                2 => {
                    // Yuan first, then the other currencies together.
                    order = sorted_by_key(rows, |r| {
                        let a = &r.activity;
                        let others: i64 = a
                            .revenue
                            .iter()
                            .filter(|(c, _)| *c != Currency::Cny)
                            .map(|(_, v)| *v)
                            .sum();
                        (a.revenue_in(Currency::Cny), others)
                    });
                }
                3 => order = sorted_by_key(rows, |r| r.activity.last_purchase),
                _ => order = sorted_by_key(rows, |r| r.updated_at.0),
            }
            order
        })
    }

    /// Whether row `i` passes the query. The checks that read small per-row arrays come
    /// first; the summary is read only for the filters that are set, and the key only when
    /// its masks hold every character of the search text.
    fn passes(&self, i: usize, q: &ListQuery, p: &Prepared) -> bool {
        if self.trashed[i] != (q.scope == Scope::Trash) {
            return false;
        }
        let search = (!p.text.is_empty()).then(|| self.search());
        if search.is_some_and(|s| !p.text.could_match(s.masks[i])) {
            return false;
        }
        if p.filtered {
            let r = &self.rows[i];
            let ok = q.kind.is_none_or(|k| r.kind == k)
                && match q.owner {
                    OwnerFilter::Any => true,
                    OwnerFilter::Unassigned => r.owner_id.is_none(),
                    OwnerFilter::Member(m) => r.owner_id == Some(m),
                }
                && match q.contact {
                    ContactFilter::Any => true,
                    ContactFilter::DoNotContact => r.do_not_contact,
                    ContactFilter::Contactable => !r.do_not_contact,
                }
                && match q.quote {
                    QuoteFilter::Any => true,
                    QuoteFilter::Open => r.activity.has_open_quote(q.day),
                    QuoteFilter::NoneOpen => !r.activity.has_open_quote(q.day),
                }
                && p.tag
                    .as_deref()
                    .is_none_or(|t| r.tags.iter().any(|rt| rt.to_lowercase() == t));
            if !ok {
                return false;
            }
        }
        search.is_none_or(|s| p.text.matches_could(&s.keys[i]))
    }

    /// The positions of the rows matching a query, in its order. `owner_names` gives each
    /// member's display name for sorting by owner.
    pub fn query(&self, q: &ListQuery, owner_names: &HashMap<Id, String>) -> Vec<u32> {
        let within = match self.last.borrow().as_ref() {
            Some((last, result)) if q.narrows(last) => Some(Within::of(result, self.rows.len())),
            _ => None,
        };
        let prepared = Prepared {
            filtered: q.kind.is_some()
                || q.owner != OwnerFilter::Any
                || q.contact != ContactFilter::Any
                || q.quote != QuoteFilter::Any
                || q.tag.is_some(),
            text: Query::parse(&q.text),
            tag: q.tag.as_deref().map(str::to_lowercase),
            within,
        };
        let out = self.query_prepared(q, &prepared, owner_names);
        *self.last.borrow_mut() = Some((q.clone(), out.clone()));
        out
    }

    fn query_prepared(
        &self,
        q: &ListQuery,
        p: &Prepared,
        owner_names: &HashMap<Id, String>,
    ) -> Vec<u32> {
        let text = &p.text;
        let Some(slot) = order_slot(q.sort) else {
            return self.query_by_owner(q, p, owner_names);
        };
        let order = self.order(slot);
        let ranked = q.sort == SortKey::Relevance && !text.is_empty();
        let marks = self.marks(q, p, ranked);
        let keep = |&i: &u32| marks[i as usize] != 0;
        if ranked {
            // Most recently updated first, better matches before others. Ranks are 0, 1 or 2:
            // three buckets keep the order within each rank, as a stable sort would.
            let mut buckets: [Vec<u32>; 3] = Default::default();
            for i in order.iter().rev().copied().filter(keep) {
                buckets[usize::from(marks[i as usize] - 1)].push(i);
            }
            let [mut out, one, two] = buckets;
            out.extend(one);
            out.extend(two);
            return out;
        }
        // Relevance without search text is most recently updated first.
        if q.descending || q.sort == SortKey::Relevance {
            order.iter().rev().copied().filter(keep).collect()
        } else {
            order.iter().copied().filter(keep).collect()
        }
    }

    /// Each row's verdict on the query, worked out in storage order (so the summaries and
    /// keys are read one after another, not in the jumps of a sort order): 0 when the row
    /// fails, otherwise 1, or with `ranked` 1 + its rank (0–2) for the search text. When the
    /// query narrows the last one, only that result's rows are checked.
    fn marks(&self, q: &ListQuery, p: &Prepared, ranked: bool) -> Vec<u8> {
        let mut marks = vec![0u8; self.rows.len()];
        let search = ranked.then(|| self.search());
        let mut mark = |i: usize| {
            if self.passes(i, q, p) {
                marks[i] = 1 + search.map_or(0, |s| {
                    let name_key = &s.keys[i][..s.name_ends[i] as usize];
                    p.text.rank_masked(name_key, s.masks[i]).min(2)
                });
            }
        };
        match &p.within {
            Some(within) => within.for_each(&mut mark),
            None => (0..self.rows.len()).for_each(mark),
        }
        marks
    }

    fn query_by_owner(
        &self,
        q: &ListQuery,
        p: &Prepared,
        owner_names: &HashMap<Id, String>,
    ) -> Vec<u32> {
        // Owners are few: rank them by name (unassigned last), then names within each owner.
        let mut owners: Vec<(&str, Id)> = owner_names
            .iter()
            .map(|(id, n)| (n.as_str(), *id))
            .collect();
        owners.sort();
        let owner_rank: HashMap<Id, usize> = owners
            .iter()
            .enumerate()
            .map(|(r, (_, id))| (*id, r))
            .collect();
        let by_name = self.order(0);
        let marks = self.marks(q, p, false);
        let mut out: Vec<u32> = by_name
            .iter()
            .copied()
            .filter(|&i| marks[i as usize] != 0)
            .collect();
        // A stable sort keeps name order within each owner.
        out.sort_by_key(|&i| {
            self.rows[i as usize]
                .owner_id
                .and_then(|id| owner_rank.get(&id).copied())
                .unwrap_or(usize::MAX)
        });
        if q.descending {
            out.reverse();
        }
        out
    }
}

/// The positions of `rows` in ascending order of `key`, ties in ascending order of id.
fn sorted_by_key<K: Ord>(
    rows: &[CustomerSummary],
    key: impl Fn(&CustomerSummary) -> K,
) -> Vec<u32> {
    let mut keyed: Vec<(K, Id, u32)> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| (key(r), r.id, i as u32))
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, _, i)| i).collect()
}

/// What a query needs besides the query itself, worked out once: whether it filters on the
/// summary, the parsed search text, the tag lowercased, and the rows it is limited to (when
/// it narrows the last one).
struct Prepared {
    /// Whether a filter that reads the summary is set (kind, owner, contact, tag).
    filtered: bool,
    text: Query,
    tag: Option<String>,
    within: Option<Within>,
}

/// A set of row positions as a bit set: one bit per row.
struct Within(Vec<u64>);

impl Within {
    fn of(positions: &[u32], rows: usize) -> Self {
        let mut bits = vec![0u64; rows.div_ceil(64)];
        for &p in positions {
            if let Some(word) = bits.get_mut(p as usize / 64) {
                *word |= 1 << (p % 64);
            }
        }
        Within(bits)
    }

    /// Calls `f` with each position in the set, in increasing order.
    fn for_each(&self, mut f: impl FnMut(usize)) {
        for (w, &word) in self.0.iter().enumerate() {
            let mut bits = word;
            while bits != 0 {
                f(w * 64 + bits.trailing_zeros() as usize);
                bits &= bits - 1;
            }
        }
    }
}

impl ListQuery {
    /// Whether every row matching `self` also matches `earlier`: the same filters and order,
    /// and search text that asks for at least as much (each earlier search word is part of
    /// one of the new ones, as when a word is typed further or another is added).
    pub fn narrows(&self, earlier: &ListQuery) -> bool {
        self.scope == earlier.scope
            && self.kind == earlier.kind
            && self.owner == earlier.owner
            && self.tag == earlier.tag
            && self.contact == earlier.contact
            && self.quote == earlier.quote
            && self.day == earlier.day
            && self.sort == earlier.sort
            && self.descending == earlier.descending
            && Query::parse(&self.text).implies(&Query::parse(&earlier.text))
    }
}

/// The words the benchmarks type, one keystroke at a time (`benches/index.rs`,
/// `scripts/bench.sh`): Chinese, pinyin, phone digits, e-mail and WeChat fragments.
#[doc(hidden)]
pub const BENCHMARK_SEARCHES: [&str; 14] = [
    "zhang wei",
    "王",
    "李娜",
    "北京",
    "shanghai",
    "138",
    "sales@",
    "科技",
    "chen",
    "hangzhou",
    "wx_",
    "刘",
    "贸易有限公司",
    "13912",
];

/// Rows rendered above and below the visible ones of a virtualised list.
pub const OVERSCAN: usize = 8;

/// The positions to render of `len` rows of `row_height` pixels, scrolled `scroll_top` pixels
/// down a box `viewport` pixels tall: the rows in view and `OVERSCAN` on either side, so only
/// those exist in the DOM (the customer list and a segment's results scroll 100,000 rows like
/// 100).
pub fn visible_range(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    len: usize,
) -> std::ops::Range<usize> {
    if row_height <= 0.0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let count = (viewport.max(0.0) / row_height).ceil() as usize;
    let end = (first + count + OVERSCAN).min(len);
    first.saturating_sub(OVERSCAN).min(end)..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::summary::tests::summary;
    use crate::domain::time::Timestamp;

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [0; 10])
    }

    fn index() -> CustomerIndex {
        let mut a = summary(id(1));
        a.name = "张三".into();
        a.phones = ["13800138000"].into();
        a.tags = ["VIP"].into();
        a.activity.revenue = vec![(Currency::Cny, 500)];
        a.activity.last_purchase = Some(100);
        a.updated_at = Timestamp(10);
        let mut b = summary(id(2));
        b.name = "Acme Trading".into();
        b.kind = CustomerKind::Distributor;
        b.owner_id = Some(id(100));
        b.do_not_contact = true;
        b.activity.revenue = vec![(Currency::Cny, 900)];
        b.activity.last_purchase = Some(50);
        b.updated_at = Timestamp(30);
        let mut c = summary(id(3));
        c.name = "李四".into();
        c.contact_names = ["王五"].into();
        c.owner_id = Some(id(101));
        c.tags = ["vip", "华东"].into();
        c.updated_at = Timestamp(20);
        let mut d = summary(id(4));
        d.name = "赵六".into();
        d.deleted_at = Some(Timestamp(40));
        CustomerIndex::new(vec![a, b, c, d])
    }

    fn names(ix: &CustomerIndex, q: &ListQuery) -> Vec<String> {
        let owners = HashMap::from([(id(100), "Zoe".to_string()), (id(101), "Amy".to_string())]);
        ix.query(q, &owners)
            .into_iter()
            .map(|i| ix.row(i).name.clone())
            .collect()
    }

    #[test]
    fn default_order_is_most_recently_updated_and_excludes_trash() {
        let ix = index();
        assert_eq!(
            names(&ix, &ListQuery::default()),
            ["Acme Trading", "李四", "张三"]
        );
        let trash = ListQuery {
            scope: Scope::Trash,
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &trash), ["赵六"]);
        assert_eq!(ix.count(Scope::Active), 3);
        assert_eq!(ix.count(Scope::Trash), 1);
    }

    #[test]
    fn search_covers_pinyin_contacts_and_phones() {
        let ix = index();
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q("zs")), ["张三"]);
        assert_eq!(
            names(&ix, &q("wangwu")),
            ["李四"],
            "found through a contact person"
        );
        assert_eq!(names(&ix, &q("138 0013")), ["张三"]);
        assert_eq!(names(&ix, &q("acme")), ["Acme Trading"]);
        assert!(
            names(&ix, &q("zl")).is_empty(),
            "trashed customers are not found"
        );
    }

    #[test]
    fn filters_combine() {
        let ix = index();
        let q = ListQuery {
            tag: Some("VIP".into()),
            ..ListQuery::default()
        };
        assert_eq!(
            names(&ix, &q),
            ["李四", "张三"],
            "tags match case-insensitively"
        );
        let q = ListQuery {
            owner: OwnerFilter::Unassigned,
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q), ["张三"]);
        let q = ListQuery {
            owner: OwnerFilter::Member(id(100)),
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q), ["Acme Trading"]);
        let q = ListQuery {
            contact: ContactFilter::DoNotContact,
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q), ["Acme Trading"]);
        let q = ListQuery {
            contact: ContactFilter::Contactable,
            kind: Some(CustomerKind::EnterpriseBuyer),
            tag: Some("华东".into()),
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q), ["李四"]);
    }

    #[test]
    fn the_open_quote_filter_judges_quotes_on_the_query_day() {
        use crate::domain::summary::OpenQuote;
        let mut rows = index().rows().to_vec();
        let day = 20_500;
        // 李四: a sent quote valid through `day`; 张三: a draft (open whatever the day);
        // Acme: a sent quote that ended the day before.
        let quote = |until| OpenQuote {
            until,
            currency: Currency::Cny,
            net: 100,
        };
        for r in &mut rows {
            r.activity.open_quotes = match r.name.as_str() {
                "李四" => vec![quote(Some(day))],
                "张三" => vec![quote(None)],
                _ => vec![quote(Some(day - 1))],
            };
        }
        let ix = CustomerIndex::new(rows);
        let q = |quote, day| ListQuery {
            quote,
            day,
            sort: SortKey::Name,
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q(QuoteFilter::Open, day)), ["李四", "张三"]);
        assert_eq!(names(&ix, &q(QuoteFilter::NoneOpen, day)), ["Acme Trading"]);
        assert_eq!(names(&ix, &q(QuoteFilter::Open, day + 1)), ["张三"]);
        assert_eq!(
            names(&ix, &q(QuoteFilter::Open, day - 1)),
            ["Acme Trading", "李四", "张三"]
        );
        // A later day is another query: the result of the earlier one is not narrowed.
        assert!(!q(QuoteFilter::Open, day + 1).narrows(&q(QuoteFilter::Open, day)));
        assert!(q(QuoteFilter::Open, day).is_filtered());
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        let ix = index();
        let q = |sort, descending| ListQuery {
            sort,
            descending,
            ..ListQuery::default()
        };
        // Pinyin order: Acme (acme) < 李四 (lisi) < 张三 (zhangsan).
        assert_eq!(
            names(&ix, &q(SortKey::Name, false)),
            ["Acme Trading", "李四", "张三"]
        );
        assert_eq!(
            names(&ix, &q(SortKey::Name, true)),
            ["张三", "李四", "Acme Trading"]
        );
        assert_eq!(
            names(&ix, &q(SortKey::Revenue, true)),
            ["Acme Trading", "张三", "李四"]
        );
        assert_eq!(
            names(&ix, &q(SortKey::Revenue, false)),
            ["李四", "张三", "Acme Trading"]
        );
        assert_eq!(
            names(&ix, &q(SortKey::LastPurchase, true)),
            ["张三", "Acme Trading", "李四"]
        );
        // Owners by name: Amy (李四), Zoe (Acme), unassigned (张三) last.
        assert_eq!(
            names(&ix, &q(SortKey::Owner, false)),
            ["李四", "Acme Trading", "张三"]
        );
        assert_eq!(
            names(&ix, &q(SortKey::Kind, false)),
            ["李四", "张三", "Acme Trading"]
        );
        assert_eq!(
            names(&ix, &q(SortKey::Updated, false)),
            ["张三", "李四", "Acme Trading"]
        );
    }

    #[test]
    fn queries_round_trip_through_url_parameters() {
        let q = ListQuery {
            scope: Scope::Active,
            text: "张 三&x=1".into(),
            kind: Some(CustomerKind::Distributor),
            owner: OwnerFilter::Member(id(100)),
            tag: Some("华东".into()),
            contact: ContactFilter::DoNotContact,
            quote: QuoteFilter::Open,
            day: 0,
            sort: SortKey::Revenue,
            descending: true,
        };
        let params = q.to_params();
        let back = ListQuery::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        assert!(ListQuery::default().to_params().is_empty());
        let odd = ListQuery::from_params([
            ("kind", "spaceship"),
            ("sort", "x"),
            ("owner", "none"),
            ("zzz", "1"),
        ]);
        assert_eq!(
            odd,
            ListQuery {
                owner: OwnerFilter::Unassigned,
                ..ListQuery::default()
            }
        );
        assert!(odd.is_filtered());
        assert!(
            !ListQuery {
                sort: SortKey::Name,
                ..ListQuery::default()
            }
            .is_filtered()
        );
    }

    #[test]
    fn a_repeated_id_keeps_its_last_summary() {
        let mut old = summary(id(2));
        old.name = "旧名".into();
        let mut new = summary(id(2));
        new.name = "新名".into();
        let ix = CustomerIndex::new(vec![old, summary(id(1)), new, summary(id(3))]);
        assert_eq!(ix.len(), 3);
        assert_eq!(ix.get(id(2)).unwrap().name, "新名");
        for n in [1, 3] {
            assert_eq!(ix.get(id(n)).unwrap().id, id(n));
        }
        let found = ix.query(
            &ListQuery {
                text: "jiuming".into(),
                ..ListQuery::default()
            },
            &HashMap::new(),
        );
        assert!(found.is_empty(), "the replaced name is not searchable");
        assert_eq!(ix.count(Scope::Active), 3);
    }

    #[test]
    fn an_index_built_in_slices_is_the_one_built_at_once() {
        let rows = || {
            let mut old = summary(id(2));
            old.name = "旧名".into();
            let mut rows: Vec<CustomerSummary> = (1..=9).map(|n| summary(id(n))).collect();
            rows.insert(0, old);
            rows
        };
        let whole = CustomerIndex::new(rows());
        for slice in [1, 2, 3, 4, 100] {
            let mut b = IndexBuilder::new(rows());
            let mut steps = 1;
            while !b.step(slice) {
                steps += 1;
            }
            assert_eq!(steps, 10usize.div_ceil(slice), "slices of {slice}");
            let ix = b.finish();
            assert_eq!(ix.len(), 9, "the repeated id keeps one row");
            assert_eq!(ix.get(id(2)).unwrap().name, whole.get(id(2)).unwrap().name);
            assert_ne!(ix.get(id(2)).unwrap().name, "旧名");
            let all = ListQuery::default();
            assert_eq!(
                ix.query(&all, &HashMap::new()),
                whole.query(&all, &HashMap::new())
            );
        }
        // Finishing part-way takes in the rest.
        let mut b = IndexBuilder::new(rows());
        assert!(!b.step(3));
        assert_eq!(b.finish().len(), 9);
    }

    #[test]
    fn upsert_and_remove_keep_lookups_right() {
        let mut ix = index();
        let mut changed = ix.get(id(1)).unwrap().clone();
        changed.name = "张三丰".into();
        ix.upsert(changed);
        assert_eq!(ix.len(), 4);
        let q = ListQuery {
            text: "zsf".into(),
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &q), ["张三丰"]);
        ix.remove(id(1));
        assert_eq!(ix.len(), 3);
        assert!(ix.get(id(1)).is_none());
        assert_eq!(
            ix.get(id(4)).unwrap().name,
            "赵六",
            "the moved row is still found"
        );
        let by_name = ListQuery {
            sort: SortKey::Name,
            ..ListQuery::default()
        };
        assert_eq!(names(&ix, &by_name), ["Acme Trading", "李四"]);
        assert_eq!(
            ix.tag_counts(),
            vec![("vip".to_string(), 1), ("华东".to_string(), 1)]
        );
        assert_eq!(ix.owned_by(id(101)), 1);
    }

    #[test]
    fn typing_narrows_from_the_last_result_and_answers_as_a_fresh_index_would() {
        use crate::domain::sample::{Generator, SampleConfig, team};
        let rows: Vec<CustomerSummary> = Generator::new(
            SampleConfig {
                seed: 9,
                customers: 2_000,
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                id_epoch_ms: 1_795_420_800_000,
                lang: crate::domain::lang::Lang::Zh,
            },
            team(9),
        )
        .map(|s| s.summary())
        .collect();
        let typing = CustomerIndex::new(rows.clone());
        let names = HashMap::new();
        let mut hits = 0;
        for word in [
            "zhang wei",
            "王芳",
            "138 00",
            "1-3",
            "1-3a",
            "北京 科技",
            "li",
            "l",
        ] {
            for sort in [SortKey::Relevance, SortKey::Name, SortKey::Owner] {
                let chars: Vec<char> = word.chars().collect();
                for end in 0..=chars.len() {
                    let q = ListQuery {
                        text: chars[..end].iter().collect(),
                        sort,
                        ..ListQuery::default()
                    };
                    let fresh = CustomerIndex::new(rows.clone()).query(&q, &names);
                    assert_eq!(typing.query(&q, &names), fresh, "{:?} {sort:?}", q.text);
                    hits += fresh.len();
                }
            }
        }
        assert!(hits > 1_000, "the words match some customers: {hits}");
    }

    #[test]
    fn a_change_to_the_rows_forgets_the_last_result() {
        let mut ix = index();
        let names = HashMap::new();
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        assert_eq!(ix.query(&q("zh"), &names).len(), 1);
        let mut c = summary(id(9));
        c.name = "张伟".into();
        ix.upsert(c);
        // "zha" narrows "zh", but the new customer was not in that result.
        assert_eq!(ix.query(&q("zha"), &names).len(), 2);
        ix.remove(id(9));
        assert_eq!(ix.query(&q("zhan"), &names).len(), 1);
    }

    #[test]
    fn narrowing_needs_the_same_filters_and_words_that_contain_the_earlier_ones() {
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        assert!(q("zhang").narrows(&q("zha")));
        assert!(q("zhang w").narrows(&q("zhang")));
        assert!(q("zhang").narrows(&q("")));
        assert!(!q("zha").narrows(&q("zhang")));
        assert!(!q("wang").narrows(&q("zhang")));
        // "1-3" searches the digits "13"; "1-3a" is a word of its own without them.
        assert!(!q("1-3a").narrows(&q("1-3")));
        let mut vip = q("zhang");
        vip.tag = Some("vip".into());
        assert!(!vip.narrows(&q("zha")));
    }

    #[test]
    fn search_keys_built_before_or_after_changes_find_the_same_rows() {
        let names = HashMap::new();
        let q = |t: &str| ListQuery {
            text: t.into(),
            sort: SortKey::Name,
            ..ListQuery::default()
        };
        // Not built, built whole, or built in part a row at a time when the changes come.
        for warm in [0, 1, 2] {
            let mut ix = index();
            match warm {
                1 => ix.warm(),
                2 => {
                    assert!(!ix.warm_step(1));
                    assert!(!ix.warm_step(1));
                }
                _ => {}
            }
            let mut c = summary(id(9));
            c.name = "李雷".into();
            ix.upsert(c);
            let mut renamed = ix.get(id(1)).unwrap().clone();
            renamed.name = "欧阳娜娜".into();
            ix.upsert(renamed);
            ix.remove(id(2));
            let found = |t: &str| -> Vec<Id> {
                ix.query(&q(t), &names)
                    .iter()
                    .map(|&p| ix.row(p).id)
                    .collect()
            };
            assert_eq!(found("lilei"), vec![id(9)], "warm: {warm}");
            assert_eq!(found("ouyangnana"), vec![id(1)], "warm: {warm}");
            assert!(found("zhangsan").is_empty(), "warm: {warm}");
            assert!(found("acme").is_empty(), "warm: {warm}");
        }
    }

    #[test]
    fn keys_built_a_slice_at_a_time_or_finished_by_a_search_find_the_same_rows() {
        let names = HashMap::new();
        let q = |t: &str| ListQuery {
            text: t.into(),
            ..ListQuery::default()
        };
        let whole = index();
        let expected: Vec<u32> = whole.query(&q("li"), &names);
        assert!(!expected.is_empty());
        // Stepped to the end.
        let stepped = index();
        let mut steps = 1;
        while !stepped.warm_step(3) {
            steps += 1;
        }
        assert_eq!(steps, 2, "four rows in slices of three");
        assert!(stepped.warm_step(3), "done stays done");
        assert_eq!(stepped.query(&q("li"), &names), expected);
        // A search in the middle finishes the keys itself.
        let half = index();
        assert!(!half.warm_step(2));
        assert_eq!(half.query(&q("li"), &names), expected);
        assert!(half.warm_step(1), "the search finished them");
    }

    #[test]
    fn a_virtual_window_holds_the_rows_in_view_and_a_margin() {
        // 40 px rows in a 400 px box: ten in view.
        assert_eq!(visible_range(0.0, 400.0, 40.0, 100_000), 0..18);
        // Scrolled to row 1,000 (40,000 px): eight before it, ten in view, eight after.
        assert_eq!(visible_range(40_000.0, 400.0, 40.0, 100_000), 992..1_018);
        // Half a row down still starts at the row under the top edge.
        assert_eq!(visible_range(40_020.0, 400.0, 40.0, 100_000), 992..1_018);
        // Scrolled to the bottom (4,000,000 − 400 px): the window stops at the last row.
        assert_eq!(
            visible_range(3_999_600.0, 400.0, 40.0, 100_000),
            99_982..100_000
        );
        // Scrolled past the rows (the list shrank): nothing out of range.
        assert_eq!(visible_range(40_000.0, 400.0, 40.0, 5), 5..5);
        assert_eq!(visible_range(0.0, 400.0, 40.0, 0), 0..0);
        assert_eq!(visible_range(0.0, 400.0, 0.0, 10), 0..0);
    }
}
