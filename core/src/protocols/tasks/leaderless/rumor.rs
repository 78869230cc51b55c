//! A task's state as one gossip rumor (`task/17` → `accepted/S3/300000/report`), so the gossip
//! core spreads it unchanged: the newest version of the key wins everywhere.

use std::sync::Arc;

use crate::protocols::gossip::Command;
use crate::protocols::tasks::task::{Task, TaskId};
use crate::sim::NodeId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Its owner runs it (or will, once it has restarted).
    Accepted,
    Done,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskRumor {
    pub task: TaskId,
    pub stage: Stage,
    pub owner: NodeId,
    pub work: Task,
}

impl TaskRumor {
    pub fn to_command(&self) -> Command {
        let stage = match self.stage {
            Stage::Accepted => "accepted",
            Stage::Done => "done",
        };
        let value = format!("{stage}/{}/{}/{}", self.owner.0, self.work.work, self.work.key);
        Command::Set { key: format!("task/{}", self.task).into(), value: value.into() }
    }

    /// The task a rumor tells of, if it is a task's (clients may write other rumors).
    pub fn read(key: &str, value: &str) -> Option<TaskRumor> {
        let task = key.strip_prefix("task/")?.parse().ok()?;
        let mut parts = value.splitn(4, '/');
        let stage = match parts.next()? {
            "accepted" => Stage::Accepted,
            "done" => Stage::Done,
            _ => return None,
        };
        let owner = NodeId(parts.next()?.parse().ok()?);
        let work = parts.next()?.parse().ok()?;
        let key: Arc<str> = parts.next()?.into();
        Some(TaskRumor { task, stage, owner, work: Task { key, work } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_rumor_reads_back() {
        let rumor = TaskRumor {
            task: 17,
            stage: Stage::Done,
            owner: NodeId(2),
            work: Task { key: "a/b".into(), work: 300_000 },
        };
        let Command::Set { key, value } = rumor.to_command() else { panic!("a write") };
        assert_eq!(TaskRumor::read(&key, &value), Some(rumor));
        assert_eq!(TaskRumor::read("x", "1"), None);
    }
}
