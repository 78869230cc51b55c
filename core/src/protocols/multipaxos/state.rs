//! A Multi-Paxos replica: every server proposes, accepts and learns. What an acceptor keeps
//! on stable storage (its promise and, per slot, the proposal it accepted), the log of
//! decided commands, and the volatile role of a follower, a candidate in phase 1 or a leader.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::messages::{Ballot, Command, Slot, SlotProposal};
use crate::sim::{NodeId, Time, MILLI};

/// What survives a crash.
#[derive(Clone, Debug, Default, PartialEq, Hash)]
pub struct Persistent {
    /// The highest ballot this acceptor promised; one promise covers every slot.
    pub promised: Option<Ballot>,
    /// Per slot, the highest-ballot proposal this acceptor accepted.
    pub accepted: BTreeMap<Slot, (Ballot, Command)>,
    /// The highest round this replica used or heard of, so it never reuses a ballot.
    pub max_round: u64,
    /// The commands this replica knows were chosen, by slot (with holes while it catches up).
    pub decided: BTreeMap<Slot, Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Timer {
    /// A follower that hears nothing from a leader for this long runs phase 1 itself.
    LeaderTimeout,
    /// The leader's heartbeat, which also re-sends accept requests still unanswered.
    Heartbeat,
}

use crate::protocols::paxos::Bugs as PaxosBugs;

/// Deliberately wrong variants, off by default; the checkers must catch each one. Basic
/// Paxos's three apply per slot (a new leader that ignores the proposals its promises report
/// fills every open slot with a no-op); the fourth is Multi-Paxos's own. The fields are
/// Basic Paxos's, not a `paxos::Bugs` inside, so a scenario's config prints as code that
/// builds it (the page embeds the shipped scenarios that way).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Bugs {
    pub ignore_promised_values: bool,
    pub forget_promise: bool,
    pub accept_below_promise: bool,
    /// The leader answers a read from its own state at once, without choosing a slot for it.
    pub local_reads: bool,
}

impl Bugs {
    pub const NAMES: [&'static str; 4] =
        [PaxosBugs::NAMES[0], PaxosBugs::NAMES[1], PaxosBugs::NAMES[2], "local_reads"];
    /// What each bug does and which property it breaks, in `NAMES`' order.
    pub const WHAT: [&'static str; 4] = [
        PaxosBugs::WHAT[0],
        PaxosBugs::WHAT[1],
        PaxosBugs::WHAT[2],
        "The leader answers a read from its own state, without a slot: a leader that lost \
         its majority without knowing it answers with stale data. Breaks linearizability.",
    ];

    pub fn enable(&mut self, name: &str) -> Result<(), String> {
        match name {
            "ignore_promised_values" => self.ignore_promised_values = true,
            "forget_promise" => self.forget_promise = true,
            "accept_below_promise" => self.accept_below_promise = true,
            "local_reads" => self.local_reads = true,
            other => {
                return Err(format!(
                    "unknown Multi-Paxos bug `{other}`; known: {}",
                    Bugs::NAMES.join(", ")
                ))
            }
        }
        Ok(())
    }

    pub fn enabled(&self) -> Vec<&'static str> {
        let flags = [
            self.ignore_promised_values,
            self.forget_promise,
            self.accept_below_promise,
            self.local_reads,
        ];
        Bugs::NAMES.iter().zip(flags).filter(|(_, on)| *on).map(|(name, _)| *name).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Hash, Serialize, Deserialize)]
pub struct MultiPaxosConfig {
    /// Randomized like Raft's election timeout, so two replicas rarely start phase 1 at once.
    pub leader_timeout: (Time, Time),
    pub heartbeat_interval: Time,
    pub bugs: Bugs,
}

impl Default for MultiPaxosConfig {
    fn default() -> Self {
        MultiPaxosConfig {
            leader_timeout: (150 * MILLI, 300 * MILLI),
            heartbeat_interval: 50 * MILLI,
            bugs: Bugs::default(),
        }
    }
}

impl MultiPaxosConfig {
    pub fn validate(&self) -> Result<(), String> {
        let (min, max) = self.leader_timeout;
        if min == 0 || min > max {
            return Err("leader_timeout must be a non-empty range above zero".into());
        }
        if self.heartbeat_interval == 0 || self.heartbeat_interval >= min {
            return Err("heartbeat must be above zero and shorter than the leader timeout".into());
        }
        Ok(())
    }
}

/// A slot the leader has asked acceptors to accept, and who has.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct InFlight {
    pub command: Command,
    pub accepted: BTreeSet<NodeId>,
}

#[derive(Clone, Debug, PartialEq, Hash)]
pub enum Role {
    Follower,
    /// Phase 1 for every slot from `first_open`: the promises so far, with what each
    /// acceptor had accepted there.
    Candidate {
        ballot: Ballot,
        first_open: Slot,
        promises: BTreeMap<NodeId, Vec<SlotProposal>>,
    },
    /// Phase 1 is done for every slot: each new command goes straight to phase 2.
    Leader {
        ballot: Ballot,
        next_slot: Slot,
        in_flight: BTreeMap<Slot, InFlight>,
        /// The client requests this leader proposed and has not answered yet, by slot.
        clients: BTreeMap<Slot, Waiting>,
    },
}

/// A client request its leader proposed, waiting to be answered.
#[derive(Clone, Debug, PartialEq, Hash)]
pub struct Waiting {
    pub request: u64,
    pub command: Command,
    /// Whether this leader saw its own proposal chosen. A slot decided by another leader may
    /// hold something else, so its client cannot be told that its command took effect.
    pub chosen: bool,
}

/// What applying one slot tells the client waiting on it.
#[derive(Clone, Debug, PartialEq, Hash)]
pub(super) struct Answer {
    pub request: u64,
    pub command: Command,
    pub slot: Slot,
    /// None when the slot was decided by another leader: the client cannot know.
    pub outcome: Option<Applied>,
}

/// What a chosen command did when applied: a write took effect, a read saw this value.
#[derive(Clone, Debug, PartialEq, Hash)]
pub(super) enum Applied {
    Write,
    Read(Option<String>),
}

#[derive(Clone, Debug, Hash)]
pub struct MultiPaxosNode {
    pub(super) id: NodeId,
    pub(super) cluster_size: usize,
    pub(super) config: MultiPaxosConfig,
    pub(super) persistent: Persistent,
    pub(super) role: Role,
    /// The leader this replica last heard from.
    pub(super) leader: Option<NodeId>,
    /// Slots applied to the state machine: every slot up to here is decided.
    pub(super) applied: Slot,
    pub(super) kv: BTreeMap<Arc<str>, Arc<str>>,
    /// The command of the last client request this replica received, and the slot it last
    /// accepted in: what the checker needs to see each acceptance without scanning logs.
    pub(super) last_request: Option<Command>,
    pub(super) last_accepted: Option<Slot>,
}

impl MultiPaxosNode {
    pub(super) fn with_persistent(
        id: NodeId,
        cluster_size: usize,
        config: &MultiPaxosConfig,
        persistent: Persistent,
    ) -> Self {
        let mut node = MultiPaxosNode {
            id,
            cluster_size,
            config: config.clone(),
            persistent,
            role: Role::Follower,
            leader: None,
            applied: 0,
            kv: BTreeMap::new(),
            last_request: None,
            last_accepted: None,
        };
        // A replica just booted or restarted leads nothing, so no client waits on it.
        node.apply_decided();
        node
    }

    /// Applies decided commands in slot order, stopping at the first hole, and returns what
    /// a leader tells the clients waiting on those slots. A read is answered with the value
    /// as of its own slot: later slots applied in the same call must not leak into it.
    pub(super) fn apply_decided(&mut self) -> Vec<Answer> {
        let mut answers = Vec::new();
        while let Some(command) = self.persistent.decided.get(&(self.applied + 1)) {
            let slot = self.applied + 1;
            let applied = match command {
                Command::Set { key, value } => {
                    self.kv.insert(key.clone(), value.clone());
                    Applied::Write
                }
                Command::Get { key } => Applied::Read(self.kv.get(key).map(|v| v.to_string())),
                Command::Noop => Applied::Write,
            };
            self.applied = slot;
            if let Role::Leader { clients, .. } = &mut self.role {
                if let Some(waiting) = clients.remove(&slot) {
                    let outcome = waiting.chosen.then_some(applied);
                    let Waiting { request, command, .. } = waiting;
                    answers.push(Answer { request, command, slot, outcome });
                }
            }
        }
        answers
    }

    /// The first slot this replica does not know to be chosen.
    pub fn first_open(&self) -> Slot {
        self.applied + 1
    }

    pub fn id(&self) -> NodeId {
        self.id
    }

    pub fn role(&self) -> &Role {
        &self.role
    }

    pub fn ballot(&self) -> Option<Ballot> {
        match &self.role {
            Role::Follower => None,
            Role::Candidate { ballot, .. } | Role::Leader { ballot, .. } => Some(*ballot),
        }
    }

    pub fn leader(&self) -> Option<NodeId> {
        self.leader
    }

    pub fn promised(&self) -> Option<Ballot> {
        self.persistent.promised
    }

    pub fn accepted(&self) -> &BTreeMap<Slot, (Ballot, Command)> {
        &self.persistent.accepted
    }

    pub fn decided(&self) -> &BTreeMap<Slot, Command> {
        &self.persistent.decided
    }

    pub fn applied(&self) -> Slot {
        self.applied
    }

    pub fn kv(&self) -> &BTreeMap<Arc<str>, Arc<str>> {
        &self.kv
    }

    pub fn last_request(&self) -> Option<&Command> {
        self.last_request.as_ref()
    }

    /// The slot and proposal of this acceptor's latest acceptance.
    pub fn last_accepted(&self) -> Option<(Slot, &(Ballot, Command))> {
        let slot = self.last_accepted?;
        Some((slot, self.persistent.accepted.get(&slot)?))
    }

    pub fn quorum(&self) -> usize {
        self.cluster_size / 2 + 1
    }
}
