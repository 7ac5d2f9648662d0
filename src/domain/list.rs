//! The in-memory customer index behind the list: every summary with its precomputed search
//! and sort keys, and the filter/sort query the list screen, the command palette and bulk
//! actions share.
//!
//! Queries return row positions (`u32`), never clones of summaries, so a keystroke over
//! 100,000 customers costs a scan of precomputed lowercase keys and an integer sort.

use crate::domain::customer::CustomerKind;
use crate::domain::id::Id;
use crate::domain::money::Currency;
use crate::domain::search::{self, Query};
use crate::domain::summary::CustomerSummary;
use std::cell::OnceCell;
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
    pub sort: SortKey,
    pub descending: bool,
}

impl ListQuery {
    /// The query from URL parameters (`q`, `kind`, `owner`, `tag`, `contact`, `sort`, `dir`).
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
    }
}

/// Every customer summary with its search and sort keys.
#[derive(Default)]
pub struct CustomerIndex {
    rows: Vec<CustomerSummary>,
    /// Lowercase search key of each row (names with pinyin, phones, e-mails, WeChat).
    keys: Vec<Box<str>>,
    /// Lowercase key of the name alone, for ranking.
    name_keys: Vec<Box<str>>,
    /// Sort key of the name: full pinyin for Chinese, lowercase otherwise.
    sort_names: Vec<Box<str>>,
    by_id: HashMap<Id, u32>,
    /// Rank of each row by name, computed on first use after a change.
    name_rank: OnceCell<Vec<u32>>,
}

impl CustomerIndex {
    /// Builds the index from summaries in any order.
    pub fn new(rows: Vec<CustomerSummary>) -> Self {
        let mut index = CustomerIndex {
            keys: Vec::with_capacity(rows.len()),
            name_keys: Vec::with_capacity(rows.len()),
            sort_names: Vec::with_capacity(rows.len()),
            by_id: HashMap::with_capacity(rows.len()),
            rows: Vec::new(),
            name_rank: OnceCell::new(),
        };
        for row in rows {
            index.push(row);
        }
        index
    }

    fn keys_of(s: &CustomerSummary) -> (Box<str>, Box<str>, Box<str>) {
        let names = std::iter::once(s.name.as_str())
            .chain(std::iter::once(s.company.as_str()))
            .chain(s.contact_names.iter().map(String::as_str));
        let key = search::build_key(
            names,
            s.phones.iter().map(String::as_str),
            s.emails
                .iter()
                .map(String::as_str)
                .chain(std::iter::once(s.wechat.as_str())),
        );
        let name_key = search::build_key([s.name.as_str()], [], []);
        let sort_name = search::pinyin_keys(&s.name)
            .into_iter()
            .next()
            .map(|(full, _)| full)
            .unwrap_or_else(|| search::normalise(&s.name));
        (key.into(), name_key.into(), sort_name.into())
    }

    fn push(&mut self, row: CustomerSummary) {
        if let Some(&i) = self.by_id.get(&row.id) {
            self.replace(i as usize, row);
            return;
        }
        let (key, name_key, sort_name) = Self::keys_of(&row);
        self.by_id.insert(row.id, self.rows.len() as u32);
        self.rows.push(row);
        self.keys.push(key);
        self.name_keys.push(name_key);
        self.sort_names.push(sort_name);
    }

    fn replace(&mut self, i: usize, row: CustomerSummary) {
        let (key, name_key, sort_name) = Self::keys_of(&row);
        self.rows[i] = row;
        self.keys[i] = key;
        self.name_keys[i] = name_key;
        self.sort_names[i] = sort_name;
    }

    /// Inserts or replaces one summary.
    pub fn upsert(&mut self, row: CustomerSummary) {
        self.push(row);
        self.name_rank = OnceCell::new();
    }

    /// Removes a customer (purged from the trash).
    pub fn remove(&mut self, id: Id) {
        let Some(i) = self.by_id.remove(&id) else {
            return;
        };
        let i = i as usize;
        self.rows.swap_remove(i);
        self.keys.swap_remove(i);
        self.name_keys.swap_remove(i);
        self.sort_names.swap_remove(i);
        if let Some(moved) = self.rows.get(i) {
            self.by_id.insert(moved.id, i as u32);
        }
        self.name_rank = OnceCell::new();
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
        self.rows
            .iter()
            .filter(|r| (r.deleted_at.is_some()) == (scope == Scope::Trash))
            .count()
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
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for r in self.rows.iter().filter(|r| r.deleted_at.is_none()) {
            for t in &r.tags {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        let mut out: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(t, n)| (t.to_string(), n))
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

    fn name_rank(&self) -> &[u32] {
        self.name_rank.get_or_init(|| {
            let mut order: Vec<u32> = (0..self.rows.len() as u32).collect();
            order.sort_by(|&a, &b| {
                self.sort_names[a as usize]
                    .cmp(&self.sort_names[b as usize])
                    .then_with(|| self.rows[a as usize].id.cmp(&self.rows[b as usize].id))
            });
            let mut rank = vec![0u32; order.len()];
            for (r, &i) in order.iter().enumerate() {
                rank[i as usize] = r as u32;
            }
            rank
        })
    }

    /// The positions of the rows matching a query, in its order. `owner_names` gives each
    /// member's display name for sorting by owner.
    pub fn query(&self, q: &ListQuery, owner_names: &HashMap<Id, String>) -> Vec<u32> {
        let text = Query::parse(&q.text);
        let tag = q.tag.as_deref().map(str::to_lowercase);
        let mut out: Vec<u32> = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            let in_scope = r.deleted_at.is_some() == (q.scope == Scope::Trash);
            if !in_scope
                || q.kind.is_some_and(|k| r.kind != k)
                || match q.owner {
                    OwnerFilter::Any => false,
                    OwnerFilter::Unassigned => r.owner_id.is_some(),
                    OwnerFilter::Member(m) => r.owner_id != Some(m),
                }
                || match q.contact {
                    ContactFilter::Any => false,
                    ContactFilter::DoNotContact => !r.do_not_contact,
                    ContactFilter::Contactable => r.do_not_contact,
                }
                || tag
                    .as_deref()
                    .is_some_and(|t| !r.tags.iter().any(|rt| rt.to_lowercase() == t))
                || !text.matches(&self.keys[i])
            {
                continue;
            }
            out.push(i as u32);
        }
        self.sort(&mut out, q, &text, owner_names);
        out
    }

    fn sort(
        &self,
        out: &mut [u32],
        q: &ListQuery,
        text: &Query,
        owner_names: &HashMap<Id, String>,
    ) {
        let rows = &self.rows;
        let updated = |i: u32| std::cmp::Reverse(rows[i as usize].updated_at);
        match q.sort {
            SortKey::Relevance => {
                if text.is_empty() {
                    out.sort_unstable_by_key(|&i| (updated(i), rows[i as usize].id));
                } else {
                    out.sort_unstable_by_key(|&i| {
                        (
                            text.rank(&self.name_keys[i as usize]),
                            updated(i),
                            rows[i as usize].id,
                        )
                    });
                }
            }
            SortKey::Name => {
                let rank = self.name_rank();
                out.sort_unstable_by_key(|&i| rank[i as usize]);
            }
            SortKey::Kind => {
                let rank = self.name_rank();
                out.sort_unstable_by_key(|&i| (rows[i as usize].kind, rank[i as usize]));
            }
            SortKey::Owner => {
                // Owners are few: rank them once by name, unassigned last.
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
                let rank = self.name_rank();
                out.sort_unstable_by_key(|&i| {
                    let o = rows[i as usize]
                        .owner_id
                        .and_then(|id| owner_rank.get(&id).copied())
                        .unwrap_or(usize::MAX);
                    (o, rank[i as usize])
                });
            }
            SortKey::Revenue => {
                out.sort_unstable_by_key(|&i| {
                    let a = &rows[i as usize].activity;
                    let others: i64 = a
                        .revenue
                        .iter()
                        .filter(|(c, _)| *c != Currency::Cny)
                        .map(|(_, v)| *v)
                        .sum();
                    (a.revenue_in(Currency::Cny), others, rows[i as usize].id)
                });
            }
            SortKey::LastPurchase => {
                out.sort_unstable_by_key(|&i| {
                    (rows[i as usize].activity.last_purchase, rows[i as usize].id)
                });
            }
            SortKey::Updated => {
                out.sort_unstable_by_key(|&i| (rows[i as usize].updated_at, rows[i as usize].id));
            }
        }
        // Relevance has one fixed order; every other column sorts ascending, then flips.
        if q.sort != SortKey::Relevance && q.descending {
            out.reverse();
        }
    }
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
        a.phones = vec!["13800138000".into()];
        a.tags = vec!["VIP".into()];
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
        c.contact_names = vec!["王五".into()];
        c.owner_id = Some(id(101));
        c.tags = vec!["vip".into(), "华东".into()];
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
}
