//! The Tasks lab (issue #15): a cluster that does work, run two ways under one workload and
//! one fault schedule: a single leader that assigns tasks and detects failed workers by
//! heartbeat, against a leaderless cluster that places tasks by consistent hashing and
//! spreads their state by gossip (`../shared/SOURCES.md`, article B).
//!
//! `task.rs` is the work both kinds take; `placement.rs` the placement rules both share,
//! with the measurements the comparison reports (keys moved when membership changes, load
//! imbalance); `leader/` the single-leader kind, built on the Raft core; `leaderless/` the
//! leaderless kind, built on the gossip core; `measure.rs` what a comparison reports of a
//! run of either; `section.rs` the `[tasks]` section of a scenario file; `twin.rs` both kinds on one set
//! of machines and one clock, as the page shows them and `compare` measures them; `sweep.rs`
//! a parameter varied over seeds.

pub mod leader;
pub mod leaderless;
pub mod measure;
pub mod placement;
pub mod section;
pub mod sweep;
pub mod task;
pub mod twin;

use super::about::{About, MAX_TASK_NODES};
use crate::sim::fuzz::FuzzConfig;
use task::Command;

/// The randomized tester's schedule for either task cluster: the common faults, and
/// servers leaving the pool of workers and joining it again.
pub fn fuzz_config() -> FuzzConfig {
    FuzzConfig { leave_and_join: true, ..FuzzConfig::default() }
}

/// Both kinds' deliberate bugs, the single leader's first.
const BUGS: [&str; 4] = [
    leader::Bugs::NAMES[0],
    leader::Bugs::NAMES[1],
    leader::Bugs::NAMES[2],
    leaderless::Bugs::NAMES[0],
];
const BUGS_DO: [&str; 4] = [
    leader::Bugs::WHAT[0],
    leader::Bugs::WHAT[1],
    leader::Bugs::WHAT[2],
    leaderless::Bugs::WHAT[0],
];

pub const ABOUT: About = About {
    key: "tasks",
    name: "Task clusters",
    max_nodes: MAX_TASK_NODES,
    bugs: &BUGS,
    bugs_do: &BUGS_DO,
    check_command: |text| text.parse::<Command>().map(drop),
};

/// A scenario's two clusters: the same servers, workload and faults, run once as each kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TasksConfig {
    pub leader: leader::LeaderConfig,
    pub leaderless: leaderless::PeerConfig,
    /// The single-leader cluster runs on the first this many servers (all when `None`); the
    /// others host a leaderless member alone.
    pub leader_servers: Option<usize>,
}

impl TasksConfig {
    /// How many of `servers` the single-leader cluster has.
    pub fn leader_size(&self, servers: usize) -> usize {
        self.leader_servers.map_or(servers, |n| n.min(servers))
    }

    /// `leader_servers` against the cluster's `servers`: a single-leader cluster needs at
    /// least one server and cannot have more than there are.
    pub fn check_leader_servers(&self, servers: usize) -> Result<(), String> {
        match self.leader_servers {
            Some(0) => Err("the single-leader cluster needs at least one server".into()),
            Some(n) if n > servers => Err(format!(
                "the single-leader cluster cannot have {n} servers: there are {servers}"
            )),
            _ => Ok(()),
        }
    }

    /// Switches a bug on in whichever kind has it.
    pub fn enable_bug(&mut self, name: &str) -> Result<(), String> {
        if leader::Bugs::NAMES.contains(&name) {
            self.leader.bugs.enable(name)
        } else if leaderless::Bugs::NAMES.contains(&name) {
            self.leaderless.bugs.enable(name)
        } else {
            Err(format!("unknown Tasks bug `{name}`; known: {}", BUGS.join(", ")))
        }
    }

    pub fn bugs_enabled(&self) -> Vec<&'static str> {
        let mut bugs = self.leader.bugs.enabled();
        bugs.extend(self.leaderless.bugs.enabled());
        bugs
    }
}
