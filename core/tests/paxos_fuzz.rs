//! Randomized fault testing of Basic Paxos: 10,000 seeds of crashes, restarts, partitions,
//! one-way cuts, loss and duplication while clients ask different proposers for different
//! values, each followed by a heal phase after which every live learner must have learned
//! the one chosen value. The correct protocol must pass every seed; each deliberate bug
//! must be caught.

mod support;

use clusterscope_core::protocols::paxos::{Bugs, PaxosConfig, PaxosNode};
use clusterscope_core::sim::fuzz::{self, FuzzConfig, FuzzOutcome};

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        fuzz::run::<PaxosNode>(
            &FuzzConfig::default(),
            &PaxosConfig::for_fuzz_seed(seed, bugs),
            seed,
        )
    }
}

support::fuzz_suite!(
    "paxos",
    run,
    Bugs,
    [ignore_promised_values, forget_promise, accept_below_promise]
);
