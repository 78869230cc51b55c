//! The labs the page runs: one line each in [`for_lab`]. Everything that must pick a lab by
//! its protocol (starting a run, checking its settings) goes through here, so the rest of
//! the page is written once, generically over [`Adapter`].
//!
//! Each lab's line is compiled only with its feature (`web/Cargo.toml`): the page ships one
//! bundle per lab, and a bundle carries only its own. Opening another lab loads the page
//! again, and index.html's loader picks that lab's bundle.

#[cfg(feature = "gossip")]
use clusterscope_core::protocols::gossip::GossipNode;
#[cfg(feature = "leases")]
use clusterscope_core::protocols::leases::LeaseNode;
#[cfg(feature = "multipaxos")]
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
#[cfg(feature = "paxos")]
use clusterscope_core::protocols::paxos::PaxosNode;
#[cfg(feature = "raft")]
use clusterscope_core::protocols::raft::RaftNode;
#[cfg(feature = "tasks")]
use clusterscope_core::protocols::tasks::twin::TwinNode;
use clusterscope_core::scenario::{Protocol, Scenario};

use super::adapter::Adapter;
use super::settings::LabSettings;
use crate::tr;
use crate::views::l10n::tr;

#[cfg(not(any(
    feature = "raft",
    feature = "paxos",
    feature = "multipaxos",
    feature = "gossip",
    feature = "tasks",
    feature = "leases"
)))]
compile_error!("the page needs at least one lab: build it with one of the labs' features");

/// Code written once for every lab; [`for_lab`] runs it for the lab a protocol names.
pub trait ForLab {
    type Output;
    fn run<N: Adapter>(self) -> Self::Output;
}

/// Runs `job` with the node type of `protocol`'s lab, if this bundle carries that lab.
pub fn for_lab<J: ForLab>(protocol: Protocol, job: J) -> Option<J::Output> {
    Some(match protocol {
        #[cfg(feature = "raft")]
        Protocol::Raft => job.run::<RaftNode>(),
        #[cfg(feature = "paxos")]
        Protocol::Paxos => job.run::<PaxosNode>(),
        #[cfg(feature = "multipaxos")]
        Protocol::MultiPaxos => job.run::<MultiPaxosNode>(),
        #[cfg(feature = "gossip")]
        Protocol::Gossip => job.run::<GossipNode>(),
        #[cfg(feature = "tasks")]
        Protocol::Tasks => job.run::<TwinNode>(),
        #[cfg(feature = "leases")]
        Protocol::Leases => job.run::<LeaseNode>(),
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

// `PAGE_LABS`: the labs the page has, each in its bundle, read by build.rs from the list
// index.html's loader picks bundles from; what the protocol menu offers.
include!(concat!(env!("OUT_DIR"), "/page_labs.rs"));

/// Whether this bundle carries `protocol`'s lab.
pub fn carries(protocol: Protocol) -> bool {
    struct Nothing;
    impl ForLab for Nothing {
        type Output = ();
        fn run<N: Adapter>(self) {}
    }
    for_lab(protocol, Nothing).is_some()
}

/// The lab a link without a protocol opens: Raft, or this bundle's own.
pub fn home() -> Protocol {
    Protocol::ALL.into_iter().find(|&p| carries(p)).unwrap_or_default()
}

/// Why a lab cannot open in this bundle.
pub fn elsewhere(protocol: Protocol) -> String {
    tr!(
        "the {lab} lab is not in this bundle of the page; open it from the protocol menu",
        lab = tr(protocol.name())
    )
}

/// A lab's fixed facts, for code that holds only its protocol.
pub struct About {
    pub own: &'static [super::own::Param],
    pub client: &'static str,
    pub max_servers: usize,
}

/// What the lab of `protocol` declares about itself, if this bundle carries it.
pub fn about(protocol: Protocol) -> Option<About> {
    struct Ask;
    impl ForLab for Ask {
        type Output = About;
        fn run<N: Adapter>(self) -> About {
            About { own: N::OWN, client: N::CLIENT, max_servers: N::MAX_SERVERS }
        }
    }
    for_lab(protocol, Ask)
}

impl Default for LabSettings {
    fn default() -> Self {
        LabSettings::of_protocol(home())
    }
}

impl LabSettings {
    /// The free lab a protocol opens with (this bundle's own lab, for a lab it does not
    /// carry: callers check [`carries`] first).
    pub fn of_protocol(protocol: Protocol) -> LabSettings {
        struct Defaults;
        impl ForLab for Defaults {
            type Output = LabSettings;
            fn run<N: Adapter>(self) -> LabSettings {
                N::defaults()
            }
        }
        for_lab(protocol, Defaults)
            .or_else(|| for_lab(home(), Defaults))
            .unwrap_or_else(|| unreachable!("a bundle carries at least one lab"))
    }

    /// The settings a scenario uses, as a starting point for editing (its lab's defaults,
    /// for a lab this bundle does not carry).
    pub fn of_scenario(scenario: &Scenario) -> LabSettings {
        struct OfScenario<'a>(&'a Scenario);
        impl ForLab for OfScenario<'_> {
            type Output = LabSettings;
            fn run<N: Adapter>(self) -> LabSettings {
                N::of_scenario(self.0)
            }
        }
        for_lab(scenario.protocol, OfScenario(scenario))
            .unwrap_or_else(|| LabSettings::of_protocol(scenario.protocol))
    }

    /// Checks every field the lab reads, naming the first one out of range.
    pub fn validate(&self) -> Result<(), String> {
        struct Validate<'a>(&'a LabSettings);
        impl ForLab for Validate<'_> {
            type Output = Result<(), String>;
            fn run<N: Adapter>(self) -> Self::Output {
                self.0.validate_common(N::MAX_SERVERS)?;
                N::validate(self.0)
            }
        }
        for_lab(self.protocol, Validate(self)).unwrap_or_else(|| Err(elsewhere(self.protocol)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::own::Value;
    use clusterscope_core::sim::{MILLI, SECOND};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn settings_out_of_range_are_refused_with_the_field_named() {
        let ok = LabSettings::default();
        assert!(ok.validate().is_ok());
        let with = |settings: &LabSettings, key: &str, value: Value| {
            let mut changed = settings.clone();
            changed.own.set(key, value);
            changed
        };
        let cases = [
            (LabSettings { servers: 2, ..ok.clone() }, "Servers"),
            (LabSettings { servers: 10, ..ok.clone() }, "Servers"),
            (with(&ok, "election", Value::Range(300 * MILLI, 150 * MILLI)), "Election"),
            (with(&ok, "heartbeat", Value::Time(200 * MILLI)), "Heartbeat"),
            (LabSettings { latency: (9 * MILLI, MILLI), ..ok.clone() }, "Latency"),
            (LabSettings { write_every: 90 * SECOND, ..ok.clone() }, "Client"),
            (LabSettings { bugs: vec!["forget_promise"], ..ok.clone() }, "Bugs"),
        ];
        let paxos = LabSettings::of_protocol(Protocol::Paxos);
        assert!(paxos.validate().is_ok());
        let cases = cases.into_iter().chain([
            (with(&paxos, "proposers", Value::Count(0)), "Proposers"),
            (with(&paxos, "acceptors", Value::Count(6)), "Acceptors"),
            (with(&paxos, "retry", Value::Range(0, 5 * MILLI)), "Retry"),
            // Raft's settings are not Paxos's: setting one changes nothing.
            (LabSettings { servers: 2, ..with(&paxos, "heartbeat", Value::Time(0)) }, "Servers"),
        ]);
        let gossip = LabSettings { servers: 1000, ..LabSettings::of_protocol(Protocol::Gossip) };
        assert!(gossip.validate().is_ok());
        let cases = cases.chain([
            (LabSettings { servers: 1001, ..gossip.clone() }, "Servers"),
            (with(&gossip, "fanout", Value::Count(0)), "Fanout"),
            (with(&gossip, "suspicion_mult", Value::Count(0)), "Suspicion"),
            (with(&gossip, "gossip", Value::Time(MILLI)), "Gossip and probe"),
            (with(&gossip, "probe_timeout", Value::Time(2 * SECOND)), "Gossip: probe timeout"),
            (LabSettings { bugs: vec!["figure8_commit"], ..gossip.clone() }, "Bugs"),
        ]);
        let tasks = LabSettings::of_protocol(Protocol::Tasks);
        assert!(tasks.validate().is_ok());
        let cases = cases.chain([
            (with(&tasks, "alpha", Value::Number(f64::NAN)), "α"),
            (with(&tasks, "alpha", Value::Number(0.5)), "α"),
            (with(&tasks, "vnodes", Value::Count(0)), "Virtual nodes"),
            (with(&tasks, "heartbeat", Value::Time(0)), "Worker heartbeat"),
            (with(&tasks, "work", Value::Time(0)), "Task length"),
            (LabSettings { servers: 201, ..tasks.clone() }, "Servers"),
            (with(&tasks, "leader_servers", Value::Count(0)), "Single-leader servers"),
            (with(&tasks, "leader_servers", Value::Count(6)), "Single-leader servers"),
            (LabSettings { servers: 65, ..tasks.clone() }, "The single-leader cluster"),
            (LabSettings { bugs: vec!["figure8_commit"], ..tasks.clone() }, "Bugs"),
        ]);
        for (settings, field) in cases {
            let error = settings.validate().expect_err(field);
            assert!(error.starts_with(field), "{error}");
        }
    }
}
