//! The wasm half of the throughput benchmark (`cargo xtask bench` runs it in release mode in
//! headless Chromium): the same workload as core/benches/raft_throughput.rs, timed with
//! `performance.now()`. Not part of `cargo xtask test`: timings are not assertions.

use clusterscope_core::workloads::{run_gossip_load, run_steady_load, steady_gossip, steady_raft};
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

/// The 1,000-member gossip workload of core/benches/gossip_throughput.rs, in wasm.
#[wasm_bindgen_test]
fn gossip_1000_events_per_second_in_wasm() {
    const GOSSIP_STEPS: u64 = 100_000;
    const GOSSIP_ROUNDS: usize = 5;
    let warmed = steady_gossip(true);
    run_gossip_load(&mut warmed.clone(), GOSSIP_STEPS);
    let mut rates: Vec<f64> = (0..GOSSIP_ROUNDS)
        .map(|_| {
            let mut sim = warmed.clone();
            let start = now_ms();
            let ran = run_gossip_load(&mut sim, GOSSIP_STEPS);
            ran as f64 / ((now_ms() - start) / 1000.0)
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    let start = now_ms();
    let clones = 20;
    for _ in 0..clones {
        std::hint::black_box(warmed.clone());
    }
    console_log!(
        "wasm gossip_1000_nodes/with_checkers: median {:.0} K events/s (min {:.0}, max {:.0}) over {GOSSIP_ROUNDS} runs of {GOSSIP_STEPS} events; one checkpoint clone {:.1} ms",
        rates[GOSSIP_ROUNDS / 2] / 1e3,
        rates[0] / 1e3,
        rates[GOSSIP_ROUNDS - 1] / 1e3,
        (now_ms() - start) / clones as f64
    );
}

/// Scrubbing: the default lab computed to step 100,000, then seeks to spread-out steps (each
/// restores the nearest checkpoint and replays at most a checkpoint interval). Also times the
/// first visit, which is what opening a link to step 100,000 costs.
#[wasm_bindgen_test]
fn seek_to_step_100_000() {
    const TARGET: u64 = 100_000;
    let mut timeline = clusterscope_web::demo_cluster();
    let start = now_ms();
    timeline.seek(TARGET);
    let first_visit = now_ms() - start;
    assert_eq!(timeline.step(), TARGET);
    timeline.seek(0);

    // A fixed spread of targets (multiplicative hashing keeps them deterministic).
    let mut times: Vec<f64> = (1..=200u64)
        .map(|i| {
            let target = if i % 4 == 0 { TARGET } else { (i * 2_654_435_761) % TARGET };
            let start = now_ms();
            timeline.seek(target);
            now_ms() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let pick = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    console_log!(
        "wasm seek within 100,000 computed steps: median {:.2} ms, p95 {:.2} ms, max {:.2} ms over {} seeks; first visit to step {TARGET}: {:.0} ms ({} trace records)",
        pick(0.5),
        pick(0.95),
        pick(1.0),
        times.len(),
        first_visit,
        timeline.full_trace().len()
    );
}

/// The page's memory after playing a lab for one virtual hour: the timeline's checkpoints
/// and trace records are what grows, within `session::run::retention`'s ceiling.
#[wasm_bindgen_test]
fn one_hour_in_the_page_stays_within_the_rewind_ceiling() {
    use clusterscope_web::{Lab, LabSettings, Session};
    use wasm_bindgen::JsCast;
    let memory = || {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map(|m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as f64)
            .unwrap_or(0.0)
            / (1 << 20) as f64
    };
    for servers in [5, 9] {
        let before = memory();
        let settings = LabSettings { servers, write_every: 100_000, ..LabSettings::default() };
        let mut session = Session::new(Lab::Custom(settings)).expect("a valid lab");
        let start = now_ms();
        session.run.advance_to(3600 * 1_000_000);
        let steps = session.run.step();
        // Seek back to the start and forward again: what a person scrubbing does.
        session.run.seek(0);
        session.run.seek(steps / 2);
        console_log!(
            "wasm one hour, {servers} servers (steady client every 100 ms, 600 writes): {steps} steps in {:.1} s; wasm memory {:.0} MiB (was {:.0} MiB before the lab)",
            (now_ms() - start) / 1000.0,
            memory(),
            before
        );
    }
}
