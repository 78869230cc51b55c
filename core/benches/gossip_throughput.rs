//! Events per second of a 1,000-member SWIM + gossip cluster, natively, with and without the
//! checkers, and the cost of one checkpoint (a clone of the whole world) at that size.
//! `cargo xtask bench` runs this and the same workload in wasm.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

use clusterscope_core::workloads::{run_gossip_load, steady_gossip};

const STEPS: u64 = 100_000;

fn gossip_throughput(c: &mut Criterion) {
    let mut group = c.benchmark_group("gossip_1000_nodes");
    group.throughput(Throughput::Elements(STEPS));
    group.sample_size(10);
    for (name, check) in [("without_checkers", false), ("with_checkers", true)] {
        let warmed = steady_gossip(check);
        group.bench_function(name, |b| {
            b.iter_batched(
                || warmed.clone(),
                |mut sim| run_gossip_load(&mut sim, STEPS),
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();
    let warmed = steady_gossip(true);
    c.bench_function("gossip_1000_nodes/checkpoint_clone", |b| b.iter(|| warmed.clone()));
}

criterion_group!(benches, gossip_throughput);
criterion_main!(benches);
