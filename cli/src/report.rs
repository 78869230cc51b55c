//! The JSON report of a scenario run. Its schema is documented in `docs/cli.md`; tests and
//! course tooling read it, so fields are only ever added.

use serde::Serialize;

use clusterscope_core::history::linearizable::{self, Verdict};
use clusterscope_core::history::{ClientFacts, Ending, History, OpKind, Operation};
use clusterscope_core::protocols::raft::{
    ClientOutcome, Entry, Event, Membership, RaftNode, Role, Servers, Snapshot,
};
use clusterscope_core::scenario::Scenario;
use std::collections::BTreeMap;

use clusterscope_core::sim::{Action, Node, NodeId, Record, RecordKind, Sim, Time, Violation};

/// What every protocol's report starts with; flattened into it, so each report's JSON has
/// these fields at its top level.
#[derive(Serialize)]
pub struct RunHeader<'a> {
    pub scenario: &'a str,
    pub protocol: &'static str,
    pub seed: u64,
    pub nodes: usize,
    /// Virtual time the run stopped at, in microseconds.
    pub end_time: Time,
    /// Events processed (one step each).
    pub steps: u64,
}

impl<'a> RunHeader<'a> {
    pub fn of<N: Node>(scenario: &'a Scenario, sim: &Sim<N>) -> Self {
        RunHeader {
            scenario: &scenario.name,
            protocol: N::PROTOCOL,
            seed: scenario.seed,
            nodes: scenario.nodes,
            end_time: sim.now(),
            steps: sim.steps(),
        }
    }

    /// The summary's first line.
    pub fn line(&self) -> String {
        format!(
            "{} ({}, {} nodes, seed {}): {} steps to {}",
            self.scenario,
            self.protocol,
            self.nodes,
            self.seed,
            self.steps,
            clusterscope_core::sim::format_time(self.end_time)
        )
    }
}

/// The summary's last lines.
pub fn print_violations(violations: &[Violation]) {
    if violations.is_empty() {
        println!("  no invariant violations");
    }
    for violation in violations {
        println!("  VIOLATION {violation}");
    }
}

#[derive(Serialize)]
pub struct Report<'a> {
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    /// The node leading in the highest term at the end, if any.
    pub leader: Option<NodeId>,
    #[serde(rename = "final")]
    pub final_state: Vec<NodeReport>,
    pub violations: &'a [Violation],
    pub clients: Vec<ClientReport>,
    /// With `--check-linearizable`: every client operation and the checker's verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<&'a [Record<RaftNode>]>,
}

#[derive(Serialize)]
pub struct HistoryReport {
    pub operations: Vec<Operation>,
    pub linearizability: Verdict,
}

impl HistoryReport {
    pub fn of(history: History) -> HistoryReport {
        let operations = history.operations().to_vec();
        let linearizability = linearizable::check(&operations);
        HistoryReport { operations, linearizability }
    }

    pub fn linearizable(&self) -> bool {
        self.linearizability == Verdict::Linearizable
    }

    pub fn print(&self) {
        let count = |read: bool, ending: Ending| {
            self.operations
                .iter()
                .filter(|op| matches!(op.kind, OpKind::Read { .. }) == read && op.ending == ending)
                .count()
        };
        println!(
            "  history: {} writes and {} reads answered, {} writes of unknown outcome, {} failed",
            count(false, Ending::Ok),
            count(true, Ending::Ok),
            count(false, Ending::Unknown),
            count(false, Ending::Failed) + count(true, Ending::Failed)
        );
        match &self.linearizability {
            Verdict::Linearizable => println!("  linearizable"),
            Verdict::Violation { at, detail, .. } => println!(
                "  NOT LINEARIZABLE at step {} ({:.3} ms): {detail}",
                at.step,
                at.time as f64 / 1000.0
            ),
            Verdict::GaveUp { key } => {
                println!("  linearizability unknown: the checker gave up on key {key}")
            }
        }
    }
}

#[derive(Serialize)]
pub struct NodeReport {
    pub node: NodeId,
    pub up: bool,
    /// `null` while down.
    pub role: Option<Role>,
    pub term: u64,
    pub voted_for: Option<NodeId>,
    /// Volatile: 0 while down.
    pub commit_index: u64,
    /// What the server compacted into a snapshot; `log` holds the entries after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<SnapshotReport>,
    pub log: Vec<Entry>,
    /// Commands applied to the state machine from `log`, in log order (no-ops left out).
    pub applied: Vec<String>,
    /// The configuration the server believes in (`null` while down).
    pub membership: Option<Membership>,
}

#[derive(Serialize)]
pub struct SnapshotReport {
    pub last_index: u64,
    pub last_term: u64,
    /// The key-value state as of `last_index`.
    pub state: BTreeMap<String, String>,
}

impl SnapshotReport {
    fn of(snapshot: &Snapshot) -> Option<SnapshotReport> {
        (snapshot.last_index > 0).then(|| SnapshotReport {
            last_index: snapshot.last_index,
            last_term: snapshot.last_term,
            state: snapshot.kv.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        })
    }
}

#[derive(Serialize)]
pub struct ClientReport {
    pub request: u64,
    /// The command the request carried.
    pub command: Option<String>,
    pub time: Time,
    pub node: NodeId,
    #[serde(flatten)]
    pub outcome: ClientOutcome,
}

/// What a report learns from the trace while the run goes: counts and client outcomes, never
/// the records themselves, so a long run's memory does not grow with its history.
pub trait Tally<N: Node>: Default {
    /// The records of one step.
    fn observe(&mut self, records: &[Record<N>]);
}

/// For reports that need nothing from the trace.
#[derive(Default)]
pub struct NoTally;

impl<N: Node> Tally<N> for NoTally {
    fn observe(&mut self, _: &[Record<N>]) {}
}

/// What the clients saw, for a protocol that has no other tally.
#[derive(Default)]
pub struct HistoryTally(pub History);

impl<N: ClientFacts> Tally<N> for HistoryTally {
    fn observe(&mut self, records: &[Record<N>]) {
        self.0.observe(records);
    }
}

/// Every client outcome, each with the command its request carried.
#[derive(Default)]
pub struct RaftTally {
    commands: BTreeMap<u64, String>,
    clients: Vec<ClientReport>,
    history: History,
}

impl Tally<RaftNode> for RaftTally {
    fn observe(&mut self, records: &[Record<RaftNode>]) {
        self.history.observe(records);
        for (position, record) in records.iter().enumerate() {
            let RecordKind::Node { node, event: Event::Client { request, outcome } } = &record.kind
            else {
                continue;
            };
            // A request first shows up in the step of the client action that made it.
            if !self.commands.contains_key(request) {
                let command = records[..position].iter().rev().find_map(|r| match &r.kind {
                    RecordKind::Action { action: Action::Client { command, .. }, .. } => {
                        Some(command.to_string())
                    }
                    _ => None,
                });
                if let Some(command) = command {
                    self.commands.insert(*request, command);
                }
            }
            self.clients.push(ClientReport {
                request: *request,
                command: self.commands.get(request).cloned(),
                time: record.time,
                node: *node,
                outcome: outcome.clone(),
            });
        }
    }
}

pub fn raft_report<'a>(
    scenario: &'a Scenario,
    sim: &'a Sim<RaftNode>,
    tally: RaftTally,
    trace: Option<&'a [Record<RaftNode>]>,
    check_linearizable: bool,
) -> Report<'a> {
    let final_state = NodeId::all(sim.nodes().len()).map(|id| node_report(sim, id)).collect();
    Report {
        header: RunHeader::of(scenario, sim),
        leader: sim.leader(),
        final_state,
        violations: sim.violations(),
        clients: tally.clients,
        history: check_linearizable.then(|| HistoryReport::of(tally.history)),
        trace,
    }
}

fn node_report(sim: &Sim<RaftNode>, id: NodeId) -> NodeReport {
    match sim.node(id) {
        Some(node) => NodeReport {
            node: id,
            up: true,
            role: Some(node.role()),
            term: node.current_term(),
            voted_for: node.voted_for(),
            commit_index: node.commit_index(),
            snapshot: SnapshotReport::of(node.snapshot()),
            log: node.log().to_vec(),
            applied: node.log()[..(node.last_applied() - node.snapshot().last_index) as usize]
                .iter()
                .filter(|e| e.command != clusterscope_core::protocols::raft::Command::Noop)
                .map(|e| e.command.to_string())
                .collect(),
            membership: Some(node.membership()),
        },
        None => {
            let saved = sim.saved(id).cloned().unwrap_or_default();
            NodeReport {
                node: id,
                up: false,
                role: None,
                term: saved.current_term,
                voted_for: saved.voted_for,
                commit_index: 0,
                snapshot: SnapshotReport::of(&saved.snapshot),
                log: saved.log,
                applied: Vec::new(),
                membership: None,
            }
        }
    }
}

/// A few lines for a person at a terminal.
pub fn print_summary(report: &Report<'_>) {
    println!("{}", report.header.line());
    for node in &report.final_state {
        let role = match (node.up, node.role) {
            (false, _) => "down".to_string(),
            (true, Some(role)) => format!("{role:?}").to_lowercase(),
            (true, None) => "?".to_string(),
        };
        let compacted = node.snapshot.as_ref().map_or(0, |s| s.last_index);
        // Only a run that changes who votes says so.
        let everyone = Servers::first(report.final_state.len());
        let membership = match node.membership {
            Some(m) if m.voters != everyone || !m.learners.is_empty() => format!(" ({m})"),
            _ => String::new(),
        };
        let snapshot = match compacted {
            0 => String::new(),
            last => format!(" (snapshot to {last})"),
        };
        println!(
            "  {:<3} {:<9} term {:<3} commit {:<4} log {:<4} applied {}{snapshot}{membership}",
            node.node.to_string(),
            role,
            node.term,
            node.commit_index,
            compacted + node.log.len() as u64,
            node.applied.len()
        );
    }
    print_violations(report.violations);
    if let Some(history) = &report.history {
        history.print();
    }
}
