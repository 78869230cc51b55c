//! Where a run starts: either the lab's own settings (cluster size, seed, timeouts, latency,
//! a steady client, bug toggles) or one of the scenario files shipped with the project. A lab
//! plus the action log is everything needed to rebuild any moment, which is what links and
//! trace files carry.

use clusterscope_core::protocols::raft::{Bugs, Command, RaftConfig, RaftNode};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{
    validate_latency, Action, NetworkParams, Sim, SimConfig, Target, Time, Timeline, MILLI, SECOND,
};

/// The cluster view is drawn for 3–9 servers, as RaftScope's are.
pub const MIN_SERVERS: usize = 3;
pub const MAX_SERVERS: usize = 9;
/// Steps between checkpoints: seeking replays at most this many events.
pub const CHECKPOINT_INTERVAL: u64 = 1000;
/// The steady client stops after this many writes, so a lab left playing stays bounded.
const STEADY_WRITES: u64 = 600;

/// The scenario files in `scenarios/`, built into the page so it never needs the network.
pub const SHIPPED: [(&str, &str); 7] = [
    ("first-election", include_str!("../../scenarios/first-election.toml")),
    ("leader-crash", include_str!("../../scenarios/leader-crash.toml")),
    ("partitioned-leader", include_str!("../../scenarios/partitioned-leader.toml")),
    ("follower-catch-up", include_str!("../../scenarios/follower-catch-up.toml")),
    ("one-way-cut", include_str!("../../scenarios/one-way-cut.toml")),
    ("lossy-network", include_str!("../../scenarios/lossy-network.toml")),
    ("forgotten-vote", include_str!("../../scenarios/forgotten-vote.toml")),
];

#[derive(Clone, Debug, PartialEq)]
pub struct LabSettings {
    pub servers: usize,
    pub seed: u64,
    pub bugs: Bugs,
    pub election_timeout: (Time, Time),
    pub heartbeat: Time,
    pub latency: (Time, Time),
    /// A client writes through the leader this often; 0 turns the client off.
    pub write_every: Time,
}

impl Default for LabSettings {
    fn default() -> Self {
        let raft = RaftConfig::default();
        LabSettings {
            servers: 5,
            seed: 1,
            bugs: Bugs::default(),
            election_timeout: raft.election_timeout,
            heartbeat: raft.heartbeat_interval,
            latency: NetworkParams::default().latency,
            write_every: 500 * MILLI,
        }
    }
}

impl LabSettings {
    /// Checks every field, naming the first one out of range.
    pub fn validate(&self) -> Result<(), String> {
        if !(MIN_SERVERS..=MAX_SERVERS).contains(&self.servers) {
            return Err(format!(
                "Servers must be a whole number from {MIN_SERVERS} to {MAX_SERVERS}, not {}.",
                self.servers
            ));
        }
        let (min, max) = self.election_timeout;
        if min < MILLI || max > 60 * SECOND || min > max {
            return Err("Election timeout must be a range from 1 ms to 60 s, min ≤ max.".into());
        }
        if self.heartbeat < MILLI || self.heartbeat >= min {
            return Err("Heartbeat must be at least 1 ms and shorter than the election timeout \
                        (or followers time out while the leader is alive)."
                .into());
        }
        validate_latency(self.latency).map_err(|e| format!("Latency: {e}."))?;
        if self.write_every != 0 && !(10 * MILLI..=60 * SECOND).contains(&self.write_every) {
            return Err("Client writes every must be 0 (off) or from 10 ms to 60 s.".into());
        }
        Ok(())
    }

    /// The settings a scenario uses, as a starting point for editing (its events are not
    /// part of the settings).
    pub fn of_scenario(scenario: &Scenario) -> LabSettings {
        LabSettings {
            servers: scenario.nodes.clamp(MIN_SERVERS, MAX_SERVERS),
            seed: scenario.seed,
            bugs: scenario.raft.bugs,
            election_timeout: scenario.raft.election_timeout,
            heartbeat: scenario.raft.heartbeat_interval,
            latency: scenario.network.latency,
            write_every: 0,
        }
    }

    fn start(&self) -> Sim<RaftNode> {
        let protocol = RaftConfig {
            bugs: self.bugs,
            election_timeout: self.election_timeout,
            heartbeat_interval: self.heartbeat,
            ..RaftConfig::default()
        };
        let network = NetworkParams { latency: self.latency, ..NetworkParams::default() };
        let config = SimConfig { network, ..SimConfig::new(self.servers, self.seed) };
        let mut sim = Sim::new(config, protocol);
        if self.write_every > 0 {
            for i in 1..=STEADY_WRITES {
                let command =
                    Command::Set { key: format!("k{}", i % 5).into(), value: i.to_string().into() };
                let at = i * self.write_every;
                sim.schedule(at, Action::Client { node: Target::LEADER, command }, None);
            }
        }
        sim
    }
}

/// The default lab's timeline: five servers, seed 1, a client writing every half second.
pub fn demo_timeline() -> Timeline<RaftNode> {
    Timeline::new(LabSettings::default().start(), CHECKPOINT_INTERVAL)
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
        Some(Scenario::parse(text, &format!("scenarios/{name}.toml")).map_err(|e| e.to_string()))
    }

    /// The simulation at time 0, or why it cannot be built.
    pub fn start(&self) -> Result<Sim<RaftNode>, String> {
        match self {
            Lab::Custom(settings) => {
                settings.validate()?;
                Ok(settings.start())
            }
            Lab::Scenario(name) => match self.parsed_scenario() {
                Some(Ok(scenario)) if scenario.nodes <= MAX_SERVERS => {
                    Ok(scenario.build_raft(true))
                }
                Some(Ok(scenario)) => Err(format!(
                    "scenario {name} has {} servers; the page draws at most {MAX_SERVERS}",
                    scenario.nodes
                )),
                Some(Err(error)) => Err(error),
                None => Err(format!("there is no shipped scenario called {name}")),
            },
        }
    }

    pub fn timeline(&self) -> Result<Timeline<RaftNode>, String> {
        Ok(Timeline::new(self.start()?, CHECKPOINT_INTERVAL))
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
            (LabSettings { write_every: MILLI, ..ok.clone() }, "Client"),
        ];
        for (settings, field) in cases {
            let error = settings.validate().expect_err(field);
            assert!(error.starts_with(field), "{error}");
        }
    }
}
