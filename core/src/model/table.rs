//! The search's tables: fingerprints are uniform already, so breadth-first search's tables
//! use them as they are, split in shards so threads rarely wait for one another; and how
//! depth-first search's visited set (`visited.rs`) keeps each state's least depth.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU8, Ordering};
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

/// What a search learns from adding a state's fingerprint at some depth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visit {
    New,
    /// Seen before, but only by longer paths: its moves must be tried again from here, where
    /// more of them fit within the depth bound (only in a table that keeps depths).
    Shallower,
    Seen,
}

/// Deepest depth a table that keeps depths records (one byte a state; 255 marks none).
pub const MAX_KEPT_DEPTH: usize = u8::MAX as usize - 1;

/// Records in `depths[at]` that a state was reached at `depth`, if the table keeps depths,
/// and says what that makes of the visit.
pub(super) fn record_depth(
    depths: Option<&[AtomicU8]>,
    at: usize,
    new: bool,
    depth: usize,
) -> Visit {
    let Some(depths) = depths else {
        return if new { Visit::New } else { Visit::Seen };
    };
    debug_assert!(depth <= MAX_KEPT_DEPTH, "depth {depth} beyond what is kept");
    let mark = depth_mark(depth);
    // Two threads may reach a new state at once: the one that claimed the slot counts it
    // as new, and the other tries its moves too if its path was the shorter.
    let before = depths[at].fetch_max(mark, Ordering::Relaxed);
    match (new, before < mark) {
        (true, _) => Visit::New,
        (false, true) => Visit::Shallower,
        (false, false) => Visit::Seen,
    }
}

/// How a depth is kept: `u8::MAX` less it, so that the 0 a new slot starts with is deeper
/// than any depth, and a shallower one is the larger mark (`fetch_max` keeps the least).
pub(super) fn depth_mark(depth: usize) -> u8 {
    (u8::MAX as usize - depth.min(MAX_KEPT_DEPTH)) as u8
}

/// The depth a mark keeps (0 for a table that keeps none).
pub(super) fn marked_depth(mark: Option<u8>) -> usize {
    mark.map_or(0, |mark| u8::MAX as usize - mark as usize)
}

/// Gives the pages wholly inside `part` back to the kernel: a table that is being moved to a
/// larger one is done with them. (Shrinking the `Vec` instead would copy what is left of an
/// array aligned to a cache line, since `realloc` keeps only 16-byte alignment.)
#[cfg(target_os = "linux")]
pub(super) fn hand_back<T>(part: &[T]) {
    const PAGE: usize = 4096;
    let start = (part.as_ptr() as usize).next_multiple_of(PAGE);
    let end = (part.as_ptr() as usize + std::mem::size_of_val(part)) / PAGE * PAGE;
    if end > start {
        // SAFETY: the range lies inside `part`'s allocation, whose contents nobody reads
        // again: it is only dropped. Its pages read as zeros if they were.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
        }
    }
}

/// Elsewhere (the page's WebAssembly memory never shrinks) the memory stays until the old
/// table is dropped.
#[cfg(not(target_os = "linux"))]
pub(super) fn hand_back<T>(_: &[T]) {}
