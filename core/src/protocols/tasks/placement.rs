//! Where a task runs. A single leader picks a worker by a policy over the loads it knows; a
//! leaderless cluster hashes the task's key onto a ring of its members (consistent hashing,
//! `V` virtual nodes per member), or, as the contrast the articles do not draw, takes the
//! hash modulo the member count. Everything here is deterministic: the same members, keys and
//! draws give the same placement natively and in the page.

use std::fmt;
use std::str::FromStr;

use crate::sim::NodeId;

/// A 64-bit hash of text, the same on every platform and every Rust version (FNV-1a, then
/// SplitMix64's finalizer so that nearby keys such as `t1`, `t2` land far apart).
pub fn hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A consistent-hashing ring: each member at `vnodes` points, a key owned by the first point
/// at or after its hash (wrapping round).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ring {
    /// (position, member), sorted by position.
    points: Vec<(u64, NodeId)>,
    vnodes: usize,
}

impl Ring {
    /// The ring of `members`, `vnodes` (at least 1) points each.
    pub fn new(members: &[NodeId], vnodes: usize) -> Ring {
        let vnodes = vnodes.max(1);
        let mut points: Vec<(u64, NodeId)> = members
            .iter()
            .flat_map(|&m| (0..vnodes).map(move |v| (hash(&format!("{m}#{v}")), m)))
            .collect();
        points.sort_unstable();
        Ring { points, vnodes }
    }

    /// Every point: (position, member), by position.
    pub fn points(&self) -> &[(u64, NodeId)] {
        &self.points
    }

    pub fn vnodes(&self) -> usize {
        self.vnodes
    }

    /// The member that owns `key`; `None` on an empty ring.
    pub fn owner(&self, key: &str) -> Option<NodeId> {
        self.successors(key).next()
    }

    /// Distinct members in ring order from `key`'s position: its owner, then who takes its
    /// tasks over if the owner goes, and so on.
    pub fn successors(&self, key: &str) -> impl Iterator<Item = NodeId> + '_ {
        let at = hash(key);
        let start = self.points.partition_point(|&(position, _)| position < at);
        let mut seen = Vec::new();
        let around = self.points[start..].iter().chain(&self.points[..start]);
        around.map(|&(_, member)| member).filter(move |member| {
            let first = !seen.contains(member);
            if first {
                seen.push(*member);
            }
            first
        })
    }

    /// The share of the ring each member owns, by member, in parts per million.
    pub fn shares(&self) -> Vec<(NodeId, u64)> {
        if let [(_, only)] = self.points[..] {
            return vec![(only, 1_000_000)];
        }
        let mut shares: Vec<(NodeId, u64)> = Vec::new();
        for (i, &(position, member)) in self.points.iter().enumerate() {
            // A point owns the arc from the previous point (exclusive) to itself.
            let previous =
                if i == 0 { self.points[self.points.len() - 1].0 } else { self.points[i - 1].0 };
            let arc = position.wrapping_sub(previous);
            let ppm = ((u128::from(arc) * 1_000_000) >> 64) as u64;
            match shares.iter_mut().find(|(m, _)| *m == member) {
                Some((_, total)) => *total += ppm,
                None => shares.push((member, ppm)),
            }
        }
        shares.sort_unstable();
        shares
    }
}

/// The member that owns `key` by hash modulo the member count; `None` without members.
pub fn mod_n_owner(members: &[NodeId], key: &str) -> Option<NodeId> {
    (!members.is_empty()).then(|| members[(hash(key) % members.len() as u64) as usize])
}

/// How many of `keys` change owner between two placements.
pub fn keys_moved<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    before: impl Fn(&str) -> Option<NodeId>,
    after: impl Fn(&str) -> Option<NodeId>,
) -> usize {
    keys.into_iter().filter(|key| before(key) != after(key)).count()
}

/// How uneven a load is: the busiest member's load over the mean, and the coefficient of
/// variation (standard deviation over the mean). Both 0 for no load.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Imbalance {
    pub max_over_mean: f64,
    pub cv: f64,
}

impl Imbalance {
    pub fn of(loads: &[u64]) -> Imbalance {
        let n = loads.len() as f64;
        let mean = loads.iter().sum::<u64>() as f64 / n.max(1.0);
        if mean == 0.0 {
            return Imbalance { max_over_mean: 0.0, cv: 0.0 };
        }
        let max = loads.iter().copied().max().unwrap_or(0) as f64;
        let variance = loads.iter().map(|&l| (l as f64 - mean).powi(2)).sum::<f64>() / n;
        Imbalance { max_over_mean: max / mean, cv: variance.sqrt() / mean }
    }
}

/// How a single leader picks a worker for a task (article B: the least loaded).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Policy {
    /// The worker with the fewest tasks (ties: the lowest id).
    #[default]
    LeastLoaded,
    /// The workers in turn.
    RoundRobin,
    /// Any worker, uniformly.
    Random,
    /// The less loaded of two workers drawn at random ("the power of two choices").
    TwoChoices,
}

impl Policy {
    pub const ALL: [Policy; 4] =
        [Policy::LeastLoaded, Policy::RoundRobin, Policy::Random, Policy::TwoChoices];

    /// The name in scenario files and links.
    pub fn key(self) -> &'static str {
        match self {
            Policy::LeastLoaded => "least_loaded",
            Policy::RoundRobin => "round_robin",
            Policy::Random => "random",
            Policy::TwoChoices => "two_choices",
        }
    }

    /// Picks a worker from `loads` (the live workers and their task counts). `turn` counts
    /// the leader's picks (round-robin's position); `draw(bound)` is a number in
    /// `0..bound` from the simulation's seeded stream.
    pub fn choose(
        self,
        loads: &[(NodeId, u64)],
        turn: u64,
        draw: &mut dyn FnMut(u64) -> u64,
    ) -> Option<NodeId> {
        let n = loads.len() as u64;
        if n == 0 {
            return None;
        }
        let at = |i: u64| loads[i as usize];
        let lighter =
            |a: (NodeId, u64), b: (NodeId, u64)| if (b.1, b.0) < (a.1, a.0) { b } else { a };
        Some(match self {
            Policy::LeastLoaded => loads.iter().copied().reduce(lighter)?.0,
            Policy::RoundRobin => at(turn % n).0,
            Policy::Random => at(draw(n)).0,
            Policy::TwoChoices => lighter(at(draw(n)), at(draw(n))).0,
        })
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Policy {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        Policy::ALL.into_iter().find(|p| p.key() == text).ok_or_else(|| {
            let known: Vec<&str> = Policy::ALL.iter().map(|p| p.key()).collect();
            format!("unknown assignment policy `{text}`; known: {}", known.join(", "))
        })
    }
}
