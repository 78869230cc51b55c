//! Article A's election model against what Raft does. The article says a cluster elects a
//! leader within its election window with probability P_elect = 1 − (1 − p)^n, each of n
//! nodes succeeding with probability p, as if their attempts were independent. Here the
//! leader of a settled cluster crashes at a random point of its heartbeat interval and the
//! survivors elect another; each trial records when each candidacy started and which won,
//! so p (the share of candidacies that won within the window) and the chance of a leader
//! within the window are both measured, and the formula can be put next to the measurement.

use serde::Serialize;

use super::state::{RaftConfig, RaftNode, Role};
use super::view::Event;
use crate::sim::{Action, NodeId, RecordKind, Sim, SimConfig, Target, Time, SECOND};

/// What the survivors did after the leader crashed, in time since the crash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trial {
    /// When each candidacy began.
    pub candidacies: Vec<Time>,
    /// When the first new leader was elected, if one was.
    pub elected: Option<Time>,
}

/// The cluster settles for this long before its leader crashes.
const SETTLE: Time = 2 * SECOND;

/// One trial on `n` servers: the first leader crashes `SETTLE` plus a random part of a
/// heartbeat interval in, and the run goes on for `after`.
pub fn election_after_crash(n: usize, config: &RaftConfig, seed: u64, after: Time) -> Trial {
    let mut sim = Sim::<RaftNode>::new(SimConfig::new(n, seed), config.clone());
    // The crash's phase within the heartbeat interval, from the seed (spread by a multiplier
    // so that neighbouring seeds land far apart).
    let phase = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) % config.heartbeat_interval.max(1);
    let crash_at = SETTLE + phase;
    sim.schedule(crash_at, Action::Crash { node: Target::LEADER }, None);
    let mut trial = Trial::default();
    let mut crashed: Option<NodeId> = None;
    while sim.next_event_time().is_some_and(|t| t <= crash_at + after) {
        sim.step();
        for record in sim.records() {
            match &record.kind {
                RecordKind::Crashed { node } => crashed = Some(*node),
                RecordKind::Node { event: Event::Role { role, .. }, .. } if crashed.is_some() => {
                    let since = record.time - crash_at;
                    match role {
                        Role::Candidate => trial.candidacies.push(since),
                        Role::Leader => {
                            trial.elected.get_or_insert(since);
                        }
                        Role::Follower => {}
                    }
                }
                _ => {}
            }
        }
        if trial.elected.is_some() {
            break;
        }
    }
    trial
}

/// The model and the measurement for one election window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Window {
    pub window: Time,
    pub trials: usize,
    /// Trials with a new leader within the window.
    pub measured: f64,
    /// Candidacies begun within the window, and the share of them that won.
    pub candidacies: usize,
    pub p: f64,
    /// Article A's 1 − (1 − p)^m with the measured p and the m survivors.
    pub formula: f64,
}

/// Reads `trials` at `window`, for a cluster whose `survivors` servers campaign.
pub fn at_window(trials: &[Trial], window: Time, survivors: usize) -> Window {
    let elected = trials.iter().filter(|t| t.elected.is_some_and(|at| at <= window)).count();
    let candidacies: usize =
        trials.iter().map(|t| t.candidacies.iter().filter(|at| **at <= window).count()).sum();
    // Each trial's winner is one candidacy that won (only the first leader is counted).
    let p = elected as f64 / candidacies.max(1) as f64;
    let total = trials.len().max(1) as f64;
    Window {
        window,
        trials: trials.len(),
        measured: elected as f64 / total,
        candidacies,
        p,
        formula: 1.0 - (1.0 - p).powi(survivors as i32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::MILLI;

    #[test]
    fn a_crashed_leader_is_replaced_and_the_formula_overestimates_a_short_window() {
        let config = RaftConfig::default();
        let trials: Vec<Trial> =
            (0..200).map(|seed| election_after_crash(5, &config, seed, 2 * SECOND)).collect();
        assert!(trials.iter().all(|t| t.elected.is_some()), "every trial elects a leader");
        // No survivor can time out before the shortest election timeout has passed since the
        // last heartbeat, so no leader is elected that early.
        let early = at_window(&trials, 100 * MILLI, 4);
        assert_eq!(early.measured, 0.0);
        let late = at_window(&trials, 2 * SECOND, 4);
        assert_eq!(late.measured, 1.0);
        // Most candidacies win (split votes are rare with randomized timeouts), so the model,
        // which treats four independent attempts, says "certain" where the run is not.
        let mid = at_window(&trials, 300 * MILLI, 4);
        assert!(mid.p > 0.5, "{mid:?}");
        assert!(mid.formula > mid.measured, "{mid:?}");
    }
}
