//! Workloads shared by the native benchmarks (criterion) and the wasm benchmark (headless
//! Chromium), so both measure exactly the same event stream.

use crate::protocols::raft::{Command, RaftConfig, RaftNode};
use crate::sim::{Action, Sim, SimConfig, Target, MILLI, SECOND};

/// A 5-node Raft cluster under steady client load: one write to the leader every millisecond
/// for `seconds` of virtual time, on a network with 1–3 ms latency. Returned after its first
/// election (warmed up), so a measurement sees steady-state replication only.
pub fn steady_raft(check: bool, seconds: u64) -> Sim<RaftNode> {
    let config = SimConfig {
        record: false,
        check,
        network: crate::sim::NetworkParams {
            latency: (MILLI, 3 * MILLI),
            ..Default::default()
        },
        ..SimConfig::new(5, 42)
    };
    let mut sim = Sim::new(config, RaftConfig::default());
    let start = SECOND;
    for i in 0..seconds * 1000 {
        let command = Command::Set {
            key: format!("k{}", i % 16),
            value: i.to_string(),
        };
        sim.schedule(
            start + i * MILLI,
            Action::Client {
                node: Target::LEADER,
                command,
            },
            None,
        );
    }
    sim.run_until(start);
    sim
}

/// Runs `steps` events; returns how many ran (fewer only if the queue emptied).
pub fn run_steps(sim: &mut Sim<RaftNode>, steps: u64) -> u64 {
    let mut done = 0;
    while done < steps && sim.step() {
        done += 1;
    }
    done
}
