//! The search's tables: fingerprints are uniform already, so tables use them as they are,
//! split in shards so threads rarely wait for one another; depth-first search's visited set
//! is a plain array of them.

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

/// Depth-first search's visited set: the fingerprints themselves in one array, by linear
/// probing from the slot their top bits name. A look-up reads one cache line, where a
/// `HashSet<u64>` reads its control bytes and then its slots (two misses once the set is
/// larger than the cache, which it soon is: a fifth of the search's time went to them).
pub struct Fingerprints {
    /// 0 is an empty slot: a fingerprint is never 0.
    slots: Vec<u64>,
    len: usize,
    /// Bits of a fingerprint that pick its first slot: `slots.len()` is `1 << bits`.
    bits: u32,
}

impl Fingerprints {
    pub fn new() -> Self {
        let bits = 10;
        Fingerprints { slots: vec![0; 1 << bits], len: 0, bits }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Adds `fp` (not 0); whether it was new.
    pub fn insert(&mut self, fp: u64) -> bool {
        debug_assert_ne!(fp, 0, "0 marks an empty slot");
        let mask = self.slots.len() - 1;
        let mut at = (fp >> (64 - self.bits)) as usize;
        loop {
            match self.slots[at] {
                0 => break,
                seen if seen == fp => return false,
                _ => at = (at + 1) & mask,
            }
        }
        self.slots[at] = fp;
        self.len += 1;
        // Three quarters full at most: beyond that, runs of full slots grow long.
        if self.len * 4 > self.slots.len() * 3 {
            self.grow();
        }
        true
    }

    fn grow(&mut self) {
        let doubled = vec![0; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.bits += 1;
        self.len = 0;
        for fp in old.into_iter().filter(|&fp| fp != 0) {
            self.insert(fp);
        }
    }
}

impl Default for Fingerprints {
    fn default() -> Self {
        Fingerprints::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Fingerprints;
    use std::collections::HashSet;

    #[test]
    fn the_visited_set_keeps_every_fingerprint_through_its_growth() {
        // Uniform fingerprints (splitmix64), some repeated, and some whose top bits are all
        // zeros or all ones: long runs from the first slot, and runs that wrap from the last.
        let mut x = 1_u64;
        let mut next = || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)).max(1)
        };
        let mut set = Fingerprints::new();
        let mut model = HashSet::new();
        for i in 0..200_000_u64 {
            let fp = match i % 100 {
                0 => next() | (u64::MAX << 20),
                50 => (next() >> 44).max(1),
                _ => next(),
            };
            assert_eq!(set.insert(fp), model.insert(fp), "{fp:#x}");
            if i % 7 == 0 {
                assert!(!set.insert(fp), "a repeat is not new");
            }
        }
        assert_eq!(set.len(), model.len());
        assert!(model.iter().all(|&fp| !set.insert(fp)), "every fingerprint is still there");
    }
}
