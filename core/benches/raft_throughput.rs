//! Events per second of a 5-node Raft cluster under steady client load, natively, with and
//! without the safety checkers. `cargo xtask bench` runs this and the same workload in wasm.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use clusterscope_core::workloads::{run_steady_load, steady_raft};

const STEPS: u64 = 200_000;

fn raft_throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("raft_5_nodes_steady_load");
    group.throughput(Throughput::Elements(STEPS));
    group.sample_size(20);
    for (name, check) in [("without_checkers", false), ("with_checkers", true)] {
        let warmed = steady_raft(check);
        group.bench_function(name, |b| {
            b.iter_batched(
                || warmed.clone(),
                |mut sim| run_steady_load(&mut sim, STEPS),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, raft_throughput);
criterion_main!(benches);
