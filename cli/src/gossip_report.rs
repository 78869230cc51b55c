//! The JSON report of a gossip scenario run: the same envelope as the other reports, how the
//! live members see each member that anyone does not see alive, how far each rumor got, the
//! SWIM events counted, and each node's view.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use clusterscope_core::protocols::gossip::{opinion_of, Event, GossipNode, Opinion, Version, View};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{NodeId, Record, RecordKind, Sim, Violation};

use crate::paxos_report::{processes, ProcessReport};
use crate::report::{print_violations, RunHeader, Tally};

#[derive(Serialize)]
pub struct GossipReport<'a> {
    #[serde(flatten)]
    pub header: RunHeader<'a>,
    /// Members some live member does not see alive, with what the live members think.
    pub doubted: Vec<Doubted>,
    /// Per key, the newest version any live member holds and how many hold it.
    pub rumors: BTreeMap<Arc<str>, RumorReach>,
    /// Live members (up and not left).
    pub live: usize,
    pub suspicions: usize,
    pub confirmations: usize,
    pub refutations: usize,
    #[serde(rename = "final")]
    pub final_state: Vec<ProcessReport<View>>,
    pub violations: &'a [Violation],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<&'a [Record<GossipNode>]>,
}

#[derive(Serialize)]
pub struct Doubted {
    pub member: NodeId,
    pub up: bool,
    #[serde(flatten)]
    pub opinion: Opinion,
}

#[derive(Serialize)]
pub struct RumorReach {
    pub value: Arc<str>,
    pub version: Version,
    pub holders: usize,
}

/// SWIM's verdicts over the run.
#[derive(Default)]
pub struct GossipTally {
    suspicions: usize,
    confirmations: usize,
    refutations: usize,
}

impl Tally<GossipNode> for GossipTally {
    fn observe(&mut self, records: &[Record<GossipNode>]) {
        for record in records {
            match &record.kind {
                RecordKind::Node { event: Event::Suspected { .. }, .. } => self.suspicions += 1,
                RecordKind::Node { event: Event::Confirmed { .. }, .. } => self.confirmations += 1,
                RecordKind::Node { event: Event::Refuted { .. }, .. } => self.refutations += 1,
                _ => {}
            }
        }
    }
}

pub fn gossip_report<'a>(
    scenario: &'a Scenario,
    sim: &'a Sim<GossipNode>,
    tally: GossipTally,
    trace: Option<&'a [Record<GossipNode>]>,
) -> GossipReport<'a> {
    let live: Vec<&GossipNode> = sim.nodes().iter().flatten().filter(|n| !n.has_left()).collect();
    let doubted = NodeId::all(sim.nodes().len())
        .map(|member| Doubted {
            member,
            up: sim.node(member).is_some(),
            opinion: opinion_of(sim.nodes(), member),
        })
        .filter(|d| d.opinion.alive < d.opinion.asked())
        .collect();
    let mut rumors: BTreeMap<Arc<str>, RumorReach> = BTreeMap::new();
    for node in &live {
        for (key, (version, value)) in node.rumors() {
            let reach = rumors.entry(key.clone()).or_insert_with(|| RumorReach {
                value: value.clone(),
                version: *version,
                holders: 0,
            });
            if *version > reach.version {
                *reach = RumorReach { value: value.clone(), version: *version, holders: 0 };
            }
            if *version == reach.version {
                reach.holders += 1;
            }
        }
    }
    GossipReport {
        header: RunHeader::of(scenario, sim),
        doubted,
        rumors,
        live: live.len(),
        suspicions: tally.suspicions,
        confirmations: tally.confirmations,
        refutations: tally.refutations,
        final_state: processes(sim),
        violations: sim.violations(),
        trace,
    }
}

pub fn print_gossip_summary(report: &GossipReport<'_>) {
    println!(
        "{}, {} live members; {} suspicions, {} confirmed dead, {} refuted",
        report.header.line(),
        report.live,
        report.suspicions,
        report.confirmations,
        report.refutations
    );
    for (key, reach) in &report.rumors {
        println!(
            "  rumor {key}={} (version {} from {}) held by {} of {}",
            reach.value, reach.version.counter, reach.version.writer, reach.holders, report.live
        );
    }
    if report.doubted.is_empty() {
        println!("  every live member sees every member alive");
    }
    for d in &report.doubted {
        let o = &d.opinion;
        println!(
            "  {:<5} {:<4} alive to {}, suspected by {}, dead to {}, left to {}",
            d.member.to_string(),
            if d.up { "up" } else { "down" },
            o.alive,
            o.suspect,
            o.dead,
            o.left
        );
    }
    print_violations(report.violations);
}
