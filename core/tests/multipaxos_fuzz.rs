//! Randomized fault testing of Multi-Paxos: 10,000 seeds of crashes, restarts, partitions,
//! one-way cuts, loss and duplication under client load, each followed by a heal phase
//! after which one replica leads and every live replica has applied the same log. Clients
//! read as well as write, and what they were told must be linearizable. The correct
//! protocol must pass every seed; each deliberate bug must be caught.

mod support;

use clusterscope_core::history;
use clusterscope_core::protocols::multipaxos::{Bugs, MultiPaxosConfig, MultiPaxosNode};
use clusterscope_core::sim::fuzz::{FuzzConfig, FuzzOutcome};

fn run(bugs: Bugs) -> impl Fn(u64) -> FuzzOutcome {
    move |seed| {
        let protocol = MultiPaxosConfig { bugs, ..MultiPaxosConfig::default() };
        history::fuzz::<MultiPaxosNode>(&FuzzConfig::default(), &protocol, seed)
    }
}

support::fuzz_suite!(
    "multipaxos",
    run,
    Bugs,
    [ignore_promised_values, forget_promise, accept_below_promise, local_reads]
);
