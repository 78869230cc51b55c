//! What a report or a UI may show of a gossip node, the protocol facts it records in the
//! trace, and those facts in plain words.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::messages::{Message, Status, Version};
use super::state::GossipNode;
use crate::said;
use crate::sim::{Line, NodeId, Record, RecordKind};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// No ack, direct or indirect, in a whole protocol period.
    Suspected {
        member: NodeId,
        incarnation: u64,
    },
    /// The suspicion timeout ran out (or, with `skip_suspicion`, one ack was missed).
    Confirmed {
        member: NodeId,
        incarnation: u64,
    },
    /// This node heard it was suspected or dead and answered with a higher incarnation.
    Refuted {
        incarnation: u64,
        was: Status,
    },
    /// A client wrote a rumor here.
    Wrote {
        key: Arc<str>,
        value: Arc<str>,
        version: Version,
    },
    /// A rumor (or a newer version of it) reached this node.
    Learned {
        key: Arc<str>,
        version: Version,
    },
    Left,
    Joined {
        incarnation: u64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub node: NodeId,
    pub incarnation: u64,
    pub left: bool,
    /// How many members this node sees alive, suspected, dead and left.
    pub alive: usize,
    pub suspect: usize,
    pub dead: usize,
    pub gone: usize,
    pub rumors: Vec<(Arc<str>, Arc<str>)>,
}

impl GossipNode {
    pub(super) fn make_view(&self) -> View {
        let count = |s: Status| self.members.iter().filter(|m| m.status == s).count();
        View {
            node: self.id,
            incarnation: self.persistent.incarnation,
            left: self.left,
            alive: count(Status::Alive),
            suspect: count(Status::Suspect),
            dead: count(Status::Dead),
            gone: count(Status::Left),
            rumors: self.rumors.iter().map(|(k, (_, v))| (k.clone(), v.clone())).collect(),
        }
    }
}

/// How the live members (up, not left, other than the member itself) see one member.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Opinion {
    pub alive: usize,
    pub suspect: usize,
    pub dead: usize,
    pub left: usize,
}

impl Opinion {
    /// Members asked: everyone who holds an opinion.
    pub fn asked(&self) -> usize {
        self.alive + self.suspect + self.dead + self.left
    }
}

/// What every live member thinks of `member`: one pass over the cluster.
pub fn opinion_of(nodes: &[Option<GossipNode>], member: NodeId) -> Opinion {
    let mut opinion = Opinion::default();
    for node in nodes.iter().flatten().filter(|n| !n.has_left() && n.id() != member) {
        match node.member(member).status {
            Status::Alive => opinion.alive += 1,
            Status::Suspect => opinion.suspect += 1,
            Status::Dead => opinion.dead += 1,
            Status::Left => opinion.left += 1,
        }
    }
    opinion
}

/// One trace record in plain words, if it says something a reader wants.
pub fn narrate(record: &Record<GossipNode>) -> Option<Line> {
    Some(match &record.kind {
        RecordKind::Node { node, event } => match event {
            Event::Suspected { member, incarnation } => said!(
                "{node} got no ack from {member}, directly or through others: it suspects \
                 {member} (incarnation {incarnation})",
                node,
                member,
                incarnation
            ),
            Event::Confirmed { member, incarnation } => said!(
                "{node} confirms {member} dead (incarnation {incarnation})",
                node,
                member,
                incarnation
            ),
            Event::Refuted { incarnation, was: Status::Dead } => said!(
                "{node} hears it is dead and refutes: alive, incarnation {incarnation}",
                node,
                incarnation
            ),
            Event::Refuted { incarnation, was: Status::Left } => said!(
                "{node} hears it is gone (it left before a restart) and refutes: alive, \
                 incarnation {incarnation}",
                node,
                incarnation
            ),
            Event::Refuted { incarnation, .. } => said!(
                "{node} hears it is suspected and refutes: alive, incarnation {incarnation}",
                node,
                incarnation
            ),
            Event::Wrote { key, value, .. } => {
                said!("a client writes {key}={value} at {node}", key, value, node)
            }
            Event::Learned { key, version } => said!(
                "{node} learns {key} (version {version} from {writer})",
                node,
                key,
                version = version.counter,
                writer = version.writer
            ),
            Event::Left => said!("{node} leaves the cluster", node),
            Event::Joined { incarnation } => {
                said!("{node} joins again with incarnation {incarnation}", node, incarnation)
            }
        },
        RecordKind::Deliver { from, to, msg: Message::PingReq { target, .. }, .. } => {
            said!("{to} is asked by {from} to probe {target}", to, from, target)
        }
        _ => return None,
    })
}
