//! The labs the page runs: one line each in [`for_lab`]. Everything that must pick a lab by
//! its protocol (starting a run, checking its settings) goes through here, so the rest of
//! the page is written once, generically over [`Adapter`].

use clusterscope_core::protocols::gossip::GossipNode;
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::scenario::Protocol;

use super::adapter::Adapter;
use super::settings::LabSettings;

/// Code written once for every lab; [`for_lab`] runs it for the lab a protocol names.
pub trait ForLab {
    type Output;
    fn run<N: Adapter>(self) -> Self::Output;
}

/// Runs `job` with the node type of `protocol`'s lab.
pub fn for_lab<J: ForLab>(protocol: Protocol, job: J) -> J::Output {
    match protocol {
        Protocol::Raft => job.run::<RaftNode>(),
        Protocol::Paxos => job.run::<PaxosNode>(),
        Protocol::MultiPaxos => job.run::<MultiPaxosNode>(),
        Protocol::Gossip => job.run::<GossipNode>(),
    }
}

impl LabSettings {
    /// Checks every field the lab reads, naming the first one out of range.
    pub fn validate(&self) -> Result<(), String> {
        struct Validate<'a>(&'a LabSettings);
        impl ForLab for Validate<'_> {
            type Output = Result<(), String>;
            fn run<N: Adapter>(self) -> Self::Output {
                N::validate(self.0)
            }
        }
        self.validate_common()?;
        for_lab(self.protocol, Validate(self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterscope_core::protocols::gossip::GossipConfig;
    use clusterscope_core::sim::{MILLI, SECOND};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

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
