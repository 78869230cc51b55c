//! Randomized fault testing of Basic Paxos: 10,000 seeds of crashes, restarts, partitions,
//! one-way cuts, loss and duplication while clients ask different proposers for different
//! values, each followed by a heal phase after which every live learner must have learned
//! the one chosen value. The correct protocol must pass every seed; each deliberate bug
//! must be caught.

use clusterscope_core::protocols::paxos::{Bugs, PaxosConfig, PaxosNode};
use clusterscope_core::sim::fuzz::{self, FuzzConfig};

const SEEDS: u64 = 10_000;
const CHUNKS: u64 = 4;
/// A seed far above the usual event count is a message storm.
const MAX_EVENTS_PER_SEED: u64 = 20_000;

fn correct_paxos_chunk(chunk: u64) {
    let config = FuzzConfig::default();
    let per_chunk = SEEDS / CHUNKS;
    let seeds = chunk * per_chunk..(chunk + 1) * per_chunk;
    let mut steps = 0;
    for seed in seeds.clone() {
        let protocol = PaxosConfig::for_fuzz_seed(seed, Bugs::default());
        let outcome = fuzz::run::<PaxosNode>(&config, &protocol, seed);
        steps += outcome.steps;
        assert!(
            outcome.steps <= MAX_EVENTS_PER_SEED,
            "seed {seed} processed {} events: a message storm",
            outcome.steps
        );
        assert!(
            outcome.violations.is_empty(),
            "seed {seed}: {} (replay: clusterscope fuzz --protocol paxos --start {seed} --seeds 1)",
            outcome.violations[0]
        );
        if let Some(reason) = outcome.unsettled {
            panic!("seed {seed}: the learners did not converge after the heal: {reason}");
        }
    }
    println!("seeds {seeds:?}: 0 violations, all learned, {steps} steps");
}

#[test]
fn correct_paxos_survives_random_faults_seeds_0_to_2500() {
    correct_paxos_chunk(0);
}

#[test]
fn correct_paxos_survives_random_faults_seeds_2500_to_5000() {
    correct_paxos_chunk(1);
}

#[test]
fn correct_paxos_survives_random_faults_seeds_5000_to_7500() {
    correct_paxos_chunk(2);
}

#[test]
fn correct_paxos_survives_random_faults_seeds_7500_to_10000() {
    correct_paxos_chunk(3);
}

/// Runs seeds until the bug shows; returns the first seed that caught it.
fn first_seed_catching(bug: &str) -> u64 {
    let mut bugs = Bugs::default();
    bugs.enable(bug).expect("a known bug name");
    let config = FuzzConfig::default();
    let caught = (0..SEEDS).find(|&seed| {
        !fuzz::run::<PaxosNode>(&config, &PaxosConfig::for_fuzz_seed(seed, bugs), seed)
            .violations
            .is_empty()
    });
    let seed =
        caught.unwrap_or_else(|| panic!("{bug} survived {SEEDS} seeds: the checkers missed it"));
    println!("{bug}: caught after {} seeds", seed + 1);
    seed
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
