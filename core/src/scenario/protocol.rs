//! The protocols this build runs: the one list that scenario files, links, the CLI and the
//! page all read. Adding a protocol adds a variant here and a row to each `match` below.

use serde::{Deserialize, Serialize};

use crate::protocols::{gossip, kv, paxos, raft};

/// Largest cluster a consensus scenario may ask for.
pub const MAX_CONSENSUS_NODES: usize = 64;
/// Largest gossip cluster: the size the page is built to draw and play.
pub const MAX_GOSSIP_NODES: usize = 1000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    #[default]
    Raft,
    Paxos,
    #[serde(rename = "multipaxos")]
    MultiPaxos,
    Gossip,
}

impl Protocol {
    pub const ALL: [Protocol; 4] =
        [Protocol::Raft, Protocol::Paxos, Protocol::MultiPaxos, Protocol::Gossip];

    /// The name in scenario files, links and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Protocol::Raft => "raft",
            Protocol::Paxos => "paxos",
            Protocol::MultiPaxos => "multipaxos",
            Protocol::Gossip => "gossip",
        }
    }

    pub fn from_key(key: &str) -> Option<Protocol> {
        Protocol::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The name for people.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Raft => "Raft",
            Protocol::Paxos => "Basic Paxos",
            Protocol::MultiPaxos => "Multi-Paxos",
            Protocol::Gossip => "Gossip and SWIM",
        }
    }

    /// The largest cluster of this protocol a scenario may ask for.
    pub fn max_nodes(self) -> usize {
        match self {
            Protocol::Gossip => MAX_GOSSIP_NODES,
            _ => MAX_CONSENSUS_NODES,
        }
    }

    /// The deliberate bugs this protocol can be run with.
    pub fn bug_names(self) -> &'static [&'static str] {
        match self {
            Protocol::Raft => &raft::Bugs::NAMES,
            // Multi-Paxos has the same three, applied per slot.
            Protocol::Paxos | Protocol::MultiPaxos => &paxos::Bugs::NAMES,
            Protocol::Gossip => &gossip::Bugs::NAMES,
        }
    }

    /// What each of [`Protocol::bug_names`] does, in the same order.
    pub fn bug_descriptions(self) -> &'static [&'static str] {
        match self {
            Protocol::Raft => &raft::Bugs::WHAT,
            Protocol::Paxos | Protocol::MultiPaxos => &paxos::Bugs::WHAT,
            Protocol::Gossip => &gossip::Bugs::WHAT,
        }
    }

    /// Whether `text` is a client command this protocol reads, and if not, why.
    pub fn check_command(self, text: &str) -> Result<(), String> {
        match self {
            Protocol::Raft | Protocol::MultiPaxos => text.parse::<kv::Command>().map(drop),
            Protocol::Paxos => text.parse::<paxos::Value>().map(drop),
            Protocol::Gossip => text.parse::<gossip::Command>().map(drop),
        }
    }
}
