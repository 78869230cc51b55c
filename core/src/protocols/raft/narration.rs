//! A Raft trace record in plain language: one line for each record worth one, as data
//! (`said!`), so that the page can tell it in the reader's language.

use super::messages::Message;
use super::state::Role;
#[cfg(feature = "raft-membership")]
use super::view::ConfigRefusal;
use super::view::{ClientOutcome, DenyReason, Event, RejectReason};
use super::RaftNode;
use crate::said;
#[cfg(feature = "raft-membership")]
use crate::sim::MemberChange;
use crate::sim::{DropReason, Line, NodeId, Record, RecordKind};

/// One line of plain language for a trace record, or `None` for records not worth a line of
/// their own (a send is told by its delivery).
pub fn narrate(record: &Record<RaftNode>) -> Option<Line> {
    Some(match &record.kind {
        RecordKind::Deliver { from, to, msg, .. } => narrate_delivery(*from, *to, msg),
        RecordKind::Drop { from, to, reason, msg, .. } => {
            let message = msg.label();
            match reason {
                DropReason::Loss => {
                    said!("{message} from {from} to {to} is lost by the network", message, from, to)
                }
                DropReason::Partition => said!(
                    "{message} from {from} to {to} cannot pass: the link is cut",
                    message,
                    from,
                    to
                ),
                DropReason::NodeDown => {
                    said!("{message} from {from} to {to} is lost: {to} is down", message, from, to)
                }
                DropReason::Manual => {
                    said!("{message} from {from} to {to} is dropped by hand", message, from, to)
                }
            }
        }
        RecordKind::Duplicate { from, to, .. } => {
            said!("the network duplicates a message from {from} to {to}", from, to)
        }
        RecordKind::Timer { node, timer } => match timer {
            super::Timer::Election => {
                said!("{node}'s election timer fires", node)
            }
            super::Timer::Heartbeat => {
                said!("{node} sends heartbeats", node)
            }
            super::Timer::CheckQuorum => {
                said!("{node} checks that a majority still answers it", node)
            }
            super::Timer::Transfer => {
                said!("{node}'s leadership transfer runs out of time", node)
            }
        },
        RecordKind::Action { action, resolved, say } => match say {
            Some(line) => Line::text(line.clone()),
            None => action.describe(*resolved, said!("election timeout")),
        },
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Crashed { node } => said!("{node} crashes", node),
        RecordKind::Restarted { node } => {
            said!("{node} restarts from its persistent state", node)
        }
        RecordKind::Skipped { reason } => said!("nothing happens: {reason}", reason),
        RecordKind::Violation { property, detail } => {
            said!("VIOLATION of {property}: {detail}", property, detail)
        }
        RecordKind::Send { .. } => return None,
    })
}

fn narrate_delivery(from: NodeId, to: NodeId, msg: &Message) -> Line {
    match msg {
        Message::RequestVote { term, .. } => {
            said!("{to} receives {from}'s vote request for term {term}", to, from, term)
        }
        Message::RequestVoteReply { vote_granted: true, term, .. } => {
            said!("{to} receives {from}'s vote (term {term})", to, from, term)
        }
        Message::RequestVoteReply { vote_granted: false, request_term, .. } => said!(
            "{to} learns {from} refused its vote request for term {term}",
            to,
            from,
            term = request_term
        ),
        Message::AppendEntries { entries, term, .. } if entries.is_empty() => {
            said!("{to} receives a heartbeat from {from} (term {term})", to, from, term)
        }
        Message::AppendEntries { entries, prev_log_index, .. } if entries.len() == 1 => said!(
            "{to} receives 1 entry from {from} after index {index}",
            to,
            from,
            index = prev_log_index
        ),
        Message::AppendEntries { entries, prev_log_index, .. } => said!(
            "{to} receives {count} entries from {from} after index {index}",
            to,
            count = entries.len(),
            from,
            index = prev_log_index
        ),
        Message::AppendEntriesReply { success: true, match_index, .. } => said!(
            "{to} learns {from} matches its log up to index {index}",
            to,
            from,
            index = match_index
        ),
        Message::AppendEntriesReply { success: false, .. } => {
            said!("{to} learns {from}'s log does not match; it will back up", to, from)
        }
        Message::ClientForward { command, .. } => said!(
            "{to} receives the client request {command} forwarded by {from}",
            to,
            command,
            from
        ),
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshot { snapshot, .. } => said!(
            "{to} receives {from}'s snapshot up to index {index} (term {term}): the entries it \
             needs next were compacted away",
            to,
            from,
            index = snapshot.last_index,
            term = snapshot.last_term
        ),
        #[cfg(feature = "raft-snapshots")]
        Message::InstallSnapshotReply { last_index, .. } => said!(
            "{to} learns {from} holds its snapshot up to index {index}",
            to,
            from,
            index = last_index
        ),
        Message::PreVote { term, .. } => said!(
            "{to} is asked by {from} whether it could win term {term} (a pre-vote)",
            to,
            from,
            term
        ),
        Message::PreVoteReply { granted: true, request_term, .. } => said!(
            "{to} learns {from} would vote for it in term {term}",
            to,
            from,
            term = request_term
        ),
        Message::PreVoteReply { granted: false, request_term, .. } => said!(
            "{to} learns {from} would not vote for it in term {term} (it has a leader, or a \
             longer log)",
            to,
            from,
            term = request_term
        ),
        Message::TimeoutNow { term } => said!(
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
            said!("{node} times out and starts an election for term {term}", node, term)
        }
        Event::Role { role: Role::Leader, term } => {
            said!("{node} wins a majority and becomes leader for term {term}", node, term)
        }
        Event::Role { role: Role::Follower, term } => {
            said!("{node} becomes a follower in term {term}", node, term)
        }
        Event::VoteGranted { candidate, term } => {
            said!("{node} votes for {candidate} in term {term}", node, candidate, term)
        }
        Event::PreVote { term } => said!(
            "{node} times out and first asks whether it could win term {term}, without raising \
             its term (pre-vote)",
            node,
            term
        ),
        Event::TransferStarted { to } => said!(
            "{node} starts handing leadership to {to}: it takes no new client requests and \
             catches {to} up",
            node,
            to
        ),
        Event::TimeoutNowSent { to } => {
            said!("{node} sees {to}'s log match its own and tells it to campaign now", node, to)
        }
        Event::TransferAborted { to } => said!(
            "{node} gives up handing leadership to {to} after an election timeout and takes \
             client requests again",
            node,
            to
        ),
        Event::QuorumLost { heard: 1, term } => said!(
            "{node} heard from only 1 server in an election timeout and steps down as leader of \
             term {term} (check-quorum)",
            node,
            term
        ),
        Event::QuorumLost { heard, term } => said!(
            "{node} heard from only {heard} servers in an election timeout and steps down as \
             leader of term {term} (check-quorum)",
            node,
            heard,
            term
        ),
        Event::VoteDenied { candidate, reason, .. } => match reason {
            DenyReason::StaleTerm => {
                said!("{node} rejects {candidate}: its term is stale", node, candidate)
            }
            DenyReason::AlreadyVoted => {
                said!("{node} rejects {candidate}: already voted in this term", node, candidate)
            }
            DenyReason::LogBehind => {
                said!("{node} rejects {candidate}: candidate log is behind", node, candidate)
            }
            DenyReason::LeaderLease => said!(
                "{node} rejects {candidate}: a leader's lease may still hold",
                node,
                candidate
            ),
            DenyReason::NotVoter => said!(
                "{node} ignores {candidate}'s vote request: {candidate} is not a voter in its \
                 configuration",
                node,
                candidate
            ),
        },
        Event::AppendRejected { leader, prev_log_index } => said!(
            "{node} rejects {leader}'s entries: its log has no match at index {index}",
            node,
            leader,
            index = prev_log_index
        ),
        Event::Truncated { from_index } => said!(
            "{node} deletes conflicting entries from index {index} on",
            node,
            index = from_index
        ),
        Event::Replicated { follower, match_index } => said!(
            "{node} records that {follower} stores its log up to index {index}",
            node,
            follower,
            index = match_index
        ),
        Event::Commit { commit_index } => {
            said!("{node} commits up to index {index}", node, index = commit_index)
        }
        #[cfg(feature = "raft-snapshots")]
        Event::Compacted { last_index } => said!(
            "{node} compacts its log: entries up to index {index} become a snapshot of its state \
             machine",
            node,
            index = last_index
        ),
        #[cfg(feature = "raft-snapshots")]
        Event::SnapshotInstalled { leader, last_index } => said!(
            "{node} replaces its state machine with {leader}'s snapshot up to index {index}",
            node,
            leader,
            index = last_index
        ),
        Event::TransferRefused { to } => {
            said!("{node} refuses to hand leadership to {to}: {to} is not a voter", node, to)
        }
        Event::NotVoter => said!(
            "{node}'s election timer fires, but {node} is not a voter in its configuration: it \
             does not campaign",
            node
        ),
        #[cfg(feature = "raft-membership")]
        Event::ConfigAppended { index, membership } => said!(
            "{node} appends a configuration entry at index {index}: {membership}; it counts \
             majorities by it from now on, committed or not",
            node,
            index,
            membership
        ),
        #[cfg(feature = "raft-membership")]
        Event::ConfigRefused { change, node: target, reason } => {
            let asked = match change {
                MemberChange::AddServer => said!("add {target}", target),
                MemberChange::AddLearner => {
                    said!("add {target} as a learner", target)
                }
                MemberChange::RemoveServer => said!("remove {target}", target),
            };
            let why = match reason {
                ConfigRefusal::NotLeader => {
                    said!("it is not the leader")
                }
                ConfigRefusal::NoSuchServer => {
                    said!("{target} does not exist", target)
                }
                ConfigRefusal::Transferring => {
                    said!("it is handing leadership over")
                }
                ConfigRefusal::ChangePending => {
                    said!("its previous configuration change has not committed yet")
                }
                ConfigRefusal::TermNotCommitted => {
                    said!("no entry of its own term has committed yet")
                }
                ConfigRefusal::AlreadyVoter => {
                    said!("{target} is already a voter", target)
                }
                ConfigRefusal::AlreadyMember => {
                    said!("{target} is already a member", target)
                }
                ConfigRefusal::NotMember => {
                    said!("{target} is not a member", target)
                }
                ConfigRefusal::LastVoter => {
                    said!("{target} is the last voter", target)
                }
            };
            said!("{node} refuses to {asked}: {why}", node, asked => asked, why => why)
        }
        #[cfg(feature = "raft-membership")]
        Event::LeftConfiguration { term } => said!(
            "{node} steps down as leader of term {term}: the configuration without it has \
             committed",
            node,
            term
        ),
        Event::Client { request, outcome } => match outcome {
            ClientOutcome::Appended { index } => said!(
                "{node} appends client request #{request} at index {index}",
                node,
                request,
                index
            ),
            ClientOutcome::Forwarded { to } => {
                said!("{node} forwards client request #{request} to leader {to}", node, request, to)
            }
            ClientOutcome::Committed { index } => {
                said!("client request #{request} is committed at index {index}", request, index)
            }
            ClientOutcome::Rejected { reason: RejectReason::NoLeaderKnown } => {
                said!("{node} rejects client request #{request}: no leader known", node, request)
            }
            ClientOutcome::Rejected { reason: RejectReason::NotLeader } => said!(
                "{node} rejects client request #{request}: it is not the leader",
                node,
                request
            ),
            ClientOutcome::Rejected { reason: RejectReason::Transferring } => said!(
                "{node} rejects client request #{request}: it is handing leadership over",
                node,
                request
            ),
            ClientOutcome::Confirming { round } => said!(
                "{node} holds read #{request} until a majority answers heartbeat round {round}, \
                 proving it still leads",
                node,
                request,
                round
            ),
            ClientOutcome::Read { value: Some(value) } => {
                said!("{node} answers read #{request}: {value}", node, request, value)
            }
            ClientOutcome::Read { value: None } => {
                said!("{node} answers read #{request}: the key was never written", node, request)
            }
            ClientOutcome::Indeterminate => said!(
                "client request #{request}'s outcome is unknown: {node} stepped down before it \
                 committed, and a later leader may still commit it",
                request,
                node
            ),
        },
    }
}
