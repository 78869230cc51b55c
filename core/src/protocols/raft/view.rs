//! What the outside may see of a Raft server: the events it reports into the trace, a view
//! model for reports and UIs, and plain-language narration of both.

use serde::{Deserialize, Serialize};

use super::messages::{is_zero, Entry, Membership, Message};
use super::state::Role;
use super::RaftNode;
#[cfg(feature = "raft-membership")]
use crate::sim::MemberChange;
use crate::sim::{DropReason, NodeId, Record, RecordKind};

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

/// One line of plain language for a trace record, or `None` for records not worth a line of
/// their own (a send is told by its delivery).
pub fn narrate(record: &Record<RaftNode>) -> Option<String> {
    Some(match &record.kind {
        RecordKind::Deliver { from, to, msg, .. } => narrate_delivery(*from, *to, msg),
        RecordKind::Drop { from, to, reason, msg, .. } => {
            let why = match reason {
                DropReason::Loss => "is lost by the network".to_string(),
                DropReason::Partition => "cannot pass: the link is cut".to_string(),
                DropReason::NodeDown => format!("is lost: {to} is down"),
                DropReason::Manual => "is dropped by hand".to_string(),
            };
            format!("{} from {from} to {to} {why}", msg.label())
        }
        RecordKind::Duplicate { from, to, .. } => {
            format!("the network duplicates a message from {from} to {to}")
        }
        RecordKind::Timer { node, timer } => match timer {
            super::Timer::Election => format!("{node}'s election timer fires"),
            super::Timer::Heartbeat => format!("{node} sends heartbeats"),
            super::Timer::CheckQuorum => format!("{node} checks that a majority still answers it"),
            super::Timer::Transfer => format!("{node}'s leadership transfer runs out of time"),
        },
        RecordKind::Action { action, resolved, say } => match say {
            Some(line) => line.clone(),
            None => action.describe(*resolved, "election timeout"),
        },
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Crashed { node } => format!("{node} crashes"),
        RecordKind::Restarted { node } => format!("{node} restarts from its persistent state"),
        RecordKind::Skipped { reason } => format!("nothing happens: {reason}"),
        RecordKind::Violation { property, detail } => format!("VIOLATION of {property}: {detail}"),
        RecordKind::Send { .. } => return None,
    })
}

fn narrate_delivery(from: NodeId, to: NodeId, msg: &Message) -> String {
    match msg {
        Message::RequestVote { term, .. } => {
            format!("{to} receives {from}'s vote request for term {term}")
        }
        Message::RequestVoteReply { vote_granted: true, term, .. } => {
            format!("{to} receives {from}'s vote (term {term})")
        }
        Message::RequestVoteReply { vote_granted: false, request_term, .. } => {
            format!("{to} learns {from} refused its vote request for term {request_term}")
        }
        Message::AppendEntries { entries, term, .. } if entries.is_empty() => {
            format!("{to} receives a heartbeat from {from} (term {term})")
        }
        Message::AppendEntries { entries, prev_log_index, .. } => format!(
            "{to} receives {} entr{} from {from} after index {prev_log_index}",
            entries.len(),
            if entries.len() == 1 { "y" } else { "ies" }
        ),
        Message::AppendEntriesReply { success: true, match_index, .. } => {
            format!("{to} learns {from} matches its log up to index {match_index}")
        }
        Message::AppendEntriesReply { success: false, .. } => {
            format!("{to} learns {from}'s log does not match; it will back up")
        }
        Message::ClientForward { command, .. } => {
            format!("{to} receives the client request {command} forwarded by {from}")
        }
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshot { snapshot, .. } => format!(
            "{to} receives {from}'s snapshot up to index {} (term {}): the entries it needs \
             next were compacted away",
            snapshot.last_index, snapshot.last_term
        ),
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshotReply { last_index, .. } => {
            format!("{to} learns {from} holds its snapshot up to index {last_index}")
        }
        Message::PreVote { term, .. } => {
            format!("{to} is asked by {from} whether it could win term {term} (a pre-vote)")
        }
        Message::PreVoteReply { granted: true, request_term, .. } => {
            format!("{to} learns {from} would vote for it in term {request_term}")
        }
        Message::PreVoteReply { granted: false, request_term, .. } => format!(
            "{to} learns {from} would not vote for it in term {request_term} (it has a leader, \
             or a longer log)"
        ),
        Message::TimeoutNow { term } => {
            format!("{to} is told by {from}, leader of term {term}, to start an election now")
        }
    }
}

fn narrate_event(node: NodeId, event: &Event) -> String {
    match event {
        Event::Role { role: Role::Candidate, term } => {
            format!("{node} times out and starts an election for term {term}")
        }
        Event::Role { role: Role::Leader, term } => {
            format!("{node} wins a majority and becomes leader for term {term}")
        }
        Event::Role { role: Role::Follower, term } => {
            format!("{node} becomes a follower in term {term}")
        }
        Event::VoteGranted { candidate, term } => {
            format!("{node} votes for {candidate} in term {term}")
        }
        Event::PreVote { term } => format!(
            "{node} times out and first asks whether it could win term {term}, without raising \
             its term (pre-vote)"
        ),
        Event::TransferStarted { to } => format!(
            "{node} starts handing leadership to {to}: it takes no new client requests and \
             catches {to} up"
        ),
        Event::TimeoutNowSent { to } => {
            format!("{node} sees {to}'s log match its own and tells it to campaign now")
        }
        Event::TransferAborted { to } => format!(
            "{node} gives up handing leadership to {to} after an election timeout and takes \
             client requests again"
        ),
        Event::QuorumLost { heard, term } => format!(
            "{node} heard from only {heard} server{} in an election timeout and steps down as \
             leader of term {term} (check-quorum)",
            if *heard == 1 { "" } else { "s" }
        ),
        Event::VoteDenied { candidate, reason, .. } => {
            let why = match reason {
                DenyReason::StaleTerm => "its term is stale",
                DenyReason::AlreadyVoted => "already voted in this term",
                DenyReason::LogBehind => "candidate log is behind",
                DenyReason::LeaderLease => "a leader's lease may still hold",
                DenyReason::NotVoter => {
                    return format!(
                        "{node} ignores {candidate}'s vote request: {candidate} is not a voter \
                         in its configuration"
                    )
                }
            };
            format!("{node} rejects {candidate}: {why}")
        }
        Event::AppendRejected { leader, prev_log_index } => {
            format!(
                "{node} rejects {leader}'s entries: its log has no match at index {prev_log_index}"
            )
        }
        Event::Truncated { from_index } => {
            format!("{node} deletes conflicting entries from index {from_index} on")
        }
        Event::Replicated { follower, match_index } => {
            format!("{node} records that {follower} stores its log up to index {match_index}")
        }
        Event::Commit { commit_index } => format!("{node} commits up to index {commit_index}"),
        #[cfg(feature = "raft-snapshots")]
        Event::Compacted { last_index } => format!(
            "{node} compacts its log: entries up to index {last_index} become a snapshot of its \
             state machine"
        ),
        #[cfg(feature = "raft-snapshots")]
        Event::SnapshotInstalled { leader, last_index } => format!(
            "{node} replaces its state machine with {leader}'s snapshot up to index {last_index}"
        ),
        Event::TransferRefused { to } => {
            format!("{node} refuses to hand leadership to {to}: {to} is not a voter")
        }
        Event::NotVoter => format!(
            "{node}'s election timer fires, but {node} is not a voter in its configuration: it \
             does not campaign"
        ),
        #[cfg(feature = "raft-membership")]
        Event::ConfigAppended { index, membership } => format!(
            "{node} appends a configuration entry at index {index}: {membership}; it counts \
             majorities by it from now on, committed or not"
        ),
        #[cfg(feature = "raft-membership")]
        Event::ConfigRefused { change, node: target, reason } => {
            let asked = match change {
                MemberChange::AddServer => format!("add {target}"),
                MemberChange::AddLearner => format!("add {target} as a learner"),
                MemberChange::RemoveServer => format!("remove {target}"),
            };
            let why = match reason {
                ConfigRefusal::NotLeader => "it is not the leader".to_string(),
                ConfigRefusal::NoSuchServer => format!("{target} does not exist"),
                ConfigRefusal::Transferring => "it is handing leadership over".to_string(),
                ConfigRefusal::ChangePending => {
                    "its previous configuration change has not committed yet".to_string()
                }
                ConfigRefusal::TermNotCommitted => {
                    "no entry of its own term has committed yet".to_string()
                }
                ConfigRefusal::AlreadyVoter => format!("{target} is already a voter"),
                ConfigRefusal::AlreadyMember => format!("{target} is already a member"),
                ConfigRefusal::NotMember => format!("{target} is not a member"),
                ConfigRefusal::LastVoter => format!("{target} is the last voter"),
            };
            format!("{node} refuses to {asked}: {why}")
        }
        #[cfg(feature = "raft-membership")]
        Event::LeftConfiguration { term } => format!(
            "{node} steps down as leader of term {term}: the configuration without it has \
             committed"
        ),
        Event::Client { request, outcome } => match outcome {
            ClientOutcome::Appended { index } => {
                format!("{node} appends client request #{request} at index {index}")
            }
            ClientOutcome::Forwarded { to } => {
                format!("{node} forwards client request #{request} to leader {to}")
            }
            ClientOutcome::Committed { index } => {
                format!("client request #{request} is committed at index {index}")
            }
            ClientOutcome::Rejected { reason: RejectReason::NoLeaderKnown } => {
                format!("{node} rejects client request #{request}: no leader known")
            }
            ClientOutcome::Rejected { reason: RejectReason::NotLeader } => {
                format!("{node} rejects client request #{request}: it is not the leader")
            }
            ClientOutcome::Rejected { reason: RejectReason::Transferring } => {
                format!("{node} rejects client request #{request}: it is handing leadership over")
            }
            ClientOutcome::Confirming { round } => format!(
                "{node} holds read #{request} until a majority answers heartbeat round {round}, \
                 proving it still leads"
            ),
            ClientOutcome::Read { value: Some(value) } => {
                format!("{node} answers read #{request}: {value}")
            }
            ClientOutcome::Read { value: None } => {
                format!("{node} answers read #{request}: the key was never written")
            }
            ClientOutcome::Indeterminate => format!(
                "client request #{request}'s outcome is unknown: {node} stepped down before it \
                 committed, and a later leader may still commit it"
            ),
        },
    }
}

impl crate::history::ClientFacts for RaftNode {
    fn client_fact(event: &Event) -> Option<(u64, crate::history::Fate)> {
        use crate::history::Fate;
        let Event::Client { request, outcome } = event else { return None };
        let fate = match outcome {
            ClientOutcome::Appended { .. }
            | ClientOutcome::Forwarded { .. }
            | ClientOutcome::Confirming { .. } => Fate::Pending,
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
