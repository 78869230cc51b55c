//! A server of the single-leader task cluster: a Raft server (whose leader is the
//! coordinator), a worker, and while it leads, the coordinator's own soft state.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use super::table::{Assignment, TaskId, TaskTable};
use crate::protocols::raft::{self, RaftConfig, RaftNode};
use crate::protocols::tasks::placement::Policy;
use crate::protocols::tasks::task::Task;
use crate::sim::{NodeId, Time, MILLI};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timer {
    Raft(raft::Timer),
    /// A worker reports to the coordinator every `heartbeat`.
    Heartbeat,
    /// A worker's run of a task ends.
    Finish(TaskId),
    /// The coordinator has not heard from a worker for `alpha · heartbeat`.
    Silent(NodeId),
}

/// Deliberately wrong variants, off by default; the checkers must catch each one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bugs {
    /// A failed worker's tasks are never given to another.
    pub no_reassign: bool,
    /// A report of a task's earlier attempt is taken as its completion.
    pub reassign_without_epoch: bool,
    /// The coordinator's choice of worker ignores which workers it declared failed.
    pub assign_to_failed: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 3] =
        ["no_reassign", "reassign_without_epoch", "assign_to_failed"];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 3] = [
        "The coordinator removes a failed worker but never gives its tasks to another, so \
         they are lost: breaks every accepted task completes.",
        "The coordinator takes a slow worker's report of an attempt it already replaced as \
         the task's completion, and the new attempt completes too: breaks at most one \
         completion.",
        "The coordinator picks among all workers, the ones it declared failed included: \
         breaks no work for failed workers.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "no_reassign" => self.no_reassign = true,
            "reassign_without_epoch" => self.reassign_without_epoch = true,
            "assign_to_failed" => self.assign_to_failed = true,
            other => {
                return Err(format!(
                    "unknown Tasks bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        let flags = [self.no_reassign, self.reassign_without_epoch, self.assign_to_failed];
        Bugs::NAMES.iter().zip(flags).filter(|(_, on)| *on).map(|(name, _)| *name).collect()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct LeaderConfig {
    /// The coordinator's election (its leader's no-op is always on: the coordinator acts
    /// only once an entry of its own term has committed, so its table is complete).
    pub raft: RaftConfig,
    /// T_hb: how often a worker reports to the coordinator.
    pub heartbeat: Time,
    /// α: a worker silent for α · T_hb is declared failed (article B's T_timeout).
    pub alpha: f64,
    pub policy: Policy,
    pub bugs: Bugs,
}

impl Default for LeaderConfig {
    fn default() -> Self {
        LeaderConfig {
            raft: RaftConfig::default(),
            heartbeat: 100 * MILLI,
            alpha: 3.0,
            policy: Policy::LeastLoaded,
            bugs: Bugs::default(),
        }
    }
}

impl LeaderConfig {
    /// The configuration the randomized tester uses for `seed`: the given bugs, Raft's own
    /// variations (pre-vote, check-quorum) and each assignment policy in turn.
    pub fn for_fuzz_seed(seed: u64, bugs: Bugs) -> LeaderConfig {
        LeaderConfig {
            raft: RaftConfig::for_fuzz_seed(seed, raft::Bugs::default()),
            policy: Policy::ALL[(seed / 16 % Policy::ALL.len() as u64) as usize],
            bugs,
            ..LeaderConfig::default()
        }
    }

    /// T_timeout = α · T_hb.
    pub fn silence_timeout(&self) -> Time {
        (self.alpha * self.heartbeat as f64).round() as Time
    }

    pub fn validate(&self) -> Result<(), String> {
        self.raft.validate()?;
        if !(MILLI..=60 * crate::sim::SECOND).contains(&self.heartbeat) {
            return Err("heartbeat must be from 1ms to 60s".into());
        }
        if !(self.alpha.is_finite() && (1.0..=100.0).contains(&self.alpha)) {
            return Err(format!("alpha must be a number from 1 to 100, not {}", self.alpha));
        }
        Ok(())
    }
}

/// What the coordinator knows while it leads; a new leader starts it afresh.
#[derive(Clone, Debug, PartialEq)]
pub struct Coordinator {
    pub term: u64,
    /// Workers silent for the timeout, until they are heard from again.
    pub declared: BTreeSet<NodeId>,
    /// Assignments proposed to the log and not yet applied.
    pub proposed: BTreeMap<TaskId, Assignment>,
    /// Completions proposed and not yet applied.
    pub completing: BTreeSet<(TaskId, u32)>,
    /// Tasks (new, or a failed worker's) waiting for the table to be current or for a live
    /// worker, in arrival order.
    pub waiting: VecDeque<(TaskId, Task, u32)>,
    /// Round-robin's turn.
    pub turn: u64,
    /// The first assignment this coordinator proposed to a worker it had declared failed
    /// (only a bug does that); kept for the checker.
    pub misassigned: Option<(TaskId, NodeId)>,
}

impl Coordinator {
    pub fn new(term: u64) -> Coordinator {
        Coordinator {
            term,
            declared: BTreeSet::new(),
            proposed: BTreeMap::new(),
            completing: BTreeSet::new(),
            waiting: VecDeque::new(),
            turn: 0,
            misassigned: None,
        }
    }
}

#[derive(Clone, Debug)]
pub struct LeaderTaskNode {
    pub(super) raft: RaftNode,
    pub(super) config: LeaderConfig,
    pub(super) cluster_size: usize,
    /// The table as far as this server's Raft has applied its log (rebuilt after a restart,
    /// as Raft applies the log again).
    pub(super) table: TaskTable,
    pub(super) applied: u64,
    /// Tasks this server runs as a worker: the attempt (epoch) and the work.
    pub(super) running: BTreeMap<TaskId, u32>,
    /// Attempts it finished and has not yet heard the coordinator record.
    pub(super) finished: BTreeMap<TaskId, u32>,
    pub(super) coordinator: Option<Coordinator>,
    /// It left the pool of workers: it reports nothing and runs nothing until it joins
    /// again. Not kept across a restart: a restarted server is a worker again.
    pub(super) left: bool,
}

impl LeaderTaskNode {
    pub fn raft(&self) -> &RaftNode {
        &self.raft
    }

    /// How many servers this cluster has (the first of the machines it runs on).
    pub fn cluster_size(&self) -> usize {
        self.cluster_size
    }

    pub fn config(&self) -> &LeaderConfig {
        &self.config
    }

    pub fn table(&self) -> &TaskTable {
        &self.table
    }

    pub fn running(&self) -> &BTreeMap<TaskId, u32> {
        &self.running
    }

    pub fn coordinator(&self) -> Option<&Coordinator> {
        self.coordinator.as_ref()
    }

    pub fn has_left(&self) -> bool {
        self.left
    }
}
