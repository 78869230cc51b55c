//! The JSON report of a Basic Paxos scenario run: the same envelope as Raft's report, with
//! each process's acceptor, proposer and learner state, the value chosen, and how many
//! ballots were started (a livelock shows as many ballots and no value chosen).

use serde::Serialize;

use clusterscope_core::protocols::paxos::{Ballot, Event, PaxosNode, Value, View};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{Node, NodeId, Record, RecordKind, Sim, Violation};

use crate::report::{print_violations, RunHeader, Tally};

#[derive(Serialize)]
pub struct PaxosReport<'a> {
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    /// The value a majority of acceptors accepted in one ballot, and the first such ballot.
    pub chosen: Option<(Ballot, Value)>,
    /// Phase-1 rounds started, over all proposers.
    pub ballots: usize,
    #[serde(rename = "final")]
    pub final_state: Vec<ProcessReport<View>>,
    pub violations: &'a [Violation],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<&'a [Record<PaxosNode>]>,
}

#[derive(Serialize)]
pub struct ProcessReport<V> {
    pub node: NodeId,
    pub up: bool,
    /// Left out while down.
    #[serde(flatten)]
    pub view: Option<V>,
}

/// Each server's view at the end of the run (shared with the Multi-Paxos report).
pub fn processes<N: Node>(sim: &Sim<N>) -> Vec<ProcessReport<N::View>> {
    NodeId::all(sim.nodes().len())
        .map(|id| ProcessReport {
            node: id,
            up: sim.node(id).is_some(),
            view: sim.node(id).map(Node::view),
        })
        .collect()
}

/// Phase-1 rounds started.
#[derive(Default)]
pub struct PaxosTally {
    ballots: usize,
}

impl Tally<PaxosNode> for PaxosTally {
    fn observe(&mut self, records: &[Record<PaxosNode>]) {
        self.ballots += records
            .iter()
            .filter(|r| matches!(r.kind, RecordKind::Node { event: Event::Prepare { .. }, .. }))
            .count();
    }
}

pub fn paxos_report<'a>(
    scenario: &'a Scenario,
    sim: &'a Sim<PaxosNode>,
    tally: PaxosTally,
    trace: Option<&'a [Record<PaxosNode>]>,
) -> PaxosReport<'a> {
    PaxosReport {
        header: RunHeader::of(scenario, sim),
        chosen: sim.invariants().chosen().cloned(),
        ballots: tally.ballots,
        final_state: processes(sim),
        violations: sim.violations(),
        trace,
    }
}

pub fn print_paxos_summary(report: &PaxosReport<'_>) {
    println!("{}, {} ballots started", report.header.line(), report.ballots);
    match &report.chosen {
        Some((ballot, value)) => println!("  chosen: {value} (first in ballot {ballot})"),
        None => println!("  no value chosen"),
    }
    for process in &report.final_state {
        let Some(view) = &process.view else {
            println!("  {:<3} down", process.node.to_string());
            continue;
        };
        let show = |b: Option<Ballot>| b.map_or("-".to_string(), |b| b.to_string());
        println!(
            "  {:<3} promised {:<6} accepted {:<14} learned {}",
            process.node.to_string(),
            show(view.promised),
            view.accepted.as_ref().map_or("-".to_string(), |(b, v)| format!("{v}@{b}")),
            view.learned.as_ref().map_or("-".to_string(), ToString::to_string)
        );
    }
    print_violations(report.violations);
}
