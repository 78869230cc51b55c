//! What the servers of the single-leader task cluster send each other: Raft's messages (the
//! coordinator's election and its replicated table) and the work's own.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::table::TaskId;
use crate::protocols::raft;
use crate::sim::Time;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Message {
    Raft(raft::Message),
    /// A task submitted at a server that does not coordinate, passed on to the one it
    /// believes does.
    Submit {
        task: TaskId,
        key: Arc<str>,
        work: Time,
    },
    /// The coordinator to a worker: run this attempt of a task.
    Run {
        task: TaskId,
        epoch: u32,
        work: Time,
    },
    /// A worker to the coordinator, every T_hb and when it finishes a task: what it runs and
    /// which finished attempts it has not yet seen recorded.
    Heartbeat {
        running: Vec<(TaskId, u32)>,
        finished: Vec<(TaskId, u32)>,
    },
    /// A worker to the coordinator: it leaves the pool; these finished attempts are its
    /// last report, and its other tasks are the coordinator's to give to others now.
    Leaving {
        finished: Vec<(TaskId, u32)>,
    },
    /// The coordinator to a worker: these finished attempts are settled (recorded, or
    /// refused as stale); stop reporting them.
    Settled {
        tasks: Vec<TaskId>,
    },
}
