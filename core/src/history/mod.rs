//! What clients saw: each key-value operation a client asked of a replicated store, from the
//! step it was called to the step it was answered, and whether that history could have come
//! from a single copy of the store (`linearizable`).
//!
//! A protocol opts in by saying, for each of its events, what the event tells a client
//! (`ClientFacts`). Outcomes follow Jepsen: an operation that failed definitely is left out;
//! one whose fate is unknown (its leader stepped down, its answer never came) may have taken
//! effect at any moment after its call, or never.

pub mod linearizable;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::protocols::kv::Command;
use crate::sim::{Action, Node, NodeId, Record, RecordKind, Time};

/// What one protocol event says about a client request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    /// Still in progress (forwarded, waiting to be confirmed): nothing known yet.
    Pending,
    /// A server took the request into its log (or proposed it): it may take effect, whatever
    /// a duplicate copy of the request is told later.
    Accepted,
    /// Done: a write took effect, or a read returned this value.
    Done { read: Option<Option<Arc<str>>> },
    /// Definitely did not take effect.
    Failed,
    /// May or may not have taken effect.
    Unknown,
}

/// A protocol whose clients read and write a key-value store.
pub trait ClientFacts: Node<Command = Command> {
    /// The request an event is about and what it says, if it is about one.
    fn client_fact(event: &Self::Event) -> Option<(u64, Fate)>;
}

/// A moment in the run: steps order everything, times are for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Moment {
    pub step: u64,
    pub time: Time,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "op")]
pub enum OpKind {
    Write {
        value: Arc<str>,
    },
    /// The value read; `None` when the key had never been written.
    Read {
        value: Option<Arc<str>>,
    },
}

/// How an operation ended, as its client knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ending {
    Ok,
    Failed,
    /// Never answered or answered "unknown": it may have happened at any moment after its call.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Operation {
    /// The simulator's client request id.
    pub request: u64,
    /// The server the client called.
    pub node: NodeId,
    pub key: Arc<str>,
    #[serde(flatten)]
    pub kind: OpKind,
    pub call: Moment,
    /// When the client was answered (for `Ok` and `Failed`).
    pub answer: Option<Moment>,
    pub ending: Ending,
}

/// Builds the history from trace records, step by step.
#[derive(Clone, Debug, Default)]
pub struct History {
    operations: Vec<Operation>,
    /// Request id to index in `operations`.
    by_request: BTreeMap<u64, usize>,
    /// By index in `operations`: whether the client has heard an outcome (an operation with
    /// none so far is `Unknown` too, but a later failure may still settle it).
    told: Vec<bool>,
    /// By index in `operations`: whether some server accepted the request, after which no
    /// failure is definite.
    accepted: Vec<bool>,
    /// A client action of the current step, waiting for the node's first fact to learn the
    /// request id the simulator gave it.
    calling: Option<(Command, Moment)>,
}

impl History {
    pub fn new() -> Self {
        History::default()
    }

    /// Takes in one step's records (in order).
    pub fn observe<N: ClientFacts>(&mut self, records: &[Record<N>]) {
        for record in records {
            let moment = Moment { step: record.step, time: record.time };
            match &record.kind {
                RecordKind::Action { action: Action::Client { command, .. }, .. } => {
                    self.calling = Some((command.clone(), moment));
                }
                RecordKind::Node { event, node } => {
                    if let Some((request, fate)) = N::client_fact(event) {
                        self.learn(*node, request, fate, moment);
                    }
                }
                _ => {}
            }
        }
        self.calling = None;
    }

    /// `node` reported `fate` for `request`; the first report comes from the server called.
    fn learn(&mut self, node: NodeId, request: u64, fate: Fate, moment: Moment) {
        let index = match self.by_request.get(&request) {
            Some(&index) => index,
            None => {
                let Some((command, call)) = self.calling.take() else { return };
                let (key, kind) = match command {
                    Command::Set { key, value } => (key, OpKind::Write { value }),
                    Command::Get { key } => (key, OpKind::Read { value: None }),
                    Command::Noop => return,
                };
                self.operations.push(Operation {
                    request,
                    node,
                    key,
                    kind,
                    call,
                    answer: None,
                    ending: Ending::Unknown,
                });
                self.told.push(false);
                self.accepted.push(false);
                self.by_request.insert(request, self.operations.len() - 1);
                self.operations.len() - 1
            }
        };
        let was_told = self.told[index];
        let was_accepted = self.accepted[index];
        self.told[index] |= !matches!(fate, Fate::Pending | Fate::Accepted);
        self.accepted[index] |= fate == Fate::Accepted;
        let op = &mut self.operations[index];
        // A duplicated request can hear several answers. Any success outranks the rest (the
        // write did happen; the first read answer is the one the client kept); an unknown
        // outranks a failure (a copy of the request may still take effect), and so does
        // being accepted (a leader that appended one copy may refuse the next while it
        // hands over leadership, and the first still commits); a failure counts only if
        // nothing else was heard.
        match fate {
            Fate::Pending => {}
            Fate::Done { read } => {
                if op.ending != Ending::Ok {
                    op.ending = Ending::Ok;
                    op.answer = Some(moment);
                    if let (OpKind::Read { value }, Some(read)) = (&mut op.kind, read) {
                        *value = read;
                    }
                }
            }
            Fate::Failed
                if op.ending == Ending::Unknown
                    && op.answer.is_none()
                    && !was_told
                    && !was_accepted =>
            {
                op.ending = Ending::Failed;
                op.answer = Some(moment);
            }
            Fate::Failed => {}
            Fate::Unknown | Fate::Accepted => {
                if op.ending == Ending::Failed {
                    op.ending = Ending::Unknown;
                    op.answer = None;
                }
            }
        }
    }

    pub fn operations(&self) -> &[Operation] {
        &self.operations
    }

    /// Builds the history of a whole trace.
    pub fn of<N: ClientFacts>(records: &[Record<N>]) -> History {
        let mut history = History::new();
        for step in records.chunk_by(|a, b| a.step == b.step) {
            history.observe(step);
        }
        history
    }
}

/// The property name linearizability violations are reported under.
pub const LINEARIZABILITY: &str = "linearizability";

/// A verdict other than "linearizable" as a violation; a checker that gave up is reported
/// at `end`.
fn verdict_violation(verdict: linearizable::Verdict, end: Moment) -> Option<crate::sim::Violation> {
    let (at, detail) = match verdict {
        linearizable::Verdict::Linearizable => return None,
        linearizable::Verdict::Violation { at, detail, .. } => (at, detail),
        linearizable::Verdict::GaveUp { key } => (end, format!("the checker gave up on key {key}")),
    };
    let property = LINEARIZABILITY.to_string();
    Some(crate::sim::Violation { property, step: at.step, time: at.time, detail })
}

/// Whether the client history of a whole trace is linearizable, as a violation if not.
pub fn violation<N: ClientFacts>(records: &[Record<N>]) -> Option<crate::sim::Violation> {
    let end = records
        .last()
        .map_or(Moment { step: 0, time: 0 }, |r| Moment { step: r.step, time: r.time });
    verdict_violation(linearizable::check(History::of(records).operations()), end)
}

/// One seed of the randomized tester with clients that read too, and the client history
/// checked for linearizability at the end (a safety violation found first is reported as is).
pub fn fuzz<N: ClientFacts>(
    config: &crate::sim::fuzz::FuzzConfig,
    protocol: &N::Config,
    seed: u64,
) -> crate::sim::fuzz::FuzzOutcome {
    let config = crate::sim::fuzz::FuzzConfig { reads: true, ..config.clone() };
    let mut history = History::new();
    let mut observe = |records: &[Record<N>]| history.observe(records);
    let mut outcome =
        crate::sim::fuzz::run_observed::<N>(&config, protocol, seed, Some(&mut observe));
    if outcome.violations.is_empty() {
        let end = Moment { step: outcome.steps, time: 0 };
        outcome
            .violations
            .extend(verdict_violation(linearizable::check(history.operations()), end));
    }
    outcome
}
