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
