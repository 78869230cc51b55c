//! What members of the leaderless task cluster send each other: SWIM and gossip's messages
//! (membership, and the tasks' state as rumors), and a task passed to its owner.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::protocols::gossip;
use crate::protocols::tasks::task::TaskId;
use crate::sim::Time;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Message {
    Gossip(gossip::Message),
    /// A task passed to the member that owns its key in the sender's view; `hops` counts
    /// the passes, so views that disagree cannot pass it round for ever.
    Submit {
        task: TaskId,
        key: Arc<str>,
        work: Time,
        hops: u8,
    },
}
