//! The JSON report of a Multi-Paxos scenario run: the same envelope as the other reports,
//! the command chosen in each slot (and how many were no-ops filling holes), and each
//! replica's role, ballot and applied log; with `--check-linearizable`, what the clients saw.

use std::collections::BTreeMap;

use serde::Serialize;

use clusterscope_core::protocols::multipaxos::{Ballot, Command, MultiPaxosNode, Slot, View};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{Record, Sim, Violation};

use crate::paxos_report::{processes, ProcessReport};
use crate::report::{print_violations, HistoryReport, HistoryTally, RunHeader};

#[derive(Serialize)]
pub struct MultiPaxosReport<'a> {
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    /// Per slot, the command a majority accepted and the first ballot in which it did.
    pub chosen: BTreeMap<Slot, (Ballot, Command)>,
    pub noops: usize,
    #[serde(rename = "final")]
    pub final_state: Vec<ProcessReport<View>>,
    pub violations: &'a [Violation],
    /// With `--check-linearizable`: every client operation and the checker's verdict.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<&'a [Record<MultiPaxosNode>]>,
}

pub fn multipaxos_report<'a>(
    scenario: &'a Scenario,
    sim: &'a Sim<MultiPaxosNode>,
    tally: HistoryTally,
    trace: Option<&'a [Record<MultiPaxosNode>]>,
    check_linearizable: bool,
) -> MultiPaxosReport<'a> {
    let chosen: BTreeMap<Slot, (Ballot, Command)> = sim
        .invariants()
        .chosen()
        .iter()
        .map(|(slot, (ballot, command, _))| (*slot, (*ballot, command.clone())))
        .collect();
    MultiPaxosReport {
        header: RunHeader::of(scenario, sim),
        noops: chosen.values().filter(|(_, c)| *c == Command::Noop).count(),
        chosen,
        final_state: processes(sim),
        violations: sim.violations(),
        history: check_linearizable.then(|| HistoryReport::of(tally.0)),
        trace,
    }
}

pub fn print_multipaxos_summary(report: &MultiPaxosReport<'_>) {
    println!(
        "{}, {} slots chosen ({} no-ops)",
        report.header.line(),
        report.chosen.len(),
        report.noops
    );
    for process in &report.final_state {
        let Some(view) = &process.view else {
            println!("  {:<3} down", process.node.to_string());
            continue;
        };
        let log: Vec<String> = view.decided.iter().map(|(_, c)| c.to_string()).collect();
        let ballot = view.ballot.map_or("-".to_string(), |b| b.to_string());
        println!(
            "  {:<3} {:<9} ballot {:<6} applied {:<3} log: {}",
            process.node.to_string(),
            view.role,
            ballot,
            view.applied,
            log.join(" ")
        );
    }
    print_violations(report.violations);
    if let Some(history) = &report.history {
        history.print();
    }
}
