//! The search's tables: fingerprints are uniform already, so tables use them as they are,
//! split in shards so threads rarely wait for one another.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

/// Fingerprints are already uniform: the table uses them as they are.
#[derive(Default)]
pub struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type Table<V> = HashMap<u64, V, BuildHasherDefault<Identity>>;

/// The visited set, split so threads rarely wait for one another.
pub struct Shards<V> {
    shards: Vec<Mutex<Table<V>>>,
}

const SHARDS: usize = 64;

impl<V> Shards<V> {
    pub fn new() -> Self {
        Shards { shards: (0..SHARDS).map(|_| Mutex::new(Table::default())).collect() }
    }

    /// Middle bits pick the shard; the table uses the low bits and the top seven itself.
    pub fn shard(&self, fp: u64) -> std::sync::MutexGuard<'_, Table<V>> {
        let shard = &self.shards[(fp >> 32) as usize % SHARDS];
        shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn len(&self) -> usize {
        (0..SHARDS).map(|i| self.shards[i].lock().map_or(0, |t| t.len())).sum()
    }
}

impl<T> Shards<Arc<T>> {
    /// The copy already kept under `hash`, or `value`, kept from now on.
    pub fn intern(&self, hash: u64, value: Arc<T>) -> Arc<T> {
        self.shard(hash).entry(hash).or_insert(value).clone()
    }
}
