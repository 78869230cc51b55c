//! Scenario files: a cluster, its parameters, and a timeline of actions with optional
//! narration. TOML, documented in `docs/scenarios.md`. Every error names the file, the line
//! and the field, so a person editing course material can fix it without reading code.
//!
//! This file is the common frame (servers, seed, end, network, events); each protocol reads
//! its own section in `protocols/<name>/section.rs`.

mod events;
mod protocol;
pub mod source;
mod workload;

use serde::Deserialize;
use toml::Spanned;

use crate::protocols::gossip::{self, GossipConfig, GossipNode};
use crate::protocols::leases::{self, LeaseConfig, LeaseNode};
use crate::protocols::multipaxos::{self, MultiPaxosConfig, MultiPaxosNode};
use crate::protocols::paxos::{self, PaxosConfig, PaxosNode};
use crate::protocols::raft::{self, RaftConfig, RaftNode};
use crate::protocols::tasks::twin::TwinNode;
use crate::protocols::tasks::{self, TasksConfig};
use crate::sim::Node;
use crate::sim::{Action, NetworkParams, Record, Sim, SimConfig, Time, TimedAction, SECOND};
pub(crate) use events::{parse_event, RawEvent};
use source::Source;
use workload::{parse_workload, RawWorkload};

pub use crate::protocols::about::{MAX_CONSENSUS_NODES, MAX_GOSSIP_NODES, MAX_TASK_NODES};
pub use protocol::Protocol;
pub use source::ScenarioError;
pub use workload::{Workload, MAX_REQUESTS as MAX_WORKLOAD_REQUESTS};

/// Longest virtual time a scenario may run.
pub const MAX_END: Time = 3600 * SECOND;

/// A validated scenario: only [`Scenario::parse`] makes one (the page's build writes its
/// shipped scenarios out as Rust, from what `parse` read).
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub description: Option<String>,
    pub protocol: Protocol,
    pub nodes: usize,
    pub seed: u64,
    pub end: Time,
    pub network: NetworkParams,
    pub raft: RaftConfig,
    pub paxos: PaxosConfig,
    pub multipaxos: MultiPaxosConfig,
    pub gossip: GossipConfig,
    /// Both task clusters' parameters (a Tasks scenario runs each kind).
    pub tasks: TasksConfig,
    pub leases: LeaseConfig,
    /// Actions in time order; client commands are kept as text (already checked to parse).
    pub events: Vec<TimedAction<String>>,
    /// A steady client, scheduled after `events` (so at equal times the events go first).
    pub workload: Option<Workload>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: Option<String>,
    description: Option<String>,
    protocol: Spanned<String>,
    nodes: Spanned<i64>,
    #[serde(default)]
    seed: u64,
    end: Spanned<String>,
    network: Option<RawNetwork>,
    raft: Option<raft::section::RawSection>,
    paxos: Option<paxos::section::RawSection>,
    multipaxos: Option<multipaxos::section::RawSection>,
    gossip: Option<gossip::section::RawSection>,
    tasks: Option<tasks::section::RawSection>,
    leases: Option<leases::section::RawSection>,
    workload: Option<RawWorkload>,
    #[serde(default)]
    events: Vec<Spanned<RawEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNetwork {
    latency: Option<Spanned<Vec<String>>>,
    loss: Option<Spanned<f64>>,
    duplicate: Option<Spanned<f64>>,
}

impl Scenario {
    /// Parses and validates scenario text. `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
        let source = Source { file, text };
        let raw: RawScenario = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            source.error(span, "", e.message())
        })?;

        let protocol = Protocol::from_key(raw.protocol.get_ref()).ok_or_else(|| {
            let known: Vec<String> =
                Protocol::ALL.iter().map(|p| format!("`{}`", p.key())).collect();
            let other = raw.protocol.get_ref();
            let message =
                format!("unknown protocol `{other}`; this build knows {}", known.join(", "));
            source.at(&raw.protocol, "protocol", message)
        })?;
        let nodes = *raw.nodes.get_ref();
        let most = protocol.max_nodes();
        if !(1..=most as i64).contains(&nodes) {
            return Err(source.at(
                &raw.nodes,
                "nodes",
                format!("must be between 1 and {most} for {}", protocol.name()),
            ));
        }
        let nodes = nodes as usize;
        let end = source.time(&raw.end, "end")?;
        if end > MAX_END {
            return Err(source.at(
                &raw.end,
                "end",
                "scenarios may run for at most one hour of virtual time",
            ));
        }

        let mut network = NetworkParams::default();
        if let Some(raw) = &raw.network {
            if let Some(latency) = &raw.latency {
                network.latency = source.range(latency, "latency")?;
                crate::sim::validate_latency(network.latency)
                    .map_err(|e| source.at(latency, "latency", e))?;
            }
            if let Some(loss) = &raw.loss {
                network.loss = source.probability(loss, "loss")?;
            }
            if let Some(duplicate) = &raw.duplicate {
                network.duplicate = source.probability(duplicate, "duplicate")?;
            }
        }

        let sections = [
            (Protocol::Raft, raw.raft.is_some()),
            (Protocol::Paxos, raw.paxos.is_some()),
            (Protocol::MultiPaxos, raw.multipaxos.is_some()),
            (Protocol::Gossip, raw.gossip.is_some()),
            (Protocol::Tasks, raw.tasks.is_some()),
            (Protocol::Leases, raw.leases.is_some()),
        ];
        if sections.iter().any(|&(of, present)| present && of != protocol) {
            return Err(source.at(
                &raw.protocol,
                "protocol",
                format!(
                    "the settings section must match the protocol: this is a {0} scenario, so [{0}]",
                    protocol.key()
                ),
            ));
        }
        let raft = raft::section::parse_section(&source, raw.raft.as_ref(), nodes)?;
        let paxos = paxos::section::parse_section(&source, raw.paxos.as_ref(), nodes)?;
        let multipaxos =
            multipaxos::section::parse_section(&source, raw.multipaxos.as_ref(), nodes)?;
        let gossip = gossip::section::parse_section(&source, raw.gossip.as_ref(), nodes)?;
        let tasks = tasks::section::parse_section(&source, raw.tasks.as_ref(), nodes)?;
        let leases = leases::section::parse_section(&source, raw.leases.as_ref())?;
        if protocol == Protocol::Leases {
            leases::validate_servers(nodes, leases.store_replicas)
                .map_err(|e| source.at(&raw.nodes, "nodes", e))?;
        }

        let mut events = Vec::new();
        for event in &raw.events {
            let timed = parse_event(&source, event, nodes, protocol)?;
            if timed.at > end {
                let at = &event.get_ref().at;
                return Err(source.at(at, "at", "this event comes after the scenario's `end`"));
            }
            if let crate::sim::Action::Pause { duration, .. } = timed.action {
                if timed.at.saturating_add(duration) > end {
                    let at = &event.get_ref().at;
                    return Err(source.at(at, "duration", format!("this pause lasts past the scenario's `end` ({}): shorten it or end later", crate::sim::format_time(end))));
                }
            }
            events.push(timed);
        }
        events.sort_by_key(|e| e.at);
        let workload = raw
            .workload
            .as_ref()
            .map(|w| parse_workload(&source, w, nodes, end, protocol, raw.seed))
            .transpose()?;

        Ok(Scenario {
            name: raw.name.unwrap_or_else(|| {
                file.rsplit('/').next().unwrap_or(file).trim_end_matches(".toml").to_string()
            }),
            description: raw.description,
            protocol,
            nodes,
            seed: raw.seed,
            end,
            network,
            raft,
            paxos,
            multipaxos,
            gossip,
            tasks,
            leases,
            events,
            workload,
        })
    }

    /// The simulator configuration this scenario asks for.
    pub fn sim_config(&self) -> SimConfig {
        SimConfig { network: self.network.clone(), ..SimConfig::new(self.nodes, self.seed) }
    }

    /// A Raft simulation at time 0 with this scenario's events scheduled.
    pub fn build_raft(&self, record: bool) -> Sim<RaftNode> {
        self.build(self.raft.clone(), record)
    }

    /// A simulation of protocol `N` at time 0 with this scenario's events scheduled.
    pub fn build<N: Node>(&self, protocol: N::Config, record: bool) -> Sim<N> {
        let mut sim = Sim::new(SimConfig { record, ..self.sim_config() }, protocol);
        for event in &self.events {
            // Commands were checked by `parse`, so a failure here is a bug in this file.
            let action = event
                .action
                .clone()
                .try_map_command(|c| c.parse::<N::Command>())
                .expect("scenario commands are validated when parsed");
            sim.schedule(event.at, action, event.say.clone());
        }
        if let Some(workload) = &self.workload {
            for (at, command) in workload.requests() {
                let command = command
                    .parse::<N::Command>()
                    .expect("workload commands are validated when parsed");
                sim.schedule(at, Action::Client { node: workload.client, command }, None);
            }
        }
        sim
    }

    /// Runs the scenario with its own protocol to its end and returns the trace as JSON, one
    /// line: the bytes the determinism checks compare, natively and in wasm.
    pub fn trace_json(&self) -> String {
        fn json<N: Node>(scenario: &Scenario, config: N::Config) -> String {
            let (_, trace) = scenario.run::<N>(config, true);
            serde_json::to_string(&trace).unwrap_or_default() + "\n"
        }
        match self.protocol {
            Protocol::Raft => json::<RaftNode>(self, self.raft.clone()),
            Protocol::Paxos => json::<PaxosNode>(self, self.paxos.clone()),
            Protocol::MultiPaxos => json::<MultiPaxosNode>(self, self.multipaxos.clone()),
            Protocol::Gossip => json::<GossipNode>(self, self.gossip.clone()),
            // Both kinds side by side, as the page runs them and `compare` measures them.
            Protocol::Tasks => json::<TwinNode>(self, self.tasks.clone()),
            Protocol::Leases => json::<LeaseNode>(self, self.leases.clone()),
        }
    }

    /// Runs a Raft scenario to its end, returning the final world and its trace.
    pub fn run_raft(&self, record: bool) -> (Sim<RaftNode>, Vec<Record<RaftNode>>) {
        self.run(self.raft.clone(), record)
    }

    /// Runs the scenario with protocol `N` to its end, returning the final world and its trace.
    pub fn run<N: Node>(&self, protocol: N::Config, record: bool) -> (Sim<N>, Vec<Record<N>>) {
        let mut trace = Vec::new();
        let sim = self.run_each(protocol, record, |sim| trace.extend_from_slice(sim.records()));
        (sim, trace)
    }

    /// Runs the scenario with protocol `N` to its end, handing the world to `each` after every
    /// step (its records are that step's), and keeping nothing else: a long run's memory is
    /// the world's, not its history's.
    pub fn run_each<N: Node>(
        &self,
        protocol: N::Config,
        record: bool,
        mut each: impl FnMut(&Sim<N>),
    ) -> Sim<N> {
        let mut sim = self.build(protocol, record);
        while sim.next_event_time().is_some_and(|t| t <= self.end) {
            sim.step();
            each(&sim);
        }
        sim
    }
}
