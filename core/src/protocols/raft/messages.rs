//! Raft's RPCs (Figure 2 of the paper) as one-way messages, plus a follower's forward of a
//! client request. The sender is the message's `from` in the simulator, so `candidateId` and
//! `leaderId` are not repeated inside.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::Renaming;
use crate::sim::NodeId;

pub use crate::protocols::kv::Command;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub term: u64,
    pub command: Command,
    /// The client request that asked for this entry (0 for a leader's no-op). A request the
    /// network duplicated can be appended twice; the state machine applies it once.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub request: u64,
    /// A configuration entry: from the moment it is appended, the server counts votes and
    /// replicas among these members (dissertation §4.1), committed or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<Membership>,
}

impl Entry {
    pub fn new(term: u64, command: Command, request: u64) -> Entry {
        Entry { term, command, request, membership: None }
    }

    /// Renames the servers a configuration entry names (for symmetry reduction).
    pub fn rename(&mut self, to: &Renaming) {
        if let Some(membership) = &mut self.membership {
            *membership = membership.renamed(to);
        }
    }
}

/// A set of servers, one bit per server (clusters hold at most 64).
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Servers(u64);

impl Servers {
    /// The first `n` servers.
    pub fn first(n: usize) -> Servers {
        Servers(if n >= 64 { u64::MAX } else { (1u64 << n) - 1 })
    }

    pub fn contains(self, id: NodeId) -> bool {
        id.index() < 64 && self.0 & (1 << id.index()) != 0
    }

    pub fn with(self, id: NodeId) -> Servers {
        Servers(self.0 | 1 << id.index())
    }

    pub fn without(self, id: NodeId) -> Servers {
        Servers(self.0 & !(1 << id.index()))
    }

    pub fn with_all(self, other: Servers) -> Servers {
        Servers(self.0 | other.0)
    }

    pub fn len(&self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    /// The servers in order of their names, one set bit at a time (not 64 tests: symmetry
    /// reduction renames every configuration many times a move).
    pub fn iter(self) -> impl Iterator<Item = NodeId> {
        let mut left = self.0;
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            let next = NodeId(left.trailing_zeros());
            left &= left - 1;
            Some(next)
        })
    }

    /// The same servers under their new names.
    pub fn renamed(self, to: &Renaming) -> Servers {
        self.iter().fold(Servers::default(), |renamed, id| renamed.with(to.id(id)))
    }
}

impl fmt::Debug for Servers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for Servers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.iter().map(|id| id.to_string()).collect();
        write!(f, "{{{}}}", names.join(", "))
    }
}

impl Serialize for Servers {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Servers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Servers, D::Error> {
        let ids = Vec::<NodeId>::deserialize(deserializer)?;
        match ids.iter().find(|id| id.index() >= 64) {
            Some(id) => Err(serde::de::Error::custom(format!("{id} is past the 64th server"))),
            None => Ok(ids.into_iter().fold(Servers::default(), Servers::with)),
        }
    }
}

/// A configuration (dissertation chapter 4): voters elect leaders and commit entries;
/// learners receive the log but count for neither.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Membership {
    pub voters: Servers,
    #[serde(default, skip_serializing_if = "Servers::is_empty")]
    pub learners: Servers,
}

impl Membership {
    /// The same configuration with its servers under their new names.
    pub fn renamed(self, to: &Renaming) -> Membership {
        let Membership { voters, learners } = self;
        Membership { voters: voters.renamed(to), learners: learners.renamed(to) }
    }

    pub fn is_member(&self, id: NodeId) -> bool {
        self.voters.contains(id) || self.learners.contains(id)
    }

    /// Whether the servers `has` picks form a majority of the voters.
    pub fn quorum(&self, has: impl Fn(NodeId) -> bool) -> bool {
        let count = self.voters.iter().filter(|&id| has(id)).count();
        count > self.voters.len() / 2
    }
}

impl fmt::Display for Membership {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "voters {}", self.voters)?;
        if !self.learners.is_empty() {
            write!(f, ", learners {}", self.learners)?;
        }
        Ok(())
    }
}

/// Log compaction (§7 of the paper), and InstallSnapshot's payload: the state machine as of
/// `last_index`, standing in for every entry up to it. Only committed entries are compacted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Snapshot {
    pub last_index: u64,
    pub last_term: u64,
    pub kv: BTreeMap<Arc<str>, Arc<str>>,
    /// The client requests applied within it: a duplicated request that reaches the log
    /// after compaction must still apply only once.
    pub applied_requests: BTreeSet<u64>,
    /// The configuration as of `last_index` (`None`: the one the cluster started with).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub membership: Option<Membership>,
}

pub(super) fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Message {
    /// Invoked by candidates to gather votes.
    /// `transfer`: the candidate campaigns because its leader sent TimeoutNow, so a server
    /// that still hears from that leader votes anyway (only lease reads make it refuse).
    RequestVote {
        term: u64,
        last_log_index: u64,
        last_log_term: u64,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        transfer: bool,
    },
    /// `request_term` is the term of the request this answers: a candidate that has moved
    /// on to a later term must not take a refusal of its earlier request as the answer to
    /// its current one (the responder's `term` is the same in both).
    RequestVoteReply { term: u64, vote_granted: bool, request_term: u64 },
    /// Pre-vote: "could I win `term` (your term + 1 for me) with this log?". Nobody changes
    /// term or vote for it.
    PreVote { term: u64, last_log_index: u64, last_log_term: u64 },
    /// `term` is the responder's own; `request_term` the term the pre-vote asked about.
    PreVoteReply { term: u64, granted: bool, request_term: u64 },
    /// Invoked by the leader to replicate entries; with no entries it is a heartbeat.
    /// `read_round` numbers the leader's rounds of confirming it still leads (for reads);
    /// the reply echoes it, so a late or duplicated reply never confirms a later round.
    AppendEntries {
        term: u64,
        prev_log_index: u64,
        prev_log_term: u64,
        entries: Vec<Entry>,
        leader_commit: u64,
        #[serde(default, skip_serializing_if = "is_zero")]
        read_round: u64,
    },
    /// On success `match_index` is the last index now known to match the leader. On failure
    /// `conflict_index` / `conflict_term` let the leader skip a whole term at once instead of
    /// backing `nextIndex` off one entry per round trip (§5.3's optimization).
    AppendEntriesReply {
        term: u64,
        success: bool,
        match_index: u64,
        conflict_index: u64,
        conflict_term: Option<u64>,
        #[serde(default, skip_serializing_if = "is_zero")]
        read_round: u64,
    },
    /// Invoked by the leader when a follower needs entries it has compacted away: the whole
    /// snapshot in one message (the paper sends it in chunks; one is enough here).
    #[cfg(feature = "raft-snapshots")]
    InstallSnapshot {
        term: u64,
        snapshot: Snapshot,
        #[serde(default, skip_serializing_if = "is_zero")]
        read_round: u64,
    },
    /// The follower's log now matches the leader's up to `last_index`.
    #[cfg(feature = "raft-snapshots")]
    InstallSnapshotReply {
        term: u64,
        last_index: u64,
        #[serde(default, skip_serializing_if = "is_zero")]
        read_round: u64,
    },
    /// A follower passing a client's request on to the leader it knows.
    ClientForward { request: u64, command: Command },
    /// Leadership transfer (dissertation §3.10): the leader tells a caught-up follower to
    /// start an election now, without waiting for its timeout or asking for a pre-vote.
    TimeoutNow { term: u64 },
}

impl Message {
    pub fn term(&self) -> Option<u64> {
        match self {
            Message::RequestVote { term, .. }
            | Message::RequestVoteReply { term, .. }
            | Message::AppendEntries { term, .. }
            | Message::AppendEntriesReply { term, .. }
            | Message::PreVoteReply { term, .. }
            | Message::TimeoutNow { term } => Some(*term),
            #[cfg(feature = "raft-snapshots")]
            Message::InstallSnapshot { term, .. } | Message::InstallSnapshotReply { term, .. } => {
                Some(*term)
            }
            // A pre-vote's term is the one its sender hopes for, not one it has.
            Message::PreVote { .. } | Message::ClientForward { .. } => None,
        }
    }

    /// A heartbeat is an AppendEntries with no entries.
    pub fn is_heartbeat(&self) -> bool {
        matches!(self, Message::AppendEntries { entries, .. } if entries.is_empty())
    }

    /// A short label for views.
    pub fn label(&self) -> &'static str {
        match self {
            Message::RequestVote { .. } => "RequestVote",
            Message::RequestVoteReply { .. } => "RequestVote reply",
            Message::PreVote { .. } => "PreVote",
            Message::PreVoteReply { .. } => "PreVote reply",
            msg if msg.is_heartbeat() => "Heartbeat",
            Message::AppendEntries { .. } => "AppendEntries",
            Message::AppendEntriesReply { .. } => "AppendEntries reply",
            #[cfg(feature = "raft-snapshots")]
            Message::InstallSnapshot { .. } => "InstallSnapshot",
            #[cfg(feature = "raft-snapshots")]
            Message::InstallSnapshotReply { .. } => "InstallSnapshot reply",
            Message::ClientForward { .. } => "ClientForward",
            Message::TimeoutNow { .. } => "TimeoutNow",
        }
    }
}
