//! The pipeline's views over the deals in memory: search keys (the deal's and its customer's
//! names in pinyin, its competitors), the filters and orders the board and the table share, the
//! board's columns with their totals, and the table's CSV export.

use super::Opportunity;
use super::stage::{Outcome, Pipeline, StageId};
use crate::domain::export::{Cell, csv};
use crate::domain::id::Id;
use crate::domain::lead::list::OwnerFilter;
use crate::domain::money::Currency;
use crate::domain::search::{LazyKeys, Query, build_key, pinyin_into};
use crate::domain::time::{Timestamp, date_input_value};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};

/// Which deals by how they stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StateFilter {
    /// Still being worked.
    #[default]
    Open,
    Won,
    Lost,
    All,
}

impl StateFilter {
    /// Every choice, in the picker's order.
    pub const ALL: [StateFilter; 4] = [
        StateFilter::Open,
        StateFilter::Won,
        StateFilter::Lost,
        StateFilter::All,
    ];

    /// A stable short name (URL parameters).
    pub fn as_str(self) -> &'static str {
        match self {
            StateFilter::Open => "open",
            StateFilter::Won => "won",
            StateFilter::Lost => "lost",
            StateFilter::All => "all",
        }
    }

    /// The choice named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<StateFilter> {
        StateFilter::ALL.into_iter().find(|x| x.as_str() == s)
    }

    fn admits(self, o: Outcome) -> bool {
        match self {
            StateFilter::Open => o == Outcome::Open,
            StateFilter::Won => o == Outcome::Won,
            StateFilter::Lost => o == Outcome::Lost,
            StateFilter::All => true,
        }
    }
}

/// The deals that need attention.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Flag {
    #[default]
    Any,
    /// Past their expected close date.
    Overdue,
    /// No activity for the setting's number of days.
    Stale,
}

/// The orders of the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DealSort {
    /// Soonest expected close first.
    #[default]
    CloseDate,
    /// Largest amount first.
    Amount,
    /// Largest amount × probability first.
    Weighted,
    /// By name (Chinese in pinyin order).
    Name,
    /// In pipeline order.
    Stage,
    /// Most recently changed first.
    Updated,
}

impl DealSort {
    /// Every order, in the picker's order.
    pub const ALL: [DealSort; 6] = [
        DealSort::CloseDate,
        DealSort::Amount,
        DealSort::Weighted,
        DealSort::Name,
        DealSort::Stage,
        DealSort::Updated,
    ];

    /// A stable short name (URL parameters).
    pub fn as_str(self) -> &'static str {
        match self {
            DealSort::CloseDate => "close",
            DealSort::Amount => "amount",
            DealSort::Weighted => "weighted",
            DealSort::Name => "name",
            DealSort::Stage => "stage",
            DealSort::Updated => "updated",
        }
    }

    /// The order named by [`as_str`](Self::as_str).
    pub fn parse(s: &str) -> Option<DealSort> {
        DealSort::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// What the board and the table show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DealQuery {
    pub text: String,
    pub state: StateFilter,
    pub stage: Option<StageId>,
    pub owner: OwnerFilter,
    pub flag: Flag,
    pub sort: DealSort,
}

impl Flag {
    /// A stable short name (URL parameters).
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Any => "",
            Flag::Overdue => "overdue",
            Flag::Stale => "stale",
        }
    }
}

impl DealQuery {
    /// The query from URL parameters (`q`, `state`, `stage`, `owner`, `flag`, `sort`);
    /// unknown values are ignored, so an outdated link still opens the pipeline.
    pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = DealQuery::default();
        for (key, value) in params {
            match key {
                "q" => q.text = value.to_string(),
                "state" => q.state = StateFilter::parse(value).unwrap_or_default(),
                "stage" if !value.is_empty() => q.stage = Some(StageId(value.to_string())),
                "owner" => {
                    q.owner = match value {
                        "none" => OwnerFilter::Unassigned,
                        id => id.parse().map(OwnerFilter::Member).unwrap_or_default(),
                    }
                }
                "flag" => {
                    q.flag = match value {
                        "overdue" => Flag::Overdue,
                        "stale" => Flag::Stale,
                        _ => Flag::Any,
                    }
                }
                "sort" => q.sort = DealSort::parse(value).unwrap_or_default(),
                _ => {}
            }
        }
        q
    }

    /// The URL parameters of the query (defaults left out).
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !self.text.is_empty() {
            out.push(("q", self.text.clone()));
        }
        if self.state != StateFilter::Open {
            out.push(("state", self.state.as_str().into()));
        }
        if let Some(s) = &self.stage {
            out.push(("stage", s.0.clone()));
        }
        match self.owner {
            OwnerFilter::Anyone => {}
            OwnerFilter::Unassigned => out.push(("owner", "none".into())),
            OwnerFilter::Member(m) => out.push(("owner", m.to_string())),
        }
        if self.flag != Flag::Any {
            out.push(("flag", self.flag.as_str().into()));
        }
        if self.sort != DealSort::CloseDate {
            out.push(("sort", self.sort.as_str().into()));
        }
        out
    }
}

/// When "now" is for the flags, and how many quiet days make a deal stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub now: Timestamp,
    pub today: NaiveDate,
    pub stale_days: u32,
}

/// The deals with their search and name keys, kept while the pipeline is open.
#[derive(Default)]
pub struct DealBook {
    deals: Vec<Opportunity>,
    /// Each deal's customer's name, for its search key.
    customers: Vec<String>,
    keys: LazyKeys,
    names: LazyKeys,
    positions: HashMap<Id, usize>,
    /// Each customer's last interaction, for the stale flag.
    last_contact: HashMap<Id, Timestamp>,
    /// Which book this is (every read makes a new one): a view made from another book is
    /// made again in full.
    generation: u64,
    /// How many changes were put in since the book was made.
    version: u64,
    /// The latest changes, oldest first, so that a view can follow them instead of being made
    /// again over every deal.
    journal: VecDeque<Change>,
}

/// Changes a book remembers; a view further behind is made again in full.
const JOURNAL: usize = 64;

/// Books made so far in this program, for [`DealBook::generation`].
static BOOKS: AtomicU64 = AtomicU64::new(0);

/// One change put into a book: the deal at `pos`, and how it was before (`None`: new).
struct Change {
    version: u64,
    pos: usize,
    before: Option<Opportunity>,
}

/// What a view was made from: the book, how far it had changed, and the stages.
#[derive(Clone, Debug, PartialEq)]
struct Made {
    generation: u64,
    version: u64,
    pipeline: Pipeline,
}

fn search_key(o: &Opportunity, customer: &str) -> String {
    build_key(
        [o.name.as_str(), customer],
        std::iter::empty(),
        o.competitors.iter().map(String::as_str),
    )
}

fn name_key(o: &Opportunity) -> String {
    let (mut full, mut initials) = (String::new(), String::new());
    pinyin_into(&o.name, &mut full, &mut initials);
    full
}

/// The sums of some deals, per currency (deals in different currencies are not added up).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Totals {
    pub count: usize,
    pub amount: BTreeMap<Currency, Decimal>,
    pub weighted: BTreeMap<Currency, Decimal>,
    /// How many deals in each currency (a currency goes when its last deal does).
    pub per_currency: BTreeMap<Currency, usize>,
}

impl Totals {
    /// Adds one deal.
    pub fn add(&mut self, o: &Opportunity, pipeline: &Pipeline) {
        let c = o.amount.currency;
        self.count += 1;
        *self.per_currency.entry(c).or_default() += 1;
        *self.amount.entry(c).or_default() += o.amount.amount;
        *self.weighted.entry(c).or_default() += o.weighted(pipeline);
    }

    /// Takes out one deal added before (exact: the sums are decimals).
    pub fn remove(&mut self, o: &Opportunity, pipeline: &Pipeline) {
        let c = o.amount.currency;
        let Some(n) = self.per_currency.get_mut(&c) else {
            return;
        };
        self.count -= 1;
        *n -= 1;
        if *n == 0 {
            self.per_currency.remove(&c);
            self.amount.remove(&c);
            self.weighted.remove(&c);
        } else {
            *self.amount.entry(c).or_default() -= o.amount.amount;
            *self.weighted.entry(c).or_default() -= o.weighted(pipeline);
        }
    }
}

/// The sums of the open deals, kept up to date with the book's changes
/// ([`DealBook::open_totals_from`]).
#[derive(Clone, Debug, PartialEq)]
pub struct OpenTotals {
    pub totals: Totals,
    made: Made,
}

/// The board's columns, kept up to date with the book's changes
/// ([`DealBook::board_from`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Board {
    pub columns: Vec<Column>,
    made: Made,
    query: DealQuery,
    closed_days: i64,
}

/// One column of the board.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Column {
    pub stage: StageId,
    /// Positions of its deals, in the board's order (soonest close first).
    pub deals: Vec<usize>,
    pub totals: Totals,
}

impl DealBook {
    /// Indexes `deals` (those in the trash too; the views leave them out), searchable by the
    /// names `customer_name` gives their customers.
    pub fn new<'a>(deals: Vec<Opportunity>, customer_name: impl Fn(Id) -> &'a str) -> Self {
        let customers = deals
            .iter()
            .map(|o| customer_name(o.customer_id).to_string())
            .collect();
        let positions = deals.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
        DealBook {
            deals,
            customers,
            keys: LazyKeys::default(),
            names: LazyKeys::default(),
            positions,
            last_contact: HashMap::new(),
            generation: BOOKS.fetch_add(1, Ordering::Relaxed) + 1,
            version: 0,
            journal: VecDeque::new(),
        }
    }

    /// How the views' sources stand now.
    fn made(&self, pipeline: &Pipeline) -> Made {
        Made {
            generation: self.generation,
            version: self.version,
            pipeline: pipeline.clone(),
        }
    }

    /// The changes since `made` (position and deal as it was, oldest first); `None` when the
    /// view was made from another book or stages, or is further behind than the book recalls.
    fn changes_since(
        &self,
        made: &Made,
        pipeline: &Pipeline,
    ) -> Option<Vec<(usize, Option<&Opportunity>)>> {
        if made.generation != self.generation
            || made.version > self.version
            || made.pipeline != *pipeline
        {
            return None;
        }
        if made.version < self.version
            && self
                .journal
                .front()
                .is_none_or(|c| c.version > made.version + 1)
        {
            return None;
        }
        Some(
            self.journal
                .iter()
                .filter(|c| c.version > made.version)
                .map(|c| (c.pos, c.before.as_ref()))
                .collect(),
        )
    }

    /// Sets each customer's last interaction (for the stale flag).
    pub fn set_last_contact(&mut self, last: HashMap<Id, Timestamp>) {
        self.last_contact = last;
    }

    /// Every deal.
    pub fn deals(&self) -> &[Opportunity] {
        &self.deals
    }

    /// The deal `id`.
    pub fn get(&self, id: Id) -> Option<&Opportunity> {
        self.positions.get(&id).map(|&i| &self.deals[i])
    }

    /// Puts a written deal in (new, or replacing its older version).
    pub fn put(&mut self, o: Opportunity, customer: &str) {
        let (pos, before) = match self.positions.get(&o.id) {
            Some(&i) => {
                self.keys.set(i, || search_key(&o, customer));
                self.names.set(i, || name_key(&o));
                customer.clone_into(&mut self.customers[i]);
                (i, Some(std::mem::replace(&mut self.deals[i], o)))
            }
            None => {
                let i = self.deals.len();
                self.positions.insert(o.id, i);
                self.keys.set(i, || search_key(&o, customer));
                self.names.set(i, || name_key(&o));
                self.customers.push(customer.to_string());
                self.deals.push(o);
                (i, None)
            }
        };
        self.version += 1;
        if self.journal.len() == JOURNAL {
            self.journal.pop_front();
        }
        self.journal.push_back(Change {
            version: self.version,
            pos,
            before,
        });
    }

    fn key_of(&self, i: usize) -> String {
        search_key(&self.deals[i], &self.customers[i])
    }

    /// Builds the search keys of up to `n` more deals; `true` once all have them (the
    /// pipeline calls it between frames once painted, so they are ready before anyone types).
    pub fn warm_step(&self, n: usize) -> bool {
        self.keys.step(self.deals.len(), n, |i| self.key_of(i))
    }

    /// Deals not in the trash.
    pub fn active(&self) -> usize {
        self.deals.iter().filter(|o| o.deleted_at.is_none()).count()
    }

    /// Whether the deal at `i` is stale at `clock`.
    pub fn is_stale(&self, i: usize, clock: &Clock) -> bool {
        let o = &self.deals[i];
        o.is_stale(
            clock.now,
            clock.stale_days,
            self.last_contact.get(&o.customer_id).copied(),
        )
    }

    /// The search keys `text` needs (none when it is empty).
    fn keys_for(&self, text: &Query) -> Option<std::sync::MutexGuard<'_, Vec<String>>> {
        (!text.is_empty()).then(|| self.keys.all(self.deals.len(), |i| self.key_of(i)))
    }

    fn admits(
        &self,
        i: usize,
        q: &DealQuery,
        text: impl Fn(usize) -> bool,
        p: &Pipeline,
        clock: &Clock,
    ) -> bool {
        let o = &self.deals[i];
        o.deleted_at.is_none()
            && q.state.admits(o.outcome(p))
            && q.stage.as_ref().is_none_or(|s| *s == o.stage)
            && match q.owner {
                OwnerFilter::Anyone => true,
                OwnerFilter::Unassigned => o.owner_id.is_none(),
                OwnerFilter::Member(m) => o.owner_id == Some(m),
            }
            && match q.flag {
                Flag::Any => true,
                Flag::Overdue => o.is_overdue(clock.today),
                Flag::Stale => self.is_stale(i, clock),
            }
            && text(i)
    }

    /// Whether `text` matches the deal at `i`, with the keys `keys` (none: empty text).
    fn matcher<'k>(text: &'k Query, keys: Option<&'k [String]>) -> impl Fn(usize) -> bool + 'k {
        move |i| keys.is_none_or(|k| text.matches(&k[i]))
    }

    /// Positions of the deals `q` shows, in its order (ties: soonest close, then newest).
    pub fn query(&self, q: &DealQuery, p: &Pipeline, clock: &Clock) -> Vec<usize> {
        let text = Query::parse(&q.text);
        let keys = self.keys_for(&text);
        let mut rows: Vec<usize> = (0..self.deals.len())
            .filter(|&i| {
                self.admits(
                    i,
                    q,
                    Self::matcher(&text, keys.as_deref().map(Vec::as_slice)),
                    p,
                    clock,
                )
            })
            .collect();
        drop(keys);
        let d = &self.deals;
        let soonest = |a: &usize, b: &usize| {
            let (x, y) = (&d[*a], &d[*b]);
            x.close_date.cmp(&y.close_date).then(y.id.cmp(&x.id))
        };
        match q.sort {
            DealSort::CloseDate => rows.sort_by(soonest),
            DealSort::Amount => rows.sort_by(|a, b| {
                d[*b]
                    .amount
                    .amount
                    .cmp(&d[*a].amount.amount)
                    .then_with(|| soonest(a, b))
            }),
            DealSort::Weighted => rows.sort_by(|a, b| {
                d[*b]
                    .weighted(p)
                    .cmp(&d[*a].weighted(p))
                    .then_with(|| soonest(a, b))
            }),
            DealSort::Name => {
                let names = self.names.all(d.len(), |i| name_key(&d[i]));
                rows.sort_by(|a, b| names[*a].cmp(&names[*b]).then_with(|| soonest(a, b)))
            }
            DealSort::Stage => rows.sort_by(|a, b| {
                p.position(&d[*a].stage)
                    .cmp(&p.position(&d[*b].stage))
                    .then_with(|| soonest(a, b))
            }),
            DealSort::Updated => rows.sort_by(|a, b| {
                d[*b]
                    .updated_at
                    .cmp(&d[*a].updated_at)
                    .then(d[*b].id.cmp(&d[*a].id))
            }),
        }
        rows
    }

    /// The board: one column per stage, holding the deals `q` admits (its state and stage
    /// filters aside: the board shows every open stage, and the deals won or lost in the last
    /// `closed_days` days), soonest close first.
    pub fn board(
        &self,
        q: &DealQuery,
        p: &Pipeline,
        clock: &Clock,
        closed_days: i64,
    ) -> Vec<Column> {
        self.board_from(None, q, p, clock, closed_days).columns
    }

    /// The board as [`board`](Self::board) makes it, made from `prev` when that is the board of
    /// the same query over this book a few changes ago: only the changed deals are taken out
    /// and put back, and only their columns summed again (a card moved repaints at once, where
    /// the whole board takes every deal through the filters). The same columns either way.
    pub fn board_from(
        &self,
        prev: Option<&Board>,
        q: &DealQuery,
        p: &Pipeline,
        clock: &Clock,
        closed_days: i64,
    ) -> Board {
        let text = Query::parse(&q.text);
        let q = DealQuery {
            state: StateFilter::All,
            stage: None,
            sort: DealSort::CloseDate,
            ..q.clone()
        };
        let at: HashMap<&StageId, usize> = p
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        // Deals closed long ago are most of a mature book: left out before the filters.
        let shown = |i: usize, matches: &dyn Fn(usize) -> bool| {
            let o = &self.deals[i];
            o.closing
                .as_ref()
                .is_none_or(|c| crate::domain::time::days_between(c.at, clock.now) < closed_days)
                && self.admits(i, &q, matches, p, clock)
        };
        // A deal whose stage was removed from the pipeline shows in the first one.
        let column_of = |i: usize| at.get(&self.deals[i].stage).copied().unwrap_or(0);
        let d = &self.deals;
        let order = |a: &usize, b: &usize| {
            d[*a]
                .close_date
                .cmp(&d[*b].close_date)
                .then(d[*b].id.cmp(&d[*a].id))
        };
        let made = self.made(p);
        let changes = prev
            .filter(|b| b.query == q && b.closed_days == closed_days)
            .and_then(|b| Some((b, self.changes_since(&b.made, p)?)));
        if let Some((prev, changes)) = changes {
            let mut columns = prev.columns.clone();
            // Each changed deal as `prev` drew it: its first change's "before".
            let mut was: BTreeMap<usize, Option<&Opportunity>> = BTreeMap::new();
            for (i, before) in changes {
                was.entry(i).or_insert(before);
            }
            for c in &mut columns {
                c.deals.retain(|i| match was.get(i) {
                    Some(before) => {
                        if let Some(b) = before {
                            c.totals.remove(b, p);
                        }
                        false
                    }
                    None => true,
                });
            }
            let key = |i: usize| self.key_of(i);
            let matches = |i: usize| text.is_empty() || text.matches(&key(i));
            for &i in was.keys() {
                if shown(i, &matches) {
                    let c = &mut columns[column_of(i)];
                    let at = c.deals.partition_point(|x| order(x, &i).is_lt());
                    c.deals.insert(at, i);
                    c.totals.add(&self.deals[i], p);
                }
            }
            return Board {
                columns,
                made,
                query: q,
                closed_days,
            };
        }
        let mut columns: Vec<Column> = p
            .stages
            .iter()
            .map(|s| Column {
                stage: s.id.clone(),
                deals: Vec::new(),
                totals: Totals::default(),
            })
            .collect();
        {
            let keys = self.keys_for(&text);
            let matches = Self::matcher(&text, keys.as_deref().map(Vec::as_slice));
            for i in 0..self.deals.len() {
                if !shown(i, &matches) {
                    continue;
                }
                let col = column_of(i);
                columns[col].deals.push(i);
                columns[col].totals.add(&self.deals[i], p);
            }
        }
        for c in &mut columns {
            c.deals.sort_by(order);
        }
        Board {
            columns,
            made,
            query: q,
            closed_days,
        }
    }

    /// Totals of the open deals (not in the trash): the pipeline's size.
    pub fn open_totals(&self, p: &Pipeline) -> Totals {
        self.open_totals_from(None, p).totals
    }

    /// The open totals as [`open_totals`](Self::open_totals) sums them, from `prev` when that
    /// is a few changes behind on this book: each changed deal taken out as it was and added
    /// as it is.
    pub fn open_totals_from(&self, prev: Option<&OpenTotals>, p: &Pipeline) -> OpenTotals {
        let counts = |o: &Opportunity| o.deleted_at.is_none() && o.is_open();
        let made = self.made(p);
        if let Some((prev, changes)) = prev.and_then(|t| Some((t, self.changes_since(&t.made, p)?)))
        {
            let mut totals = prev.totals.clone();
            // Each changed deal once: out as it was when `prev` was summed (its first change's
            // "before"), in as it is.
            let mut seen = BTreeSet::new();
            for (i, before) in changes {
                if !seen.insert(i) {
                    continue;
                }
                if let Some(b) = before.filter(|b| counts(b)) {
                    totals.remove(b, p);
                }
                if counts(&self.deals[i]) {
                    totals.add(&self.deals[i], p);
                }
            }
            return OpenTotals { totals, made };
        }
        let mut totals = Totals::default();
        for o in &self.deals {
            if counts(o) {
                totals.add(o, p);
            }
        }
        OpenTotals { totals, made }
    }
}

/// The headers and the words of a CSV export of deals, in the user's language.
pub struct ExportWords<'a> {
    /// Deal, customer, amount, currency, probability, weighted, stage, expected close, owner,
    /// competitors, next step, next step due, created.
    pub headers: [&'a str; 13],
    pub stage: &'a dyn Fn(&StageId) -> String,
    pub customer: &'a dyn Fn(Id) -> String,
    pub member: &'a dyn Fn(Option<Id>) -> String,
    /// How an export joins several competitors ("、" or "; ").
    pub joiner: &'a str,
    /// The user's UTC offset, for the day a deal was created.
    pub offset_minutes: i32,
}

/// The CSV of the deals at `rows` (positions in `book`), in that order.
pub fn export(book: &DealBook, rows: &[usize], p: &Pipeline, w: &ExportWords) -> String {
    let lines = rows.iter().map(|&i| {
        let o = &book.deals[i];
        let step = o.open_step();
        vec![
            Cell::text(o.name.clone()),
            Cell::text((w.customer)(o.customer_id)),
            Cell::Number(in_minor_digits(o.amount.amount, o.amount.currency)),
            Cell::text(o.amount.currency.code()),
            Cell::Number(o.probability(p).to_string()),
            Cell::Number(in_minor_digits(o.weighted(p), o.amount.currency)),
            Cell::text((w.stage)(&o.stage)),
            Cell::text(date_input_value(o.close_date)),
            Cell::text((w.member)(o.owner_id)),
            Cell::text(o.competitors.join(w.joiner)),
            Cell::text(step.map(|s| s.text.clone()).unwrap_or_default()),
            Cell::text(step.map(|s| date_input_value(s.due)).unwrap_or_default()),
            Cell::text(date_input_value(o.created_at.local_date(w.offset_minutes))),
        ]
    });
    csv(&w.headers, lines)
}

/// An amount written with its currency's digits after the point (120000.50, ¥ and $; 1200 ¥
/// for yen), rounded half away from zero where a weighted amount has more.
fn in_minor_digits(amount: Decimal, currency: Currency) -> String {
    let digits = currency.minor_digits();
    let mut a =
        amount.round_dp_with_strategy(digits, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    a.rescale(digits);
    a.to_string()
}

/// Sums per currency as one line, whole units: "¥160,001 + US$5,000" (nothing: "¥0").
pub fn format_sums(sums: &BTreeMap<Currency, Decimal>, lang: crate::domain::lang::Lang) -> String {
    use crate::domain::money::{Money, format_minor_whole};
    if sums.is_empty() {
        return format_minor_whole(0, Currency::Cny, lang);
    }
    sums.iter()
        .map(|(c, a)| format_minor_whole(Money::new(*a, *c).minor_units(), *c, lang))
        .collect::<Vec<_>>()
        .join(" + ")
}
