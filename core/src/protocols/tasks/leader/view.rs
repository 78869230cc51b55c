//! What a report or a page may show of a single-leader task server, and the facts its trace
//! records, in words.

use serde::{Deserialize, Serialize};

use super::table::{Row, TaskId};
use super::LeaderTaskNode;
use crate::protocols::raft::{self, Role};
use crate::said;
use crate::sim::{Line, NodeId, Record, RecordKind};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// Raft's own facts (roles, votes, commits) about the coordinator's election and log.
    Raft(raft::Event),
    /// A client submitted a task here.
    Submitted {
        task: TaskId,
    },
    /// Passed on to the server this one believes coordinates.
    Forwarded {
        task: TaskId,
        to: NodeId,
    },
    /// Refused: no coordinator is known here (the client must retry), or this coordinator
    /// lost its leadership before the task was assigned.
    Refused {
        task: TaskId,
    },
    /// The coordinator proposed an attempt to the log.
    Proposed {
        task: TaskId,
        worker: NodeId,
        epoch: u32,
    },
    /// The attempt is in the replicated table: the task is accepted.
    Assigned {
        task: TaskId,
        worker: NodeId,
        epoch: u32,
    },
    Started {
        task: TaskId,
        epoch: u32,
    },
    Finished {
        task: TaskId,
        epoch: u32,
    },
    /// The completion is in the replicated table.
    Completed {
        task: TaskId,
        epoch: u32,
        worker: NodeId,
    },
    /// A report of an attempt that was already replaced: refused.
    Stale {
        task: TaskId,
        epoch: u32,
        worker: NodeId,
    },
    /// The coordinator heard nothing from a worker for α · T_hb (or the worker said it
    /// leaves): it gets no more work and its tasks move.
    Declared {
        worker: NodeId,
        tasks: usize,
        #[serde(default)]
        leaving: bool,
    },
    /// A worker declared failed was heard from again.
    Rejoined {
        worker: NodeId,
    },
    /// This server left the pool of workers, dropping the tasks it ran.
    Left {
        dropped: usize,
    },
    /// This server joined the pool of workers again.
    Joined,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub role: Role,
    pub term: u64,
    pub coordinator: Option<NodeId>,
    /// Attempts this server runs.
    pub running: Vec<(TaskId, u32)>,
    /// The replicated table as this server has applied it.
    pub table: Vec<(TaskId, Row)>,
    /// While coordinating: the workers it declared failed, and the tasks waiting.
    pub declared: Vec<NodeId>,
    pub waiting: usize,
}

impl LeaderTaskNode {
    pub(super) fn make_view(&self) -> View {
        let coordinator = self.coordinator.as_ref();
        View {
            role: self.raft.role(),
            term: self.raft.current_term(),
            coordinator: if self.raft.role() == Role::Leader {
                Some(self.raft.id())
            } else {
                self.raft.known_leader()
            },
            running: self.running.iter().map(|(t, e)| (*t, *e)).collect(),
            table: self.table.rows().map(|(task, row)| (task, row.clone())).collect(),
            declared: coordinator.map_or(Vec::new(), |c| c.declared.iter().copied().collect()),
            waiting: coordinator.map_or(0, |c| c.waiting.len()),
        }
    }
}

/// One record in words, for the event list and the CLI.
pub fn narrate(record: &Record<LeaderTaskNode>) -> Option<Line> {
    let RecordKind::Node { node, event } = &record.kind else { return None };
    Some(match event {
        Event::Raft(_) => return None,
        Event::Submitted { task } => {
            said!("{node} gets task {task} from a client", node, task)
        }
        Event::Forwarded { task, to } => {
            said!("{node} passes task {task} on to {to}", node, task, to)
        }
        Event::Refused { task } => {
            said!("{node} refuses task {task}: no coordinator known", node, task)
        }
        Event::Proposed { task, worker, epoch } => said!(
            "{node} proposes task {task} (attempt {epoch}) for {worker}",
            node,
            task,
            epoch,
            worker
        ),
        Event::Assigned { task, worker, epoch } => said!(
            "{node} assigns task {task} to {worker} (attempt {epoch} committed)",
            node,
            task,
            worker,
            epoch
        ),
        Event::Started { task, epoch } => {
            said!("{node} starts task {task} (attempt {epoch})", node, task, epoch)
        }
        Event::Finished { task, epoch } => {
            said!("{node} finishes task {task} (attempt {epoch})", node, task, epoch)
        }
        Event::Completed { task, epoch, worker } => said!(
            "{node} records task {task} done by {worker} (attempt {epoch})",
            node,
            task,
            worker,
            epoch
        ),
        Event::Stale { task, epoch, worker } => said!(
            "{node} refuses {worker}'s report of task {task}: attempt {epoch} was replaced",
            node,
            worker,
            task,
            epoch
        ),
        Event::Declared { worker, tasks, leaving: true } => said!(
            "{node} takes {worker} out of the pool as it leaves; {tasks} task(s) to move",
            node,
            worker,
            tasks
        ),
        Event::Declared { worker, tasks, leaving: false } => said!(
            "{node} declares {worker} failed after α·T_hb of silence; {tasks} task(s) to move",
            node,
            worker,
            tasks
        ),
        Event::Rejoined { worker } => {
            said!("{node} hears from {worker} again", node, worker)
        }
        Event::Left { dropped: 0 } => {
            said!("{node} leaves the pool of workers", node)
        }
        Event::Left { dropped } => said!(
            "{node} leaves the pool of workers, handing back {dropped} task(s)",
            node,
            dropped
        ),
        Event::Joined => said!("{node} joins the pool of workers", node),
    })
}
