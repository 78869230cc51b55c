//! Randomized fault testing of Multi-Paxos: 10,000 seeds of crashes, restarts, partitions,
//! one-way cuts, loss and duplication under client load, each followed by a heal phase
//! after which one replica leads and every live replica has applied the same log. The
//! correct protocol must pass every seed; each deliberate bug must be caught.

mod support;

use clusterscope_core::protocols::multipaxos::{Bugs, MultiPaxosConfig, MultiPaxosNode};
use clusterscope_core::sim::fuzz::{self, FuzzConfig, FuzzOutcome};

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        let protocol = MultiPaxosConfig { bugs, ..MultiPaxosConfig::default() };
        fuzz::run::<MultiPaxosNode>(&FuzzConfig::default(), &protocol, seed)
    }
}

fn correct_chunk(chunk: u64) {
    support::all_seeds_pass("multipaxos", chunk, run(Bugs::default()));
}

#[test]
fn correct_multipaxos_survives_random_faults_seeds_0_to_2500() {
    correct_chunk(0);
}

#[test]
fn correct_multipaxos_survives_random_faults_seeds_2500_to_5000() {
    correct_chunk(1);
}

#[test]
fn correct_multipaxos_survives_random_faults_seeds_5000_to_7500() {
    correct_chunk(2);
}

#[test]
fn correct_multipaxos_survives_random_faults_seeds_7500_to_10000() {
    correct_chunk(3);
}

fn first_seed_catching(bug: &str) -> u64 {
    let mut bugs = Bugs::default();
    bugs.enable(bug).expect("a known bug name");
    support::first_seed_catching(bug, run(bugs))
}

#[test]
fn ignore_promised_values_bug_is_caught() {
    first_seed_catching("ignore_promised_values");
}

#[test]
fn forget_promise_bug_is_caught() {
    first_seed_catching("forget_promise");
}

#[test]
fn accept_below_promise_bug_is_caught() {
    first_seed_catching("accept_below_promise");
}
