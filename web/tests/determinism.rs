//! The wasm half of the determinism check: the same scenarios, run inside headless Chromium,
//! must produce byte for byte the golden traces the native test (core/tests/determinism.rs)
//! checks.

use clusterscope_core::scenario::Scenario;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn assert_matches_golden(name: &str, scenario: &str, golden: &str) {
    let trace = Scenario::parse(scenario, name).expect("scenario parses").trace_json();
    assert_eq!(trace.len(), golden.len(), "{name}: wasm trace length differs from native");
    assert!(trace == golden, "{name}: wasm trace differs from the native golden trace");
}

#[wasm_bindgen_test]
fn leader_crash_trace_is_byte_identical_to_native() {
    assert_matches_golden(
        "leader-crash",
        include_str!("../../scenarios/leader-crash.toml"),
        include_str!("../../tests/golden/leader-crash.trace.json"),
    );
}

#[wasm_bindgen_test]
fn lossy_network_trace_is_byte_identical_to_native() {
    assert_matches_golden(
        "lossy-network",
        include_str!("../../scenarios/lossy-network.toml"),
        include_str!("../../tests/golden/lossy-network.trace.json"),
    );
}

#[wasm_bindgen_test]
fn dueling_proposers_trace_is_byte_identical_to_native() {
    assert_matches_golden(
        "dueling-proposers",
        include_str!("../../scenarios/dueling-proposers.toml"),
        include_str!("../../tests/golden/dueling-proposers.trace.json"),
    );
}

#[wasm_bindgen_test]
fn multipaxos_failover_trace_is_byte_identical_to_native() {
    assert_matches_golden(
        "multipaxos-failover",
        include_str!("../../scenarios/multipaxos-failover.toml"),
        include_str!("../../tests/golden/multipaxos-failover.trace.json"),
    );
}

#[wasm_bindgen_test]
fn gossip_refute_trace_is_byte_identical_to_native() {
    assert_matches_golden(
        "gossip-refute",
        include_str!("../../scenarios/gossip-refute.toml"),
        include_str!("../../tests/golden/gossip-refute.trace.json"),
    );
}

#[wasm_bindgen_test]
fn leases_pause_and_drift_traces_are_byte_identical_to_native() {
    assert_matches_golden(
        "leases-gc-pause",
        include_str!("../../scenarios/leases-gc-pause.toml"),
        include_str!("../../tests/golden/leases-gc-pause.trace.json"),
    );
    assert_matches_golden(
        "leases-clock-drift",
        include_str!("../../scenarios/leases-clock-drift.toml"),
        include_str!("../../tests/golden/leases-clock-drift.trace.json"),
    );
}
