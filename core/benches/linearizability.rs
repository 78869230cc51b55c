//! The linearizability checker on 10,000 overlapping key-value operations (the size #16 asks
//! to check in under a second). Each operation overlaps about 70 others: about 4 on its own
//! key over 16 keys, about 17 over 4. The search is exponential in how many operations on one
//! key overlap; before the checker pruned writes no waiting read could follow, the 4-key
//! history took 9.6 s.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use clusterscope_core::history::linearizable::{check, Verdict};
use clusterscope_core::workloads::register_history;

fn linearizability(c: &mut Criterion) {
    let mut group = c.benchmark_group("linearizability_check");
    group.sample_size(20);
    for keys in [16, 4] {
        let history = register_history(10_000, keys, 7);
        assert_eq!(check(&history), Verdict::Linearizable);
        group.throughput(Throughput::Elements(history.len() as u64));
        group.bench_function(format!("10k_ops_{keys}_keys"), |b| b.iter(|| check(&history)));
    }
    group.finish();
}

criterion_group!(benches, linearizability);
criterion_main!(benches);
