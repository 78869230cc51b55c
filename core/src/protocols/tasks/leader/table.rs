//! The task table the coordinator replicates through the Raft log, so that a new leader
//! knows every assignment: which worker runs each task, in which attempt (its epoch), and
//! which attempts completed. Every server applies the same entries in the same order, so
//! every server's table is the same at the same log index.
//!
//! A change travels as one key-value write of Raft's state machine (`assign/17` →
//! `S2/1/300000/report`, `done/17/1` → `S2`), so the Raft core is reused unchanged.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::protocols::kv::Command;
use crate::sim::{NodeId, Time};

pub use crate::protocols::tasks::task::TaskId;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub worker: NodeId,
    /// 1 for the first attempt, one more for each reassignment: a worker's report of an
    /// older attempt is stale (a fencing token, in lease terms).
    pub epoch: u32,
    pub key: Arc<str>,
    pub work: Time,
}

/// One entry of the table's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Assign { task: TaskId, assignment: Assignment },
    Done { task: TaskId, epoch: u32, worker: NodeId },
}

impl Change {
    pub fn to_command(&self) -> Command {
        let (key, value) = match self {
            Change::Assign { task, assignment: a } => (
                format!("assign/{task}"),
                format!("{}/{}/{}/{}", a.worker.0, a.epoch, a.work, a.key),
            ),
            Change::Done { task, epoch, worker } => {
                (format!("done/{task}/{epoch}"), worker.0.to_string())
            }
        };
        Command::Set { key: key.into(), value: value.into() }
    }

    /// The change a Raft entry holds, if it is one of the table's (the leader's no-op is not).
    pub fn from_command(command: &Command) -> Option<Change> {
        let Command::Set { key, value } = command else { return None };
        let mut key = key.split('/');
        match (key.next()?, key.next()?.parse().ok()?, key.next()) {
            ("assign", task, None) => {
                let mut parts = value.splitn(4, '/');
                let worker = NodeId(parts.next()?.parse().ok()?);
                let epoch = parts.next()?.parse().ok()?;
                let work = parts.next()?.parse().ok()?;
                let key = parts.next()?.into();
                Some(Change::Assign { task, assignment: Assignment { worker, epoch, key, work } })
            }
            ("done", task, Some(epoch)) => Some(Change::Done {
                task,
                epoch: epoch.parse().ok()?,
                worker: NodeId(value.parse().ok()?),
            }),
            _ => None,
        }
    }
}

/// A task's row: its current attempt, and every attempt that was recorded as completed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub current: Assignment,
    pub completed: Vec<(u32, NodeId)>,
}

impl Row {
    pub fn is_done(&self) -> bool {
        !self.completed.is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskTable {
    rows: BTreeMap<TaskId, Row>,
    /// The rows not yet completed (kept apart: most of a long run's rows are done).
    open: BTreeSet<TaskId>,
    /// The first task recorded as completed twice (only a bug lets that happen).
    twice: Option<TaskId>,
}

impl TaskTable {
    /// Applies one committed change, and says whether it changed the table. An assignment
    /// older than the row's current one (a deposed leader's proposal committed late), or for
    /// a completed task, changes nothing. A completion counts only for the current attempt (`fenced`): an attempt
    /// replaced while its report was in the log is refused here, the same on every server.
    /// Unfenced (a bug), any attempt's report completes the task.
    pub fn apply(&mut self, change: Change, fenced: bool) -> bool {
        match change {
            Change::Assign { task, assignment } => match self.rows.get_mut(&task) {
                // A completed task is final: a reassignment proposed before its completion
                // was applied comes too late.
                Some(row) if row.current.epoch >= assignment.epoch || row.is_done() => false,
                Some(row) => {
                    row.current = assignment;
                    true
                }
                None => {
                    self.rows.insert(task, Row { current: assignment, completed: Vec::new() });
                    self.open.insert(task);
                    true
                }
            },
            Change::Done { task, epoch, worker } => {
                let Some(row) = self.rows.get_mut(&task) else { return false };
                let recorded = row.completed.iter().any(|(e, _)| *e == epoch);
                if recorded || (fenced && epoch != row.current.epoch) {
                    return false;
                }
                row.completed.push((epoch, worker));
                self.open.remove(&task);
                if row.completed.len() > 1 && self.twice.is_none() {
                    self.twice = Some(task);
                }
                true
            }
        }
    }

    pub fn row(&self, task: TaskId) -> Option<&Row> {
        self.rows.get(&task)
    }

    pub fn rows(&self) -> impl Iterator<Item = (TaskId, &Row)> {
        self.rows.iter().map(|(task, row)| (*task, row))
    }

    /// Tasks not yet completed, with their current attempt.
    pub fn open(&self) -> impl Iterator<Item = (TaskId, &Assignment)> {
        self.open.iter().filter_map(|task| Some((*task, &self.rows.get(task)?.current)))
    }

    /// The first task recorded as completed twice, with its row.
    pub fn completed_twice(&self) -> Option<(TaskId, &Row)> {
        let task = self.twice?;
        Some((task, self.rows.get(&task)?))
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_travel_as_raft_writes_and_stale_ones_change_nothing() {
        let assignment =
            Assignment { worker: NodeId(2), epoch: 1, key: "a/b".into(), work: 300_000 };
        let assign = Change::Assign { task: 17, assignment: assignment.clone() };
        let done = Change::Done { task: 17, epoch: 1, worker: NodeId(2) };
        for change in [&assign, &done] {
            assert_eq!(Change::from_command(&change.to_command()).as_ref(), Some(change));
        }
        assert_eq!(Change::from_command(&Command::Noop), None);

        let mut table = TaskTable::default();
        let second = Assignment { worker: NodeId(3), epoch: 2, ..assignment };
        assert!(table.apply(Change::Assign { task: 17, assignment: second.clone() }, true));
        assert!(!table.apply(assign, true));
        assert_eq!(table.row(17).map(|r| &r.current), Some(&second), "epoch 1 came late");
        assert!(!table.apply(done.clone(), true), "attempt 1 was replaced: its report is stale");
        let unfenced = {
            let mut copy = table.clone();
            assert!(copy.apply(done.clone(), false));
            copy
        };
        assert_eq!(table.open().count(), 1);
        let current = Change::Done { task: 17, epoch: 2, worker: NodeId(3) };
        assert!(table.apply(current.clone(), true));
        assert!(!table.apply(current.clone(), true), "recorded once");
        assert_eq!(table.open().count(), 0);
        assert_eq!(table.completed_twice(), None);
        let mut unfenced = unfenced;
        assert!(unfenced.apply(current, false));
        assert_eq!(unfenced.completed_twice().map(|(task, _)| task), Some(17));
    }
}
