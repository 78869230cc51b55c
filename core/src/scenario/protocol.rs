//! The protocols this build runs: the one list that scenario files, links, the CLI and the
//! page all read. Each protocol's facts live in its own folder (its `ABOUT`); adding one adds
//! a variant here and its row in [`Protocol::about`].

use serde::{Deserialize, Serialize};

use crate::protocols::about::About;
use crate::protocols::{gossip, leases, multipaxos, paxos, raft, tasks};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    #[default]
    Raft,
    Paxos,
    #[serde(rename = "multipaxos")]
    MultiPaxos,
    Gossip,
    Tasks,
    Leases,
}

impl Protocol {
    pub const ALL: [Protocol; 6] = [
        Protocol::Raft,
        Protocol::Paxos,
        Protocol::MultiPaxos,
        Protocol::Gossip,
        Protocol::Tasks,
        Protocol::Leases,
    ];

    /// The protocol's facts, declared in its folder.
    pub fn about(self) -> &'static About {
        match self {
            Protocol::Raft => &raft::ABOUT,
            Protocol::Paxos => &paxos::ABOUT,
            Protocol::MultiPaxos => &multipaxos::ABOUT,
            Protocol::Gossip => &gossip::ABOUT,
            Protocol::Tasks => &tasks::ABOUT,
            Protocol::Leases => &leases::ABOUT,
        }
    }

    /// The name in scenario files, links and the CLI.
    pub fn key(self) -> &'static str {
        self.about().key
    }

    pub fn from_key(key: &str) -> Option<Protocol> {
        Protocol::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The name for people.
    pub fn name(self) -> &'static str {
        self.about().name
    }

    /// The largest cluster of this protocol a scenario may ask for.
    pub fn max_nodes(self) -> usize {
        self.about().max_nodes
    }

    /// The deliberate bugs this protocol can be run with.
    pub fn bug_names(self) -> &'static [&'static str] {
        self.about().bugs
    }

    /// What each of [`Protocol::bug_names`] does, in the same order.
    pub fn bug_descriptions(self) -> &'static [&'static str] {
        self.about().bugs_do
    }

    /// Whether `text` is a client command this protocol reads, and if not, why.
    pub fn check_command(self, text: &str) -> Result<(), String> {
        (self.about().check_command)(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_protocol_reads_back_from_its_key_as_serde_writes_it() {
        for protocol in Protocol::ALL {
            assert_eq!(Protocol::from_key(protocol.key()), Some(protocol));
            let json = serde_json::to_string(&protocol).expect("serializes");
            assert_eq!(json, format!("\"{}\"", protocol.key()));
            assert_eq!(protocol.bug_names().len(), protocol.bug_descriptions().len());
        }
    }
}
