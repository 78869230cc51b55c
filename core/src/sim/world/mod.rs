//! The simulated world: nodes, network, one event queue, and the step function. A person's
//! actions and faults are applied in `actions.rs`; what views and reports read is in `read.rs`.

mod actions;
mod read;

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::action::Action;
use super::check::{Invariants, StepContext, Violation};
use super::clock::Clock;
use super::id::NodeId;
use super::network::{DropReason, Network, NetworkParams};
use super::node::{Delay, Node, Out, Output};
use super::queue::{EventQueue, Key};
use super::time::Time;
use super::trace::{Record, RecordKind};

/// Everything the simulator needs besides the protocol's own config.
#[derive(Clone, Debug, PartialEq)]
pub struct SimConfig {
    pub nodes: usize,
    pub seed: u64,
    pub network: NetworkParams,
    /// Build trace records for each step (the UI and `--trace` need them; throughput runs don't).
    pub record: bool,
    /// Run the protocol's safety checkers after every step.
    pub check: bool,
}

impl SimConfig {
    pub fn new(nodes: usize, seed: u64) -> Self {
        SimConfig { nodes, seed, network: NetworkParams::default(), record: true, check: true }
    }
}

/// A message in the network, waiting for its delivery time.
#[derive(Clone, Debug)]
pub struct InFlight<N: Node> {
    pub id: u64,
    pub from: NodeId,
    pub to: NodeId,
    pub sent_at: Time,
    pub deliver_at: Time,
    pub msg: N::Msg,
}

/// A timer that will fire with queue key `due`. Its queue entry sits at `queued` (never after
/// `due`): re-arming a timer later, which Raft followers do on every AppendEntries, only moves
/// `due`, and the old entry is re-queued at `due` when it surfaces instead of firing. This keeps
/// the heap free of hundreds of dead entries, and fires at exactly the key an eager re-queue
/// would have used, so traces do not change.
#[derive(Clone, Copy, Debug)]
struct PendingTimer<T> {
    timer: T,
    due: Key,
    queued: Key,
}

#[derive(Clone, Debug)]
enum Pending<N: Node> {
    Deliver(InFlight<N>),
    Timer {
        node: NodeId,
        timer: N::Timer,
    },
    Scheduled {
        action: Action<N::Command>,
        say: Option<String>,
    },
    /// An action that reached a paused node, waiting for it to resume (lost if it crashes).
    Held {
        node: NodeId,
        action: Action<N::Command>,
        say: Option<String>,
    },
}

/// One simulated world. `Clone` is a checkpoint: it holds no trace history, only the state
/// needed to continue.
#[derive(Clone, Debug)]
pub struct Sim<N: Node> {
    config: SimConfig,
    protocol: N::Config,
    now: Time,
    step: u64,
    next_seq: u64,
    next_client_request: u64,
    rng: Xoshiro256PlusPlus,
    /// Never has a cancelled timer on top (see `drop_stale_timers`).
    queue: EventQueue<Pending<N>>,
    nodes: Vec<Option<N>>,
    /// What each crashed node had persisted.
    saved: Vec<Option<N::Persistent>>,
    /// Pending timers per node, at most one per timer.
    timers: Vec<Vec<PendingTimer<N::Timer>>>,
    network: Network,
    /// Each node's clock; true time is `now`.
    clocks: Vec<Clock>,
    /// Until when each node is paused (it is not once `now` reaches it). Everything due to a
    /// paused node waits in the queue at that time, in its order.
    paused_until: Vec<Time>,
    invariants: N::Invariants,
    violations: Vec<Violation>,
    out: Out<N>,
    /// Messages lost so far to loss, partitions, cuts or a person's drop (not to a crashed
    /// receiver): checkers excuse some things on a network that lost messages.
    lost: u64,
    /// Pauses and clock changes so far.
    timing_faults: u64,
    /// Records of the latest step only; the timeline collects them into a trace.
    records: Vec<Record<N>>,
}

impl<N: Node> Sim<N> {
    /// A cluster of fresh nodes, all started at time 0.
    pub fn new(config: SimConfig, protocol: N::Config) -> Self {
        let n = config.nodes;
        let seed = config.seed;
        let mut sim = Sim {
            rng: Xoshiro256PlusPlus::seed_from_u64(config.seed),
            network: Network::new(n, config.network.clone()),
            invariants: N::Invariants::new(n),
            nodes: NodeId::all(n).map(|id| Some(N::boot(id, n, &protocol))).collect(),
            saved: vec![None; n],
            timers: vec![Vec::new(); n],
            clocks: vec![Clock::default(); n],
            paused_until: vec![0; n],
            config,
            protocol,
            now: 0,
            step: 0,
            next_seq: 0,
            next_client_request: 1,
            queue: EventQueue::default(),
            violations: Vec::new(),
            out: Out::seeded(seed),
            lost: 0,
            timing_faults: 0,
            records: Vec::new(),
        };
        for id in NodeId::all(n) {
            sim.enter(id);
            if let Some(node) = sim.nodes[id.index()].as_mut() {
                node.on_start(&mut sim.out);
            }
            sim.flush(id);
        }
        sim.records.clear();
        sim.drop_stale_timers();
        sim
    }

    /// Queues an action to run as its own step at virtual time `at`.
    pub fn schedule(&mut self, at: Time, action: Action<N::Command>, say: Option<String>) {
        let key = self.key(at.max(self.now));
        self.queue.push(key, Pending::Scheduled { action, say });
    }

    /// Runs the next event. Returns false when nothing is left to happen.
    pub fn step(&mut self) -> bool {
        let Some(((time, _), event)) = self.queue.pop() else {
            return false;
        };
        self.begin_step(time);
        let touched = match event {
            Pending::Deliver(message) => self.deliver(message),
            Pending::Timer { node, timer } => self.fire(node, timer),
            Pending::Scheduled { action, say } | Pending::Held { action, say, .. } => {
                self.run_action(action, say)
            }
        };
        self.end_step(touched);
        true
    }

    /// Runs `action` now, as a step of its own.
    pub fn apply(&mut self, action: Action<N::Command>) {
        self.apply_at(self.now, action);
    }

    /// Runs `action` as a step of its own at virtual time `time`, which is kept between the
    /// current time and the next queued event so that events stay in order.
    pub fn apply_at(&mut self, time: Time, action: Action<N::Command>) {
        let latest = self.next_event_time().unwrap_or(Time::MAX).max(self.now);
        self.begin_step(time.clamp(self.now, latest));
        let touched = self.run_action(action, None);
        self.end_step(touched);
    }

    /// Steps until virtual time passes `until` (events at exactly `until` run) or the queue
    /// empties.
    pub fn run_until(&mut self, until: Time) {
        while self.next_event_time().is_some_and(|t| t <= until) {
            self.step();
        }
        self.now = self.now.max(until);
    }

    fn begin_step(&mut self, time: Time) {
        self.now = time;
        self.out.set_now(time);
        self.step += 1;
        self.records.clear();
    }

    /// Fires `timer` now, whether or not it was armed (a forced timeout, a counterexample's
    /// move); a down node has no timers.
    fn fire(&mut self, node: NodeId, timer: N::Timer) -> Option<NodeId> {
        self.nodes[node.index()].as_ref()?;
        self.timers[node.index()].retain(|p| p.timer != timer);
        self.record(|| RecordKind::Timer { node, timer });
        self.enter(node);
        if let Some(state) = self.nodes[node.index()].as_mut() {
            state.on_timer(timer, &mut self.out);
        }
        self.flush(node);
        Some(node)
    }

    /// Readies the output buffer for a handler of `node`: it reads that node's clock.
    fn enter(&mut self, node: NodeId) {
        self.out.set_now(self.clocks[node.index()].local(self.now));
    }

    /// Whether `node` is paused now.
    fn is_paused(&self, node: NodeId) -> bool {
        self.paused_until[node.index()] > self.now
    }

    fn end_step(&mut self, touched: Option<NodeId>) {
        self.drop_stale_timers();
        if !self.config.check {
            return;
        }
        let ctx = StepContext {
            step: self.step,
            time: self.now,
            nodes: &self.nodes,
            touched,
            lost: self.lost,
            timing_faults: self.timing_faults,
        };
        let mut found = Vec::new();
        self.invariants.check(&ctx, &mut |property, detail| found.push((property, detail)));
        for (property, detail) in found {
            // Keep the first break of each property: later ones are usually its echoes.
            if self.violations.iter().all(|v| v.property != property) {
                self.record(|| RecordKind::Violation {
                    property: property.to_string(),
                    detail: detail.clone(),
                });
                self.violations.push(Violation {
                    property: property.to_string(),
                    step: self.step,
                    time: self.now,
                    detail,
                });
            }
        }
    }

    fn deliver(&mut self, message: InFlight<N>) -> Option<NodeId> {
        let InFlight { id, from, to, msg, .. } = message;
        let reason = if self.nodes[to.index()].is_none() {
            Some(DropReason::NodeDown)
        } else if !self.network.link_up(from, to) {
            Some(DropReason::Partition)
        } else {
            None
        };
        if let Some(reason) = reason {
            self.lost += u64::from(reason != DropReason::NodeDown);
            self.record(|| RecordKind::Drop { id, from, to, reason, msg: msg.clone() });
            return None;
        }
        self.record(|| RecordKind::Deliver { id, from, to, msg: msg.clone() });
        self.enter(to);
        if let Some(node) = self.nodes[to.index()].as_mut() {
            node.on_message(from, msg, &mut self.out);
        }
        self.flush(to);
        Some(to)
    }

    /// Applies the outputs `node` wrote during its handler.
    fn flush(&mut self, node: NodeId) {
        let mut out = std::mem::take(&mut self.out);
        for output in out.drain() {
            match output {
                Output::Send { to, msg } => self.send(node, to, msg),
                Output::SetTimer { timer, delay } => self.set_timer(node, timer, delay),
                Output::CancelTimer { timer } => self.cancel_timer(node, timer),
                Output::Event(event) => self.record(|| RecordKind::Node { node, event }),
            }
        }
        self.out = out;
    }

    fn send(&mut self, from: NodeId, to: NodeId, msg: N::Msg) {
        let id = self.next_seq;
        if !self.network.link_up(from, to) {
            self.next_seq += 1;
            let reason = DropReason::Partition;
            self.lost += 1;
            self.record(|| RecordKind::Drop { id, from, to, reason, msg });
            return;
        }
        let params = &self.network.params;
        let (loss, duplicate) = (params.loss, params.duplicate);
        if loss > 0.0 && self.rng.random_bool(loss) {
            self.next_seq += 1;
            self.lost += 1;
            self.record(|| RecordKind::Drop { id, from, to, reason: DropReason::Loss, msg });
            return;
        }
        let copy = (duplicate > 0.0 && self.rng.random_bool(duplicate)).then(|| msg.clone());
        let shown = self.config.record.then(|| msg.clone());
        let deliver_at = self.enqueue_message(from, to, msg);
        if let Some(msg) = shown {
            self.record(|| RecordKind::Send { id, from, to, deliver_at, msg });
        }
        if let Some(copy) = copy {
            let copy_id = self.next_seq;
            let deliver_at = self.enqueue_message(from, to, copy);
            self.record(|| RecordKind::Duplicate { id, copy: copy_id, from, to, deliver_at });
        }
    }

    /// Puts a message on the wire with a freshly drawn latency; returns its delivery time,
    /// which a paused receiver puts off until it resumes.
    fn enqueue_message(&mut self, from: NodeId, to: NodeId, msg: N::Msg) -> Time {
        let (min, max) = self.network.latency(from, to);
        let deliver_at = (self.now + self.draw(min, max)).max(self.paused_until[to.index()]);
        let key = self.key(deliver_at);
        let message = InFlight { id: key.1, from, to, sent_at: self.now, deliver_at, msg };
        self.queue.push(key, Pending::Deliver(message));
        deliver_at
    }

    fn set_timer(&mut self, node: NodeId, timer: N::Timer, delay: Delay) {
        let local = self.draw(delay.min, delay.max);
        let at = self.now + self.clocks[node.index()].true_duration(local);
        let due = self.key(at);
        let timers = &mut self.timers[node.index()];
        match timers.iter_mut().find(|p| p.timer == timer) {
            // Its entry surfaces first and is re-queued at `due` then.
            Some(pending) if pending.queued <= due => pending.due = due,
            Some(pending) => {
                *pending = PendingTimer { timer, due, queued: due };
                self.queue.push(due, Pending::Timer { node, timer });
            }
            None => {
                timers.push(PendingTimer { timer, due, queued: due });
                self.queue.push(due, Pending::Timer { node, timer });
            }
        }
    }

    /// Forgets the timer; its queue entry becomes stale and is skipped when it surfaces.
    fn cancel_timer(&mut self, node: NodeId, timer: N::Timer) {
        let timers = &mut self.timers[node.index()];
        if let Some(position) = timers.iter().position(|p| p.timer == timer) {
            timers.swap_remove(position);
        }
    }

    /// Settles timer entries at the top of the queue until the top is an event that will
    /// really happen: cancelled timers are dropped, re-armed ones re-queued at their new key.
    /// Called at the end of every public mutation, so the next event and its time are exact.
    fn drop_stale_timers(&mut self) {
        while let Some((key, &Pending::Timer { node, timer })) = self.queue.peek() {
            let pending = self.timers[node.index()].iter_mut().find(|p| p.timer == timer);
            match pending {
                Some(p) if p.queued == key && p.due == key => return,
                Some(p) if p.queued == key => {
                    p.queued = p.due;
                    let due = p.due;
                    self.queue.pop();
                    self.queue.push(due, Pending::Timer { node, timer });
                }
                _ => {
                    self.queue.pop();
                }
            }
        }
    }

    fn draw(&mut self, min: Time, max: Time) -> Time {
        if min >= max {
            min
        } else {
            self.rng.random_range(min..=max)
        }
    }

    fn key(&mut self, at: Time) -> Key {
        let seq = self.next_seq;
        self.next_seq += 1;
        (at, seq)
    }

    fn record(&mut self, kind: impl FnOnce() -> RecordKind<N>) {
        if self.config.record {
            self.records.push(Record { step: self.step, time: self.now, kind: kind() });
        }
    }

    /// The node leading in the highest term right now, if any.
    pub fn leader(&self) -> Option<NodeId> {
        NodeId::all(self.nodes.len())
            .filter_map(|id| Some((self.nodes[id.index()].as_ref()?.leading()?, id)))
            .max()
            .map(|(_, id)| id)
    }
}
