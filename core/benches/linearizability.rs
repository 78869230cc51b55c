//! The linearizability checker on 10,000 overlapping key-value operations over 16 keys (the
//! size #16 asks to check in under a second). Each operation overlaps about 70 others, so
//! about 4 on its own key; on 4 keys (about 17 per key) the same search took 9.6 s, which is
//! why this measures 16: the search is exponential in how many operations on one key overlap.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use clusterscope_core::history::linearizable::{check, Verdict};
use clusterscope_core::workloads::register_history;

fn linearizability(c: &mut Criterion) {
    let mut group = c.benchmark_group("linearizability_check");
    group.sample_size(20);
    let history = register_history(10_000, 16, 7);
    assert_eq!(check(&history), Verdict::Linearizable);
    group.throughput(Throughput::Elements(history.len() as u64));
    group.bench_function("10k_ops_16_keys", |b| b.iter(|| check(&history)));
    group.finish();
}

criterion_group!(benches, linearizability);
criterion_main!(benches);
