//! The wasm half of the determinism check: the same scenarios, run inside headless Chromium,
//! must produce byte for byte the golden traces the native test (core/tests/determinism.rs)
//! checks.

use clusterscope_core::scenario::Scenario;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn trace_json(name: &str, text: &str) -> String {
    let scenario = Scenario::parse(text, name).expect("scenario parses");
    let (_, trace) = scenario.run_raft(true);
    serde_json::to_string(&trace).expect("trace serializes") + "\n"
}

#[wasm_bindgen_test]
fn leader_crash_trace_is_byte_identical_to_native() {
    let trace = trace_json(
        "leader-crash",
        include_str!("../../scenarios/leader-crash.toml"),
    );
    let golden = include_str!("../../tests/golden/leader-crash.trace.json");
    assert_eq!(trace.len(), golden.len());
    assert!(
        trace == golden,
        "wasm trace differs from the native golden trace"
    );
}

#[wasm_bindgen_test]
fn lossy_network_trace_is_byte_identical_to_native() {
    let trace = trace_json(
        "lossy-network",
        include_str!("../../scenarios/lossy-network.toml"),
    );
    let golden = include_str!("../../tests/golden/lossy-network.trace.json");
    assert_eq!(trace.len(), golden.len());
    assert!(
        trace == golden,
        "wasm trace differs from the native golden trace"
    );
}
