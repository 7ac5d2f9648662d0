//! The leads list: search keys, filters and orders over the leads in memory.

use crate::domain::id::Id;
use crate::domain::lead::score::Band;
use crate::domain::lead::{Lead, LeadSource, LeadStatus};
use crate::domain::search::{LazyKeys, Query, build_key};
use std::cmp::Ordering;
use std::collections::HashMap;

/// Which statuses the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    /// New, contacted and qualified: the work still to do.
    #[default]
    Open,
    /// Every status.
    All,
    /// One status.
    Only(LeadStatus),
}

impl StatusFilter {
    fn admits(self, s: LeadStatus) -> bool {
        match self {
            StatusFilter::Open => s.is_open(),
            StatusFilter::All => true,
            StatusFilter::Only(x) => x == s,
        }
    }
}

/// Whose leads.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OwnerFilter {
    #[default]
    Anyone,
    /// The unassigned queue.
    Unassigned,
    Member(Id),
}

/// The orders of the list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LeadSort {
    /// Newest first.
    #[default]
    Added,
    /// By name (Chinese in pinyin order), organisation after.
    Name,
    /// In funnel order (new first), newest first within a status.
    Status,
    /// Highest qualification score first (leads not scored yet last).
    Score,
}

/// What the list shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadQuery {
    pub text: String,
    pub status: StatusFilter,
    pub source: Option<LeadSource>,
    pub owner: OwnerFilter,
    /// Only leads whose score falls in this band.
    pub band: Option<Band>,
    pub sort: LeadSort,
}

impl LeadSort {
    /// Every order.
    pub const ALL: [LeadSort; 4] = [
        LeadSort::Added,
        LeadSort::Name,
        LeadSort::Status,
        LeadSort::Score,
    ];

    /// A stable short name (URL parameters).
    pub fn as_str(self) -> &'static str {
        match self {
            LeadSort::Added => "added",
            LeadSort::Name => "name",
            LeadSort::Status => "status",
            LeadSort::Score => "score",
        }
    }
}

impl LeadQuery {
    /// The query from URL parameters (`q`, `status` — `all` or one status —, `source`,
    /// `owner` — a member's id or `none` —, `band`, `sort`); unknown values are ignored, so an
    /// outdated link still opens the list.
    pub fn from_params<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = LeadQuery::default();
        for (key, value) in params {
            match key {
                "q" => q.text = value.to_string(),
                "status" => {
                    q.status = match value {
                        "all" => StatusFilter::All,
                        s => LeadStatus::parse(s).map_or(StatusFilter::Open, StatusFilter::Only),
                    }
                }
                "source" => q.source = LeadSource::parse(value),
                "owner" => {
                    q.owner = match value {
                        "none" => OwnerFilter::Unassigned,
                        id => id.parse().map(OwnerFilter::Member).unwrap_or_default(),
                    }
                }
                "band" => q.band = Band::parse(value),
                "sort" => {
                    q.sort = LeadSort::ALL
                        .into_iter()
                        .find(|s| s.as_str() == value)
                        .unwrap_or_default()
                }
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
        match self.status {
            StatusFilter::Open => {}
            StatusFilter::All => out.push(("status", "all".into())),
            StatusFilter::Only(s) => out.push(("status", s.as_str().into())),
        }
        if let Some(s) = self.source {
            out.push(("source", s.as_str().into()));
        }
        match self.owner {
            OwnerFilter::Anyone => {}
            OwnerFilter::Unassigned => out.push(("owner", "none".into())),
            OwnerFilter::Member(m) => out.push(("owner", m.to_string())),
        }
        if let Some(b) = self.band {
            out.push(("band", b.as_str().into()));
        }
        if self.sort != LeadSort::Added {
            out.push(("sort", self.sort.as_str().into()));
        }
        out
    }
}

/// The leads with their search keys, kept while the page is open.
#[derive(Default)]
pub struct LeadIndex {
    leads: Vec<Lead>,
    keys: LazyKeys,
    /// The pinyin (or lowercase) sort key of each lead's display name.
    names: LazyKeys,
    positions: HashMap<Id, usize>,
    /// Each lead's qualification score, once computed.
    scores: Vec<Option<u8>>,
}

fn search_key(l: &Lead) -> String {
    build_key(
        [l.name.as_str(), l.company.as_str()],
        l.phones.iter().map(String::as_str),
        l.emails.iter().map(String::as_str).chain([
            l.wechat.as_str(),
            l.title.as_str(),
            l.campaign.as_str(),
            l.region.as_str(),
        ]),
    )
}

fn name_key(l: &Lead) -> String {
    let mut full = String::new();
    let mut initials = String::new();
    let shown = if l.name.is_empty() {
        &l.company
    } else {
        &l.name
    };
    crate::domain::search::pinyin_into(shown, &mut full, &mut initials);
    full
}

impl LeadIndex {
    /// Indexes `leads` (those in the trash too; the list leaves them out).
    pub fn new(leads: Vec<Lead>) -> Self {
        let (keys, names) = (LazyKeys::default(), LazyKeys::default());
        let positions = leads.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        let scores = vec![None; leads.len()];
        LeadIndex {
            leads,
            keys,
            names,
            positions,
            scores,
        }
    }

    /// Every lead.
    pub fn leads(&self) -> &[Lead] {
        &self.leads
    }

    /// The lead `id`.
    pub fn get(&self, id: Id) -> Option<&Lead> {
        self.positions.get(&id).map(|&i| &self.leads[i])
    }

    /// Puts a written lead in (new or replacing its older version).
    pub fn put(&mut self, lead: Lead) {
        match self.positions.get(&lead.id) {
            Some(&i) => {
                self.keys.set(i, || search_key(&lead));
                self.names.set(i, || name_key(&lead));
                self.leads[i] = lead;
            }
            None => {
                let i = self.leads.len();
                self.positions.insert(lead.id, i);
                self.keys.set(i, || search_key(&lead));
                self.names.set(i, || name_key(&lead));
                self.scores.push(None);
                self.leads.push(lead);
            }
        }
    }

    /// Sets every lead's score with `score` (a lead it gives none is not scored).
    pub fn set_scores(&mut self, score: impl Fn(&Lead) -> Option<u8>) {
        self.scores = self.leads.iter().map(score).collect();
    }

    /// The score of the lead at `i`, once computed.
    pub fn score(&self, i: usize) -> Option<u8> {
        self.scores.get(i).copied().flatten()
    }

    /// Builds the search keys of up to `n` more leads; `true` once all have them (the list
    /// calls it between frames once painted, so they are ready before anyone types).
    pub fn warm_step(&self, n: usize) -> bool {
        self.keys
            .step(self.leads.len(), n, |i| search_key(&self.leads[i]))
    }

    /// Leads not in the trash.
    pub fn active(&self) -> usize {
        self.leads.iter().filter(|l| l.deleted_at.is_none()).count()
    }

    /// Positions of the leads `q` shows, in its order (ties: newest first).
    pub fn query(&self, q: &LeadQuery) -> Vec<usize> {
        let text = Query::parse(&q.text);
        let keys = (!text.is_empty()).then(|| {
            self.keys
                .all(self.leads.len(), |i| search_key(&self.leads[i]))
        });
        let mut rows: Vec<usize> = (0..self.leads.len())
            .filter(|&i| {
                let l = &self.leads[i];
                l.deleted_at.is_none()
                    && q.status.admits(l.status)
                    && q.source.is_none_or(|s| s == l.source)
                    && match q.owner {
                        OwnerFilter::Anyone => true,
                        OwnerFilter::Unassigned => l.owner_id.is_none(),
                        OwnerFilter::Member(m) => l.owner_id == Some(m),
                    }
                    && q.band
                        .is_none_or(|b| self.score(i).is_some_and(|s| Band::of(s) == b))
                    && keys.as_ref().is_none_or(|k| text.matches(&k[i]))
            })
            .collect();
        let newest = |a: &usize, b: &usize| {
            let (x, y) = (&self.leads[*a], &self.leads[*b]);
            y.created_at.cmp(&x.created_at).then(y.id.cmp(&x.id))
        };
        match q.sort {
            // The keys taken out once: comparing through the leads themselves reads a large
            // record per comparison.
            LeadSort::Added => rows.sort_by_cached_key(|&i| {
                let l = &self.leads[i];
                std::cmp::Reverse((l.created_at, l.id))
            }),
            LeadSort::Name => {
                let names = self
                    .names
                    .all(self.leads.len(), |i| name_key(&self.leads[i]));
                rows.sort_by(|a, b| names[*a].cmp(&names[*b]).then_with(|| newest(a, b)))
            }
            LeadSort::Score => rows.sort_by(|a, b| {
                self.score(*b)
                    .cmp(&self.score(*a))
                    .then_with(|| newest(a, b))
            }),
            LeadSort::Status => rows.sort_by(|a, b| {
                let order = |i: &usize| self.leads[*i].status as u8;
                match order(a).cmp(&order(b)) {
                    Ordering::Equal => newest(a, b),
                    o => o,
                }
            }),
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lead::{DisqualifyReason, LeadInput};
    use crate::domain::time::Timestamp;

    fn id(n: u64) -> Id {
        Id::from_parts(1_700_000_000_000 + n, [0; 10])
    }

    fn lead(n: u64, name: &str, company: &str, phone: &str, at: i64) -> Lead {
        let input = LeadInput {
            name: name.into(),
            company: company.into(),
            phones: if phone.is_empty() {
                vec![]
            } else {
                vec![phone.into()]
            },
            ..LeadInput::default()
        };
        Lead::create(id(n), input.validate().unwrap(), Timestamp(at))
    }

    fn names(ix: &LeadIndex, q: &LeadQuery) -> Vec<String> {
        ix.query(q)
            .into_iter()
            .map(|i| ix.leads()[i].display_name())
            .collect()
    }

    #[test]
    fn keys_built_in_slices_or_by_a_search_follow_changes_made_meanwhile() {
        let all = || {
            vec![
                lead(1, "张伟", "华星贸易", "", 1),
                lead(2, "李娜", "光明科技", "", 2),
                lead(3, "王芳", "西湖茶业", "", 3),
            ]
        };
        let q = |text: &str| LeadQuery {
            text: text.into(),
            ..LeadQuery::default()
        };
        // Two slices of two: not done after the first.
        let mut ix = LeadIndex::new(all());
        assert!(!ix.warm_step(2));
        // A lead with a key renamed, one without a key renamed, one added: each found by its
        // new name only.
        let mut first = ix.leads()[0].clone();
        first.name = "赵敏".into();
        ix.put(first);
        let mut third = ix.leads()[2].clone();
        third.company = "东方纸业".into();
        ix.put(third);
        ix.put(lead(4, "孙丽", "", "", 4));
        assert!(ix.warm_step(2));
        assert_eq!(names(&ix, &q("zhaomin")), vec!["赵敏 · 华星贸易"]);
        assert!(names(&ix, &q("zhangwei")).is_empty());
        assert_eq!(names(&ix, &q("dongfang")), vec!["王芳 · 东方纸业"]);
        assert!(names(&ix, &q("xihu")).is_empty());
        assert_eq!(names(&ix, &q("sunli")), vec!["孙丽"]);
        // A search before any slice builds every key itself.
        let ix = LeadIndex::new(all());
        assert_eq!(names(&ix, &q("lina")), vec!["李娜 · 光明科技"]);
        assert!(ix.warm_step(1), "the search built them all");
        // Sorted by name without any key built.
        let ix = LeadIndex::new(all());
        let by_name = LeadQuery {
            sort: LeadSort::Name,
            ..LeadQuery::default()
        };
        assert_eq!(
            names(&ix, &by_name),
            vec!["李娜 · 光明科技", "王芳 · 西湖茶业", "张伟 · 华星贸易"]
        );
    }

    #[test]
    fn search_by_pinyin_initials_phone_digits_and_organisation() {
        let ix = LeadIndex::new(vec![
            lead(1, "张伟", "华星贸易", "138 0013 8000", 1),
            lead(2, "李娜", "光明科技", "", 2),
            lead(3, "", "Bright Tech", "021-6234 5678", 3),
        ]);
        let q = |text: &str| LeadQuery {
            text: text.into(),
            ..LeadQuery::default()
        };
        assert_eq!(names(&ix, &q("zw")), vec!["张伟 · 华星贸易"]);
        assert_eq!(names(&ix, &q("guangming")), vec!["李娜 · 光明科技"]);
        assert_eq!(names(&ix, &q("13800138000")), vec!["张伟 · 华星贸易"]);
        assert_eq!(names(&ix, &q("62345678")), vec!["Bright Tech"]);
        assert_eq!(names(&ix, &q("bright")), vec!["Bright Tech"]);
        assert_eq!(names(&ix, &q("")).len(), 3);
    }

    #[test]
    fn filters_and_orders() {
        let mut a = lead(1, "张伟", "", "", 10);
        let mut b = lead(2, "安娜", "", "", 20);
        let mut c = lead(3, "Wang", "", "", 30);
        let d = lead(4, "陈晨", "", "", 40);
        let mut e = lead(5, "Trash", "", "", 50);
        a.set_status(LeadStatus::Qualified, None, Timestamp(60))
            .unwrap();
        b.set_status(
            LeadStatus::Disqualified,
            Some(DisqualifyReason::NoNeed),
            Timestamp(60),
        )
        .unwrap();
        c.set_owner(Some(id(9)), Timestamp(60));
        c.source = LeadSource::TradeShow;
        e.deleted_at = Some(Timestamp(70));
        let ix = LeadIndex::new(vec![a, b, c, d, e]);
        // Open leads, newest first; the trash and the disqualified are left out.
        assert_eq!(
            names(&ix, &LeadQuery::default()),
            vec!["陈晨", "Wang", "张伟"]
        );
        let all = LeadQuery {
            status: StatusFilter::All,
            ..LeadQuery::default()
        };
        assert_eq!(names(&ix, &all), vec!["陈晨", "Wang", "安娜", "张伟"]);
        // By name: an, chen, wang, zhang.
        let by_name = LeadQuery {
            sort: LeadSort::Name,
            ..all.clone()
        };
        assert_eq!(names(&ix, &by_name), vec!["安娜", "陈晨", "Wang", "张伟"]);
        // By status: new (newest first), qualified, disqualified.
        let by_status = LeadQuery {
            sort: LeadSort::Status,
            ..all.clone()
        };
        assert_eq!(names(&ix, &by_status), vec!["陈晨", "Wang", "张伟", "安娜"]);
        let only = |status, owner, source| LeadQuery {
            status,
            owner,
            source,
            ..LeadQuery::default()
        };
        assert_eq!(
            names(
                &ix,
                &only(
                    StatusFilter::Only(LeadStatus::Disqualified),
                    OwnerFilter::Anyone,
                    None
                )
            ),
            vec!["安娜"]
        );
        assert_eq!(
            names(
                &ix,
                &only(StatusFilter::Open, OwnerFilter::Member(id(9)), None)
            ),
            vec!["Wang"]
        );
        assert_eq!(
            names(
                &ix,
                &only(StatusFilter::Open, OwnerFilter::Unassigned, None)
            ),
            vec!["陈晨", "张伟"]
        );
        assert_eq!(
            names(
                &ix,
                &only(
                    StatusFilter::All,
                    OwnerFilter::Anyone,
                    Some(LeadSource::TradeShow)
                )
            ),
            vec!["Wang"]
        );
        assert_eq!(ix.active(), 4);
    }

    #[test]
    fn sorted_by_score_and_filtered_by_band() {
        let mut ix = LeadIndex::new(vec![
            lead(1, "甲", "", "", 1),
            lead(2, "乙", "", "", 2),
            lead(3, "丙", "", "", 3),
            lead(4, "丁", "", "", 4),
        ]);
        let scores: HashMap<Id, u8> = [(id(1), 72), (id(2), 40), (id(3), 90)].into();
        ix.set_scores(|l| scores.get(&l.id).copied());
        let by_score = LeadQuery {
            sort: LeadSort::Score,
            ..LeadQuery::default()
        };
        // 90, 72, 40, then the lead without a score.
        assert_eq!(names(&ix, &by_score), vec!["丙", "甲", "乙", "丁"]);
        let hot = LeadQuery {
            band: Some(Band::Hot),
            ..by_score.clone()
        };
        assert_eq!(names(&ix, &hot), vec!["丙", "甲"]);
        let warm = LeadQuery {
            band: Some(Band::Warm),
            ..by_score
        };
        assert_eq!(names(&ix, &warm), vec!["乙"]);
        // A lead added later has no score until the next computation.
        ix.put(lead(5, "戊", "", "", 5));
        assert_eq!(ix.score(4), None);
    }

    #[test]
    fn a_query_survives_its_url_and_bad_values_are_ignored() {
        let rep: Id = "0174876e-8001-7636-8bb4-d7e395a77e55".parse().unwrap();
        let q = LeadQuery {
            text: "王 华南".into(),
            status: StatusFilter::Only(LeadStatus::Qualified),
            source: Some(LeadSource::parse("cold_call").unwrap()),
            owner: OwnerFilter::Member(rep),
            band: Some(Band::Hot),
            sort: LeadSort::Score,
        };
        let params = q.to_params();
        assert_eq!(
            params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>(),
            [
                "q=王 华南",
                "status=qualified",
                "source=cold_call",
                "owner=0174876e-8001-7636-8bb4-d7e395a77e55",
                "band=hot",
                "sort=score",
            ]
        );
        let back = LeadQuery::from_params(params.iter().map(|(k, v)| (*k, v.as_str())));
        assert_eq!(back, q);
        // The defaults write nothing; the unassigned queue and every status have their words.
        assert!(LeadQuery::default().to_params().is_empty());
        let q = LeadQuery::from_params([("owner", "none"), ("status", "all")]);
        assert_eq!(
            (q.owner, q.status),
            (OwnerFilter::Unassigned, StatusFilter::All)
        );
        // An outdated or mistyped link opens the list as it would open.
        let q = LeadQuery::from_params([
            ("status", "won"),
            ("owner", "nobody"),
            ("band", "lukewarm"),
            ("sort", "size"),
            ("source", "fax"),
            ("page", "2"),
        ]);
        assert_eq!(q, LeadQuery::default());
    }
}
