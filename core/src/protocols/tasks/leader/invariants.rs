//! The single-leader task cluster's properties: Raft's own on the coordinator's log, and the
//! work's: a task completes at most once, no task goes to a worker the coordinator declared
//! failed, and once faults stop every accepted task completes.

use std::sync::OnceLock;

use super::handlers::raft_of;
use super::state::{Coordinator, LeaderTaskNode};
use super::table::TaskId;
use crate::protocols::raft::{RaftInvariants, RaftNode};
use crate::sim::{Inner, Invariants, NodeId, StepContext};

pub const AT_MOST_ONCE: &str = "at most one completion";
/// No task, new or old, stays with a worker the coordinator declared failed.
pub const NO_FAILED_WORKER: &str = "no work left with failed workers";
/// Checked once the faults have stopped (the randomized tester's settled check).
pub const ALL_COMPLETE: &str = "every accepted task completes";

#[derive(Clone, Debug)]
pub struct LeaderTaskInvariants {
    raft: RaftInvariants,
}

impl Invariants<LeaderTaskNode> for LeaderTaskInvariants {
    fn new(cluster_size: usize) -> Self {
        LeaderTaskInvariants { raft: RaftInvariants::new(cluster_size) }
    }

    fn properties() -> &'static [&'static str] {
        static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
        ALL.get_or_init(|| {
            let raft = <RaftInvariants as Invariants<RaftNode>>::properties();
            raft.iter().copied().chain([AT_MOST_ONCE, NO_FAILED_WORKER, ALL_COMPLETE]).collect()
        })
    }

    fn check(
        &mut self,
        ctx: &StepContext<'_, LeaderTaskNode>,
        report: &mut dyn FnMut(&'static str, String),
    ) {
        let rafts = Inner { nodes: ctx.nodes, inner: raft_of };
        let inner = StepContext {
            step: ctx.step,
            time: ctx.time,
            nodes: &rafts,
            touched: ctx.touched,
            lost: ctx.lost,
            timing_faults: ctx.timing_faults,
        };
        self.raft.check(&inner, report);

        let Some(id) = ctx.touched else { return };
        let Some(node) = ctx.nodes.node(id.index()) else { return };
        if let Some((task, row)) = node.table().completed_twice() {
            if let [(first, by), (second, again), ..] = row.completed[..] {
                report(
                    AT_MOST_ONCE,
                    format!(
                        "{id}'s table records task {task} completed twice: attempt {first} by \
                         {by} and attempt {second} by {again}"
                    ),
                );
            }
        }
        if let Some(coordinator) = node.coordinator() {
            if let Some((task, worker)) = coordinator.misassigned {
                report(
                    NO_FAILED_WORKER,
                    format!("{id} gave task {task} to {worker}, which it had declared failed"),
                );
            }
            if let Some((task, worker)) = left_with_failed(node, coordinator) {
                report(
                    NO_FAILED_WORKER,
                    format!(
                        "{id} declared {worker} failed but left task {task} with it: no newer \
                         attempt is proposed or waiting"
                    ),
                );
            }
        }
    }

    fn settled(nodes: &[Option<LeaderTaskNode>]) -> Result<(), String> {
        let rafts: Vec<Option<RaftNode>> =
            nodes.iter().map(|n| n.as_ref().map(|n| raft_of(n).clone())).collect();
        RaftInvariants::settled(&rafts)?;
        let up: Vec<&LeaderTaskNode> = nodes.iter().flatten().collect();
        let Some(coordinator) = up.iter().find(|n| n.coordinator().is_some()) else {
            return Err("no server coordinates".into());
        };
        if let Some((task, assignment)) = coordinator.table().open().next() {
            return Err(format!(
                "{ALL_COMPLETE}: task {task} (attempt {}, on {}) never completed",
                assignment.epoch, assignment.worker
            ));
        }
        let waiting = coordinator.coordinator().map_or(0, |c| c.waiting.len());
        if waiting > 0 {
            return Err(format!("{ALL_COMPLETE}: {waiting} task(s) still wait for a worker"));
        }
        Ok(())
    }
}

/// An open task whose current attempt is with a worker the coordinator declared failed, and
/// that has no newer attempt proposed or waiting.
fn left_with_failed(node: &LeaderTaskNode, c: &Coordinator) -> Option<(TaskId, NodeId)> {
    if c.declared.is_empty() {
        return None;
    }
    let moved = |task: TaskId, epoch: u32| {
        c.proposed.get(&task).is_some_and(|a| a.epoch > epoch)
            || c.waiting.iter().any(|(t, _, e)| *t == task && *e > epoch)
    };
    node.table()
        .open()
        .find(|(task, a)| c.declared.contains(&a.worker) && !moved(*task, a.epoch))
        .map(|(task, a)| (task, a.worker))
}
