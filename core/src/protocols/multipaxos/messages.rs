//! What Multi-Paxos replicas say to each other: Basic Paxos's phases, run once per slot of a
//! log, with phase 1 done once for all open slots by a new leader ("Paxos Made Simple", §3),
//! plus the leader's decisions, heartbeats and a catch-up request.

use serde::{Deserialize, Serialize};

pub use crate::protocols::kv::Command;
pub use crate::protocols::paxos::Ballot;

/// A log position; the first slot is 1.
pub type Slot = u64;

/// One slot's accepted proposal, as a promise reports it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SlotProposal {
    pub slot: Slot,
    pub ballot: Ballot,
    pub command: Command,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// 1a, for every slot from `first_open` on: the new leader already knows the commands
    /// chosen below it.
    Prepare { ballot: Ballot, first_open: Slot },
    /// 1b: the promise, with every proposal this acceptor accepted from `first_open` on.
    Promise { ballot: Ballot, accepted: Vec<SlotProposal> },
    /// 2a: the leader asks acceptors to accept `command` in `slot`.
    Accept { ballot: Ballot, slot: Slot, command: Command },
    /// 2b, to the leader.
    Accepted { ballot: Ballot, slot: Slot },
    /// A refusal: this acceptor promised `promised`, higher than `ballot`.
    Nack { ballot: Ballot, promised: Ballot },
    /// The leader saw a majority accept `command` in `slot`: it is chosen.
    Decide { slot: Slot, command: Command },
    /// The leader is alive, leads `ballot`, and knows every slot below `first_open` chosen.
    Heartbeat { ballot: Ballot, first_open: Slot },
    /// A replica that missed decisions asks the leader for those from `from` on.
    CatchUp { from: Slot },
}

impl Message {
    /// A short name for diagrams: the phase and what it carries.
    pub fn label(&self) -> &'static str {
        match self {
            Message::Prepare { .. } => "1a Prepare",
            Message::Promise { .. } => "1b Promise",
            Message::Accept { .. } => "2a Accept",
            Message::Accepted { .. } => "2b Accepted",
            Message::Nack { .. } => "Nack",
            Message::Decide { .. } => "Decide",
            Message::Heartbeat { .. } => "Heartbeat",
            Message::CatchUp { .. } => "CatchUp",
        }
    }
}
