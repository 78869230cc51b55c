//! A free lab's settings: what the settings form edits and a link carries. Every lab reads
//! the shared fields (servers, seed, latency, client rate, bugs); a lab's own fields sit
//! below them, each documented with the lab that reads it.

use clusterscope_core::protocols::gossip::GossipConfig;
use clusterscope_core::protocols::paxos::PaxosConfig;
use clusterscope_core::protocols::raft::RaftConfig;
use clusterscope_core::scenario::{Protocol, Scenario, MAX_GOSSIP_NODES};
use clusterscope_core::sim::{validate_latency, NetworkParams, Time, MILLI, SECOND};

/// A consensus cluster is drawn for 3–9 servers, as RaftScope's are; a gossip cluster for
/// up to 1,000 members.
pub const MIN_SERVERS: usize = 3;
pub const MAX_SERVERS: usize = 9;

/// The most servers a lab of `protocol` may have.
pub fn max_servers(protocol: Protocol) -> usize {
    match protocol {
        Protocol::Gossip => MAX_GOSSIP_NODES,
        _ => MAX_SERVERS,
    }
}

/// The steady client stops after this many writes, so a lab left playing stays bounded.
pub const STEADY_WRITES: u64 = 600;

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
    /// Raft: pre-vote and check-quorum (both off by default, as in the paper's Figure 2).
    pub pre_vote: bool,
    pub check_quorum: bool,
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
            pre_vote: raft.pre_vote,
            check_quorum: raft.check_quorum,
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

    /// Checks the fields every lab reads, naming the first one out of range; each lab checks
    /// its own in `Adapter::validate` (both run in `validate`, in `registry.rs`).
    pub fn validate_common(&self) -> Result<(), String> {
        let most = max_servers(self.protocol);
        if !(MIN_SERVERS..=most).contains(&self.servers) {
            return Err(format!(
                "Servers must be a whole number from {MIN_SERVERS} to {most}, not {}.",
                self.servers
            ));
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
            pre_vote: scenario.raft.pre_vote,
            check_quorum: scenario.raft.check_quorum,
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
