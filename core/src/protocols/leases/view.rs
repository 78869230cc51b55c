//! What a page or a report may show of a leases server, its events, and their narration.

use serde::{Deserialize, Serialize};

use super::messages::Message;
use super::state::{Belief, Lease, LeaseNode, Role, StoredWrite};
use crate::protocols::raft;
use crate::said;
use crate::sim::{format_time, Line, NodeId, Record, RecordKind, Time};

/// Why a client stopped believing it holds the lease.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum LostWhy {
    /// The store says another client holds it.
    Taken { holder: NodeId },
    /// The storage rejected its write: it has seen a newer token.
    Fenced { newest: u64 },
    /// Its own clock says the lease (less the margin) ran out.
    RanOut,
    /// It gave the lease back.
    Released,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// The store grants the lease to `to` under `token`, taking it from `after` whose lease
    /// had run out.
    Granted {
        to: NodeId,
        token: u64,
        after: Option<NodeId>,
    },
    /// The store extends the holder's lease.
    Renewed {
        to: NodeId,
        token: u64,
    },
    Released {
        by: NodeId,
        token: u64,
    },
    /// A client now believes it holds lease `token`; a clock-bound one until `until` on its
    /// own clock.
    Acquired {
        token: u64,
        until: Option<Time>,
    },
    Lost {
        token: u64,
        why: LostWhy,
    },
    /// A client, believing it holds `token`, sends a write.
    Wrote {
        token: u64,
        value: String,
    },
    /// A client asked to write does not believe it holds the lease.
    NotHolder {
        value: String,
    },
    /// The storage accepted a write.
    Stored {
        from: NodeId,
        token: u64,
        value: String,
    },
    /// The storage rejected a write with an old token.
    Rejected {
        from: NodeId,
        token: u64,
        newest: u64,
    },
    /// A store replica became the store's leader and took over the lease its log holds,
    /// counting it from now: it cannot know when its holder last renewed it.
    TookOver {
        term: u64,
        holder: NodeId,
        token: u64,
        /// How long from now it honours the lease (None: the lock never expires).
        honours: Option<Time>,
    },
    /// A replicated store's Raft: roles and votes (its log's traffic is in its messages).
    /// Raft's events carry their own `type`, so they travel untagged.
    #[serde(untagged)]
    Raft(raft::Event),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub node: NodeId,
    pub role: Role,
    /// A store replica's Raft role and term, and whether it speaks for the store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica: Option<ReplicaView>,
    /// The store's lease.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lease: Option<Lease>,
    /// A client's belief.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub belief: Option<Belief>,
    /// The storage's newest token, counts and latest write.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageView>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReplicaView {
    pub raft_role: raft::Role,
    pub term: u64,
    pub leads_store: bool,
    pub log_length: u64,
    pub commit_index: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StorageView {
    pub newest: u64,
    pub accepted: u64,
    pub rejected: u64,
    pub last: Option<StoredWrite>,
}

impl LeaseNode {
    pub(super) fn make_view(&self) -> View {
        let role = self.role();
        View {
            node: self.id,
            role,
            replica: self.replica_view(),
            lease: if role == Role::Store { self.persistent.lease.clone() } else { None },
            belief: self.belief,
            storage: self.storage(),
        }
    }

    pub fn replica_view(&self) -> Option<ReplicaView> {
        let raft = self.raft.as_ref()?;
        Some(ReplicaView {
            raft_role: raft.role(),
            term: raft.current_term(),
            leads_store: self.store_term().is_some(),
            log_length: raft.last_log_index(),
            commit_index: raft.commit_index(),
        })
    }

    /// The storage's newest token and counts (None on other servers), without the view's
    /// copies of the rest: what the page draws every frame.
    pub fn storage(&self) -> Option<StorageView> {
        let p = &self.persistent;
        (self.role() == Role::Storage).then(|| StorageView {
            newest: p.newest,
            accepted: p.accepted,
            rejected: p.rejected,
            last: p.last_write.clone(),
        })
    }
}

/// A sentence for the records worth telling.
pub fn narrate(record: &Record<LeaseNode>) -> Option<Line> {
    Some(match &record.kind {
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Deliver { from, to, msg: Message::Write { token, value }, .. } => said!(
            "{to} receives {from}'s write of {value} under token {token}",
            to,
            from,
            value,
            token
        ),
        _ => return None,
    })
}

pub fn narrate_event(node: NodeId, event: &Event) -> Line {
    match event {
        Event::Granted { to, token, after: Some(old) } => said!(
            "{node} (the store) finds {old}'s lease expired and grants it to {to}: token {token}",
            node,
            old,
            to,
            token
        ),
        Event::Granted { to, token, after: None } => {
            said!("{node} (the store) grants the lease to {to}: token {token}", node, to, token)
        }
        Event::Renewed { to, token } => {
            said!("{node} renews {to}'s lease (token {token})", node, to, token)
        }
        Event::Released { by, token } => {
            said!("{by} gives lease {token} back", by, token)
        }
        Event::Acquired { token, until: Some(until) } => said!(
            "{node} holds the lease (token {token}) until {until} on its own clock",
            node,
            token,
            until = format_time(*until)
        ),
        Event::Acquired { token, until: None } => {
            said!("{node} believes it holds the lease (token {token})", node, token)
        }
        Event::Lost { token, why } => match why {
            LostWhy::Taken { holder } => said!(
                "{node} learns {holder} holds the lease: its lease {token} is gone",
                node,
                holder,
                token
            ),
            LostWhy::Fenced { newest } => said!(
                "{node}'s write under token {token} is rejected (the storage has seen {newest}): \
                 it stops",
                node,
                token,
                newest
            ),
            LostWhy::RanOut => {
                said!("{node}'s clock says lease {token} ran out: it stops writing", node, token)
            }
            LostWhy::Released => {
                said!("{node} releases lease {token}", node, token)
            }
        },
        Event::Wrote { token, value } => {
            said!("{node} writes {value} under token {token}", node, value, token)
        }
        Event::NotHolder { value } => {
            said!("{node} does not hold the lease and does not write {value}", node, value)
        }
        Event::Stored { from, token, value } => said!(
            "{node} (the storage) accepts {from}'s {value} (token {token})",
            node,
            from,
            value,
            token
        ),
        Event::Rejected { from, token, newest } => said!(
            "{node} (the storage) rejects {from}'s write: token {token} is older than {newest}",
            node,
            from,
            token,
            newest
        ),
        Event::TookOver { term, holder, token, honours } => match honours {
            None => said!(
                "{node} leads the store (term {term}): {holder} keeps lease {token}",
                node,
                term,
                holder,
                token
            ),
            Some(0) => said!(
                "{node} leads the store (term {term}) and takes {holder}'s lease {token} as \
                 expired",
                node,
                term,
                holder,
                token
            ),
            Some(left) => said!(
                "{node} leads the store (term {term}): it cannot know when {holder} last renewed \
                 lease {token}, so it honours it for a whole TTL ({ttl}) from now",
                node,
                term,
                holder,
                token,
                ttl = format_time(*left)
            ),
        },
        Event::Raft(event) => narrate_raft(node, event),
    }
}

/// A replicated store's Raft events, told as the store's.
fn narrate_raft(node: NodeId, event: &raft::Event) -> Line {
    match event {
        raft::Event::Role { role: raft::Role::Leader, term } => {
            said!("{node} wins the store's election for term {term}", node, term)
        }
        raft::Event::Role { role: raft::Role::Candidate, term } => {
            said!("{node} campaigns to lead the store (term {term})", node, term)
        }
        raft::Event::Role { role: raft::Role::Follower, term } => {
            said!("{node} follows in the store's term {term}", node, term)
        }
        raft::Event::VoteGranted { candidate, term } => said!(
            "{node} votes for {candidate} to lead the store (term {term})",
            node,
            candidate,
            term
        ),
        raft::Event::QuorumLost { term, .. } => said!(
            "{node} hears from too few store replicas and stops leading (term {term})",
            node,
            term
        ),
        raft::Event::Truncated { from_index } => said!(
            "{node} drops its log from entry {index}: the leader's differs",
            node,
            index = from_index
        ),
        other => Line::text(format!("{node}: {other:?}")),
    }
}
