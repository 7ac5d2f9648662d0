//! The pipeline's stages (销售阶段): the open stages an opportunity moves through, each with
//! the probability of winning a deal that stands there, and the two stages that close it, won
//! and lost. The team configures them in Settings; until it does, the defaults of the texts
//! apply: 初步接洽 10 % / 需求确认 25 % / 方案报价 50 % / 商务谈判 75 % → 赢单 / 输单.
//!
//! The stages are one record ([`Pipeline`]), so a backup, a merge and replication carry the
//! team's configuration like any other record.

use crate::domain::id::Id;
use crate::domain::record::Rev;
use crate::domain::time::Timestamp;
use crate::domain::validate::{self, MAX_LINE, Problem};
use serde::{Deserialize, Serialize};

/// A stage's stable identity: the defaults have readable ones (`proposal`), a stage added in
/// Settings gets a generated one. Opportunities and their histories refer to stages by it, so
/// renaming a stage renames it everywhere.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StageId(pub String);

impl StageId {
    /// The default won stage.
    pub fn won() -> StageId {
        StageId(WON.into())
    }

    /// The default lost stage.
    pub fn lost() -> StageId {
        StageId(LOST.into())
    }

    /// A new stage's id.
    pub fn generate() -> StageId {
        StageId(Id::generate().to_string())
    }

    /// The id as text (URL parameters, CSS hooks, CSV).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

const WON: &str = "won";
const LOST: &str = "lost";

/// Whether a stage keeps a deal open or closes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Open,
    Won,
    Lost,
}

/// The default stages' names; a stage with one of these ids and no name of its own is shown
/// in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultStage {
    /// 初步接洽
    Prospecting,
    /// 需求确认
    NeedsConfirmed,
    /// 方案报价
    Proposal,
    /// 商务谈判
    Negotiation,
    /// 赢单
    Won,
    /// 输单
    Lost,
}

impl DefaultStage {
    /// Every default stage, in pipeline order.
    pub const ALL: [DefaultStage; 6] = [
        DefaultStage::Prospecting,
        DefaultStage::NeedsConfirmed,
        DefaultStage::Proposal,
        DefaultStage::Negotiation,
        DefaultStage::Won,
        DefaultStage::Lost,
    ];

    /// Its id.
    pub fn id(self) -> &'static str {
        match self {
            DefaultStage::Prospecting => "prospecting",
            DefaultStage::NeedsConfirmed => "needs",
            DefaultStage::Proposal => "proposal",
            DefaultStage::Negotiation => "negotiation",
            DefaultStage::Won => WON,
            DefaultStage::Lost => LOST,
        }
    }

    /// The default stage with id `id`.
    pub fn of(id: &StageId) -> Option<DefaultStage> {
        DefaultStage::ALL.into_iter().find(|d| d.id() == id.0)
    }

    fn stage(self) -> Stage {
        let (probability, outcome) = match self {
            DefaultStage::Prospecting => (10, Outcome::Open),
            DefaultStage::NeedsConfirmed => (25, Outcome::Open),
            DefaultStage::Proposal => (50, Outcome::Open),
            DefaultStage::Negotiation => (75, Outcome::Open),
            DefaultStage::Won => (100, Outcome::Won),
            DefaultStage::Lost => (0, Outcome::Lost),
        };
        Stage {
            id: StageId(self.id().into()),
            name: String::new(),
            probability,
            outcome,
        }
    }
}

/// One stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: StageId,
    /// The team's name for it; empty for a default stage shown in the user's language.
    pub name: String,
    /// The chance, in percent, that a deal in this stage is won (100 for won, 0 for lost).
    pub probability: u8,
    pub outcome: Outcome,
}

/// The team's stages, in order: the open ones, then won, then lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Always [`Pipeline::KEY`]: one pipeline per workspace.
    pub id: String,
    pub stages: Vec<Stage>,
    /// Open deals with no activity for this many days are flagged as stale.
    #[serde(default = "default_stale_days")]
    pub stale_days: u32,
    pub updated_at: Timestamp,
    #[serde(default = "crate::domain::record::Rev::legacy")]
    pub rev: Rev,
}

/// Two weeks without activity makes a deal stale unless the team says otherwise.
fn default_stale_days() -> u32 {
    14
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline {
            id: Pipeline::KEY.into(),
            stages: DefaultStage::ALL
                .into_iter()
                .map(DefaultStage::stage)
                .collect(),
            stale_days: default_stale_days(),
            updated_at: Timestamp(0),
            rev: Rev::default(),
        }
    }
}

/// What is wrong with a pipeline as edited in Settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageProblem {
    /// No open stage left: a deal would have nowhere to start.
    NoOpenStage,
    /// A stage's name (0-based position among the stages).
    Name(usize, Problem),
    /// Two stages with one name (the second's position).
    DuplicateName(usize),
    /// An open stage's probability outside 0–100 (its position).
    Probability(usize),
    /// The days that make a deal stale outside 1–365.
    StaleDays,
    /// A stage that opportunities stand in was removed (the stage, and how many).
    InUse(Stage, usize),
}

impl Pipeline {
    /// The key of the one pipeline record.
    pub const KEY: &'static str = "sales";

    /// The stage `id`, if the pipeline has it.
    pub fn stage(&self, id: &StageId) -> Option<&Stage> {
        self.stages.iter().find(|s| &s.id == id)
    }

    /// The open stages, in order.
    pub fn open_stages(&self) -> impl Iterator<Item = &Stage> {
        self.stages.iter().filter(|s| s.outcome == Outcome::Open)
    }

    /// The first open stage, where a new deal starts.
    pub fn first(&self) -> &Stage {
        self.open_stages()
            .next()
            .or_else(|| self.stages.first())
            .expect("a pipeline always has stages")
    }

    /// The stage that closes a deal as `outcome` (won or lost).
    pub fn closing(&self, outcome: Outcome) -> &Stage {
        self.stages
            .iter()
            .find(|s| s.outcome == outcome)
            .unwrap_or_else(|| self.first())
    }

    /// Where stage `id` is in the order (unknown stages after the rest).
    pub fn position(&self, id: &StageId) -> usize {
        self.stages
            .iter()
            .position(|s| &s.id == id)
            .unwrap_or(self.stages.len())
    }

    /// The stage next to `id` in the order, `step` places on (−1 back, +1 forward), if any:
    /// the board's keyboard move.
    pub fn neighbour(&self, id: &StageId, step: isize) -> Option<&Stage> {
        let at = self.stages.iter().position(|s| &s.id == id)? as isize;
        usize::try_from(at + step)
            .ok()
            .and_then(|i| self.stages.get(i))
    }

    /// The pipeline with its stages edited to `open` (the open stages, in order; won and lost
    /// keep their place at the end and only their names change, to `won_name`/`lost_name`),
    /// checked: names of at most one line, 1–365 quiet days before a deal is stale, not repeated, probabilities 0–100, at least one open
    /// stage, and no stage removed while `in_use` (stage → open deals) says deals stand in it.
    pub fn edited(
        &self,
        open: Vec<Stage>,
        won_name: &str,
        lost_name: &str,
        stale_days: u32,
        in_use: impl Fn(&StageId) -> usize,
        now: Timestamp,
    ) -> Result<Pipeline, Vec<StageProblem>> {
        let mut problems = Vec::new();
        if !(1..=365).contains(&stale_days) {
            problems.push(StageProblem::StaleDays);
        }
        if open.is_empty() {
            problems.push(StageProblem::NoOpenStage);
        }
        let mut stages: Vec<Stage> = open
            .into_iter()
            .map(|s| Stage {
                outcome: Outcome::Open,
                ..s
            })
            .collect();
        for (outcome, name) in [(Outcome::Won, won_name), (Outcome::Lost, lost_name)] {
            let mut s = self.closing(outcome).clone();
            s.name = name.to_string();
            stages.push(s);
        }
        let mut seen = std::collections::HashSet::new();
        for (i, s) in stages.iter_mut().enumerate() {
            match validate::optional_line(&s.name, MAX_LINE) {
                Ok(n) => s.name = n,
                Err(p) => problems.push(StageProblem::Name(i, p)),
            }
            // A default stage may keep its translated name; any other needs one.
            if s.name.is_empty() && DefaultStage::of(&s.id).is_none() {
                problems.push(StageProblem::Name(i, Problem::Required));
            }
            let key = if s.name.is_empty() {
                s.id.0.clone()
            } else {
                s.name.to_lowercase()
            };
            if !seen.insert(key) {
                problems.push(StageProblem::DuplicateName(i));
            }
            if s.probability > 100 {
                problems.push(StageProblem::Probability(i));
            }
        }
        for old in &self.stages {
            if stages.iter().all(|s| s.id != old.id) {
                let n = in_use(&old.id);
                if n > 0 {
                    problems.push(StageProblem::InUse(old.clone(), n));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Pipeline {
            id: self.id.clone(),
            stages,
            stale_days,
            updated_at: now,
            rev: self.rev,
        })
    }
}
