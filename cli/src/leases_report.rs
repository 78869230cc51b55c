//! The report of a leases scenario run: the store's grants with their tokens, the storage's
//! accepted and rejected writes by client, who holds the lease at the end, and the checkers'
//! verdicts.

use std::collections::BTreeMap;

use serde::Serialize;

use clusterscope_core::protocols::leases::{self, Event, LeaseNode, LostWhy, View};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{format_time, NodeId, Record, RecordKind, Sim, Time, Violation};

use crate::paxos_report::{processes, ProcessReport};
use crate::report::{print_violations, RunHeader, Tally};

#[derive(Serialize)]
pub struct LeasesReport<'a> {
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    pub variant: &'static str,
    pub grants: Vec<Grant>,
    /// Writes the storage accepted, by client.
    pub accepted: BTreeMap<NodeId, u64>,
    /// Writes the storage rejected (fencing), by client.
    pub rejected: BTreeMap<NodeId, u64>,
    /// Times a holder stopped because its own clock said its lease ran out.
    pub ran_out: u64,
    /// The client the store names as holder at the end.
    pub holder: Option<NodeId>,
    #[serde(rename = "final")]
    pub final_state: Vec<ProcessReport<View>>,
    pub violations: &'a [Violation],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<&'a [Record<LeaseNode>]>,
}

/// A grant of the lease by the store.
#[derive(Serialize)]
pub struct Grant {
    pub time: Time,
    pub to: NodeId,
    pub token: u64,
    /// The holder whose lease had run out.
    pub after: Option<NodeId>,
}

#[derive(Default)]
pub struct LeasesTally {
    grants: Vec<Grant>,
    accepted: BTreeMap<NodeId, u64>,
    rejected: BTreeMap<NodeId, u64>,
    ran_out: u64,
}

impl Tally<LeaseNode> for LeasesTally {
    fn observe(&mut self, records: &[Record<LeaseNode>]) {
        for record in records {
            let RecordKind::Node { event, .. } = &record.kind else { continue };
            match event {
                Event::Granted { to, token, after } => {
                    let (time, to, token, after) = (record.time, *to, *token, *after);
                    self.grants.push(Grant { time, to, token, after });
                }
                Event::Stored { from, .. } => *self.accepted.entry(*from).or_default() += 1,
                Event::Rejected { from, .. } => *self.rejected.entry(*from).or_default() += 1,
                Event::Lost { why: LostWhy::RanOut, .. } => self.ran_out += 1,
                _ => {}
            }
        }
    }
}

pub fn leases_report<'a>(
    scenario: &'a Scenario,
    sim: &'a Sim<LeaseNode>,
    tally: LeasesTally,
    trace: Option<&'a [Record<LeaseNode>]>,
) -> LeasesReport<'a> {
    let store = leases::current_store(sim.nodes().iter().flatten());
    LeasesReport {
        header: RunHeader::of(scenario, sim),
        variant: scenario.leases.variant.name(),
        grants: tally.grants,
        accepted: tally.accepted,
        rejected: tally.rejected,
        ran_out: tally.ran_out,
        holder: store.and_then(LeaseNode::lease).map(|l| l.holder),
        final_state: processes(sim),
        violations: sim.violations(),
        trace,
    }
}

pub fn print_leases_summary(report: &LeasesReport<'_>) {
    println!("{}, variant {}", report.header.line(), report.variant);
    for grant in &report.grants {
        let after = grant.after.map_or(String::new(), |old| format!(", {old}'s lease ran out"));
        println!(
            "  {:>10}  lease to {} (token {}){after}",
            format_time(grant.time),
            grant.to,
            grant.token
        );
    }
    let by_client = |counts: &BTreeMap<NodeId, u64>| {
        let parts: Vec<String> = counts.iter().map(|(n, c)| format!("{n} {c}")).collect();
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        }
    };
    println!("  storage accepted: {}", by_client(&report.accepted));
    println!("  storage rejected: {}", by_client(&report.rejected));
    if report.ran_out > 0 {
        println!("  holders stopped by their own clock: {}", report.ran_out);
    }
    match report.holder {
        Some(holder) => println!("  the store names {holder} as holder at the end"),
        None => println!("  nobody holds the lease at the end"),
    }
    print_violations(report.violations);
}
