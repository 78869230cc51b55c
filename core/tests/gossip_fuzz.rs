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

support::fuzz_suite!("gossip", run, Bugs, [no_refutation, skip_suspicion]);
