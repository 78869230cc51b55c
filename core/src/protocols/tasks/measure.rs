//! What a comparison reports of a run of either task cluster, read from its trace as it
//! happens (nothing else is kept): tasks accepted, refused, lost and run twice, latency,
//! the longest pause in accepting work, load balance and message traffic.

use std::collections::BTreeMap;

use serde::Serialize;

use super::leader::{self, LeaderTaskNode};
use super::leaderless::{self, PeerTaskNode};
use super::placement::Imbalance;
use super::task::TaskId;
use crate::protocols::{gossip, raft};
use crate::sim::{Node, NodeId, Record, RecordKind, Time};

/// A task's life as the comparison counts it, whichever kind ran it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    /// A client handed it to a server.
    Submitted(TaskId),
    /// The cluster took it on: its assignment committed (single leader), or its owner took
    /// it (leaderless).
    Accepted(TaskId),
    /// The cluster will not run it: the client must submit it again.
    Refused(TaskId),
    Started(TaskId),
    Finished(TaskId),
    /// Its result counts: the completion committed (single leader), or its owner finished
    /// it and gossips that (leaderless).
    Completed(TaskId),
    /// The reporting server left the pool of workers, dropping what it ran.
    Stopped,
    /// The reporting server became the coordinator (single leader only).
    Coordinates,
    /// The reporting member's ring changed from `was` members to `members`, giving `moved`
    /// of the `keys` it knows another owner (leaderless only). `single`: one member joined
    /// or left it, no more.
    RingChanged {
        single: bool,
        was: usize,
        members: usize,
        moved: usize,
        keys: usize,
    },
}

/// A task cluster whose trace the comparison reads.
pub trait TaskFacts: Node {
    /// Whether a run's finish is also the task's completion (no one records it apart).
    const FINISH_COMPLETES: bool;
    fn fact(event: &Self::Event) -> Option<Fact>;
}

impl TaskFacts for LeaderTaskNode {
    const FINISH_COMPLETES: bool = false;
    fn fact(event: &leader::Event) -> Option<Fact> {
        use leader::Event as E;
        Some(match *event {
            E::Submitted { task } => Fact::Submitted(task),
            E::Refused { task } => Fact::Refused(task),
            E::Assigned { task, .. } => Fact::Accepted(task),
            E::Started { task, .. } => Fact::Started(task),
            E::Finished { task, .. } => Fact::Finished(task),
            E::Completed { task, .. } => Fact::Completed(task),
            E::Left { .. } => Fact::Stopped,
            E::Raft(raft::Event::Role { role: raft::Role::Leader, .. }) => Fact::Coordinates,
            _ => return None,
        })
    }
}

impl TaskFacts for PeerTaskNode {
    const FINISH_COMPLETES: bool = true;
    fn fact(event: &leaderless::Event) -> Option<Fact> {
        use leaderless::Event as E;
        Some(match *event {
            E::Submitted { task } => Fact::Submitted(task),
            E::Refused { task } => Fact::Refused(task),
            E::Accepted { task } => Fact::Accepted(task),
            E::Started { task } => Fact::Started(task),
            E::Finished { task } => Fact::Finished(task),
            E::Gossip(gossip::Event::Left) => Fact::Stopped,
            E::RingChanged { members, ref joined, ref gone, moved, keys } => Fact::RingChanged {
                single: joined.len() + gone.len() == 1,
                was: members + gone.len() - joined.len(),
                members,
                moved,
                keys,
            },
            _ => return None,
        })
    }
}

/// A task's life in one cluster: what the page's task timeline draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Life {
    pub submitted: Option<Time>,
    /// When the cluster first took it on.
    pub accepted: Option<Time>,
    /// When a server said it would not run it (the client must retry).
    pub refused: Option<Time>,
    /// Every time a worker started it, in order.
    pub runs: Vec<Run>,
    /// When its result first counted.
    pub completed: Option<Time>,
}

/// One worker's run of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub worker: NodeId,
    pub start: Time,
    /// When and how it ended; `None` while it goes on.
    pub end: Option<(Time, RunEnd)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// It ran to the end.
    Finished,
    /// Its worker crashed.
    Crashed,
    /// Its worker left the pool of workers.
    Dropped,
}

impl Life {
    /// Runs that went to the end.
    pub fn finishes(&self) -> usize {
        self.runs.iter().filter(|run| matches!(run.end, Some((_, RunEnd::Finished)))).count()
    }

    /// Accepted, not completed, and no worker runs it now: lost, unless the cluster
    /// notices and runs it again.
    pub fn stranded(&self) -> bool {
        self.accepted.is_some()
            && self.completed.is_none()
            && self.runs.iter().all(|run| run.end.is_some())
    }

    /// Started while another worker still ran it: two runs at once.
    pub fn overlapping(&self) -> bool {
        self.runs.iter().enumerate().any(|(i, later)| {
            self.runs[..i]
                .iter()
                .any(|earlier| earlier.end.is_none_or(|(end, _)| end > later.start))
        })
    }

    /// Ends `worker`'s open run of this task at `at`, if it has one.
    fn end_run(&mut self, worker: NodeId, at: Time, how: RunEnd) -> bool {
        let open = self.runs.iter_mut().rev().find(|r| r.worker == worker && r.end.is_none());
        open.map(|run| run.end = Some((at, how))).is_some()
    }
}

/// Reads a run's records as they come.
#[derive(Clone, Debug, Default)]
pub struct Measure {
    tasks: BTreeMap<TaskId, Life>,
    /// The earliest submission since the last acceptance.
    waiting_since: Option<Time>,
    longest_pause: Time,
    /// Messages each server sent and received.
    traffic: BTreeMap<NodeId, u64>,
    messages: u64,
    /// Runs each server finished.
    finished_by: BTreeMap<NodeId, u64>,
    coordinators: Vec<(Time, NodeId)>,
    largest_move: Option<KeysMoved>,
}

/// The largest share of keys one member's ring change gave another owner, among the
/// changes of one member joining or leaving (a change that swaps members moves more, and
/// is not what the formulas describe).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct KeysMoved {
    pub at: Time,
    pub member: NodeId,
    /// The ring's members before and after the change.
    pub was: usize,
    pub members: usize,
    pub moved: usize,
    /// Task keys the member knew then (one per task).
    pub keys: usize,
}

/// The comparison's numbers for one run.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measurements {
    pub submitted: usize,
    pub accepted: usize,
    /// Submitted and never accepted (the client was refused, or the task was passed to a
    /// server that had crashed): the client must retry.
    pub not_accepted: usize,
    pub completed: usize,
    /// Accepted and never completed by the end of the run.
    pub lost: usize,
    /// Started more than once (a failed worker's task run again, or two owners at once).
    pub started_twice: usize,
    /// Run to the end more than once.
    pub finished_twice: usize,
    /// Submission to completion, over completed tasks.
    pub latency_p50: Option<Time>,
    pub latency_p99: Option<Time>,
    /// The slowest task: the one caught on a failed server, usually.
    pub latency_max: Option<Time>,
    /// The longest the cluster went, with work submitted, without accepting any task.
    pub longest_pause: Time,
    /// Runs each server finished (the servers that finished any).
    pub runs: BTreeMap<NodeId, u64>,
    /// Runs finished per server, over the servers that finished any.
    pub load_max_over_mean: f64,
    pub load_cv: f64,
    pub messages: u64,
    pub messages_per_completed_task: f64,
    /// The busiest server's share of all messages sent and received.
    pub busiest_share: f64,
    /// Who coordinated from when (the single leader; none for the leaderless kind).
    pub coordinators: Vec<(Time, NodeId)>,
    /// Keys that changed owner when membership changed (leaderless only; none without a
    /// change while keys were known).
    pub keys_moved: Option<KeysMoved>,
}

impl Measure {
    pub fn observe<N: TaskFacts>(&mut self, record: &Record<N>) {
        match &record.kind {
            RecordKind::Send { from, to, .. } => self.sent(*from, *to),
            RecordKind::Node { node, event } => self.observe_event::<N>(record.time, *node, event),
            RecordKind::Crashed { node } => self.crashed(record.time, *node),
            _ => {}
        }
    }

    /// Each task's life so far, by task.
    pub fn lives(&self) -> &BTreeMap<TaskId, Life> {
        &self.tasks
    }

    /// `node` crashed at `at`: whatever it ran stops.
    pub fn crashed(&mut self, at: Time, node: NodeId) {
        self.stop_runs(at, node, RunEnd::Crashed);
    }

    fn stop_runs(&mut self, at: Time, worker: NodeId, how: RunEnd) {
        for life in self.tasks.values_mut() {
            while life.end_run(worker, at, how) {}
        }
    }

    /// A message from `from` to `to` went on the wire.
    pub fn sent(&mut self, from: NodeId, to: NodeId) {
        self.messages += 1;
        *self.traffic.entry(from).or_default() += 1;
        *self.traffic.entry(to).or_default() += 1;
    }

    /// `node` recorded `event` at `at`.
    pub fn observe_event<N: TaskFacts>(&mut self, at: Time, node: NodeId, event: &N::Event) {
        if let Some(fact) = N::fact(event) {
            self.fact(at, node, fact, N::FINISH_COMPLETES);
        }
    }

    fn fact(&mut self, at: Time, node: NodeId, fact: Fact, finish_completes: bool) {
        match fact {
            Fact::Submitted(task) => {
                let life = self.tasks.entry(task).or_default();
                life.submitted.get_or_insert(at);
                self.waiting_since.get_or_insert(at);
            }
            Fact::Accepted(task) => {
                self.tasks.entry(task).or_default().accepted.get_or_insert(at);
                if let Some(since) = self.waiting_since.take() {
                    self.longest_pause = self.longest_pause.max(at - since);
                }
            }
            Fact::Refused(task) => {
                self.tasks.entry(task).or_default().refused.get_or_insert(at);
            }
            Fact::Started(task) => {
                let run = Run { worker: node, start: at, end: None };
                self.tasks.entry(task).or_default().runs.push(run);
            }
            Fact::Finished(task) => {
                let life = self.tasks.entry(task).or_default();
                if !life.end_run(node, at, RunEnd::Finished) {
                    // Started before the first record kept.
                    let end = Some((at, RunEnd::Finished));
                    life.runs.push(Run { worker: node, start: at, end });
                }
                if finish_completes {
                    life.completed.get_or_insert(at);
                }
                *self.finished_by.entry(node).or_default() += 1;
            }
            Fact::Completed(task) => {
                self.tasks.entry(task).or_default().completed.get_or_insert(at);
            }
            Fact::Stopped => self.stop_runs(at, node, RunEnd::Dropped),
            Fact::Coordinates => self.coordinators.push((at, node)),
            Fact::RingChanged { single: true, was, members, moved, keys } if keys > 0 => {
                let share = |m: &KeysMoved| m.moved as f64 / m.keys as f64;
                let change = KeysMoved { at, member: node, was, members, moved, keys };
                if self.largest_move.as_ref().is_none_or(|largest| share(&change) > share(largest))
                {
                    self.largest_move = Some(change);
                }
            }
            Fact::RingChanged { .. } => {}
        }
    }

    /// The numbers, at the run's end `end`.
    pub fn finish(&self, end: Time) -> Measurements {
        let tasks = self.tasks.values();
        let count = |wanted: fn(&Life) -> bool| self.tasks.values().filter(|l| wanted(l)).count();
        let mut latencies: Vec<Time> = tasks
            .filter_map(|life| Some(life.completed?.saturating_sub(life.submitted?)))
            .collect();
        latencies.sort_unstable();
        let percentile = |p: f64| {
            let last = latencies.len().checked_sub(1)?;
            latencies.get(((last as f64) * p).round() as usize).copied()
        };
        let loads: Vec<u64> = self.finished_by.values().copied().collect();
        let imbalance = Imbalance::of(&loads);
        let completed = count(|l| l.completed.is_some());
        let open_pause = self.waiting_since.map_or(0, |since| end.saturating_sub(since));
        let busiest = self.traffic.values().copied().max().unwrap_or(0);
        Measurements {
            submitted: count(|l| l.submitted.is_some()),
            accepted: count(|l| l.accepted.is_some()),
            not_accepted: count(|l| l.submitted.is_some() && l.accepted.is_none()),
            completed,
            lost: count(|l| l.accepted.is_some() && l.completed.is_none()),
            started_twice: count(|l| l.runs.len() > 1),
            finished_twice: count(|l| l.finishes() > 1),
            latency_p50: percentile(0.5),
            latency_p99: percentile(0.99),
            latency_max: latencies.last().copied(),
            longest_pause: self.longest_pause.max(open_pause),
            runs: self.finished_by.clone(),
            load_max_over_mean: imbalance.max_over_mean,
            load_cv: imbalance.cv,
            messages: self.messages,
            messages_per_completed_task: self.messages as f64 / completed.max(1) as f64,
            busiest_share: busiest as f64 / (2 * self.messages).max(1) as f64,
            coordinators: self.coordinators.clone(),
            keys_moved: self.largest_move,
        }
    }
}
