//! What the outside may see of a Raft server: the events it reports into the trace and a
//! view model for reports and UIs (`narration.rs` tells both in plain language).

use serde::{Deserialize, Serialize};

use super::messages::{is_zero, Entry, Membership};
use super::state::Role;
use super::RaftNode;
#[cfg(feature = "raft-membership")]
use crate::sim::MemberChange;
use crate::sim::NodeId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DenyReason {
    StaleTerm,
    AlreadyVoted,
    LogBehind,
    /// Lease reads: this server heard from a leader less than a minimum election timeout
    /// ago, and that leader may still be answering reads on its lease.
    LeaderLease,
    /// The candidate is not a voter in this server's configuration (it was removed, or is
    /// being added and this server has not heard yet): no vote, no term change.
    NotVoter,
}

/// Why a leader did not change the configuration.
#[cfg(feature = "raft-membership")]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigRefusal {
    NotLeader,
    NoSuchServer,
    Transferring,
    /// The previous change has not committed: one change at a time.
    ChangePending,
    /// No entry of the leader's term has committed yet.
    TermNotCommitted,
    AlreadyVoter,
    AlreadyMember,
    NotMember,
    LastVoter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// A follower that knows no leader cannot forward the request.
    NoLeaderKnown,
    /// A forwarded request reached a server that is no longer leader.
    NotLeader,
    /// The leader is handing leadership over and takes no new entries meanwhile.
    Transferring,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum ClientOutcome {
    Appended {
        index: u64,
    },
    Forwarded {
        to: NodeId,
    },
    Committed {
        index: u64,
    },
    Rejected {
        reason: RejectReason,
    },
    /// The leader stepped down before the entry committed. Its fate is unknown, not failed:
    /// a later leader may still commit it, so a client that retries may apply it twice
    /// (Jepsen histories record such an operation as indeterminate).
    Indeterminate,
    /// A read waits for the leader to confirm it still leads: a heartbeat round that a
    /// majority answers (and, early in a term, an entry of the term to commit).
    Confirming {
        round: u64,
    },
    /// The leader answered a read: the key's value (none if the key was never written).
    Read {
        value: Option<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum Event {
    Role {
        role: Role,
        term: u64,
    },
    VoteGranted {
        candidate: NodeId,
        term: u64,
    },
    VoteDenied {
        candidate: NodeId,
        term: u64,
        reason: DenyReason,
    },
    AppendRejected {
        leader: NodeId,
        prev_log_index: u64,
    },
    Truncated {
        from_index: u64,
    },
    /// The leader learned that `follower` stores its log up to `match_index` (matchIndex
    /// moved forward). Replies that move nothing, such as answers to heartbeats, report
    /// nothing.
    Replicated {
        follower: NodeId,
        match_index: u64,
    },
    Commit {
        commit_index: u64,
    },
    /// The server replaced its applied entries up to `last_index` with a snapshot.
    #[cfg(feature = "raft-snapshots")]
    Compacted {
        last_index: u64,
    },
    /// The server took `leader`'s snapshot up to `last_index` in place of its state machine
    /// (and of its log up to there).
    #[cfg(feature = "raft-snapshots")]
    SnapshotInstalled {
        leader: NodeId,
        last_index: u64,
    },
    /// Pre-vote: this server asks whether it could win `term` before campaigning for it.
    PreVote {
        term: u64,
    },
    /// Check-quorum: a leader heard from only `heard` servers (itself included) in the last
    /// election timeout and steps down.
    QuorumLost {
        heard: usize,
        term: u64,
    },
    /// Leadership transfer: the leader stops taking client requests and catches `to` up.
    TransferStarted {
        to: NodeId,
    },
    /// `to`'s log matches the leader's: the leader tells it to campaign now.
    TimeoutNowSent {
        to: NodeId,
    },
    /// The transfer did not finish within an election timeout; the leader leads on.
    TransferAborted {
        to: NodeId,
    },
    /// A transfer to a server that is not a voter (it could not win) is refused.
    TransferRefused {
        to: NodeId,
    },
    /// The election timer fired on a server that is not a voter in its configuration: it
    /// does not campaign.
    NotVoter,
    /// The leader appended a configuration entry at `index`; it is in force at once.
    #[cfg(feature = "raft-membership")]
    ConfigAppended {
        index: u64,
        membership: Membership,
    },
    #[cfg(feature = "raft-membership")]
    ConfigRefused {
        change: MemberChange,
        node: NodeId,
        reason: ConfigRefusal,
    },
    /// The configuration without this leader committed: it steps down.
    #[cfg(feature = "raft-membership")]
    LeftConfiguration {
        term: u64,
    },
    Client {
        request: u64,
        #[serde(flatten)]
        outcome: ClientOutcome,
    },
}

/// A Raft server as reports and views show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub role: Role,
    pub term: u64,
    pub voted_for: Option<NodeId>,
    pub commit_index: u64,
    pub last_applied: u64,
    /// The last index and term the snapshot covers; `log` starts after it.
    #[serde(skip_serializing_if = "is_zero")]
    pub snapshot_index: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub snapshot_term: u64,
    pub log: Vec<Entry>,
    pub kv: std::collections::BTreeMap<String, String>,
    /// The configuration this server believes in.
    pub membership: Membership,
    /// For the leader: each follower's nextIndex and matchIndex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication: Option<Vec<Progress>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub node: NodeId,
    pub next_index: u64,
    pub match_index: u64,
}

impl RaftNode {
    pub(super) fn make_view(&self) -> View {
        let replication = (self.role == Role::Leader).then(|| {
            self.replicas()
                .into_iter()
                .map(|p| Progress {
                    node: p,
                    next_index: self.next_index[p.index()],
                    match_index: self.match_index[p.index()],
                })
                .collect()
        });
        View {
            role: self.role,
            term: self.persistent.current_term,
            voted_for: self.persistent.voted_for,
            commit_index: self.commit_index,
            last_applied: self.last_applied,
            snapshot_index: self.persistent.snapshot.last_index,
            snapshot_term: self.persistent.snapshot.last_term,
            log: self.persistent.log.clone(),
            kv: self.kv.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            membership: self.membership(),
            replication,
        }
    }
}

impl crate::history::ClientFacts for RaftNode {
    fn client_fact(event: &Event) -> Option<(u64, crate::history::Fate)> {
        use crate::history::Fate;
        let Event::Client { request, outcome } = event else { return None };
        let fate = match outcome {
            ClientOutcome::Appended { .. } => Fate::Accepted,
            ClientOutcome::Forwarded { .. } | ClientOutcome::Confirming { .. } => Fate::Pending,
            ClientOutcome::Committed { .. } => Fate::Done { read: None },
            ClientOutcome::Read { value } => {
                Fate::Done { read: Some(value.as_deref().map(Into::into)) }
            }
            ClientOutcome::Rejected { .. } => Fate::Failed,
            ClientOutcome::Indeterminate => Fate::Unknown,
        };
        Some((*request, fate))
    }
}
