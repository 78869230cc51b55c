//! A free lab's settings: what the settings form edits and a link carries. Every lab reads
//! the shared fields (servers, seed, latency, client rate, bugs); a lab's own settings are
//! data it declares ([`Own`]), so they need no field here.

use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::{validate_latency, NetworkParams, Time, MILLI, SECOND};

use super::own::Own;
use crate::views::l10n::tr;
use crate::{en, tr};

/// A consensus cluster is drawn for 3–9 servers, as RaftScope's are; a lab may allow more
/// (gossip's drawing takes 1,000 members).
pub const MIN_SERVERS: usize = 3;
pub const MAX_SERVERS: usize = 9;

/// The steady client stops after this many writes, so a lab left playing stays bounded.
pub const STEADY_WRITES: u64 = 600;

/// A free lab's settings. Made by `LabSettings::of_protocol` or `of_scenario` (in
/// `registry.rs`), which ask the lab for its own settings and defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct LabSettings {
    pub protocol: Protocol,
    pub servers: usize,
    pub seed: u64,
    /// Deliberate bugs switched on, by name, from the protocol's list.
    pub bugs: Vec<&'static str>,
    pub latency: (Time, Time),
    /// How often the lab's steady client acts (each lab says what it does); 0 turns it off.
    pub write_every: Time,
    /// The settings only this lab reads.
    pub own: Own,
}

impl LabSettings {
    /// The shared fields' defaults, around a lab's own settings.
    pub fn with_own(protocol: Protocol, write_every: Time, own: Own) -> LabSettings {
        LabSettings {
            protocol,
            servers: 5,
            seed: 1,
            bugs: Vec::new(),
            latency: NetworkParams::default().latency,
            write_every,
            own,
        }
    }

    /// The shared fields a scenario sets (its clients are its own events, so the steady
    /// client is off), around a lab's own settings and the scenario's bugs.
    pub fn with_scenario(
        scenario: &Scenario,
        max_servers: usize,
        bugs: Vec<&'static str>,
        own: Own,
    ) -> LabSettings {
        LabSettings {
            protocol: scenario.protocol,
            servers: scenario.nodes.clamp(MIN_SERVERS, max_servers),
            seed: scenario.seed,
            bugs,
            latency: scenario.network.latency,
            write_every: 0,
            own,
        }
    }

    /// Checks the fields every lab reads, naming the first one out of range; each lab checks
    /// its own in `Adapter::validate` (both run in `validate`, in `registry.rs`).
    pub fn validate_common(&self, max_servers: usize) -> Result<(), String> {
        if !(MIN_SERVERS..=max_servers).contains(&self.servers) {
            return Err(tr!(
                "Servers must be a whole number from {least} to {most}, not {servers}.",
                least = MIN_SERVERS,
                most = max_servers,
                servers = self.servers
            ));
        }
        validate_latency(self.latency).map_err(|e| tr!("Latency: {e}.", e))?;
        if self.write_every != 0 && !(MILLI..=60 * SECOND).contains(&self.write_every) {
            return Err(tr(en!("Client requests every must be 0 (off) or from 1 ms to 60 s.")));
        }
        for bug in &self.bugs {
            if !self.protocol.bug_names().contains(bug) {
                let lab = tr(self.protocol.name());
                return Err(tr!("Bugs: {lab} has no bug called {bug}.", lab, bug));
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
            // Rebuilt from the protocol's list rather than sorted: a sort of a list this
            // short cost the page more code than all the rest of this function.
            self.bugs = known.iter().copied().filter(|k| self.bugs.contains(k)).collect();
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
}
