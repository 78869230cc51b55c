//! A scenario file, as the CLI reads it: parse and validate, then build the simulation (the
//! step where a small file could ask for a lot of memory). Any panic is a bug.
#![no_main]

use clusterscope_core::protocols::gossip::GossipNode;
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::scenario::{Protocol, Scenario};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(scenario) = Scenario::parse(text, "fuzz.toml") else { return };
    match scenario.protocol {
        Protocol::Raft => drop(scenario.build::<RaftNode>(scenario.raft.clone(), false)),
        Protocol::Paxos => drop(scenario.build::<PaxosNode>(scenario.paxos.clone(), false)),
        Protocol::MultiPaxos => {
            drop(scenario.build::<MultiPaxosNode>(scenario.multipaxos.clone(), false))
        }
        Protocol::Gossip => drop(scenario.build::<GossipNode>(scenario.gossip.clone(), false)),
    }
});
