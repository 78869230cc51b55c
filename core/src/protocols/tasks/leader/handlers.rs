//! The single-leader task cluster's rules (article B's first kind): the Raft leader
//! coordinates; it gives each task to a worker by its policy and writes the assignment to the
//! log; workers report every T_hb; a worker silent for α · T_hb is declared failed and its
//! tasks go to others in a new attempt, so a slow worker's late report of the old attempt is
//! refused by its epoch.

use super::messages::Message;
use super::state::{Coordinator, LeaderTaskNode, Timer};
use super::table::{Assignment, Change, TaskId};
use super::view::Event;
use crate::protocols::raft::{self, RaftNode, Role};
use crate::protocols::tasks::task::{Command, Task};
use crate::sim::{ClientRequest, Delay, Node, NodeId, Out, Time};

type TaskOut = Out<LeaderTaskNode>;

/// Ids of the table's own Raft proposals; Raft reports on them only in events this protocol
/// leaves out, so they need only be distinct from nothing.
const INTERNAL_REQUEST: u64 = u64::MAX;

impl LeaderTaskNode {
    pub(super) fn start(&mut self, out: &mut TaskOut) {
        out.nested(|o| self.raft.on_start(o));
        out.set_timer(Timer::Heartbeat, Delay::exactly(self.config.heartbeat));
        self.after_raft(out);
    }

    pub(super) fn handle_message(&mut self, from: NodeId, msg: Message, out: &mut TaskOut) {
        match msg {
            Message::Raft(msg) => {
                out.nested(|o| self.raft.on_message(from, msg, o));
                self.after_raft(out);
            }
            Message::Submit { task, key, work } => {
                // Passed on once only: a server that no longer coordinates refuses it, so
                // two servers with stale ideas of the leader cannot pass it back and forth.
                if self.coordinator.is_some() {
                    self.accept(task, Task { key, work }, 1, out);
                } else {
                    out.event(Event::Refused { task });
                }
            }
            // A worker that left runs nothing; the coordinator gives the task to another
            // once it learns (or once the worker has been silent for α · T_hb).
            Message::Run { .. } if self.left => {}
            Message::Run { task, epoch, work } => self.run(task, epoch, work, out),
            Message::Heartbeat { running, finished } => {
                self.heard_from(from, &running, &finished, out)
            }
            Message::Leaving { finished } if self.coordinator.is_some() => {
                self.heard_from(from, &[], &finished, out);
                out.cancel_timer(Timer::Silent(from));
                self.declare(from, true, out);
            }
            // Not the coordinator (any more): the one that is declares the worker failed
            // when its silence runs out.
            Message::Leaving { .. } => {}
            Message::Settled { tasks } => {
                for task in tasks {
                    self.finished.remove(&task);
                }
            }
        }
    }

    pub(super) fn handle_timer(&mut self, timer: Timer, out: &mut TaskOut) {
        match timer {
            Timer::Raft(timer) => {
                out.nested(|o| self.raft.on_timer(timer, o));
                self.after_raft(out);
            }
            Timer::Heartbeat => {
                self.report(out);
                out.set_timer(Timer::Heartbeat, Delay::exactly(self.config.heartbeat));
            }
            Timer::Finish(task) => {
                if let Some(epoch) = self.running.remove(&task) {
                    out.event(Event::Finished { task, epoch });
                    self.finished.insert(task, epoch);
                    // Reported at once: waiting for the next heartbeat would add up to T_hb
                    // to every task's latency.
                    self.report(out);
                }
            }
            Timer::Silent(worker) => self.declare(worker, false, out),
        }
    }

    pub(super) fn handle_client(&mut self, request: ClientRequest<Command>, out: &mut TaskOut) {
        match request.command {
            Command::Run(task) => {
                out.event(Event::Submitted { task: request.id });
                self.submit(request.id, task, out);
            }
            Command::Leave if !self.left => self.leave(out),
            Command::Join if self.left => {
                self.left = false;
                out.event(Event::Joined);
                self.report(out);
            }
            Command::Leave | Command::Join => {}
        }
    }

    /// Leaves the pool of workers: drops its tasks and says so to the coordinator with its
    /// last report, so they move at once rather than after α · T_hb of silence.
    fn leave(&mut self, out: &mut TaskOut) {
        self.left = true;
        out.event(Event::Left { dropped: self.running.len() });
        self.running.clear();
        let finished: Vec<(TaskId, u32)> = std::mem::take(&mut self.finished).into_iter().collect();
        let me = self.raft.id();
        if self.coordinator.is_some() {
            self.heard_from(me, &[], &finished, out);
            self.declare(me, true, out);
        } else if let Some(leader) = self.raft.known_leader() {
            out.send(leader, Message::Leaving { finished });
        }
    }

    /// A task arrives here, from a client or passed on by another server.
    fn submit(&mut self, task: TaskId, work: Task, out: &mut TaskOut) {
        if self.coordinator.is_some() {
            self.accept(task, work, 1, out);
            return;
        }
        match self.raft.known_leader().filter(|leader| *leader != self.raft.id()) {
            Some(leader) => {
                out.event(Event::Forwarded { task, to: leader });
                out.send(leader, Message::Submit { task, key: work.key, work: work.work });
            }
            None => out.event(Event::Refused { task }),
        }
    }

    /// A worker's report to the coordinator, or the coordinator's own, handled in place.
    fn report(&mut self, out: &mut TaskOut) {
        if self.left {
            return;
        }
        let running: Vec<(TaskId, u32)> = self.running.iter().map(|(t, e)| (*t, *e)).collect();
        let finished: Vec<(TaskId, u32)> = self.finished.iter().map(|(t, e)| (*t, *e)).collect();
        if self.coordinator.is_some() {
            let me = self.raft.id();
            self.heard_from(me, &running, &finished, out);
        } else if let Some(leader) = self.raft.known_leader() {
            out.send(leader, Message::Heartbeat { running, finished });
        }
    }

    /// The coordinator's side of a report: the worker is alive; record what it finished;
    /// send again any attempt the table gives it that it does not know (the Run was lost,
    /// or the worker restarted, or the coordinator changed).
    fn heard_from(
        &mut self,
        worker: NodeId,
        running: &[(TaskId, u32)],
        finished: &[(TaskId, u32)],
        out: &mut TaskOut,
    ) {
        let me = self.raft.id();
        let Some(coordinator) = self.coordinator.as_mut() else { return };
        if worker != me {
            out.set_timer(Timer::Silent(worker), Delay::exactly(self.config.silence_timeout()));
        }
        // The coordinator itself is declared only when it leaves the pool.
        if coordinator.declared.remove(&worker) {
            out.event(Event::Rejoined { worker });
        }
        let mut settled = Vec::new();
        let mut complete = Vec::new();
        for &(task, epoch) in finished {
            let Some(row) = self.table.row(task) else { continue };
            if row.completed.iter().any(|(e, _)| *e == epoch) {
                settled.push(task);
            } else if coordinator.completing.contains(&(task, epoch)) {
                // Proposed; settled once it applies.
            } else if row.current.epoch == epoch && row.current.worker == worker
                || self.config.bugs.reassign_without_epoch
            {
                coordinator.completing.insert((task, epoch));
                complete.push(Change::Done { task, epoch, worker });
            } else {
                out.event(Event::Stale { task, epoch, worker });
                settled.push(task);
            }
        }
        // A worker reports a handful of attempts: a scan beats building a set.
        let known = |attempt: (TaskId, u32)| running.iter().chain(finished).any(|k| *k == attempt);
        let resend: Vec<(TaskId, u32, Time)> = self
            .table
            .open()
            .filter(|(task, a)| a.worker == worker && !known((*task, a.epoch)))
            .map(|(task, a)| (task, a.epoch, a.work))
            .collect();
        for change in complete {
            self.propose(change, out);
        }
        for (task, epoch, work) in resend {
            self.send_run(worker, task, epoch, work, out);
        }
        if !settled.is_empty() {
            if worker == me {
                for task in settled {
                    self.finished.remove(&task);
                }
            } else {
                out.send(worker, Message::Settled { tasks: settled });
            }
        }
    }

    /// A worker starts an attempt, unless it already runs or ran it.
    fn run(&mut self, task: TaskId, epoch: u32, work: Time, out: &mut TaskOut) {
        let ran = self.running.get(&task).or(self.finished.get(&task));
        if ran.is_some_and(|&had| had >= epoch) {
            return;
        }
        self.finished.remove(&task);
        self.running.insert(task, epoch);
        out.event(Event::Started { task, epoch });
        out.set_timer(Timer::Finish(task), Delay::exactly(work));
    }

    fn send_run(
        &mut self,
        worker: NodeId,
        task: TaskId,
        epoch: u32,
        work: Time,
        out: &mut TaskOut,
    ) {
        if worker == self.raft.id() {
            self.run(task, epoch, work, out);
        } else {
            out.send(worker, Message::Run { task, epoch, work });
        }
    }

    /// The coordinator takes a task in: assigned now if its table is current and a worker is
    /// live, else it waits.
    fn accept(&mut self, task: TaskId, work: Task, epoch: u32, out: &mut TaskOut) {
        let Some(coordinator) = self.coordinator.as_mut() else { return };
        let known = self.table.row(task).is_some_and(|row| row.current.epoch >= epoch)
            || coordinator.proposed.get(&task).is_some_and(|a| a.epoch >= epoch)
            || coordinator.waiting.iter().any(|(t, _, e)| *t == task && *e >= epoch);
        if known {
            // A duplicated submission, or a task already in the log.
            return;
        }
        coordinator.waiting.push_back((task, work, epoch));
        self.assign_waiting(out);
    }

    /// Assigns the waiting tasks, in order, while the table is current and a worker is live.
    fn assign_waiting(&mut self, out: &mut TaskOut) {
        if !self.caught_up() {
            return;
        }
        while let Some(worker) = self.pick_worker(out) {
            let Some(coordinator) = self.coordinator.as_mut() else { return };
            let Some((task, work, epoch)) = coordinator.waiting.pop_front() else { return };
            if coordinator.declared.contains(&worker) && coordinator.misassigned.is_none() {
                coordinator.misassigned = Some((task, worker));
            }
            let assignment = Assignment { worker, epoch, key: work.key, work: work.work };
            coordinator.proposed.insert(task, assignment.clone());
            out.event(Event::Proposed { task, worker, epoch });
            self.propose(Change::Assign { task, assignment }, out);
        }
    }

    /// The next waiting task's worker, by the policy, among the workers not declared failed
    /// (every other server; the coordinator coordinates). `None` when nothing waits or no
    /// worker is live.
    fn pick_worker(&mut self, out: &mut TaskOut) -> Option<NodeId> {
        let me = self.raft.id();
        let coordinator = self.coordinator.as_ref()?;
        coordinator.waiting.front()?;
        let ignore_declared = self.config.bugs.assign_to_failed;
        let mut loads: Vec<(NodeId, u64)> = NodeId::all(self.cluster_size)
            .filter(|w| *w != me && (ignore_declared || !coordinator.declared.contains(w)))
            .map(|w| (w, 0))
            .collect();
        let open = self.table.open().map(|(_, a)| a.worker);
        let proposed = coordinator.proposed.values().map(|a| a.worker);
        for worker in open.chain(proposed) {
            if let Some(load) = loads.iter_mut().find(|(w, _)| *w == worker) {
                load.1 += 1;
            }
        }
        let turn = coordinator.turn;
        let chosen = self.config.policy.choose(&loads, turn, &mut |n| out.random_below(n))?;
        if let Some(coordinator) = self.coordinator.as_mut() {
            coordinator.turn += 1;
        }
        Some(chosen)
    }

    /// The coordinator's table is current once an entry of its own term has been applied
    /// (its no-op): every earlier entry is then applied too.
    fn caught_up(&self) -> bool {
        let raft = &self.raft;
        raft.term_at(raft.last_applied()) == Some(raft.current_term())
    }

    /// A worker has been silent for α · T_hb, or said it `leaving`: declared failed, its
    /// open tasks moved.
    fn declare(&mut self, worker: NodeId, leaving: bool, out: &mut TaskOut) {
        if !self.caught_up() {
            // The table may not yet know the worker's tasks: look again later.
            out.set_timer(Timer::Silent(worker), Delay::exactly(self.config.silence_timeout()));
            return;
        }
        let Some(coordinator) = self.coordinator.as_mut() else { return };
        if !coordinator.declared.insert(worker) {
            return;
        }
        let mut orphans: Vec<(TaskId, Task, u32)> = self
            .table
            .open()
            .filter(|(_, a)| a.worker == worker)
            .map(|(task, a)| (task, Task { key: a.key.clone(), work: a.work }, a.epoch + 1))
            .collect();
        orphans.extend(
            coordinator
                .proposed
                .iter()
                .filter(|(_, a)| a.worker == worker)
                .map(|(task, a)| (*task, Task { key: a.key.clone(), work: a.work }, a.epoch + 1)),
        );
        out.event(Event::Declared { worker, tasks: orphans.len(), leaving });
        if self.config.bugs.no_reassign {
            return;
        }
        for (task, work, epoch) in orphans {
            self.accept(task, work, epoch, out);
        }
    }

    fn propose(&mut self, change: Change, out: &mut TaskOut) {
        let request = ClientRequest { id: INTERNAL_REQUEST, command: change.to_command() };
        out.nested(|o| self.raft.on_client(request, o));
        self.after_raft(out);
    }

    /// After Raft ran: apply what it committed to the table, and start or stop coordinating
    /// as its leadership changed.
    fn after_raft(&mut self, out: &mut TaskOut) {
        let leading = (self.raft.role() == Role::Leader).then(|| self.raft.current_term());
        match (&self.coordinator, leading) {
            (Some(c), Some(term)) if c.term == term => {}
            (None, None) => {}
            (_, leading) => self.change_coordinator(leading, out),
        }
        let applied = self.raft.last_applied();
        if applied < self.applied {
            // Restarted: Raft applies its log again from the start, and so does the table.
            self.applied = 0;
        }
        while self.applied < applied {
            self.applied += 1;
            // This lab never compacts its Raft log, so every applied entry is still there.
            let entry = self.raft.entry(self.applied).map(|e| &e.command);
            if let Some(change) = entry.and_then(Change::from_command) {
                self.apply(change, out);
            }
        }
        if self.coordinator.is_some() {
            self.assign_waiting(out);
        }
    }

    fn change_coordinator(&mut self, leading: Option<u64>, out: &mut TaskOut) {
        if let Some(old) = self.coordinator.take() {
            for worker in NodeId::all(self.cluster_size) {
                out.cancel_timer(Timer::Silent(worker));
            }
            for (task, _, _) in old.waiting {
                out.event(Event::Refused { task });
            }
        }
        if let Some(term) = leading {
            self.coordinator = Some(Coordinator::new(term));
            let me = self.raft.id();
            let timeout = Delay::exactly(self.config.silence_timeout());
            for worker in NodeId::all(self.cluster_size).filter(|w| *w != me) {
                out.set_timer(Timer::Silent(worker), timeout);
            }
        }
    }

    fn apply(&mut self, change: Change, out: &mut TaskOut) {
        let fenced = !self.config.bugs.reassign_without_epoch;
        let changed = self.table.apply(change.clone(), fenced);
        let Some(coordinator) = self.coordinator.as_mut() else { return };
        match change {
            Change::Assign { task, assignment } => {
                if coordinator.proposed.get(&task) == Some(&assignment) {
                    coordinator.proposed.remove(&task);
                }
                let current = self.table.row(task).map(|row| row.current.clone());
                if current.as_ref() == Some(&assignment) {
                    let Assignment { worker, epoch, work, .. } = assignment;
                    out.event(Event::Assigned { task, worker, epoch });
                    self.send_run(worker, task, epoch, work, out);
                }
            }
            Change::Done { task, epoch, worker } => {
                coordinator.completing.remove(&(task, epoch));
                if changed {
                    out.event(Event::Completed { task, epoch, worker });
                } else {
                    out.event(Event::Stale { task, epoch, worker });
                }
                if worker == self.raft.id() {
                    self.finished.remove(&task);
                } else {
                    out.send(worker, Message::Settled { tasks: vec![task] });
                }
            }
        }
    }
}

/// The Raft server inside, for code that reads it (its checkers).
pub fn raft_of(node: &LeaderTaskNode) -> &RaftNode {
    &node.raft
}

/// Raft's events the trace keeps: all but its client outcomes, which here are the table's
/// own proposals and are told as this protocol's events.
pub fn keep_raft_event(event: &raft::Event) -> bool {
    !matches!(event, raft::Event::Client { .. })
}
