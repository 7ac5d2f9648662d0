//! The behaviours generated customers follow, and how often each occurs.

use super::rng::Rng;

/// The behaviour a generated customer follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// No purchase yet, a few conversations.
    Prospect,
    /// First purchase within the last three months.
    New,
    /// Buys steadily.
    Regular,
    /// Buys more and more often.
    Growing,
    /// Bought regularly, stopped six to twelve months ago.
    Lapsing,
    /// Last bought one and a half to three and a half years ago.
    Lost,
    /// Large orders, bought very often.
    LargeAccount,
    /// A handful of small purchases.
    Occasional,
}

pub(super) const PROFILES: [(Profile, u32); 8] = [
    (Profile::Prospect, 10),
    (Profile::New, 10),
    (Profile::Regular, 25),
    (Profile::Growing, 10),
    (Profile::Lapsing, 15),
    (Profile::Lost, 15),
    (Profile::LargeAccount, 5),
    (Profile::Occasional, 10),
];

/// The profile customer `index` of a seed follows.
pub fn profile_of(rng: &mut Rng) -> Profile {
    let total: u32 = PROFILES.iter().map(|p| p.1).sum();
    let mut roll = (rng.next_u64() % u64::from(total)) as u32;
    for (p, w) in PROFILES {
        if roll < w {
            return p;
        }
        roll -= w;
    }
    Profile::Regular
}
