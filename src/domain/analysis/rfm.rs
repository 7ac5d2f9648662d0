//! RFM: recency, frequency, monetary value, their quintile scores, and the named segments.
//!
//! Scores: the quintile boundaries are the 20th, 40th, 60th and 80th percentiles (nearest rank)
//! of the customers who have bought; a score is 1 plus the number of boundaries the value is
//! above (for recency, where fewer days is better, the boundaries of −recency and the number it
//! is below). Equal values always get equal scores.

use serde::{Deserialize, Serialize};

/// The named RFM segments, from the recency score R and the frequency score F.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RfmSegment {
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

impl RfmSegment {
    /// Every segment, best first.
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalist,
        RfmSegment::New,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::AtRisk,
        RfmSegment::CantLose,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The segment of a cell of the R × F grid (scores 1–5). The grid is the widely used RFM
    /// segment map, with R1·F1 set apart as lost:
    ///
    /// | R \ F | 1 | 2 | 3 | 4 | 5 |
    /// |---|---|---|---|---|---|
    /// | 5 | new | potential loyalist | potential loyalist | champions | champions |
    /// | 4 | promising | potential loyalist | potential loyalist | loyal | loyal |
    /// | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
    /// | 2 | hibernating | hibernating | at risk | at risk | can't lose |
    /// | 1 | lost | hibernating | at risk | at risk | can't lose |
    pub fn of(r: u8, f: u8) -> RfmSegment {
        use RfmSegment::*;
        match (r, f) {
            (5, 1) => New,
            (4, 1) => Promising,
            (4..=5, 2..=3) => PotentialLoyalist,
            (5, 4..=5) => Champions,
            (3..=4, 4..=5) => Loyal,
            (3, 1..=2) => AboutToSleep,
            (3, 3) => NeedAttention,
            (1, 1) => Lost,
            (1..=2, 1..=2) => Hibernating,
            (1..=2, 3..=4) => AtRisk,
            _ => CantLose,
        }
    }

    /// A stable short name for URLs and saved segments.
    pub fn as_str(self) -> &'static str {
        match self {
            RfmSegment::Champions => "champions",
            RfmSegment::Loyal => "loyal",
            RfmSegment::PotentialLoyalist => "potential_loyalist",
            RfmSegment::New => "new",
            RfmSegment::Promising => "promising",
            RfmSegment::NeedAttention => "need_attention",
            RfmSegment::AboutToSleep => "about_to_sleep",
            RfmSegment::AtRisk => "at_risk",
            RfmSegment::CantLose => "cant_lose",
            RfmSegment::Hibernating => "hibernating",
            RfmSegment::Lost => "lost",
        }
    }
}

/// A customer's RFM figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rfm {
    /// Days since the last purchase.
    pub recency_days: i32,
    /// Distinct purchase days.
    pub frequency: u32,
    /// Total spent (yuan).
    pub monetary: f64,
    /// Mean spent per purchase day (yuan).
    pub mean: f64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: RfmSegment,
}

/// The quintile boundaries of each measure, shown with the scores.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct RfmCutoffs {
    pub recency: [f64; 4],
    pub frequency: [f64; 4],
    pub monetary: [f64; 4],
}

/// The 20/40/60/80th percentiles (nearest rank) of `values`, which it sorts.
pub fn quintile_cutoffs(values: &mut [f64]) -> [f64; 4] {
    if values.is_empty() {
        return [0.0; 4];
    }
    values.sort_by(f64::total_cmp);
    let n = values.len();
    let at = |p: f64| values[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
    [at(0.2), at(0.4), at(0.6), at(0.8)]
}

/// 1 + the number of boundaries `value` is above.
pub fn score_high(value: f64, cutoffs: &[f64; 4]) -> u8 {
    1 + cutoffs.iter().filter(|&&c| value > c).count() as u8
}

/// 1 + the number of boundaries `value` is below (for measures where less is better).
pub fn score_low(value: f64, cutoffs: &[f64; 4]) -> u8 {
    1 + cutoffs.iter().filter(|&&c| value < c).count() as u8
}

/// Raw figures of one customer, before scoring.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RfmRaw {
    pub recency_days: i32,
    pub frequency: u32,
    pub monetary: f64,
}

/// Scores every customer that has bought (`None` entries stay `None`).
pub fn score(raw: &[Option<RfmRaw>]) -> (Vec<Option<Rfm>>, RfmCutoffs) {
    let present: Vec<&RfmRaw> = raw.iter().flatten().collect();
    let cutoffs = RfmCutoffs {
        // Fewer days is better: the boundaries are those of −recency, turned back into days
        // (so they descend), and the score counts the boundaries a recency is below.
        recency: quintile_cutoffs(
            &mut present
                .iter()
                .map(|r| -f64::from(r.recency_days))
                .collect::<Vec<_>>(),
        )
        .map(|c| -c),
        frequency: quintile_cutoffs(
            &mut present
                .iter()
                .map(|r| f64::from(r.frequency))
                .collect::<Vec<_>>(),
        ),
        monetary: quintile_cutoffs(&mut present.iter().map(|r| r.monetary).collect::<Vec<_>>()),
    };
    let scored = raw
        .iter()
        .map(|r| {
            r.map(|r| {
                let rs = score_low(f64::from(r.recency_days), &cutoffs.recency);
                let fs = score_high(f64::from(r.frequency), &cutoffs.frequency);
                Rfm {
                    recency_days: r.recency_days,
                    frequency: r.frequency,
                    monetary: r.monetary,
                    mean: r.monetary / f64::from(r.frequency.max(1)),
                    r: rs,
                    f: fs,
                    m: score_high(r.monetary, &cutoffs.monetary),
                    segment: RfmSegment::of(rs, fs),
                }
            })
        })
        .collect();
    (scored, cutoffs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quintiles_of_one_to_ten() {
        let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
        let c = quintile_cutoffs(&mut v);
        assert_eq!(c, [2.0, 4.0, 6.0, 8.0]);
        let scores: Vec<u8> = (1..=10).map(|x| score_high(f64::from(x), &c)).collect();
        assert_eq!(scores, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        // Recency: boundaries of −recency, in days: 9, 7, 5, 3; 1 day ago is best.
        let raw: Vec<Option<RfmRaw>> = (1..=10)
            .map(|d| {
                Some(RfmRaw {
                    recency_days: d,
                    frequency: 1,
                    monetary: 1.0,
                })
            })
            .collect();
        let (scored, cutoffs) = score(&raw);
        assert_eq!(cutoffs.recency, [9.0, 7.0, 5.0, 3.0]);
        let r: Vec<u8> = scored.iter().map(|s| s.unwrap().r).collect();
        assert_eq!(r, [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    }

    #[test]
    fn ties_share_a_score() {
        // Half the customers bought once: all of them score F = 1, the rest spread above.
        let mut f = vec![1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0, 3.0, 5.0, 9.0];
        let c = quintile_cutoffs(&mut f);
        assert_eq!(c, [1.0, 1.0, 2.0, 3.0]);
        assert_eq!(score_high(1.0, &c), 1);
        assert_eq!(score_high(2.0, &c), 3);
        assert_eq!(score_high(3.0, &c), 4);
        assert_eq!(score_high(9.0, &c), 5);
    }

    #[test]
    fn the_segment_grid_is_complete_and_as_documented() {
        use RfmSegment::*;
        let grid = [
            // F = 1 .. 5 for R = 5, 4, 3, 2, 1
            [
                New,
                PotentialLoyalist,
                PotentialLoyalist,
                Champions,
                Champions,
            ],
            [
                Promising,
                PotentialLoyalist,
                PotentialLoyalist,
                Loyal,
                Loyal,
            ],
            [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
            [Hibernating, Hibernating, AtRisk, AtRisk, CantLose],
            [Lost, Hibernating, AtRisk, AtRisk, CantLose],
        ];
        for (i, row) in grid.iter().enumerate() {
            let r = 5 - i as u8;
            for (j, want) in row.iter().enumerate() {
                assert_eq!(RfmSegment::of(r, j as u8 + 1), *want, "R{r} F{}", j + 1);
            }
        }
        let used: std::collections::HashSet<_> = grid.iter().flatten().collect();
        assert_eq!(
            used.len(),
            RfmSegment::ALL.len(),
            "every segment appears in the grid"
        );
    }

    #[test]
    fn scoring_a_small_base() {
        let raw = vec![
            Some(RfmRaw {
                recency_days: 3,
                frequency: 12,
                monetary: 9_000.0,
            }),
            None,
            Some(RfmRaw {
                recency_days: 400,
                frequency: 1,
                monetary: 100.0,
            }),
            Some(RfmRaw {
                recency_days: 30,
                frequency: 4,
                monetary: 2_000.0,
            }),
            Some(RfmRaw {
                recency_days: 200,
                frequency: 6,
                monetary: 5_000.0,
            }),
            Some(RfmRaw {
                recency_days: 90,
                frequency: 2,
                monetary: 700.0,
            }),
        ];
        let (scored, cutoffs) = score(&raw);
        // Five buyers: cut-offs are the 1st–4th smallest values.
        assert_eq!(cutoffs.recency, [400.0, 200.0, 90.0, 30.0]);
        assert_eq!(cutoffs.frequency, [1.0, 2.0, 4.0, 6.0]);
        assert!(scored[1].is_none(), "no purchase, no RFM");
        let best = scored[0].unwrap();
        assert_eq!((best.r, best.f, best.m), (5, 5, 5));
        assert_eq!(best.segment, RfmSegment::Champions);
        assert_eq!(best.mean, 750.0);
        let worst = scored[2].unwrap();
        assert_eq!((worst.r, worst.f, worst.m), (1, 1, 1));
        assert_eq!(worst.segment, RfmSegment::Lost);
        let mid = scored[4].unwrap(); // 200 days, 6 days, 5,000
        assert_eq!((mid.r, mid.f), (2, 4));
        assert_eq!(mid.segment, RfmSegment::AtRisk);
    }
}
