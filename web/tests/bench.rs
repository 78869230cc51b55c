//! The wasm half of the throughput benchmark (`cargo xtask bench` runs it in release mode in
//! headless Chromium): the same workload as core/benches/raft_throughput.rs, timed with
//! `performance.now()`. Not part of `cargo xtask test`: timings are not assertions.

use clusterscope_core::workloads::{run_steady_load, steady_raft};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const STEPS: u64 = 200_000;
const ROUNDS: usize = 15;
/// Untimed rounds first: V8 compiles wasm with a baseline tier and swaps in optimized code
/// later, and the first measured rounds were up to 5x slower than the rest.
const WARM_UP: usize = 5;

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

#[wasm_bindgen_test]
fn raft_events_per_second_in_wasm() {
    for (name, check) in [("without_checkers", false), ("with_checkers", true)] {
        let warmed = steady_raft(check);
        for _ in 0..WARM_UP {
            run_steady_load(&mut warmed.clone(), STEPS);
        }
        let mut rates: Vec<f64> = (0..ROUNDS)
            .map(|_| {
                let mut sim = warmed.clone();
                let start = now_ms();
                let ran = run_steady_load(&mut sim, STEPS);
                ran as f64 / ((now_ms() - start) / 1000.0)
            })
            .collect();
        rates.sort_by(f64::total_cmp);
        console_log!(
            "wasm raft_5_nodes_steady_load/{name}: median {:.2} M events/s (min {:.2}, max {:.2}) over {ROUNDS} runs of {STEPS} events after {WARM_UP} warm-up runs",
            rates[ROUNDS / 2] / 1e6,
            rates[0] / 1e6,
            rates[ROUNDS - 1] / 1e6
        );
    }
}
