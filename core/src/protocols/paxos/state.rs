//! A Basic Paxos process: which roles it plays, what an acceptor keeps on stable storage
//! (its promise and the proposal it accepted), and the volatile state of a proposer in a
//! round and of a learner counting acceptances.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::messages::{Ballot, Value};
use crate::sim::{NodeId, Time, MILLI};

/// What survives a crash. An acceptor must not forget a promise or an acceptance (that is
/// what makes a chosen value stay chosen), and a proposer must not reuse a round.
#[derive(Clone, Debug, Default, PartialEq, Hash)]
pub struct Persistent {
    /// The highest ballot this acceptor promised to honour.
    pub promised: Option<Ballot>,
    /// The highest-ballot proposal this acceptor accepted.
    pub accepted: Option<(Ballot, Value)>,
    /// The highest round this proposer used or heard of.
    pub max_round: u64,
    /// The value this learner learned was chosen.
    pub learned: Option<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// A proposer whose value is not yet known to be chosen starts a new round.
    Retry,
    /// A learner that has learned nothing yet asks the acceptors what they accepted.
    CatchUp,
}

/// Deliberately wrong variants, off by default; the checkers must catch each one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bugs {
    /// The proposer ignores the values reported in promises and proposes its own.
    pub ignore_promised_values: bool,
    /// An acceptor forgets its promise when it restarts.
    pub forget_promise: bool,
    /// An acceptor accepts a ballot lower than the one it promised.
    pub accept_below_promise: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 3] =
        ["ignore_promised_values", "forget_promise", "accept_below_promise"];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 3] = [
        "A proposer ignores the values reported in promises and proposes its own, so a \
         second value can be chosen: breaks agreement.",
        "An acceptor forgets its promise when it restarts and accepts an older ballot again: \
         breaks agreement.",
        "An acceptor accepts a ballot lower than the one it promised: breaks agreement.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "ignore_promised_values" => self.ignore_promised_values = true,
            "forget_promise" => self.forget_promise = true,
            "accept_below_promise" => self.accept_below_promise = true,
            other => {
                return Err(format!(
                    "unknown Paxos bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        let flags = [self.ignore_promised_values, self.forget_promise, self.accept_below_promise];
        Bugs::NAMES.iter().zip(flags).filter(|(_, on)| *on).map(|(name, _)| *name).collect()
    }
}

/// Who plays which role, as counts: the first `proposers` servers propose, the last
/// `acceptors` accept and the last `learners` learn. Counts that overlap make one process
/// play several roles; `None` means every server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Roles {
    pub proposers: Option<usize>,
    pub acceptors: Option<usize>,
    pub learners: Option<usize>,
}

impl Roles {
    pub fn is_proposer(&self, id: NodeId, n: usize) -> bool {
        id.index() < self.proposers.unwrap_or(n)
    }

    pub fn is_acceptor(&self, id: NodeId, n: usize) -> bool {
        id.index() + self.acceptors.unwrap_or(n) >= n
    }

    pub fn is_learner(&self, id: NodeId, n: usize) -> bool {
        id.index() + self.learners.unwrap_or(n) >= n
    }

    pub fn acceptors(&self, n: usize) -> impl Iterator<Item = NodeId> + '_ {
        NodeId::all(n).filter(move |&id| self.is_acceptor(id, n))
    }

    pub fn learners(&self, n: usize) -> impl Iterator<Item = NodeId> + '_ {
        NodeId::all(n).filter(move |&id| self.is_learner(id, n))
    }

    /// A majority of the acceptors.
    pub fn quorum(&self, n: usize) -> usize {
        self.acceptors.unwrap_or(n) / 2 + 1
    }
}

#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
pub struct PaxosConfig {
    pub roles: Roles,
    /// After starting a round, a proposer waits a time drawn from this range before it
    /// starts another (if its round has not succeeded by then). A single value makes
    /// proposers eager and can livelock two of them (§2.4); a wide range is the
    /// randomized-backoff fix.
    pub retry_timeout: (Time, Time),
    pub bugs: Bugs,
}

impl Default for PaxosConfig {
    fn default() -> Self {
        PaxosConfig {
            roles: Roles::default(),
            retry_timeout: (50 * MILLI, 250 * MILLI),
            bugs: Bugs::default(),
        }
    }
}

impl PaxosConfig {
    /// The configuration the randomized tester uses for `seed`: the given bugs, and for
    /// some seeds separate proposers, acceptors and learners.
    pub fn for_fuzz_seed(seed: u64, bugs: Bugs) -> PaxosConfig {
        let roles = match seed % 4 {
            0 | 1 => Roles::default(),
            2 => Roles { proposers: Some(2), acceptors: None, learners: None },
            _ => Roles { proposers: Some(2), acceptors: Some(3), learners: Some(2) },
        };
        PaxosConfig { roles, bugs, ..PaxosConfig::default() }
    }

    /// Checks the configuration against a cluster of `nodes` servers.
    pub fn validate(&self, nodes: usize) -> Result<(), String> {
        let (min, max) = self.retry_timeout;
        if min == 0 || min > max {
            return Err("retry_timeout must be a non-empty range above zero".into());
        }
        let counts = [
            ("proposers", self.roles.proposers),
            ("acceptors", self.roles.acceptors),
            ("learners", self.roles.learners),
        ];
        for (name, count) in counts {
            if let Some(count) = count {
                if !(1..=nodes).contains(&count) {
                    return Err(format!("{name} must be between 1 and the {nodes} servers"));
                }
            }
        }
        Ok(())
    }
}

/// A proposer's round in progress.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Proposal {
    pub ballot: Ballot,
    /// The value its client asked for; proposed only if no acceptor reports another.
    pub own: Value,
    pub phase: Phase,
    /// The higher ballot a refusal named, once one arrives: the round is lost, and the
    /// proposer waits for its retry timer.
    pub beaten_by: Option<Ballot>,
}

#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Phase {
    /// Phase 1: promises so far, each with the proposal that acceptor had accepted.
    Preparing { promises: BTreeMap<NodeId, Option<(Ballot, Value)>> },
    /// Phase 2: the value asked for, and the acceptors that accepted it.
    Accepting { value: Value, accepted: BTreeSet<NodeId> },
}

#[derive(Clone, Debug, Hash)]
pub struct PaxosNode {
    pub(super) id: NodeId,
    pub(super) cluster_size: usize,
    pub(super) config: PaxosConfig,
    pub(super) persistent: Persistent,
    pub(super) proposal: Option<Proposal>,
    /// Learner: for each ballot, the acceptors reported to have accepted in it.
    pub(super) acceptances: BTreeMap<Ballot, (Value, BTreeSet<NodeId>)>,
    /// Proposer: the ballot of its last round that a majority accepted. Clients are sent to
    /// such a proposer as the "leader": a new round from it re-announces the chosen value.
    pub(super) succeeded: Option<Ballot>,
}

impl PaxosNode {
    pub(super) fn with_persistent(
        id: NodeId,
        cluster_size: usize,
        config: &PaxosConfig,
        persistent: Persistent,
    ) -> Self {
        PaxosNode {
            id,
            cluster_size,
            config: config.clone(),
            persistent,
            proposal: None,
            acceptances: BTreeMap::new(),
            succeeded: None,
        }
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn config(&self) -> &PaxosConfig {
        &self.config
    }

    pub fn is_proposer(&self) -> bool {
        self.config.roles.is_proposer(self.id, self.cluster_size)
    }

    pub fn is_acceptor(&self) -> bool {
        self.config.roles.is_acceptor(self.id, self.cluster_size)
    }

    pub fn is_learner(&self) -> bool {
        self.config.roles.is_learner(self.id, self.cluster_size)
    }

    pub fn promised(&self) -> Option<Ballot> {
        self.persistent.promised
    }

    pub fn accepted(&self) -> Option<&(Ballot, Value)> {
        self.persistent.accepted.as_ref()
    }

    pub fn proposal(&self) -> Option<&Proposal> {
        self.proposal.as_ref()
    }

    pub fn learned(&self) -> Option<&Value> {
        self.persistent.learned.as_ref()
    }

    pub(super) fn quorum(&self) -> usize {
        self.config.roles.quorum(self.cluster_size)
    }
}
