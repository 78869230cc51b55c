//! Raft's RPCs (Figure 2 of the paper) as one-way messages, plus a follower's forward of a
//! client request. The sender is the message's `from` in the simulator, so `candidateId` and
//! `leaderId` are not repeated inside.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use crate::protocols::kv::Command;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub term: u64,
    pub command: Command,
    /// The client request that asked for this entry (0 for a leader's no-op). A request the
    /// network duplicated can be appended twice; the state machine applies it once.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub request: u64,
}

/// Log compaction (§7 of the paper), and InstallSnapshot's payload: the state machine as of
/// `last_index`, standing in for every entry up to it. Only committed entries are compacted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub last_index: u64,
    pub last_term: u64,
    pub kv: BTreeMap<Arc<str>, Arc<str>>,
    /// The client requests applied within it: a duplicated request that reaches the log
    /// after compaction must still apply only once.
    pub applied_requests: BTreeSet<u64>,
}

pub(super) fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
