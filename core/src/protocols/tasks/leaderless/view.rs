//! What a report or a page may show of a leaderless task member, and the facts its trace
//! records, in words.

use serde::{Deserialize, Serialize};

use super::rumor::{Stage, TaskRumor};
use super::PeerTaskNode;
use crate::protocols::gossip;
use crate::protocols::tasks::task::TaskId;
use crate::said;
use crate::sim::{Line, NodeId, Record, RecordKind};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// SWIM's own facts (suspicions, confirmed deaths, refutations).
    Gossip(gossip::Event),
    Submitted {
        task: TaskId,
    },
    /// Passed on to the member that owns its key in this member's view.
    Forwarded {
        task: TaskId,
        to: NodeId,
    },
    /// Passed on too often while views disagree: the client must retry.
    Refused {
        task: TaskId,
    },
    /// This member owns the task's key in its view and runs it.
    Accepted {
        task: TaskId,
    },
    Started {
        task: TaskId,
    },
    Finished {
        task: TaskId,
    },
    /// The owner is dead in this member's view, which now gives the key to this member.
    TookOver {
        task: TaskId,
        from: NodeId,
    },
    /// After a restart, this member runs again a task of its own it had not finished.
    Resumed {
        task: TaskId,
    },
    /// This member's view of the membership changed, and its ring with it (`joined` and
    /// `gone` from it, `members` now): of the `keys` task keys it knows, `moved` now have
    /// another owner.
    RingChanged {
        members: usize,
        #[serde(default)]
        joined: Vec<NodeId>,
        #[serde(default)]
        gone: Vec<NodeId>,
        #[serde(default)]
        moved: usize,
        #[serde(default)]
        keys: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub node: NodeId,
    /// The members this member places tasks among.
    pub ring: Vec<NodeId>,
    pub running: Vec<TaskId>,
    /// Tasks this member knows of, by stage.
    pub accepted: usize,
    pub done: usize,
}

impl PeerTaskNode {
    pub(super) fn make_view(&self) -> View {
        let stages = self
            .gossip
            .rumors()
            .iter()
            .filter_map(|(key, (_, value))| TaskRumor::read(key, value))
            .map(|rumor| rumor.stage);
        let (mut accepted, mut done) = (0, 0);
        for stage in stages {
            match stage {
                Stage::Accepted => accepted += 1,
                Stage::Done => done += 1,
            }
        }
        View {
            node: self.gossip.id(),
            ring: self.view.members.clone(),
            running: self.running.keys().copied().collect(),
            accepted,
            done,
        }
    }
}

/// One record in words, for the event list and the CLI.
pub fn narrate(record: &Record<PeerTaskNode>) -> Option<Line> {
    let RecordKind::Node { node, event } = &record.kind else { return None };
    Some(match event {
        Event::Gossip(_) => return None,
        Event::Submitted { task } => {
            said!("{node} gets task {task} from a client", node, task)
        }
        Event::Forwarded { task, to } => said!(
            "{node} passes task {task} to {to}, its key's owner in {node}'s view",
            node,
            task,
            to
        ),
        Event::Refused { task } => {
            said!("{node} refuses task {task}: views disagree", node, task)
        }
        Event::Accepted { task } => {
            said!("{node} owns task {task}'s key and takes it", node, task)
        }
        Event::Started { task } => {
            said!("{node} starts task {task}", node, task)
        }
        Event::Finished { task } => {
            said!("{node} finishes task {task}", node, task)
        }
        Event::TookOver { task, from } => {
            said!("{node} takes task {task} over from {from}, dead in its view", node, task, from)
        }
        Event::Resumed { task } => {
            said!("{node} runs its task {task} again after a restart", node, task)
        }
        Event::RingChanged { members, joined, gone, moved, keys } => {
            let names =
                |ids: &[NodeId]| ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ");
            let change = match (joined.is_empty(), gone.is_empty()) {
                (false, true) => {
                    said!("gains {joined}", joined = names(joined))
                }
                (true, false) => said!("loses {gone}", gone = names(gone)),
                _ => said!(
                    "gains {joined} and loses {gone}",
                    joined = names(joined),
                    gone = names(gone)
                ),
            };
            if *keys == 0 {
                said!(
                    "{node}'s ring {change}: {members} members",
                    node,
                    change => change,
                    members
                )
            } else {
                said!(
                    "{node}'s ring {change}: {members} members; {moved} of the {keys} keys it \
                     knows change owner",
                    node,
                    change => change,
                    members,
                    moved,
                    keys
                )
            }
        }
    })
}
