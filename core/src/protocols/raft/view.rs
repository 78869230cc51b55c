//! What the outside may see of a Raft server: the events it reports into the trace, a view
//! model for reports and UIs, and plain-language narration of both.

use serde::{Deserialize, Serialize};

use super::messages::{is_zero, Entry, Membership, Message};
use super::state::Role;
use super::RaftNode;
use crate::said;
#[cfg(feature = "raft-membership")]
use crate::sim::MemberChange;
use crate::sim::{DropReason, Line, NodeId, Record, RecordKind};

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
pub fn narrate(record: &Record<RaftNode>) -> Option<Line> {
    Some(match &record.kind {
        RecordKind::Deliver { from, to, msg, .. } => narrate_delivery(*from, *to, msg),
        RecordKind::Drop { from, to, reason, msg, .. } => {
            let message = msg.label();
            match reason {
                DropReason::Loss => {
                    said!(
                        "drop-loss",
                        "{message} from {from} to {to} is lost by the network",
                        message,
                        from,
                        to
                    )
                }
                DropReason::Partition => said!(
                    "drop-partition",
                    "{message} from {from} to {to} cannot pass: the link is cut",
                    message,
                    from,
                    to
                ),
                DropReason::NodeDown => {
                    said!(
                        "drop-node-down",
                        "{message} from {from} to {to} is lost: {to} is down",
                        message,
                        from,
                        to
                    )
                }
                DropReason::Manual => {
                    said!(
                        "drop-manual",
                        "{message} from {from} to {to} is dropped by hand",
                        message,
                        from,
                        to
                    )
                }
            }
        }
        RecordKind::Duplicate { from, to, .. } => {
            said!("duplicate", "the network duplicates a message from {from} to {to}", from, to)
        }
        RecordKind::Timer { node, timer } => match timer {
            super::Timer::Election => {
                said!("raft-timer-election", "{node}'s election timer fires", node)
            }
            super::Timer::Heartbeat => {
                said!("raft-timer-heartbeat", "{node} sends heartbeats", node)
            }
            super::Timer::CheckQuorum => {
                said!(
                    "raft-timer-check-quorum",
                    "{node} checks that a majority still answers it",
                    node
                )
            }
            super::Timer::Transfer => {
                said!("raft-timer-transfer", "{node}'s leadership transfer runs out of time", node)
            }
        },
        RecordKind::Action { action, resolved, say } => match say {
            Some(line) => Line::text(line.clone()),
            None => action.describe(*resolved, said!("raft-election-timeout", "election timeout")),
        },
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Crashed { node } => said!("crashed", "{node} crashes", node),
        RecordKind::Restarted { node } => {
            said!("raft-restarted", "{node} restarts from its persistent state", node)
        }
        RecordKind::Skipped { reason } => said!("skipped", "nothing happens: {reason}", reason),
        RecordKind::Violation { property, detail } => {
            said!("record-violation", "VIOLATION of {property}: {detail}", property, detail)
        }
        RecordKind::Send { .. } => return None,
    })
}

fn narrate_delivery(from: NodeId, to: NodeId, msg: &Message) -> Line {
    match msg {
        Message::RequestVote { term, .. } => {
            said!(
                "raft-vote-request",
                "{to} receives {from}'s vote request for term {term}",
                to,
                from,
                term
            )
        }
        Message::RequestVoteReply { vote_granted: true, term, .. } => {
            said!("raft-vote", "{to} receives {from}'s vote (term {term})", to, from, term)
        }
        Message::RequestVoteReply { vote_granted: false, request_term, .. } => said!(
            "raft-vote-refused",
            "{to} learns {from} refused its vote request for term {term}",
            to,
            from,
            term = request_term
        ),
        Message::AppendEntries { entries, term, .. } if entries.is_empty() => {
            said!(
                "raft-heartbeat",
                "{to} receives a heartbeat from {from} (term {term})",
                to,
                from,
                term
            )
        }
        Message::AppendEntries { entries, prev_log_index, .. } if entries.len() == 1 => said!(
            "raft-entry",
            "{to} receives 1 entry from {from} after index {index}",
            to,
            from,
            index = prev_log_index
        ),
        Message::AppendEntries { entries, prev_log_index, .. } => said!(
            "raft-entries",
            "{to} receives {count} entries from {from} after index {index}",
            to,
            count = entries.len(),
            from,
            index = prev_log_index
        ),
        Message::AppendEntriesReply { success: true, match_index, .. } => said!(
            "raft-matches",
            "{to} learns {from} matches its log up to index {index}",
            to,
            from,
            index = match_index
        ),
        Message::AppendEntriesReply { success: false, .. } => {
            said!(
                "raft-mismatch",
                "{to} learns {from}'s log does not match; it will back up",
                to,
                from
            )
        }
        Message::ClientForward { command, .. } => said!(
            "raft-forwarded",
            "{to} receives the client request {command} forwarded by {from}",
            to,
            command,
            from
        ),
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshot { snapshot, .. } => said!(
            "raft-snapshot",
            "{to} receives {from}'s snapshot up to index {index} (term {term}): the entries it \
             needs next were compacted away",
            to,
            from,
            index = snapshot.last_index,
            term = snapshot.last_term
        ),
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshotReply { last_index, .. } => said!(
            "raft-snapshot-held",
            "{to} learns {from} holds its snapshot up to index {index}",
            to,
            from,
            index = last_index
        ),
        Message::PreVote { term, .. } => said!(
            "raft-pre-vote-request",
            "{to} is asked by {from} whether it could win term {term} (a pre-vote)",
            to,
            from,
            term
        ),
        Message::PreVoteReply { granted: true, request_term, .. } => said!(
            "raft-pre-vote",
            "{to} learns {from} would vote for it in term {term}",
            to,
            from,
            term = request_term
        ),
        Message::PreVoteReply { granted: false, request_term, .. } => said!(
            "raft-pre-vote-refused",
            "{to} learns {from} would not vote for it in term {term} (it has a leader, or a \
             longer log)",
            to,
            from,
            term = request_term
        ),
        Message::TimeoutNow { term } => said!(
            "raft-timeout-now",
            "{to} is told by {from}, leader of term {term}, to start an election now",
            to,
            from,
            term
        ),
    }
}

fn narrate_event(node: NodeId, event: &Event) -> Line {
    match event {
        Event::Role { role: Role::Candidate, term } => {
            said!(
                "raft-candidate",
                "{node} times out and starts an election for term {term}",
                node,
                term
            )
        }
        Event::Role { role: Role::Leader, term } => {
            said!(
                "raft-leader",
                "{node} wins a majority and becomes leader for term {term}",
                node,
                term
            )
        }
        Event::Role { role: Role::Follower, term } => {
            said!("raft-follower", "{node} becomes a follower in term {term}", node, term)
        }
        Event::VoteGranted { candidate, term } => {
            said!(
                "raft-votes",
                "{node} votes for {candidate} in term {term}",
                node,
                candidate,
                term
            )
        }
        Event::PreVote { term } => said!(
            "raft-pre-votes",
            "{node} times out and first asks whether it could win term {term}, without raising \
             its term (pre-vote)",
            node,
            term
        ),
        Event::TransferStarted { to } => said!(
            "raft-transfer",
            "{node} starts handing leadership to {to}: it takes no new client requests and \
             catches {to} up",
            node,
            to
        ),
        Event::TimeoutNowSent { to } => said!(
            "raft-transfer-now",
            "{node} sees {to}'s log match its own and tells it to campaign now",
            node,
            to
        ),
        Event::TransferAborted { to } => said!(
            "raft-transfer-aborted",
            "{node} gives up handing leadership to {to} after an election timeout and takes \
             client requests again",
            node,
            to
        ),
        Event::QuorumLost { heard: 1, term } => said!(
            "raft-quorum-lost-one",
            "{node} heard from only 1 server in an election timeout and steps down as leader of \
             term {term} (check-quorum)",
            node,
            term
        ),
        Event::QuorumLost { heard, term } => said!(
            "raft-quorum-lost",
            "{node} heard from only {heard} servers in an election timeout and steps down as \
             leader of term {term} (check-quorum)",
            node,
            heard,
            term
        ),
        Event::VoteDenied { candidate, reason, .. } => match reason {
            DenyReason::StaleTerm => {
                said!(
                    "raft-deny-stale",
                    "{node} rejects {candidate}: its term is stale",
                    node,
                    candidate
                )
            }
            DenyReason::AlreadyVoted => {
                said!(
                    "raft-deny-voted",
                    "{node} rejects {candidate}: already voted in this term",
                    node,
                    candidate
                )
            }
            DenyReason::LogBehind => {
                said!(
                    "raft-deny-log",
                    "{node} rejects {candidate}: candidate log is behind",
                    node,
                    candidate
                )
            }
            DenyReason::LeaderLease => said!(
                "raft-deny-lease",
                "{node} rejects {candidate}: a leader's lease may still hold",
                node,
                candidate
            ),
            DenyReason::NotVoter => said!(
                "raft-deny-not-voter",
                "{node} ignores {candidate}'s vote request: {candidate} is not a voter in its \
                 configuration",
                node,
                candidate
            ),
        },
        Event::AppendRejected { leader, prev_log_index } => said!(
            "raft-append-rejected",
            "{node} rejects {leader}'s entries: its log has no match at index {index}",
            node,
            leader,
            index = prev_log_index
        ),
        Event::Truncated { from_index } => said!(
            "raft-truncated",
            "{node} deletes conflicting entries from index {index} on",
            node,
            index = from_index
        ),
        Event::Replicated { follower, match_index } => said!(
            "raft-replicated",
            "{node} records that {follower} stores its log up to index {index}",
            node,
            follower,
            index = match_index
        ),
        Event::Commit { commit_index } => {
            said!("raft-commit", "{node} commits up to index {index}", node, index = commit_index)
        }
        #[cfg(feature = "raft-snapshots")]
        Event::Compacted { last_index } => said!(
            "raft-compacted",
            "{node} compacts its log: entries up to index {index} become a snapshot of its state \
             machine",
            node,
            index = last_index
        ),
        #[cfg(feature = "raft-snapshots")]
        Event::SnapshotInstalled { leader, last_index } => said!(
            "raft-snapshot-installed",
            "{node} replaces its state machine with {leader}'s snapshot up to index {index}",
            node,
            leader,
            index = last_index
        ),
        Event::TransferRefused { to } => said!(
            "raft-transfer-refused",
            "{node} refuses to hand leadership to {to}: {to} is not a voter",
            node,
            to
        ),
        Event::NotVoter => said!(
            "raft-not-voter",
            "{node}'s election timer fires, but {node} is not a voter in its configuration: it \
             does not campaign",
            node
        ),
        #[cfg(feature = "raft-membership")]
        Event::ConfigAppended { index, membership } => said!(
            "raft-config-appended",
            "{node} appends a configuration entry at index {index}: {membership}; it counts \
             majorities by it from now on, committed or not",
            node,
            index,
            membership
        ),
        #[cfg(feature = "raft-membership")]
        Event::ConfigRefused { change, node: target, reason } => {
            let asked = match change {
                MemberChange::AddServer => said!("raft-ask-add", "add {target}", target),
                MemberChange::AddLearner => {
                    said!("raft-ask-add-learner", "add {target} as a learner", target)
                }
                MemberChange::RemoveServer => said!("raft-ask-remove", "remove {target}", target),
            };
            let why = match reason {
                ConfigRefusal::NotLeader => {
                    said!("raft-refusal-not-leader", "it is not the leader")
                }
                ConfigRefusal::NoSuchServer => {
                    said!("raft-refusal-no-such-server", "{target} does not exist", target)
                }
                ConfigRefusal::Transferring => {
                    said!("raft-refusal-transferring", "it is handing leadership over")
                }
                ConfigRefusal::ChangePending => said!(
                    "raft-refusal-change-pending",
                    "its previous configuration change has not committed yet"
                ),
                ConfigRefusal::TermNotCommitted => said!(
                    "raft-refusal-term-not-committed",
                    "no entry of its own term has committed yet"
                ),
                ConfigRefusal::AlreadyVoter => {
                    said!("raft-refusal-already-voter", "{target} is already a voter", target)
                }
                ConfigRefusal::AlreadyMember => {
                    said!("raft-refusal-already-member", "{target} is already a member", target)
                }
                ConfigRefusal::NotMember => {
                    said!("raft-refusal-not-member", "{target} is not a member", target)
                }
                ConfigRefusal::LastVoter => {
                    said!("raft-refusal-last-voter", "{target} is the last voter", target)
                }
            };
            said!("raft-config-refused", "{node} refuses to {asked}: {why}", node, asked => asked, why => why)
        }
        #[cfg(feature = "raft-membership")]
        Event::LeftConfiguration { term } => said!(
            "raft-left-configuration",
            "{node} steps down as leader of term {term}: the configuration without it has \
             committed",
            node,
            term
        ),
        Event::Client { request, outcome } => match outcome {
            ClientOutcome::Appended { index } => said!(
                "raft-client-appended",
                "{node} appends client request #{request} at index {index}",
                node,
                request,
                index
            ),
            ClientOutcome::Forwarded { to } => said!(
                "raft-client-forwarded",
                "{node} forwards client request #{request} to leader {to}",
                node,
                request,
                to
            ),
            ClientOutcome::Committed { index } => said!(
                "raft-client-committed",
                "client request #{request} is committed at index {index}",
                request,
                index
            ),
            ClientOutcome::Rejected { reason: RejectReason::NoLeaderKnown } => said!(
                "raft-client-no-leader",
                "{node} rejects client request #{request}: no leader known",
                node,
                request
            ),
            ClientOutcome::Rejected { reason: RejectReason::NotLeader } => said!(
                "raft-client-not-leader",
                "{node} rejects client request #{request}: it is not the leader",
                node,
                request
            ),
            ClientOutcome::Rejected { reason: RejectReason::Transferring } => said!(
                "raft-client-transferring",
                "{node} rejects client request #{request}: it is handing leadership over",
                node,
                request
            ),
            ClientOutcome::Confirming { round } => said!(
                "raft-client-confirming",
                "{node} holds read #{request} until a majority answers heartbeat round {round}, \
                 proving it still leads",
                node,
                request,
                round
            ),
            ClientOutcome::Read { value: Some(value) } => {
                said!(
                    "raft-client-read",
                    "{node} answers read #{request}: {value}",
                    node,
                    request,
                    value
                )
            }
            ClientOutcome::Read { value: None } => said!(
                "raft-client-read-none",
                "{node} answers read #{request}: the key was never written",
                node,
                request
            ),
            ClientOutcome::Indeterminate => said!(
                "raft-client-unknown",
                "client request #{request}'s outcome is unknown: {node} stepped down before it \
                 committed, and a later leader may still commit it",
                request,
                node
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
