//! Determinism: a scenario's trace is byte-identical from run to run and matches the golden
//! file that the wasm build (web/tests/determinism.rs, in headless Chromium) also checks, so
//! native and wasm agree byte for byte.
//!
//! After an intended change to traces, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p clusterscope-core --test determinism`.

use std::path::PathBuf;

use clusterscope_core::scenario::Scenario;

fn repo_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

fn trace_json(scenario: &str) -> String {
    let path = repo_file(&format!("scenarios/{scenario}.toml"));
    let text = std::fs::read_to_string(&path).expect("scenario exists");
    Scenario::parse(&text, scenario).expect("scenario parses").trace_json()
}

#[test]
fn same_scenario_same_trace_bytes() {
    assert_eq!(trace_json("lossy-network"), trace_json("lossy-network"));
}

/// Scenarios whose traces are pinned: Raft with crashes and restarts, Raft with random loss
/// and duplication (so every use of the generator is covered), one of each Paxos, and
/// gossip (whose peers come from the separate `random_below` stream), and the leases lab
/// with a pause and with a drifting clock (whose arithmetic must round alike everywhere).
pub const GOLDEN: [&str; 7] = [
    "leader-crash",
    "lossy-network",
    "dueling-proposers",
    "multipaxos-failover",
    "gossip-refute",
    "leases-gc-pause",
    "leases-clock-drift",
];

#[test]
fn traces_match_the_golden_files_shared_with_wasm() {
    for name in GOLDEN {
        let golden = repo_file(&format!("tests/golden/{name}.trace.json"));
        let trace = trace_json(name);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &trace).expect("write golden");
        }
        let expected = std::fs::read_to_string(&golden)
            .expect("golden file exists (UPDATE_GOLDEN=1 creates it)");
        assert!(
            trace == expected,
            "the {name} trace changed; if intended, regenerate with UPDATE_GOLDEN=1"
        );
    }
}

#[test]
fn trace_json_loads_back_and_serializes_identically() {
    use clusterscope_core::protocols::raft::RaftNode;
    use clusterscope_core::sim::Record;
    let text = trace_json("partitioned-leader");
    let records: Vec<Record<RaftNode>> = serde_json::from_str(&text).expect("trace loads back");
    assert!(records.len() > 100);
    assert_eq!(serde_json::to_string(&records).expect("serializes") + "\n", text);
}
