//! The trace: every step as records a person (or a test) can read. Serializes to JSON and
//! loads back.

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::id::NodeId;
use super::network::DropReason;
use super::node::Node;
use super::time::Time;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(bound(serialize = "", deserialize = ""))]
pub struct Record<N: Node> {
    pub step: u64,
    pub time: Time,
    #[serde(flatten)]
    pub kind: RecordKind<N>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", bound(serialize = "", deserialize = ""))]
pub enum RecordKind<N: Node> {
    /// A node sent a message; it will arrive at `deliver_at` unless something intervenes.
    Send {
        id: u64,
        from: NodeId,
        to: NodeId,
        deliver_at: Time,
        msg: N::Msg,
    },
    Deliver {
        id: u64,
        from: NodeId,
        to: NodeId,
        msg: N::Msg,
    },
    Drop {
        id: u64,
        from: NodeId,
        to: NodeId,
        reason: DropReason,
        msg: N::Msg,
    },
    /// The network delivers message `id` twice; the second copy is `copy`.
    Duplicate {
        id: u64,
        copy: u64,
        from: NodeId,
        to: NodeId,
        deliver_at: Time,
    },
    Timer {
        node: NodeId,
        timer: N::Timer,
    },
    /// An action ran. `resolved` is the node a `leader` target meant at that moment.
    Action {
        action: Action<N::Command>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resolved: Option<NodeId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        say: Option<String>,
    },
    /// A protocol fact reported by a node (role change, vote, commit, client outcome).
    Node {
        node: NodeId,
        event: N::Event,
    },
    Crashed {
        node: NodeId,
    },
    Restarted {
        node: NodeId,
    },
    /// An action that could not apply (e.g. client request to `leader` with no leader).
    Skipped {
        reason: String,
    },
    Violation {
        property: String,
        detail: String,
    },
}

/// How the records of a protocol built on another read as the inner protocol's: each message,
/// timer and event that belongs to the inner protocol, unwrapped (`None` for one that does
/// not). The Tasks lab narrates its Raft and gossip halves with their own words this way.
pub struct Projection<N: Node, M: Node> {
    pub msg: fn(&N::Msg) -> Option<&M::Msg>,
    pub timer: fn(&N::Timer) -> Option<M::Timer>,
    pub event: fn(&N::Event) -> Option<&M::Event>,
}

impl<N: Node> Record<N> {
    /// This record as protocol `M`'s, if it is about `M`'s messages, timers or events. An
    /// action's command is the outer protocol's, so actions do not project.
    pub fn project<M: Node>(&self, p: &Projection<N, M>) -> Option<Record<M>> {
        let kind = match &self.kind {
            RecordKind::Send { id, from, to, deliver_at, msg } => RecordKind::Send {
                id: *id,
                from: *from,
                to: *to,
                deliver_at: *deliver_at,
                msg: (p.msg)(msg)?.clone(),
            },
            RecordKind::Deliver { id, from, to, msg } => {
                RecordKind::Deliver { id: *id, from: *from, to: *to, msg: (p.msg)(msg)?.clone() }
            }
            RecordKind::Drop { id, from, to, reason, msg } => RecordKind::Drop {
                id: *id,
                from: *from,
                to: *to,
                reason: *reason,
                msg: (p.msg)(msg)?.clone(),
            },
            RecordKind::Timer { node, timer } => {
                RecordKind::Timer { node: *node, timer: (p.timer)(timer)? }
            }
            RecordKind::Node { node, event } => {
                RecordKind::Node { node: *node, event: (p.event)(event)?.clone() }
            }
            RecordKind::Duplicate { id, copy, from, to, deliver_at } => RecordKind::Duplicate {
                id: *id,
                copy: *copy,
                from: *from,
                to: *to,
                deliver_at: *deliver_at,
            },
            RecordKind::Crashed { node } => RecordKind::Crashed { node: *node },
            RecordKind::Restarted { node } => RecordKind::Restarted { node: *node },
            RecordKind::Skipped { reason } => RecordKind::Skipped { reason: reason.clone() },
            RecordKind::Violation { property, detail } => {
                RecordKind::Violation { property: property.clone(), detail: detail.clone() }
            }
            RecordKind::Action { .. } => return None,
        };
        Some(Record { step: self.step, time: self.time, kind })
    }
}
