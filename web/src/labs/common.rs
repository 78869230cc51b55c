//! Helpers that several labs share when they build a simulation or draw a timer.
// A bundle that carries one lab uses only that lab's helpers.
#![cfg_attr(not(feature = "default"), allow(dead_code))]

use clusterscope_core::protocols::kv::Command;
use clusterscope_core::sim::{
    Action, NetworkParams, Node, NodeId, Sim, SimConfig, Target, Time, MILLI, SECOND,
};

use super::own::{Kind, Param};
use super::settings::{LabSettings, STEADY_WRITES};
use crate::en;
use crate::tr;
use crate::views::l10n::tr;

/// The leader's heartbeat, a setting of Raft and Multi-Paxos.
pub const HEARTBEAT: Param =
    Param { key: "heartbeat", label: en!("Heartbeat"), note: en!("ms"), kind: Kind::Time };

/// A free lab's simulation of protocol `N`: its servers, seed and latency.
pub fn lab_sim<N: Node>(settings: &LabSettings, protocol: N::Config) -> Sim<N> {
    let network = NetworkParams { latency: settings.latency, ..NetworkParams::default() };
    Sim::new(SimConfig { network, ..SimConfig::new(settings.servers, settings.seed) }, protocol)
}

/// A steady client writing `k{i mod 5}={i}` through the leader every `every` (none if 0),
/// for protocols with a replicated key-value store; it stops after [`STEADY_WRITES`], so a
/// lab left playing stays bounded.
pub fn steady_writes<N: Node<Command = Command>>(sim: &mut Sim<N>, every: Time) {
    if every == 0 {
        return;
    }
    for i in 1..=STEADY_WRITES {
        let command =
            Command::Set { key: format!("k{}", i % 5).into(), value: i.to_string().into() };
        sim.schedule(i * every, Action::Client { node: Target::LEADER, command }, None);
    }
}

/// The fraction of `longest` still to run on the node's timer `wanted`, if armed.
pub fn timer_left<N: Node>(
    sim: &Sim<N>,
    id: NodeId,
    wanted: N::Timer,
    clock: Time,
    longest: Time,
) -> Option<f64> {
    sim.timers(id)
        .find(|(timer, _)| *timer == wanted)
        .map(|(_, due)| due.saturating_sub(clock) as f64 / longest.max(1) as f64)
}

/// Raft's and Multi-Paxos's timing: a leader timeout range (`name` in the page's words) and
/// a heartbeat shorter than its low end, or followers time out while the leader is alive.
pub fn validate_leader_timing(
    (min, max): (Time, Time),
    heartbeat: Time,
    name: &str,
) -> Result<(), String> {
    if min < MILLI || max > 60 * SECOND || min > max {
        return Err(tr!("{name} must be a range from 1 ms to 60 s, min ≤ max.", name = tr(name)));
    }
    if heartbeat < MILLI || heartbeat >= min {
        return Err(tr(en!(
            "Heartbeat must be at least 1 ms and shorter than the election timeout (or \
             followers time out while the leader is alive)."
        )));
    }
    Ok(())
}
