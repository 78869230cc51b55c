//! Rewind by checkpoint + replay. The timeline keeps the run's trace up to the furthest step
//! computed (the horizon), a checkpoint every `interval` steps, and the log of actions a
//! person took. Seeking restores the nearest checkpoint and replays forward; because the
//! simulator is deterministic the replay lands on exactly the state that was there. Acting at
//! a past step forks: everything after that step is discarded.
//!
//! A large cluster makes tens of thousands of events per virtual second, and one of its
//! checkpoints weighs megabytes, so both are bounded by a [`Retention`]: past its number of
//! checkpoints every other one is dropped and the interval doubles (seeking stays possible,
//! it replays further), and past its number of records the oldest half of the trace goes
//! (the views show the recent past; the world itself is always exact).

use serde::{Deserialize, Serialize};

use super::action::Action;
use super::node::Node;
use super::time::Time;
use super::trace::Record;
use super::world::Sim;

/// An action taken by a person, applied when the simulation stood at `step` and the playhead
/// at virtual time `time` (which can lie between two events). `C` is the client command
/// type; a link carries commands as text until it knows the protocol.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedAction<C> {
    pub step: u64,
    pub time: Time,
    pub action: Action<C>,
}

impl<C> LoggedAction<C> {
    /// The same action with its client command converted.
    pub fn try_map_command<D, E>(
        self,
        f: impl FnOnce(C) -> Result<D, E>,
    ) -> Result<LoggedAction<D>, E> {
        Ok(LoggedAction {
            step: self.step,
            time: self.time,
            action: self.action.try_map_command(f)?,
        })
    }
}

/// How much of its past a timeline keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Retention {
    /// Steps between checkpoints, at first: seeking replays at most this many events.
    pub checkpoint_every: u64,
    /// Past this many checkpoints, every other one is dropped and the interval doubles.
    pub max_checkpoints: usize,
    /// Past this many trace records, the records of the oldest steps are dropped until
    /// half remain.
    pub max_records: usize,
}

impl From<u64> for Retention {
    /// A checkpoint every `interval` steps, and everything kept.
    fn from(interval: u64) -> Self {
        Retention {
            checkpoint_every: interval,
            max_checkpoints: usize::MAX,
            max_records: usize::MAX,
        }
    }
}

pub struct Timeline<N: Node> {
    current: Sim<N>,
    /// The playhead: virtual time shown, at or after the current step's time and before the
    /// next event. Views interpolate message positions by it.
    clock: Time,
    /// `checkpoints[i]` is the world at step `i * interval`.
    checkpoints: Vec<Sim<N>>,
    interval: u64,
    retention: Retention,
    actions: Vec<LoggedAction<N::Command>>,
    /// Trace of the steps after `forgotten`, up to the horizon, in order.
    trace: Vec<Record<N>>,
    /// Steps `1..=forgotten` had their records dropped to keep within the retention.
    forgotten: u64,
    /// `step_starts[i]` is the index in `trace` of the first record of step
    /// `forgotten + i + 1`.
    step_starts: Vec<usize>,
    /// How many times the future was discarded by acting in the past.
    forks: u64,
}

impl<N: Node> Timeline<N> {
    pub fn new(start: Sim<N>, retention: impl Into<Retention>) -> Self {
        let retention = retention.into();
        Timeline {
            clock: start.now(),
            checkpoints: vec![start.clone()],
            current: start,
            interval: retention.checkpoint_every.max(1),
            retention,
            actions: Vec::new(),
            trace: Vec::new(),
            forgotten: 0,
            step_starts: Vec::new(),
            forks: 0,
        }
    }

    pub fn sim(&self) -> &Sim<N> {
        &self.current
    }

    pub fn step(&self) -> u64 {
        self.current.steps()
    }

    /// Virtual time at the playhead.
    pub fn clock(&self) -> Time {
        self.clock
    }

    /// The furthest step computed so far; seeking up to it needs no new simulation.
    pub fn horizon(&self) -> u64 {
        self.forgotten + self.step_starts.len() as u64
    }

    /// The first step whose records are still kept (1 while nothing was dropped).
    pub fn first_kept_step(&self) -> u64 {
        self.forgotten + 1
    }

    /// Steps currently between checkpoints (it doubles as old checkpoints are thinned).
    pub fn checkpoint_interval(&self) -> u64 {
        self.interval
    }

    pub fn actions(&self) -> &[LoggedAction<N::Command>] {
        &self.actions
    }

    pub fn forks(&self) -> u64 {
        self.forks
    }

    /// The trace of steps `first_kept_step()..=step()`.
    pub fn trace(&self) -> &[Record<N>] {
        let end = self.trace_end(self.step());
        &self.trace[..end]
    }

    /// The trace up to the horizon, including steps after the current one.
    pub fn full_trace(&self) -> &[Record<N>] {
        &self.trace
    }

    /// Records of one step (1-based); none for a step whose records were dropped.
    pub fn records_of(&self, step: u64) -> &[Record<N>] {
        if step <= self.forgotten || step > self.horizon() {
            return &[];
        }
        &self.trace[self.trace_end(step - 1)..self.trace_end(step)]
    }

    /// The index in `trace` just past the records of `step`.
    fn trace_end(&self, step: u64) -> usize {
        match step.checked_sub(self.forgotten) {
            None | Some(0) => 0,
            Some(s) => self.step_starts.get(s as usize).copied().unwrap_or(self.trace.len()),
        }
    }

    /// Advances one step: a logged action if one is due here, else the next event.
    pub fn step_forward(&mut self) -> bool {
        let at = self.current.steps();
        let due = self.due_action(at).map(|a| (a.time, a.action.clone()));
        match due {
            Some((time, action)) => self.current.apply_at(time, action),
            None => {
                if !self.current.step() {
                    return false;
                }
            }
        }
        self.after_step();
        self.clock = self.current.now();
        true
    }

    /// The logged action to apply when the simulation stands at `step`. The log is sorted by
    /// step (each action takes a step of its own), so this is a binary search, not a scan on
    /// every replayed step.
    fn due_action(&self, step: u64) -> Option<&LoggedAction<N::Command>> {
        let at = self.actions.partition_point(|a| a.step < step);
        self.actions.get(at).filter(|a| a.step == step)
    }

    /// Moves the playhead to virtual time `time`, running every event up to it (events at
    /// exactly `time` run), including logged actions due on the way.
    pub fn advance_to(&mut self, time: Time) {
        loop {
            let at = self.current.steps();
            let due_action = self.due_action(at).map(|a| a.time);
            let next = due_action.or_else(|| self.current.next_event_time());
            if next.is_none_or(|t| t > time) || !self.step_forward() {
                break;
            }
        }
        self.clock = self.clock.max(time);
    }

    /// Moves the playhead to `time` without running anything: it stays at or after the
    /// current step's time and before the next event (a link restores it this way).
    pub fn set_clock(&mut self, time: Time) {
        let now = self.current.now();
        let before_next = match self.current.next_event_time() {
            Some(next) if next > now => next - 1,
            Some(_) => now,
            None => time,
        };
        self.clock = time.clamp(now, before_next.max(now));
    }

    fn after_step(&mut self) {
        let step = self.current.steps();
        if step > self.horizon() {
            self.step_starts.push(self.trace.len());
            self.trace.extend_from_slice(self.current.records());
            if self.trace.len() > self.retention.max_records {
                self.forget_oldest_records();
            }
        }
        if step % self.interval == 0 && (step / self.interval) as usize == self.checkpoints.len() {
            self.checkpoints.push(self.current.clone());
            if self.checkpoints.len() > self.retention.max_checkpoints.max(2) {
                self.thin_checkpoints();
            }
        }
    }

    /// Drops the records of the oldest steps until at most half the allowed number remain.
    fn forget_oldest_records(&mut self) {
        let keep_from = self.trace.len().saturating_sub(self.retention.max_records / 2);
        let steps = self.step_starts.partition_point(|&start| start < keep_from);
        let Some(&cut) = self.step_starts.get(steps) else { return };
        self.trace.drain(..cut);
        self.step_starts.drain(..steps);
        for start in &mut self.step_starts {
            *start -= cut;
        }
        self.forgotten += steps as u64;
    }

    /// Keeps the checkpoints at even multiples of the interval, and doubles it.
    fn thin_checkpoints(&mut self) {
        let mut index = 0;
        self.checkpoints.retain(|_| {
            index += 1;
            index % 2 == 1
        });
        self.interval *= 2;
    }

    /// Does `action` at the current step. If the current step is behind the horizon, the
    /// future is discarded first (a fork).
    pub fn act(&mut self, action: Action<N::Command>) {
        let at = self.current.steps();
        if at < self.horizon() || self.actions.iter().any(|a| a.step >= at) {
            self.truncate_future(at);
            self.forks += 1;
        }
        let time = self.clock;
        self.actions.push(LoggedAction { step: at, time, action });
        self.step_forward();
    }

    fn truncate_future(&mut self, at: u64) {
        self.actions.retain(|a| a.step < at);
        let end = self.trace_end(at);
        self.trace.truncate(end);
        if at < self.forgotten {
            self.forgotten = at;
        }
        self.step_starts.truncate((at - self.forgotten) as usize);
        let keep = (at / self.interval) as usize + 1;
        self.checkpoints.truncate(keep);
    }

    /// Moves to `target` (clamped to what can be reached): restores the nearest checkpoint at
    /// or before it and replays forward.
    pub fn seek(&mut self, target: u64) {
        let now = self.current.steps();
        let index = ((target / self.interval) as usize).min(self.checkpoints.len() - 1);
        let checkpoint_step = index as u64 * self.interval;
        // Going back needs a checkpoint; going forward uses one only if it skips ahead.
        if target < now || checkpoint_step > now {
            self.current = self.checkpoints[index].clone();
        }
        while self.current.steps() < target {
            if !self.step_forward() {
                break;
            }
        }
        self.clock = self.current.now();
    }

    /// Replays a whole run from its start and action log (in step order, as a timeline
    /// logs it and a permalink carries it: steps are written as increments, and the page
    /// sorts the older JSON log when it reads one), e.g. from a permalink.
    /// Out of order, an action may be missed.
    pub fn replay(
        start: Sim<N>,
        retention: impl Into<Retention>,
        actions: Vec<LoggedAction<N::Command>>,
        to: u64,
    ) -> Self {
        let mut timeline = Timeline::new(start, retention);
        timeline.actions = actions;
        timeline.seek(to);
        timeline
    }
}
