//! Where a run starts: either the lab's own settings (cluster size, seed, timeouts, latency,
//! a steady client, bug toggles) or one of the scenario files shipped with the project. A lab
//! plus the action log is everything needed to rebuild any moment, which is what links and
//! trace files carry.

use clusterscope_core::protocols::gossip::GossipConfig;
use clusterscope_core::protocols::paxos::PaxosConfig;
use clusterscope_core::protocols::raft::RaftConfig;
use clusterscope_core::scenario::Scenario;
use clusterscope_core::scenario::MAX_GOSSIP_NODES;
use clusterscope_core::sim::{validate_latency, NetworkParams, Retention, Time, MILLI, SECOND};

use crate::protocols::Protocol;
use crate::session::Run;

/// A consensus cluster is drawn for 3–9 servers, as RaftScope's are; a gossip cluster for
/// up to 1,000 members.
pub const MIN_SERVERS: usize = 3;
pub const MAX_SERVERS: usize = 9;
/// Steps between checkpoints for a small cluster: seeking replays at most this many events.
pub const CHECKPOINT_INTERVAL: u64 = 1000;

/// The most servers a lab of `protocol` may have.
pub fn max_servers(protocol: Protocol) -> usize {
    match protocol {
        Protocol::Gossip => MAX_GOSSIP_NODES,
        _ => MAX_SERVERS,
    }
}

/// How much past a timeline of `servers` keeps. A checkpoint of a gossip member is about
/// 16 KB and a member makes about 31 events per virtual second, so both the checkpoint
/// interval and the trace grow with the cluster: the interval keeps seeking back to about
/// 0.1 s of replay at 1,000 members, the checkpoint count keeps them near 128 MB, and the
/// trace keeps the last few virtual seconds.
pub fn retention(servers: usize) -> Retention {
    const CHECKPOINT_BUDGET: usize = 128 << 20;
    const BYTES_PER_MEMBER: usize = 16 << 10;
    if servers <= MAX_SERVERS {
        return Retention::from(CHECKPOINT_INTERVAL);
    }
    Retention {
        checkpoint_every: CHECKPOINT_INTERVAL.max(30 * servers as u64),
        max_checkpoints: (CHECKPOINT_BUDGET / (BYTES_PER_MEMBER * servers)).max(8),
        max_records: 400_000,
    }
}
/// The steady client stops after this many writes, so a lab left playing stays bounded.
pub const STEADY_WRITES: u64 = 600;

// `SHIPPED`: (name, scenario as JSON) for the scenario files in `scenarios/`, parsed and
// validated by build.rs and built into the page so it never needs the network.
include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// A free lab's settings. Each protocol reads the fields it has; the form shows only those.
#[derive(Clone, Debug, PartialEq)]
pub struct LabSettings {
    pub protocol: Protocol,
    pub servers: usize,
    pub seed: u64,
    /// Deliberate bugs switched on, by name, from the protocol's list.
    pub bugs: Vec<&'static str>,
    /// Raft: the election timeout; Multi-Paxos: how long a replica waits to hear from a
    /// leader before it runs phase 1.
    pub election_timeout: (Time, Time),
    /// Raft and Multi-Paxos: the leader's heartbeat interval.
    pub heartbeat: Time,
    /// Basic Paxos: how many servers propose (the first ones).
    pub proposers: usize,
    /// Basic Paxos: how many servers accept (the last ones); `None` is all of them. Every
    /// server learns.
    pub acceptors: Option<usize>,
    /// Basic Paxos: how long a proposer waits before it tries a new ballot.
    pub retry_timeout: (Time, Time),
    pub latency: (Time, Time),
    /// Raft and Multi-Paxos: a client writes through the leader this often; Basic Paxos:
    /// proposer k's client asks for its value at k times this; gossip: a client writes a
    /// rumor at a member this often. 0 turns the client off.
    pub write_every: Time,
    /// Gossip: mode, fanout and SWIM's timings (its bugs are `bugs`).
    pub gossip: GossipConfig,
}

impl Default for LabSettings {
    fn default() -> Self {
        LabSettings::of_protocol(Protocol::Raft)
    }
}

impl LabSettings {
    /// The free lab a protocol opens with.
    pub fn of_protocol(protocol: Protocol) -> LabSettings {
        let raft = RaftConfig::default();
        let paxos = PaxosConfig::default();
        LabSettings {
            protocol,
            servers: 5,
            seed: 1,
            bugs: Vec::new(),
            election_timeout: raft.election_timeout,
            heartbeat: raft.heartbeat_interval,
            proposers: 2,
            acceptors: None,
            retry_timeout: paxos.retry_timeout,
            latency: NetworkParams::default().latency,
            write_every: match protocol {
                Protocol::Raft | Protocol::MultiPaxos => 500 * MILLI,
                Protocol::Paxos => 10 * MILLI,
                Protocol::Gossip => 5 * SECOND,
            },
            gossip: GossipConfig::default(),
        }
    }

    /// Checks every field the protocol uses, naming the first one out of range.
    pub fn validate(&self) -> Result<(), String> {
        let most = max_servers(self.protocol);
        if !(MIN_SERVERS..=most).contains(&self.servers) {
            return Err(format!(
                "Servers must be a whole number from {MIN_SERVERS} to {most}, not {}.",
                self.servers
            ));
        }
        match self.protocol {
            Protocol::Raft | Protocol::MultiPaxos => {
                let name = match self.protocol {
                    Protocol::MultiPaxos => "Leader timeout",
                    _ => "Election timeout",
                };
                let (min, max) = self.election_timeout;
                if min < MILLI || max > 60 * SECOND || min > max {
                    return Err(format!("{name} must be a range from 1 ms to 60 s, min ≤ max."));
                }
                if self.heartbeat < MILLI || self.heartbeat >= min {
                    return Err("Heartbeat must be at least 1 ms and shorter than the election \
                                timeout (or followers time out while the leader is alive)."
                        .into());
                }
            }
            Protocol::Paxos => {
                if !(1..=self.servers).contains(&self.proposers) {
                    return Err(format!(
                        "Proposers must be from 1 to the {} servers.",
                        self.servers
                    ));
                }
                if self.acceptors.is_some_and(|a| !(1..=self.servers).contains(&a)) {
                    return Err(format!(
                        "Acceptors must be from 1 to the {} servers (or empty for all).",
                        self.servers
                    ));
                }
                let (min, max) = self.retry_timeout;
                if min < MILLI || max > 60 * SECOND || min > max {
                    return Err(
                        "Retry timeout must be a range from 1 ms to 60 s, min ≤ max.".into()
                    );
                }
            }
            Protocol::Gossip => {
                let gossip = &self.gossip;
                if !(1..=16).contains(&gossip.fanout) {
                    return Err("Fanout must be from 1 to 16.".into());
                }
                if !(1..=20).contains(&gossip.suspicion_mult) {
                    return Err("Suspicion multiplier must be from 1 to 20.".into());
                }
                // Below 10 ms a 1,000-member cluster makes more events than a page can play.
                let floor = 10 * MILLI;
                if gossip.gossip_interval < floor || gossip.probe_interval < floor {
                    return Err("Gossip and probe intervals must be at least 10 ms.".into());
                }
                gossip.validate().map_err(|e| format!("Gossip: {}.", e.replace('_', " ")))?;
            }
        }
        validate_latency(self.latency).map_err(|e| format!("Latency: {e}."))?;
        if self.write_every != 0 && !(MILLI..=60 * SECOND).contains(&self.write_every) {
            return Err("Client requests every must be 0 (off) or from 1 ms to 60 s.".into());
        }
        for bug in &self.bugs {
            if !self.protocol.bug_names().contains(bug) {
                return Err(format!("Bugs: {} has no bug called {bug}.", self.protocol.name()));
            }
        }
        Ok(())
    }

    /// Switches `name` on, if the protocol knows it; the list keeps the protocol's order.
    pub fn enable_bug(&mut self, name: &str) -> Result<(), String> {
        let known = self.protocol.bug_names();
        let Some(name) = known.iter().find(|known| **known == name) else {
            return Err(format!(
                "unknown {} bug `{name}`; known: {}",
                self.protocol.name(),
                known.join(", ")
            ));
        };
        if !self.bugs.contains(name) {
            self.bugs.push(name);
            self.bugs.sort_by_key(|bug| known.iter().position(|k| k == bug));
        }
        Ok(())
    }

    /// The bugs switched on, as the protocol's own toggles (`enable` is its `Bugs::enable`).
    pub fn bugs_as<B: Default>(&self, enable: fn(&mut B, &str) -> Result<(), String>) -> B {
        let mut bugs = B::default();
        for name in &self.bugs {
            // Names were checked against the protocol's list by `validate`.
            let _ = enable(&mut bugs, name);
        }
        bugs
    }

    /// The settings a scenario uses, as a starting point for editing (its events are not
    /// part of the settings).
    pub fn of_scenario(scenario: &Scenario) -> LabSettings {
        let protocol = scenario.protocol;
        let bugs = match protocol {
            Protocol::Raft => scenario.raft.bugs.enabled(),
            Protocol::Paxos => scenario.paxos.bugs.enabled(),
            Protocol::MultiPaxos => scenario.multipaxos.bugs.enabled(),
            Protocol::Gossip => scenario.gossip.bugs.enabled(),
        };
        let (election_timeout, heartbeat) = match protocol {
            Protocol::MultiPaxos => {
                (scenario.multipaxos.leader_timeout, scenario.multipaxos.heartbeat_interval)
            }
            _ => (scenario.raft.election_timeout, scenario.raft.heartbeat_interval),
        };
        LabSettings {
            protocol,
            servers: scenario.nodes.clamp(MIN_SERVERS, max_servers(protocol)),
            seed: scenario.seed,
            bugs,
            election_timeout,
            heartbeat,
            proposers: scenario.paxos.roles.proposers.unwrap_or(scenario.nodes).min(MAX_SERVERS),
            acceptors: scenario.paxos.roles.acceptors.map(|a| a.min(MAX_SERVERS)),
            retry_timeout: scenario.paxos.retry_timeout,
            latency: scenario.network.latency,
            // A Raft scenario's clients are its own events. Editing a Paxos scenario's
            // settings keeps its story: each proposer's client asks for its own value.
            write_every: match protocol {
                Protocol::Raft | Protocol::MultiPaxos | Protocol::Gossip => 0,
                Protocol::Paxos => LabSettings::of_protocol(protocol).write_every,
            },
            gossip: scenario.gossip.clone(),
        }
    }
}

/// How a run starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Lab {
    Custom(LabSettings),
    /// A shipped scenario, by its name in [`SHIPPED`].
    Scenario(&'static str),
}

impl Default for Lab {
    fn default() -> Self {
        Lab::Custom(LabSettings::default())
    }
}

impl Lab {
    /// The shipped scenario called `name`, if there is one.
    pub fn scenario(name: &str) -> Option<Lab> {
        SHIPPED.iter().find(|(known, _)| *known == name).map(|(known, _)| Lab::Scenario(known))
    }

    /// The parsed scenario, for a scenario lab.
    pub fn parsed_scenario(&self) -> Option<Result<Scenario, String>> {
        let Lab::Scenario(name) = self else { return None };
        let (_, text) = SHIPPED.iter().find(|(known, _)| known == name)?;
        Some(serde_json::from_str(text).map_err(|e| format!("scenario {name} is damaged ({e})")))
    }

    /// The run at step 0, or why it cannot be built.
    pub fn start(&self) -> Result<Run, String> {
        match self {
            Lab::Custom(settings) => {
                settings.validate()?;
                Ok(Run::of_settings(settings))
            }
            Lab::Scenario(name) => match self.parsed_scenario() {
                Some(Ok(scenario)) if scenario.nodes <= max_servers(scenario.protocol) => {
                    Ok(Run::of_scenario(&scenario))
                }
                Some(Ok(scenario)) => Err(format!(
                    "scenario {name} has {} servers; the page draws at most {} for {}",
                    scenario.nodes,
                    max_servers(scenario.protocol),
                    scenario.protocol.name()
                )),
                Some(Err(error)) => Err(error),
                None => Err(format!("there is no shipped scenario called {name}")),
            },
        }
    }

    /// The settings this lab runs with, for the settings form.
    pub fn settings(&self) -> LabSettings {
        match self {
            Lab::Custom(settings) => settings.clone(),
            Lab::Scenario(_) => match self.parsed_scenario() {
                Some(Ok(scenario)) => LabSettings::of_scenario(&scenario),
                _ => LabSettings::default(),
            },
        }
    }

    /// The scenario's narration: (time, line) for each event that says something.
    pub fn narration(&self) -> Vec<(Time, String)> {
        match self.parsed_scenario() {
            Some(Ok(scenario)) => scenario
                .events
                .iter()
                .filter_map(|event| Some((event.at, event.say.clone()?)))
                .collect(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn every_shipped_scenario_builds_in_the_page() {
        for (name, _) in SHIPPED {
            let lab = Lab::scenario(name).expect("listed");
            assert!(lab.start().is_ok(), "{name}: {:?}", lab.start().err());
        }
    }

    #[wasm_bindgen_test]
    fn settings_out_of_range_are_refused_with_the_field_named() {
        let ok = LabSettings::default();
        assert!(ok.validate().is_ok());
        let cases = [
            (LabSettings { servers: 2, ..ok.clone() }, "Servers"),
            (LabSettings { servers: 10, ..ok.clone() }, "Servers"),
            (
                LabSettings { election_timeout: (300 * MILLI, 150 * MILLI), ..ok.clone() },
                "Election",
            ),
            (LabSettings { heartbeat: 200 * MILLI, ..ok.clone() }, "Heartbeat"),
            (LabSettings { latency: (9 * MILLI, MILLI), ..ok.clone() }, "Latency"),
            (LabSettings { write_every: 90 * SECOND, ..ok.clone() }, "Client"),
            (LabSettings { bugs: vec!["forget_promise"], ..ok.clone() }, "Bugs"),
        ];
        let paxos = LabSettings::of_protocol(Protocol::Paxos);
        assert!(paxos.validate().is_ok());
        let cases = cases.into_iter().chain([
            (LabSettings { proposers: 0, ..paxos.clone() }, "Proposers"),
            (LabSettings { acceptors: Some(6), ..paxos.clone() }, "Acceptors"),
            (LabSettings { retry_timeout: (0, 5 * MILLI), ..paxos.clone() }, "Retry"),
            // Raft's fields do not matter to Paxos.
            (LabSettings { heartbeat: 0, servers: 2, ..paxos.clone() }, "Servers"),
        ]);
        let gossip = LabSettings { servers: 1000, ..LabSettings::of_protocol(Protocol::Gossip) };
        assert!(gossip.validate().is_ok());
        let with = |change: fn(&mut GossipConfig)| {
            let mut settings = gossip.clone();
            change(&mut settings.gossip);
            settings
        };
        let cases = cases.chain([
            (LabSettings { servers: 1001, ..gossip.clone() }, "Servers"),
            (with(|g| g.fanout = 0), "Fanout"),
            (with(|g| g.suspicion_mult = 0), "Suspicion"),
            (with(|g| g.gossip_interval = MILLI), "Gossip and probe"),
            (with(|g| g.probe_timeout = 2 * SECOND), "Gossip: probe timeout"),
            (LabSettings { bugs: vec!["figure8_commit"], ..gossip.clone() }, "Bugs"),
        ]);
        for (settings, field) in cases {
            let error = settings.validate().expect_err(field);
            assert!(error.starts_with(field), "{error}");
        }
    }
}
