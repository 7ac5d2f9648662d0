//! CouchDB revisions: a revision id (`3-9f2c…`: its generation, then a hash), the tree of a
//! document's revisions as replication sees it, and the deterministic winner every replica
//! agrees on without talking to the others.
//!
//! The rule, as CouchDB documents it ("Replication and conflict model") and PouchDB's
//! `winningRev` implements it: among the tree's leaves, one not deleted beats a deleted one;
//! then the higher generation (compared as a number: `10-…` beats `9-…`); then the higher hash
//! in ASCII order. The other leaves not deleted are the document's conflicts.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

/// One revision of a document: `generation-hash`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RevId {
    /// How many revisions lead to this one, itself included (1 for a first write).
    pub generation: u64,
    /// The revision's hash (lowercase hex for the revisions this app makes).
    pub hash: String,
}

/// Why a revision id could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRev(pub String);

impl fmt::Display for BadRev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a revision: {:?}", self.0)
    }
}

impl RevId {
    /// Reads `3-9f2c…`: a generation of 1 or more, a dash, a hash of printable ASCII.
    pub fn parse(s: &str) -> Result<RevId, BadRev> {
        let bad = || BadRev(s.chars().take(80).collect());
        let (generation, hash) = s.split_once('-').ok_or_else(bad)?;
        let generation: u64 = generation.parse().map_err(|_| bad())?;
        let printable = |c: char| c.is_ascii_graphic();
        if generation == 0
            || hash.is_empty()
            || hash.len() > 64
            || !hash.chars().all(printable)
            || !generation
                .to_string()
                .eq(s.split('-').next().unwrap_or_default())
        {
            return Err(bad());
        }
        Ok(RevId {
            generation,
            hash: hash.to_owned(),
        })
    }

    /// The revision written on top of `parent` (a first write without one) whose content
    /// hashes to `hash`.
    pub fn next(parent: Option<&RevId>, hash: String) -> RevId {
        RevId {
            generation: parent.map_or(1, |p| p.generation + 1),
            hash,
        }
    }
}

impl fmt::Display for RevId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.generation, self.hash)
    }
}

/// The order of the winner rule between two revisions: generation as a number, then hash.
impl Ord for RevId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.generation
            .cmp(&other.generation)
            .then_with(|| self.hash.as_bytes().cmp(other.hash.as_bytes()))
    }
}

impl PartialOrd for RevId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A branch of history as a document carries it (`_revisions`): the newest revision's
/// generation and the hashes from it back towards the first, each one generation older.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevPath {
    pub start: u64,
    /// Newest first; never longer than `start`.
    pub ids: Vec<String>,
}

impl RevPath {
    /// The path of `rev` alone, its ancestors unknown.
    pub fn of(rev: &RevId) -> RevPath {
        RevPath {
            start: rev.generation,
            ids: vec![rev.hash.clone()],
        }
    }

    /// Its revisions, newest first. `None` when it says more revisions than its generation
    /// allows, or none.
    pub fn revs(&self) -> Option<Vec<RevId>> {
        if self.ids.is_empty() || self.ids.len() as u64 > self.start {
            return None;
        }
        Some(
            self.ids
                .iter()
                .enumerate()
                .map(|(i, h)| RevId {
                    generation: self.start - i as u64,
                    hash: h.clone(),
                })
                .collect(),
        )
    }

    /// The newest revision.
    pub fn head(&self) -> Option<RevId> {
        self.revs()?.into_iter().next()
    }
}

/// A document's revision tree: every revision known, with its parent where known and
/// whether it deletes the document. Paths whose oldest revisions were pruned (CouchDB keeps
/// a limited history) are roots of their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RevTree {
    nodes: BTreeMap<RevId, Node>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Node {
    parent: Option<RevId>,
    /// A leaf's deletion flag (an inner revision's is kept as written and ignored).
    deleted: bool,
    children: usize,
}

/// A leaf of the tree: a revision nothing was written on top of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leaf {
    pub rev: RevId,
    pub deleted: bool,
}

impl RevTree {
    /// Adds a branch: its newest revision (deleted or not) and its ancestors as the path
    /// gives them. Revisions already known keep their place; `false` when the path is
    /// malformed (nothing is added then).
    pub fn insert(&mut self, path: &RevPath, deleted: bool) -> bool {
        let Some(revs) = path.revs() else {
            return false;
        };
        for (i, rev) in revs.iter().enumerate().rev() {
            let parent = revs.get(i + 1).cloned();
            if self.nodes.contains_key(rev) {
                // Known already: a path may only tell a pruned root its parent.
                let known_parent = self.nodes.get(rev).and_then(|n| n.parent.clone());
                if known_parent.is_none()
                    && let Some(p) = parent
                {
                    self.nodes.entry(rev.clone()).or_default().parent = Some(p.clone());
                    self.nodes.entry(p).or_default().children += 1;
                }
                continue;
            }
            if let Some(p) = &parent {
                self.nodes.entry(p.clone()).or_default().children += 1;
            }
            self.nodes.insert(
                rev.clone(),
                Node {
                    parent,
                    deleted: i == 0 && deleted,
                    children: 0,
                },
            );
        }
        true
    }

    /// Whether the tree holds `rev`.
    pub fn contains(&self, rev: &RevId) -> bool {
        self.nodes.contains_key(rev)
    }

    /// Every leaf, in no particular order of importance (by revision).
    pub fn leaves(&self) -> Vec<Leaf> {
        self.nodes
            .iter()
            .filter(|(_, n)| n.children == 0)
            .map(|(rev, n)| Leaf {
                rev: rev.clone(),
                deleted: n.deleted,
            })
            .collect()
    }

    /// The revision every replica shows: see the module's rule. `None` for an empty tree.
    pub fn winner(&self) -> Option<Leaf> {
        self.leaves()
            .into_iter()
            .max_by(|a, b| (!a.deleted, &a.rev).cmp(&(!b.deleted, &b.rev)))
    }

    /// The leaves not deleted other than the winner: the versions someone still has to
    /// decide about, highest first.
    pub fn conflicts(&self) -> Vec<RevId> {
        let winner = self.winner().map(|w| w.rev);
        let mut out: Vec<RevId> = self
            .leaves()
            .into_iter()
            .filter(|l| !l.deleted && Some(&l.rev) != winner.as_ref())
            .map(|l| l.rev)
            .collect();
        out.sort_by(|a, b| b.cmp(a));
        out
    }

    /// The path from `rev` back to the oldest ancestor known, newest first, at most `limit`
    /// long: what a revision is sent with (`_revisions`).
    pub fn path_to(&self, rev: &RevId, limit: usize) -> Option<RevPath> {
        self.nodes.get(rev)?;
        let mut ids = vec![rev.hash.clone()];
        let mut at = rev.clone();
        while ids.len() < limit.max(1) {
            match self.nodes.get(&at).and_then(|n| n.parent.clone()) {
                Some(p) => {
                    ids.push(p.hash.clone());
                    at = p;
                }
                None => break,
            }
        }
        Some(RevPath {
            start: rev.generation,
            ids,
        })
    }
}
