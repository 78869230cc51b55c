//! The search's tables: fingerprints are uniform already, so tables use them as they are,
//! split in shards so threads rarely wait for one another; a plain array of them holds what
//! overflows depth-first search's visited set (`visited.rs`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, AtomicU8, Ordering};
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

/// Whole fingerprints in one array, by linear probing from the slot their top bits name: a
/// look-up reads one cache line. Depth-first search keeps here the few fingerprints its
/// visited set's blocks had no room for (`visited.rs`).
///
/// A search for the shortest counterexample also keeps the least depth each state was
/// reached at (`with_depths`, `visit`), one byte a state beside its fingerprint.
pub struct Fingerprints {
    /// 0 is an empty slot: a fingerprint is never 0.
    slots: Vec<AtomicU64>,
    /// If kept, beside each slot: `u8::MAX` less the least depth its state was reached at,
    /// so that the 0 a new slot starts with is deeper than any depth (a depth-first search
    /// reaches a state again at a smaller depth with `fetch_max`, from any thread).
    depths: Option<Vec<AtomicU8>>,
    len: usize,
    /// Bits of a fingerprint that pick its first slot: `slots.len()` is `1 << bits`.
    bits: u32,
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

impl Fingerprints {
    pub fn new() -> Self {
        Fingerprints::with_bits(10, false)
    }

    /// A table that keeps each state's least depth too, up to [`MAX_KEPT_DEPTH`].
    pub fn with_depths() -> Self {
        Fingerprints::with_bits(10, true)
    }

    fn with_bits(bits: u32, depths: bool) -> Self {
        // Zeroed by the allocator: a large array's pages are mapped as they are first written.
        let slots: Vec<AtomicU64> = bytemuck::zeroed_vec(1 << bits);
        ask_for_huge_pages(&slots);
        let depths = depths.then(|| {
            let depths: Vec<AtomicU8> = bytemuck::zeroed_vec(1 << bits);
            ask_for_huge_pages(&depths);
            depths
        });
        Fingerprints { slots, depths, len: 0, bits }
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }

    fn first_slot(&self, fp: u64) -> usize {
        (fp >> (64 - self.bits)) as usize
    }

    /// Adds `fp` (not 0) reached at `depth`: whether it is new, or reached closer to the
    /// initial state than ever before (a table without depths says `Seen` then).
    pub fn visit(&mut self, fp: u64, depth: usize) -> Visit {
        let (at, new) = self.claim(fp);
        self.visit_at(at, new, depth)
    }

    /// The slot that holds `fp`, which it takes if `fp` was not there yet, and whether so.
    fn claim(&mut self, fp: u64) -> (usize, bool) {
        debug_assert_ne!(fp, 0, "0 marks an empty slot");
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(fp);
        loop {
            match *self.slots[at].get_mut() {
                0 => break,
                seen if seen == fp => return (at, false),
                _ => at = (at + 1) & mask,
            }
        }
        *self.slots[at].get_mut() = fp;
        self.len += 1;
        // Three quarters full at most: beyond that, runs of full slots grow long.
        if self.len * 4 > self.slots.len() * 3 {
            self.grow();
            return (self.find(fp), true);
        }
        (at, true)
    }

    /// The slot of a fingerprint the table holds.
    fn find(&self, fp: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(fp);
        while self.slots[at].load(Ordering::Relaxed) != fp {
            at = (at + 1) & mask;
        }
        at
    }

    /// Records `depth` for the state in slot `at`, if the table keeps depths.
    fn visit_at(&self, at: usize, new: bool, depth: usize) -> Visit {
        record_depth(self.depths.as_deref(), at, new, depth)
    }

    /// Every fingerprint the table holds, with the least depth it was reached at (0 in a
    /// table that keeps none).
    pub fn into_visits(self) -> impl Iterator<Item = (u64, usize)> {
        let mut marks = self.depths.map(|depths| depths.into_iter().map(AtomicU8::into_inner));
        let slots = self.slots.into_iter().map(AtomicU64::into_inner);
        slots
            .map(move |fp| (fp, marked_depth(marks.as_mut().and_then(Iterator::next))))
            .filter(|&(fp, _)| fp != 0)
    }

    /// Doubles the array. The old one is moved over from its end, a part at a time, and each
    /// part's memory handed back as soon as its fingerprints are in the new array, so the
    /// two are never both whole: the peak is the new array, not one and a half times it.
    fn grow(&mut self) {
        const PART: usize = 1 << 16;
        let bigger = Fingerprints::with_bits(self.bits + 1, self.depths.is_some());
        let old = std::mem::replace(self, bigger);
        let (mut slots, mut depths) = (old.slots, old.depths.unwrap_or_default());
        while !slots.is_empty() {
            let from = slots.len().saturating_sub(PART);
            let marks = depths.drain(from.min(depths.len())..).map(AtomicU8::into_inner);
            let marks = marks.map(Some).chain(std::iter::repeat(None));
            for (fp, mark) in slots.drain(from..).map(AtomicU64::into_inner).zip(marks) {
                if fp == 0 {
                    continue;
                }
                let (at, _) = self.claim(fp);
                if let (Some(mark), Some(depths)) = (mark, &mut self.depths) {
                    *depths[at].get_mut() = mark;
                }
            }
            slots.shrink_to_fit();
            depths.shrink_to_fit();
        }
    }
}

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
fn depth_mark(depth: usize) -> u8 {
    (u8::MAX as usize - depth.min(MAX_KEPT_DEPTH)) as u8
}

/// The depth a mark keeps (0 for a table that keeps none).
pub(super) fn marked_depth(mark: Option<u8>) -> usize {
    mark.map_or(0, |mark| u8::MAX as usize - mark as usize)
}

/// Asks the kernel to back `array` with huge pages where it can. Each look-up reads a
/// random slot, and with 4 KiB pages nearly every one also misses the TLB once the array is
/// a few megabytes.
#[cfg(target_os = "linux")]
fn ask_for_huge_pages<T>(array: &[T]) {
    const HUGE: usize = 2 << 20;
    let bytes = std::mem::size_of_val(array);
    if bytes < 2 * HUGE {
        return;
    }
    let start = array.as_ptr() as usize;
    let aligned = start.next_multiple_of(HUGE);
    let end = (start + bytes) / HUGE * HUGE;
    // SAFETY: the range lies inside `array`'s allocation, and the advice changes how its
    // pages are backed, not what they hold.
    unsafe {
        libc::madvise(aligned as *mut libc::c_void, end - aligned, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(target_os = "linux"))]
fn ask_for_huge_pages<T>(_: &[T]) {}

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

impl Default for Fingerprints {
    fn default() -> Self {
        Fingerprints::new()
    }
}

#[cfg(test)]
mod tests {
    use super::{Fingerprints, Visit};
    use std::collections::HashSet;

    impl Fingerprints {
        fn insert(&mut self, fp: u64) -> bool {
            self.visit(fp, 0) == Visit::New
        }
    }

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

    #[test]
    fn a_table_with_depths_keeps_each_least_depth_through_its_growth() {
        let mut set = Fingerprints::with_depths();
        let spread = |i: u64| (2 * i + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
        let depth = |i: u64| 20 + (i % 7) as usize;
        for i in 0..100_000 {
            assert_eq!(set.visit(spread(i), depth(i)), Visit::New);
        }
        // Grown many times since: each state still knows its depth.
        for i in 0..100_000 {
            assert_eq!(set.visit(spread(i), depth(i)), Visit::Seen, "as deep: seen");
            assert_eq!(set.visit(spread(i), depth(i) + 1), Visit::Seen, "deeper: seen");
            if i % 2 == 0 {
                assert_eq!(set.visit(spread(i), depth(i) - 1), Visit::Shallower);
            }
        }
        for i in 0..100_000 {
            let least = depth(i) - usize::from(i % 2 == 0);
            assert_eq!(set.visit(spread(i), least), Visit::Seen);
            assert_eq!(set.visit(spread(i), 0), Visit::Shallower);
        }
        assert_eq!(set.len(), 100_000);
        assert_eq!(Fingerprints::new().visit(5, 3), Visit::New);
        let mut plain = Fingerprints::new();
        plain.visit(5, 3);
        assert_eq!(plain.visit(5, 1), Visit::Seen, "a table without depths keeps none");
    }
}
