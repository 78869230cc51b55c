//! Workloads shared by the native benchmarks (criterion) and the wasm benchmark (headless
//! Chromium), so both measure exactly the same event stream.

use std::sync::Arc;

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::history::{Ending, Moment, OpKind, Operation};
use crate::protocols::gossip::{Command as GossipCommand, GossipConfig, GossipNode};
use crate::protocols::raft::{Command, RaftConfig, RaftNode};
use crate::sim::{Action, NetworkParams, NodeId, Sim, SimConfig, Target, Time, MILLI, SECOND};

/// Gap between two client writes in the steady-load workload.
pub const REQUEST_GAP: Time = MILLI;

/// A 5-node Raft cluster on a network with 1–3 ms latency, returned after its first election
/// (warmed up) so a measurement sees steady-state replication only.
pub fn steady_raft(check: bool) -> Sim<RaftNode> {
    let config = SimConfig {
        record: false,
        check,
        network: NetworkParams { latency: (MILLI, 3 * MILLI), ..Default::default() },
        ..SimConfig::new(5, 42)
    };
    let mut sim = Sim::new(config, RaftConfig::default());
    sim.run_until(SECOND);
    sim
}

/// Runs at least `steps` events under steady client load: one write to the leader every
/// millisecond, each scheduled just before it is due (as a live client would send it), so the
/// event queue holds what a real run holds. Returns the number of events run.
pub fn run_steady_load(sim: &mut Sim<RaftNode>, steps: u64) -> u64 {
    let start = sim.steps();
    let mut request = 0u64;
    while sim.steps() - start < steps {
        request += 1;
        let command = Command::Set {
            key: format!("k{}", request % 16).into(),
            value: request.to_string().into(),
        };
        let due = sim.now() + REQUEST_GAP;
        sim.schedule(due, Action::Client { node: Target::LEADER, command }, None);
        sim.run_until(due);
    }
    sim.steps() - start
}

/// Members of the large gossip workload: the page's target size.
pub const GOSSIP_NODES: usize = 1000;

/// A 1,000-member gossip cluster with memberlist's defaults, returned two seconds in (every
/// timer has fired at least once), with a rumor written every 100 ms from then on.
pub fn steady_gossip(check: bool) -> Sim<GossipNode> {
    let config = SimConfig { record: false, check, ..SimConfig::new(GOSSIP_NODES, 42) };
    let mut sim = Sim::new(config, GossipConfig::default());
    sim.run_until(2 * SECOND);
    sim
}

/// Runs at least `steps` events of the gossip cluster, a client writing a rumor at a
/// member every 100 ms of virtual time. Returns the number of events run.
pub fn run_gossip_load(sim: &mut Sim<GossipNode>, steps: u64) -> u64 {
    let start = sim.steps();
    let mut write = 0u64;
    while sim.steps() - start < steps {
        write += 1;
        let node = crate::sim::NodeId((write * 7919 % GOSSIP_NODES as u64) as u32);
        let command = GossipCommand::Set {
            key: format!("k{}", write % 16).into(),
            value: write.to_string().into(),
        };
        let due = sim.now() + 100 * MILLI;
        sim.schedule(due, Action::Client { node: Target::Node(node), command }, None);
        sim.run_until(due);
    }
    sim.steps() - start
}

/// A key-value history of `ops` operations over `keys` keys in which every operation
/// overlaps dozens of others, linearizable by construction: each takes effect at a moment
/// inside its interval, in request order, and reads return what the effects so far wrote.
/// What the linearizability checker's test and benchmark check.
pub fn register_history(ops: usize, keys: u32, seed: u64) -> Vec<Operation> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut values: Vec<Option<Arc<str>>> = vec![None; keys as usize];
    let moment = |step: u64| Moment { step, time: step };
    (0..ops as u64)
        .map(|request| {
            let effect = 10 * request + 5;
            let call = effect.saturating_sub(rng.random_range(1..=300));
            let answer = effect + rng.random_range(1..=400);
            let key = rng.random_range(0..keys) as usize;
            let kind = if rng.random_bool(0.5) {
                let value: Arc<str> = request.to_string().into();
                values[key] = Some(value.clone());
                OpKind::Write { value }
            } else {
                OpKind::Read { value: values[key].clone() }
            };
            Operation {
                request,
                node: NodeId(0),
                key: format!("k{key}").into(),
                kind,
                call: moment(call),
                answer: Some(moment(answer)),
                ending: Ending::Ok,
            }
        })
        .collect()
}
