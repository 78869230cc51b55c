//! The two classic measurements of a leaderless cluster, shared by the CLI and the page:
//!
//! - how a rumor spreads, round by round, against the epidemic model for the gossip mode and
//!   fanout (Demers et al., "Epidemic algorithms for replicated database maintenance", 1987;
//!   Karp et al., "Randomized rumor spreading", 2000);
//! - how long SWIM takes to confirm a crashed member dead, and how many live members it
//!   wrongly confirms, as message loss rises.

use serde::Serialize;

use super::messages::{Command, Status};
use super::state::{GossipConfig, GossipNode, Mode};
use super::view::Event;
use crate::sim::{Action, NetworkParams, NodeId, RecordKind, Sim, SimConfig, Target, Time};

/// The fraction of members informed after each round, predicted for a cluster of `n` where
/// one member starts informed and every member gossips once per round with `fanout` peers
/// chosen uniformly (the mean-field recurrence, with i the informed fraction):
///
/// - push: 1 − i' = (1 − i) · e^(−fanout · i) (each uninformed member escapes every push);
/// - pull: 1 − i' = (1 − i)^(fanout + 1) (it asks `fanout` members, all uninformed);
/// - push-pull: 1 − i' = (1 − i)^(fanout + 1) · e^(−fanout · i).
pub fn epidemic_model(mode: Mode, fanout: usize, n: usize, rounds: usize) -> Vec<f64> {
    let f = fanout as f64;
    let mut informed = 1.0 / n.max(1) as f64;
    let mut fractions = vec![informed];
    for _ in 0..rounds {
        let missed = 1.0 - informed;
        let escape_push = (-f * informed).exp();
        let escape_pull = missed.powf(f);
        let still_missed = match mode {
            Mode::Push => missed * escape_push,
            Mode::Pull => missed * escape_pull,
            Mode::PushPull => missed * escape_pull * escape_push,
        };
        informed = 1.0 - still_missed;
        fractions.push(informed);
    }
    fractions
}

/// One round of a measured spread, next to the model's prediction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpreadRound {
    pub round: usize,
    /// Every node gossiping at the same instants: the rounds the model assumes.
    pub aligned: f64,
    /// Each node's rounds at its own phase, as deployed: a node informed early in a round
    /// passes the rumor on within the same round, so this runs ahead of the model.
    pub free: f64,
    pub model: f64,
}

/// The key the spread experiment writes.
pub const RUMOR_KEY: &str = "rumor";

/// A cluster of `n` with `config`; one member writes a rumor half a second in, and the
/// fraction of members holding it is read every gossip interval for `rounds` rounds.
/// Runs twice, with aligned and with free-running rounds.
pub fn spread(n: usize, config: &GossipConfig, seed: u64, rounds: usize) -> Vec<SpreadRound> {
    let aligned = informed_per_round(
        n,
        &GossipConfig { aligned_rounds: true, ..config.clone() },
        seed,
        rounds,
    );
    let free = informed_per_round(
        n,
        &GossipConfig { aligned_rounds: false, ..config.clone() },
        seed,
        rounds,
    );
    let model = epidemic_model(config.mode, config.fanout, n, rounds);
    (0..=rounds)
        .map(|round| SpreadRound {
            round,
            aligned: aligned[round],
            free: free[round],
            model: model[round],
        })
        .collect()
}

fn informed_per_round(n: usize, config: &GossipConfig, seed: u64, rounds: usize) -> Vec<f64> {
    let mut sim = quiet_sim(n, config, seed);
    // Half a round after a gossip instant, so each sample sees that round's messages land.
    let start = 2 * config.gossip_interval + config.gossip_interval / 2;
    let write = Command::Set { key: RUMOR_KEY.into(), value: "1".into() };
    sim.schedule(start, Action::Client { node: Target::Node(NodeId(0)), command: write }, None);
    (0..=rounds)
        .map(|round| {
            sim.run_until(start + round as Time * config.gossip_interval);
            let informed = sim.nodes().iter().flatten().filter(|n| knows(n)).count();
            informed as f64 / n as f64
        })
        .collect()
}

fn knows(node: &GossipNode) -> bool {
    node.rumors().contains_key(RUMOR_KEY)
}

fn quiet_sim(n: usize, config: &GossipConfig, seed: u64) -> Sim<GossipNode> {
    let sim_config = SimConfig { record: false, ..SimConfig::new(n, seed) };
    Sim::new(sim_config, config.clone())
}

/// SWIM under one message-loss rate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Detection {
    pub loss: f64,
    /// From the crash until the first member confirmed the crashed one dead.
    pub first_confirmed: Option<Time>,
    /// From the crash until every live member saw it dead.
    pub all_know: Option<Time>,
    /// Live members wrongly confirmed dead (each life of a member counted once, however
    /// many members confirmed it).
    pub false_positives: u64,
}

/// A cluster of `n` runs for `warmup` with `loss`, then its last member crashes; the run
/// goes on for `after` more.
pub fn detection(
    n: usize,
    config: &GossipConfig,
    seed: u64,
    loss: f64,
    warmup: Time,
    after: Time,
) -> Detection {
    let network = NetworkParams { loss, ..NetworkParams::default() };
    let sim_config = SimConfig { network, ..SimConfig::new(n, seed) };
    let mut sim = Sim::<GossipNode>::new(sim_config, config.clone());
    let victim = NodeId(n as u32 - 1);
    sim.schedule(warmup, Action::Crash { node: Target::Node(victim) }, None);
    let mut found = Detection { loss, first_confirmed: None, all_know: None, false_positives: 0 };
    let mut wrongly: std::collections::BTreeSet<(NodeId, u64)> = Default::default();
    while sim.next_event_time().is_some_and(|t| t <= warmup + after) {
        sim.step();
        for record in sim.records() {
            if let RecordKind::Node { event: Event::Confirmed { member, incarnation }, .. } =
                &record.kind
            {
                if sim.node(*member).is_some() {
                    wrongly.insert((*member, *incarnation));
                } else if *member == victim && found.first_confirmed.is_none() {
                    found.first_confirmed = Some(record.time - warmup);
                }
            }
        }
        if found.first_confirmed.is_some() && found.all_know.is_none() {
            let everyone =
                sim.nodes().iter().flatten().all(|node| node.member(victim).status >= Status::Dead);
            if everyone {
                found.all_know = Some(sim.now() - warmup);
            }
        }
    }
    found.false_positives = wrongly.len() as u64;
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SECOND;

    #[test]
    fn the_model_starts_at_one_member_and_approaches_all() {
        for mode in [Mode::Push, Mode::Pull, Mode::PushPull] {
            let curve = epidemic_model(mode, 3, 1000, 20);
            assert_eq!(curve[0], 0.001);
            assert!(curve.windows(2).all(|w| w[1] >= w[0]), "{mode:?} never shrinks");
            assert!(curve[20] > 0.999, "{mode:?}: {}", curve[20]);
        }
        // Push and pull start alike (about fanout · i new members a round); push-pull adds
        // both; near the end pull's misses shrink quadratically and push's only by a factor.
        let at = |mode, round| epidemic_model(mode, 3, 1000, 12)[round];
        assert!(at(Mode::PushPull, 4) > at(Mode::Push, 4).max(at(Mode::Pull, 4)));
        assert!(1.0 - at(Mode::Pull, 8) < 1.0 - at(Mode::Push, 8));
    }

    #[test]
    fn anti_entropy_stretches_like_memberlist_above_32_members() {
        let config = GossipConfig::default();
        assert_eq!(config.sync_period(5), config.sync_interval);
        assert_eq!(config.sync_period(32), config.sync_interval);
        assert_eq!(config.sync_period(33), 2 * config.sync_interval);
        assert_eq!(config.sync_period(1000), 6 * config.sync_interval);
    }

    #[test]
    fn a_rumor_reaches_every_member_of_a_hundred() {
        let rounds = spread(100, &GossipConfig::default(), 1, 15);
        assert_eq!((rounds[0].aligned, rounds[0].free), (0.01, 0.01));
        assert_eq!(rounds.last().map(|r| (r.aligned, r.free)), Some((1.0, 1.0)));
    }

    #[test]
    fn a_crash_is_detected_and_nothing_else_without_loss() {
        let config = GossipConfig::default();
        let found = detection(20, &config, 3, 0.0, 5 * SECOND, 20 * SECOND);
        assert_eq!(found.false_positives, 0);
        let all =
            found.all_know.unwrap_or_else(|| panic!("everyone learns of the crash: {found:?}"));
        assert!(found.first_confirmed.is_some_and(|first| first <= all));
    }
}
