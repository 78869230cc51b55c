//! Scenario files: a cluster, its parameters, and a timeline of actions with optional
//! narration. TOML, documented in `docs/scenarios.md`. Every error names the file, the line
//! and the field, so a person editing course material can fix it without reading code.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::protocols::gossip::{GossipConfig, GossipNode, Mode};
use crate::protocols::multipaxos::{MultiPaxosConfig, MultiPaxosNode};
use crate::protocols::paxos::{PaxosConfig, PaxosNode, Roles, Value};
use crate::protocols::raft::{Command, RaftConfig, RaftNode};
use crate::sim::Node;
use crate::sim::{
    parse_time, Action, NetworkParams, NodeId, Record, Sim, SimConfig, Target, Time, TimedAction,
    SECOND,
};

/// Largest cluster a consensus scenario may ask for.
pub const MAX_CONSENSUS_NODES: usize = 64;
/// Largest gossip cluster: the size the page is built to draw and play.
pub const MAX_GOSSIP_NODES: usize = 1000;
/// Longest virtual time a scenario may run.
pub const MAX_END: Time = 3600 * SECOND;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Protocol {
    #[default]
    Raft,
    Paxos,
    #[serde(rename = "multipaxos")]
    MultiPaxos,
    Gossip,
}

impl Protocol {
    pub const ALL: [Protocol; 4] =
        [Protocol::Raft, Protocol::Paxos, Protocol::MultiPaxos, Protocol::Gossip];

    /// The name in scenario files, links and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Protocol::Raft => "raft",
            Protocol::Paxos => "paxos",
            Protocol::MultiPaxos => "multipaxos",
            Protocol::Gossip => "gossip",
        }
    }

    pub fn from_key(key: &str) -> Option<Protocol> {
        Protocol::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The name for people.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Raft => "Raft",
            Protocol::Paxos => "Basic Paxos",
            Protocol::MultiPaxos => "Multi-Paxos",
            Protocol::Gossip => "Gossip and SWIM",
        }
    }

    /// The largest cluster of this protocol a scenario may ask for.
    pub fn max_nodes(self) -> usize {
        match self {
            Protocol::Gossip => MAX_GOSSIP_NODES,
            _ => MAX_CONSENSUS_NODES,
        }
    }

    /// The deliberate bugs this protocol can be run with.
    pub fn bug_names(self) -> &'static [&'static str] {
        match self {
            Protocol::Raft => &crate::protocols::raft::Bugs::NAMES,
            // Multi-Paxos has the same three, applied per slot.
            Protocol::Paxos | Protocol::MultiPaxos => &crate::protocols::paxos::Bugs::NAMES,
            Protocol::Gossip => &crate::protocols::gossip::Bugs::NAMES,
        }
    }
}

/// A validated scenario. It serializes (the page ships its scenarios as JSON, so it needs
/// no TOML parser), but only [`Scenario::parse`] validates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// Actions in time order; client commands are kept as text (already checked to parse).
    pub events: Vec<TimedAction<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}{message}")]
pub struct ScenarioError {
    pub file: String,
    pub line: usize,
    /// The field at fault followed by ": ", or empty when the problem is not one field's.
    pub field: String,
    pub message: String,
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
    raft: Option<RawRaft>,
    paxos: Option<RawPaxos>,
    multipaxos: Option<RawMultiPaxos>,
    gossip: Option<RawGossip>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRaft {
    election_timeout: Option<Spanned<Vec<String>>>,
    heartbeat: Option<Spanned<String>>,
    max_entries_per_message: Option<Spanned<i64>>,
    leader_noop: Option<bool>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPaxos {
    proposers: Option<Spanned<i64>>,
    acceptors: Option<Spanned<i64>>,
    learners: Option<Spanned<i64>>,
    retry_timeout: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMultiPaxos {
    leader_timeout: Option<Spanned<Vec<String>>>,
    heartbeat: Option<Spanned<String>>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

/// memberlist's parameter names, as in `GossipConfig`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGossip {
    mode: Option<Spanned<String>>,
    fanout: Option<Spanned<i64>>,
    gossip_interval: Option<Spanned<String>>,
    probe_interval: Option<Spanned<String>>,
    probe_timeout: Option<Spanned<String>>,
    suspicion_mult: Option<Spanned<i64>>,
    indirect_checks: Option<Spanned<i64>>,
    retransmit_mult: Option<Spanned<i64>>,
    sync_interval: Option<Spanned<String>>,
    aligned_rounds: Option<bool>,
    #[serde(default)]
    bugs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    at: Spanned<String>,
    say: Option<String>,
    crash: Option<Spanned<String>>,
    restart: Option<Spanned<String>>,
    isolate: Option<Spanned<String>>,
    partition: Option<Spanned<Vec<Vec<String>>>>,
    cut: Option<Spanned<Vec<String>>>,
    heal: Option<Spanned<bool>>,
    client: Option<Spanned<String>>,
    command: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    loss: Option<Spanned<f64>>,
    duplicate: Option<Spanned<f64>>,
    latency: Option<Spanned<Vec<String>>>,
    link: Option<Spanned<Vec<String>>>,
}

/// Turns byte offsets into line numbers for error messages.
struct Source<'a> {
    file: &'a str,
    text: &'a str,
}

impl Source<'_> {
    fn error(&self, span: Range<usize>, field: &str, message: impl fmt::Display) -> ScenarioError {
        let line = self.text[..span.start.min(self.text.len())].matches('\n').count() + 1;
        let field = if field.is_empty() { String::new() } else { format!("`{field}`: ") };
        ScenarioError { file: self.file.to_string(), line, field, message: message.to_string() }
    }

    fn at<T>(&self, value: &Spanned<T>, field: &str, message: impl fmt::Display) -> ScenarioError {
        self.error(value.span(), field, message)
    }

    fn time(&self, value: &Spanned<String>, field: &str) -> Result<Time, ScenarioError> {
        parse_time(value.get_ref()).map_err(|e| self.at(value, field, e))
    }

    fn range(
        &self,
        value: &Spanned<Vec<String>>,
        field: &str,
    ) -> Result<(Time, Time), ScenarioError> {
        match value.get_ref().as_slice() {
            [min, max] => {
                let min = parse_time(min).map_err(|e| self.at(value, field, e))?;
                let max = parse_time(max).map_err(|e| self.at(value, field, e))?;
                if min > max {
                    return Err(self.at(value, field, "the range is reversed (min > max)"));
                }
                Ok((min, max))
            }
            _ => Err(self.at(
                value,
                field,
                "write a range as [\"min\", \"max\"], e.g. [\"5ms\", \"15ms\"]",
            )),
        }
    }

    fn probability(&self, value: &Spanned<f64>, field: &str) -> Result<f64, ScenarioError> {
        let p = *value.get_ref();
        crate::sim::validate_probability(field, p).map_err(|e| self.at(value, field, e))?;
        Ok(p)
    }
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
        let raft = parse_raft(&source, raw.raft.as_ref())?;
        let paxos = parse_paxos(&source, raw.paxos.as_ref(), nodes)?;
        let multipaxos = parse_multipaxos(&source, raw.multipaxos.as_ref())?;
        let gossip = parse_gossip(&source, raw.gossip.as_ref())?;

        let mut events = Vec::new();
        for event in &raw.events {
            let timed = parse_event(&source, event, nodes, protocol)?;
            if timed.at > end {
                let at = &event.get_ref().at;
                return Err(source.at(at, "at", "this event comes after the scenario's `end`"));
            }
            events.push(timed);
        }
        events.sort_by_key(|e| e.at);

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
            events,
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
        }
    }

    /// Runs a Raft scenario to its end, returning the final world and its trace.
    pub fn run_raft(&self, record: bool) -> (Sim<RaftNode>, Vec<Record<RaftNode>>) {
        self.run(self.raft.clone(), record)
    }

    /// Runs the scenario with protocol `N` to its end, returning the final world and its trace.
    pub fn run<N: Node>(&self, protocol: N::Config, record: bool) -> (Sim<N>, Vec<Record<N>>) {
        let mut sim = self.build(protocol, record);
        let mut trace = Vec::new();
        while sim.next_event_time().is_some_and(|t| t <= self.end) {
            sim.step();
            trace.extend_from_slice(sim.records());
        }
        (sim, trace)
    }
}

fn parse_raft(source: &Source<'_>, raw: Option<&RawRaft>) -> Result<RaftConfig, ScenarioError> {
    let mut config = RaftConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(range) = &raw.election_timeout {
        config.election_timeout = source.range(range, "election_timeout")?;
    }
    if let Some(heartbeat) = &raw.heartbeat {
        config.heartbeat_interval = source.time(heartbeat, "heartbeat")?;
    }
    if let Some(max) = &raw.max_entries_per_message {
        let value = *max.get_ref();
        if !(1..=10_000).contains(&value) {
            return Err(source.at(max, "max_entries_per_message", "must be between 1 and 10000"));
        }
        config.max_entries_per_message = value as usize;
    }
    if let Some(noop) = raw.leader_noop {
        config.leader_noop = noop;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = raw
        .heartbeat
        .as_ref()
        .map(|h| h.span())
        .or(raw.election_timeout.as_ref().map(|e| e.span()));
    config.validate().map_err(|e| source.error(anchor.unwrap_or(0..0), "raft", e))?;
    Ok(config)
}

fn parse_paxos(
    source: &Source<'_>,
    raw: Option<&RawPaxos>,
    nodes: usize,
) -> Result<PaxosConfig, ScenarioError> {
    let mut config = PaxosConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    let count =
        |value: &Option<Spanned<i64>>, field: &str| -> Result<Option<usize>, ScenarioError> {
            let Some(value) = value else { return Ok(None) };
            let n = *value.get_ref();
            if n < 1 || n as usize > nodes {
                return Err(source.at(
                    value,
                    field,
                    format!("must be between 1 and the {nodes} servers"),
                ));
            }
            Ok(Some(n as usize))
        };
    config.roles = Roles {
        proposers: count(&raw.proposers, "proposers")?,
        acceptors: count(&raw.acceptors, "acceptors")?,
        learners: count(&raw.learners, "learners")?,
    };
    if let Some(range) = &raw.retry_timeout {
        config.retry_timeout = source.range(range, "retry_timeout")?;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = raw.retry_timeout.as_ref().map(|r| r.span());
    config.validate(nodes).map_err(|e| source.error(anchor.unwrap_or(0..0), "paxos", e))?;
    Ok(config)
}

fn parse_multipaxos(
    source: &Source<'_>,
    raw: Option<&RawMultiPaxos>,
) -> Result<MultiPaxosConfig, ScenarioError> {
    let mut config = MultiPaxosConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(range) = &raw.leader_timeout {
        config.leader_timeout = source.range(range, "leader_timeout")?;
    }
    if let Some(heartbeat) = &raw.heartbeat {
        config.heartbeat_interval = source.time(heartbeat, "heartbeat")?;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor =
        raw.heartbeat.as_ref().map(|h| h.span()).or(raw.leader_timeout.as_ref().map(|l| l.span()));
    config.validate().map_err(|e| source.error(anchor.unwrap_or(0..0), "multipaxos", e))?;
    Ok(config)
}

fn parse_gossip(
    source: &Source<'_>,
    raw: Option<&RawGossip>,
) -> Result<GossipConfig, ScenarioError> {
    let mut config = GossipConfig::default();
    let Some(raw) = raw else { return Ok(config) };
    if let Some(mode) = &raw.mode {
        config.mode = Mode::from_key(mode.get_ref()).map_err(|e| source.at(mode, "mode", e))?;
    }
    let count = |value: &Spanned<i64>, field: &str, most: i64| -> Result<u64, ScenarioError> {
        let n = *value.get_ref();
        if !(1..=most).contains(&n) {
            return Err(source.at(value, field, format!("must be between 1 and {most}")));
        }
        Ok(n as u64)
    };
    if let Some(v) = &raw.fanout {
        config.fanout = count(v, "fanout", 64)? as usize;
    }
    if let Some(v) = &raw.indirect_checks {
        config.indirect_checks = count(v, "indirect_checks", 64)? as usize;
    }
    if let Some(v) = &raw.suspicion_mult {
        config.suspicion_mult = count(v, "suspicion_mult", 100)?;
    }
    if let Some(v) = &raw.retransmit_mult {
        config.retransmit_mult = count(v, "retransmit_mult", 100)?;
    }
    let times = [
        (&raw.gossip_interval, "gossip_interval", &mut config.gossip_interval),
        (&raw.probe_interval, "probe_interval", &mut config.probe_interval),
        (&raw.probe_timeout, "probe_timeout", &mut config.probe_timeout),
        (&raw.sync_interval, "sync_interval", &mut config.sync_interval),
    ];
    for (value, field, into) in times {
        if let Some(value) = value {
            *into = source.time(value, field)?;
        }
    }
    if let Some(aligned) = raw.aligned_rounds {
        config.aligned_rounds = aligned;
    }
    for bug in &raw.bugs {
        config.bugs.enable(bug.get_ref()).map_err(|e| source.at(bug, "bugs", e))?;
    }
    let anchor = raw.probe_timeout.as_ref().or(raw.probe_interval.as_ref()).map(|v| v.span());
    config.validate().map_err(|e| source.error(anchor.unwrap_or(0..0), "gossip", e))?;
    Ok(config)
}

fn parse_event(
    source: &Source<'_>,
    spanned: &Spanned<RawEvent>,
    nodes: usize,
    protocol: Protocol,
) -> Result<TimedAction<String>, ScenarioError> {
    let event = spanned.get_ref();
    let at = source.time(&event.at, "at")?;
    let node = |value: &Spanned<String>, field: &str| -> Result<NodeId, ScenarioError> {
        let id: NodeId = value.get_ref().parse().map_err(|e| source.at(value, field, e))?;
        if id.index() >= nodes {
            return Err(source.at(
                value,
                field,
                format!("{id} does not exist in a {nodes}-node cluster"),
            ));
        }
        Ok(id)
    };
    let target = |value: &Spanned<String>, field: &str| -> Result<Target, ScenarioError> {
        if value.get_ref().trim().eq_ignore_ascii_case("leader") {
            Ok(Target::LEADER)
        } else {
            node(value, field).map(Target::Node)
        }
    };
    let pair =
        |value: &Spanned<Vec<String>>, field: &str| -> Result<(NodeId, NodeId), ScenarioError> {
            match value.get_ref().as_slice() {
                [from, to] => {
                    let from = node(&Spanned::new(value.span(), from.clone()), field)?;
                    let to = node(&Spanned::new(value.span(), to.clone()), field)?;
                    Ok((from, to))
                }
                _ => Err(source.at(value, field, "write a link as [\"S1\", \"S2\"] (from, to)")),
            }
        };

    let mut actions: Vec<Action<String>> = Vec::new();
    if let Some(v) = &event.crash {
        actions.push(Action::Crash { node: target(v, "crash")? });
    }
    if let Some(v) = &event.restart {
        actions.push(Action::Restart { node: node(v, "restart")? });
    }
    if let Some(v) = &event.isolate {
        actions.push(Action::Isolate { node: target(v, "isolate")? });
    }
    if let Some(v) = &event.partition {
        let mut groups = Vec::new();
        for group in v.get_ref() {
            let members: Result<Vec<NodeId>, _> = group
                .iter()
                .map(|name| node(&Spanned::new(v.span(), name.clone()), "partition"))
                .collect();
            groups.push(members?);
        }
        let mut named: Vec<NodeId> = groups.iter().flatten().copied().collect();
        named.sort();
        if named.windows(2).any(|w| w[0] == w[1]) {
            return Err(source.at(v, "partition", "a server appears in more than one group"));
        }
        actions.push(Action::Partition { groups });
    }
    if let Some(v) = &event.cut {
        let (from, to) = pair(v, "cut")?;
        actions.push(Action::Cut { from, to });
    }
    if let Some(v) = &event.heal {
        if !v.get_ref() {
            return Err(source.at(v, "heal", "write `heal = true` or leave it out"));
        }
        actions.push(Action::Heal);
    }
    if let Some(v) = &event.client {
        let Some(command) = &event.command else {
            return Err(source.at(
                v,
                "client",
                "a client request needs a `command`, e.g. command = \"x=1\"",
            ));
        };
        let checked = match protocol {
            Protocol::Raft | Protocol::MultiPaxos => command.get_ref().parse::<Command>().map(drop),
            Protocol::Paxos => command.get_ref().parse::<Value>().map(drop),
            Protocol::Gossip => {
                command.get_ref().parse::<crate::protocols::gossip::Command>().map(drop)
            }
        };
        checked.map_err(|e| source.at(command, "command", e))?;
        actions.push(Action::Client {
            node: target(v, "client")?,
            command: command.get_ref().clone(),
        });
    } else if let Some(v) = &event.command {
        return Err(source.at(
            v,
            "command",
            "a `command` needs a `client` (a server or \"leader\")",
        ));
    }
    if let Some(v) = &event.timeout {
        actions.push(Action::Timeout { node: target(v, "timeout")? });
    }
    if event.loss.is_some() || event.duplicate.is_some() || event.latency.is_some() {
        let loss = event.loss.as_ref().map(|v| source.probability(v, "loss")).transpose()?;
        let duplicate =
            event.duplicate.as_ref().map(|v| source.probability(v, "duplicate")).transpose()?;
        let latency = match &event.latency {
            Some(v) => {
                let range = source.range(v, "latency")?;
                crate::sim::validate_latency(range).map_err(|e| source.at(v, "latency", e))?;
                Some(range)
            }
            None => None,
        };
        let link = event.link.as_ref().map(|v| pair(v, "link")).transpose()?;
        actions.push(Action::Network { loss, duplicate, latency, link });
    } else if let Some(v) = &event.link {
        return Err(source.at(v, "link", "`link` limits a `latency` change; add `latency`"));
    }

    let action = match actions.len() {
        0 if event.say.is_some() => Action::Note,
        0 => {
            return Err(source.at(spanned, "", "this event does nothing: give it one action (crash, restart, isolate, partition, cut, heal, client, timeout, loss/duplicate/latency) or a `say` line"))
        }
        1 => actions.remove(0),
        _ => return Err(source.at(spanned, "", "one event holds one action; split it into several [[events]] at the same time")),
    };
    Ok(TimedAction { at, action, say: event.say.clone() })
}
