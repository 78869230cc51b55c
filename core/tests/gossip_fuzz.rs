//! Randomized fault testing of SWIM and gossip: 10,000 seeds of crashes, restarts,
//! partitions, one-way cuts, loss, duplication and latency spikes while clients write rumors
//! at random nodes, each followed by a heal phase after which every live member must see
//! every other alive and hold the same rumors. On a network that lost nothing, no live
//! member may ever be confirmed dead. The correct protocol must pass every seed; each
//! deliberate bug must be caught.

mod support;

use clusterscope_core::protocols::gossip::{Bugs, GossipConfig, GossipNode};
use clusterscope_core::sim::fuzz::{self, FuzzConfig, FuzzOutcome};

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        let protocol = GossipConfig::for_fuzz_seed(seed, bugs);
        fuzz::run::<GossipNode>(&FuzzConfig::default(), &protocol, seed)
    }
}

fn correct_chunk(chunk: u64) {
    support::all_seeds_pass("gossip", chunk, run(Bugs::default()));
}

#[test]
fn correct_gossip_survives_random_faults_seeds_0_to_2500() {
    correct_chunk(0);
}

#[test]
fn correct_gossip_survives_random_faults_seeds_2500_to_5000() {
    correct_chunk(1);
}

#[test]
fn correct_gossip_survives_random_faults_seeds_5000_to_7500() {
    correct_chunk(2);
}

#[test]
fn correct_gossip_survives_random_faults_seeds_7500_to_10000() {
    correct_chunk(3);
}

fn first_seed_catching(bug: &str) -> u64 {
    let mut bugs = Bugs::default();
    bugs.enable(bug).expect("a known bug name");
    support::first_seed_catching(bug, run(bugs))
}

#[test]
fn no_refutation_bug_is_caught() {
    first_seed_catching("no_refutation");
}

#[test]
fn skip_suspicion_bug_is_caught() {
    first_seed_catching("skip_suspicion");
}
