//! Depth-first search's visited set: 6.4 bytes a slot, one cache line a look-up.
//!
//! A fingerprint's top bits pick its home: one of `homes` blocks of 64 bytes, by
//! `fp · homes / 2^64`. With at least 2^16 homes, the fingerprints that share a home differ
//! in their low 48 bits, so a block keeps only those (and how far from its home each one
//! sits): nothing of the 64-bit fingerprint is lost, so the chance of taking one state for
//! another stays what [`super::Explorer::collision_chance`] says. Since the home is a product
//! rather than a mask, the table can grow by a quarter at a time, not double, which keeps it
//! 72–90 % full instead of 37–75 %.
//!
//! A block holds ten fingerprints. One whose home is full goes to the next of the blocks
//! after it with room, up to three blocks on (they are next in memory, so usually already in
//! the cache), and past that to a small map of whole keys (`spill`, about 2 % of them at
//! 90 % full).
//!
//! A wide set (for `Model::wide`) keeps each key's second 64 bits beside the blocks, ten a
//! block: 14.4 bytes a slot, and a second cache line read only where the first 64 bits
//! match, which for a new state is almost never.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::Mutex;

use super::hash::Key;
use super::table::{depth_mark, hand_back, marked_depth, record_depth, Visit};

/// Fingerprints a block holds.
const SLOTS: usize = 10;
/// Blocks a fingerprint may sit in: its home and the three after it.
const REACH: usize = 4;
/// The fewest homes, so that a home and 48 bits name a fingerprint exactly.
const MIN_HOMES: usize = 1 << 16;
/// The most homes (256 GB of blocks), so that a home times a number of homes fits 64 bits.
const MAX_HOMES: usize = if usize::BITS > 32 { u32::MAX as usize } else { usize::MAX / 128 };
/// A block's header: its count in the low four bits, then two bits a slot for how far that
/// fingerprint sits from its home, and this bit while a thread has the block.
const COUNT: u32 = 0xf;
const LOCK: u32 = 1 << 31;

#[repr(C, align(64))]
struct Block {
    header: AtomicU32,
    /// Each fingerprint's bits 0–31 and 32–47, apart so that every field is aligned.
    low: [AtomicU32; SLOTS],
    high: [AtomicU16; SLOTS],
}

const _: () = assert!(std::mem::size_of::<Block>() == 64);

impl Block {
    /// The slot holding the fingerprint whose bits 0–47 are (`low`, `high`), whose home is
    /// `away` blocks before this one and for which `same` (given the slot) says the rest of
    /// the key matches. Every slot's low bits are compared, without a branch (where a match
    /// lies is a coin toss the branch predictor would lose), and only those that match are
    /// looked at further.
    fn find(
        &self,
        header: u32,
        away: u32,
        (low, high): (u32, u16),
        same: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut candidates = 0_u32;
        for slot in 0..SLOTS {
            candidates |= u32::from(self.low[slot].load(Ordering::Relaxed) == low) << slot;
        }
        candidates &= (1 << (header & COUNT)) - 1;
        while candidates != 0 {
            let slot = candidates.trailing_zeros() as usize;
            if distance(header, slot) == away
                && self.high[slot].load(Ordering::Relaxed) == high
                && same(slot)
            {
                return Some(slot);
            }
            candidates &= candidates - 1;
        }
        None
    }

    /// Adds the fingerprint to a block that has room, whose header (not locked) is `header`:
    /// its slot, where `keep` (given the slot) has stored the rest of the key.
    fn add(&self, header: u32, away: u32, (low, high): (u32, u16), keep: impl Fn(usize)) -> usize {
        let slot = (header & COUNT) as usize;
        self.low[slot].store(low, Ordering::Relaxed);
        self.high[slot].store(high, Ordering::Relaxed);
        keep(slot);
        // Published with the count (and the lock, if taken, let go of).
        self.header.store((header + 1) | away << (4 + 2 * slot), Ordering::Release);
        slot
    }

    /// Waits for the block, takes it, and says what its header was.
    fn lock(&self) -> u32 {
        loop {
            let header = self.header.load(Ordering::Relaxed);
            if header & LOCK == 0
                && (self.header)
                    .compare_exchange_weak(
                        header,
                        header | LOCK,
                        Ordering::Acquire,
                        Ordering::Relaxed,
                    )
                    .is_ok()
            {
                return header;
            }
            std::hint::spin_loop();
        }
    }
}

/// How far from its home the fingerprint in `slot` sits.
fn distance(header: u32, slot: usize) -> u32 {
    (header >> (4 + 2 * slot)) & 3
}

const LOW_48: u64 = (1 << 48) - 1;

/// An array of blocks, each on a cache line, whose pages are mapped as they are first
/// written. (A `Vec<Block>` is allocated aligned by `posix_memalign` and then cleared by
/// hand, which maps every page at once: a table a quarter larger than the old one, resident
/// beside it all the while it is moved.)
struct Blocks {
    /// Zeroed by `calloc`, a block more than needed, so that they can start on a line.
    words: Vec<AtomicU32>,
    /// Where the first block starts in `words`.
    start: usize,
    len: usize,
}

const WORDS_PER_BLOCK: usize = std::mem::size_of::<Block>() / 4;

impl Blocks {
    fn zeroed(len: usize) -> Self {
        let words: Vec<AtomicU32> = bytemuck::zeroed_vec((len + 1) * WORDS_PER_BLOCK);
        let address = words.as_ptr() as usize;
        let start = (address.next_multiple_of(std::mem::align_of::<Block>()) - address) / 4;
        Blocks { words, start, len }
    }
}

impl std::ops::Deref for Blocks {
    type Target = [Block];

    fn deref(&self) -> &[Block] {
        // SAFETY: `start` is under a block's worth of words, so the `len` blocks from it lie
        // inside `words`, which is borrowed as long as they are; the first is aligned for a
        // block; a block is atomic integers without padding (64 bytes, asserted above), for
        // which any bits are a value; and `words` is never read as itself.
        unsafe {
            let first = self.words.as_ptr().add(self.start).cast::<Block>();
            std::slice::from_raw_parts(first, self.len)
        }
    }
}

pub struct Visited {
    /// `homes` blocks and `REACH - 1` after them, so that no fingerprint wraps round.
    blocks: Blocks,
    homes: usize,
    /// If kept, the least depth each slot's state was reached at (see `table::record_depth`),
    /// `SLOTS` a block.
    depths: Option<Vec<AtomicU8>>,
    /// In a wide set, each slot's key's second half, `SLOTS` a block.
    checks: Option<Vec<AtomicU64>>,
    /// Keys whose home and the blocks after it were full, with their depths' marks.
    spill: Mutex<Spill>,
    /// Keys in the blocks and the spill.
    len: usize,
}

type Spill = HashMap<Key, u8, foldhash::fast::FixedState>;

/// What a visited set keeps of each state beside its fingerprint.
#[derive(Clone, Copy, Debug, Default)]
pub struct Keeps {
    /// The least depth it was reached at, up to [`super::table::MAX_KEPT_DEPTH`].
    pub depths: bool,
    /// The key's second half (`Key::check`), which a narrow set takes to be 0.
    pub checks: bool,
}

impl Visited {
    pub fn new(keeps: Keeps) -> Self {
        Visited::with_homes(MIN_HOMES, keeps)
    }

    fn with_homes(homes: usize, keeps: Keeps) -> Self {
        // Zeroed by the allocator: a large array's pages are mapped as they are first written.
        // Not on huge pages: growing a quarter at a time, the kernel's work to find and
        // clear them made each growth two to four times as slow, for no faster look-ups.
        let blocks = Blocks::zeroed(homes + REACH - 1);
        let depths = keeps.depths.then(|| bytemuck::zeroed_vec(blocks.len() * SLOTS));
        let checks = keeps.checks.then(|| bytemuck::zeroed_vec(blocks.len() * SLOTS));
        Visited { blocks, homes, depths, checks, spill: Mutex::default(), len: 0 }
    }

    fn keeps(&self) -> Keeps {
        Keeps { depths: self.depths.is_some(), checks: self.checks.is_some() }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    fn home(&self, fp: u64) -> usize {
        ((u128::from(fp) * self.homes as u128) >> 64) as usize
    }

    /// Adds `key` (its `fp` not 0) reached at `depth`: whether it is new, or reached closer
    /// to the initial state than ever before (a set without depths says `Seen` then).
    pub fn visit(&mut self, key: Key, depth: usize) -> Visit {
        let visit = self.place_as(key, depth, false);
        if visit == Visit::New {
            self.len += 1;
            if self.over_full(0) {
                self.grow();
            }
        }
        visit
    }

    /// `visit` from any of several threads, within the room `reserve` made. The callers
    /// count what they added, and say so with `added`.
    pub fn visit_shared(&self, key: Key, depth: usize) -> Visit {
        match self.claim::<true>(key, false) {
            Some((at, new)) => record_depth(self.depths.as_deref(), at, new, depth),
            None => {
                let mut spill = self.spill.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                spill_visit(&mut spill, key, depth, self.depths.is_some())
            }
        }
    }

    /// `visit` without growing, told whether `key` is known to be new (one `grow` moves),
    /// which spares looking for it.
    fn place_as(&mut self, key: Key, depth: usize, known_new: bool) -> Visit {
        match self.claim::<false>(key, known_new) {
            Some((at, new)) => record_depth(self.depths.as_deref(), at, new, depth),
            None => {
                let spill = self.spill.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner());
                spill_visit(spill, key, depth, self.depths.is_some())
            }
        }
    }

    /// The slot (block × `SLOTS` + slot) that holds `key`, which it takes if `key` was not
    /// there yet, and whether so; `None` if `key` belongs in the spill. With `SHARED`, for
    /// several threads at once: a block's slots (and their checks) are written once, before
    /// the count that publishes them, so a thread reads without waiting and locks the block
    /// only to add.
    fn claim<const SHARED: bool>(&self, key: Key, known_new: bool) -> Option<(usize, bool)> {
        let home = self.home(key.fp);
        let bits = (key.fp as u32, (key.fp >> 32) as u16);
        let checks = self.checks.as_deref();
        for (away, at) in (home..home + REACH).enumerate() {
            let (away, block) = (away as u32, &self.blocks[at]);
            let check = |slot: usize| &checks.expect("a wide set")[at * SLOTS + slot];
            let same = |slot| checks.is_none() || check(slot).load(Ordering::Relaxed) == key.check;
            let keep = |slot| {
                if checks.is_some() {
                    check(slot).store(key.check, Ordering::Relaxed);
                }
            };
            let mut header = block.header.load(Ordering::Acquire) & !LOCK;
            let found = if known_new { None } else { block.find(header, away, bits, same) };
            if let Some(slot) = found {
                return Some((at * SLOTS + slot, false));
            }
            if header & COUNT == SLOTS as u32 {
                continue;
            }
            if SHARED {
                // Others may have added to the block since it was read.
                header = block.lock();
                let found = block.find(header, away, bits, same);
                if found.is_some() || header & COUNT == SLOTS as u32 {
                    block.header.store(header, Ordering::Release);
                    match found {
                        Some(slot) => return Some((at * SLOTS + slot, false)),
                        None => continue,
                    }
                }
            }
            return Some((at * SLOTS + block.add(header, away, bits, keep), true));
        }
        None
    }

    /// Whether `more` fingerprints beyond those held would fill the blocks past nine tenths.
    fn over_full(&self, more: usize) -> bool {
        (self.len + more) * 10 > self.homes * SLOTS * 9
    }

    /// Makes room for `more` fingerprints to be added by `visit_shared`.
    pub fn reserve(&mut self, more: usize) {
        while self.over_full(more) {
            self.grow();
        }
    }

    /// Counts `n` fingerprints added by `visit_shared`.
    pub fn added(&mut self, n: usize) {
        self.len += n;
    }

    /// A quarter more homes. The old blocks are moved over from the end, a part at a time,
    /// and each part's pages handed back as soon as its fingerprints are in the new blocks,
    /// so the peak is the new array and a part, not both whole (on Linux). Homes are in the
    /// order of their fingerprints, so the new blocks fill in order too, from the end.
    fn grow(&mut self) {
        const PART: usize = 1 << 12;
        let homes = (self.homes + self.homes / 4).min(MAX_HOMES);
        assert!(homes > self.homes, "the visited set is as large as it can be");
        let bigger = Visited::with_homes(homes, self.keeps());
        let old = std::mem::replace(self, bigger);
        let (blocks, depths, checks) = (&old.blocks, old.depths.as_deref(), old.checks.as_deref());
        let runs = Runs::new(old.homes);
        let mut end = blocks.len();
        while end > 0 {
            let from = end.saturating_sub(PART);
            for (at, block) in blocks.iter().enumerate().take(end).skip(from) {
                let header = block.header.load(Ordering::Relaxed);
                for slot in 0..(header & COUNT) as usize {
                    let home = at - distance(header, slot) as usize;
                    let low = u64::from(block.low[slot].load(Ordering::Relaxed))
                        | u64::from(block.high[slot].load(Ordering::Relaxed)) << 32;
                    let fp = runs.rebuild(home, low);
                    let check = checks.map_or(0, |c| c[at * SLOTS + slot].load(Ordering::Relaxed));
                    let mark =
                        depths.map(|depths| depths[at * SLOTS + slot].load(Ordering::Relaxed));
                    self.place_as(Key { fp, check }, marked_depth(mark), true);
                }
            }
            hand_back(&blocks[from..end]);
            if let Some(depths) = depths {
                hand_back(&depths[from * SLOTS..end * SLOTS]);
            }
            if let Some(checks) = checks {
                hand_back(&checks[from * SLOTS..end * SLOTS]);
            }
            end = from;
        }
        let spilled = old.spill.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
        for (key, mark) in spilled {
            self.place_as(key, marked_depth(Some(mark)), true);
        }
        self.len = old.len;
    }
}

/// How fingerprints split in runs by home: 2^64 = `per_home` · `homes` + `left`.
struct Runs {
    homes: u64,
    per_home: u64,
    left: u64,
}

impl Runs {
    fn new(homes: usize) -> Self {
        let homes = homes as u64;
        let (per_home, left) = (u64::MAX / homes, u64::MAX % homes + 1);
        match left == homes {
            true => Runs { homes, per_home: per_home + 1, left: 0 },
            false => Runs { homes, per_home, left },
        }
    }

    /// The fingerprint whose home is `home` and whose bits 0–47 are `low`: each run is at
    /// most 2^48 long, so exactly one in it has those bits.
    fn rebuild(&self, home: usize, low: u64) -> u64 {
        let home = home as u64;
        // The run's first fingerprint, the least `fp` with `fp · homes ≥ home · 2^64`:
        // home · 2^64 / homes = home · per_home + home · left / homes, where home · left is
        // under homes², which fits (`MAX_HOMES`).
        let first = home * self.per_home + (home * self.left).div_ceil(self.homes);
        first.wrapping_add(low.wrapping_sub(first) & LOW_48)
    }
}

/// `visit` for a key in the spill, whose depth mark is kept whether or not the set keeps
/// depths (`kept`), so that growth can move it like any other.
fn spill_visit(spill: &mut Spill, key: Key, depth: usize, kept: bool) -> Visit {
    let mark = depth_mark(depth);
    match spill.entry(key) {
        Entry::Vacant(slot) => {
            slot.insert(mark);
            Visit::New
        }
        Entry::Occupied(slot) if kept && *slot.get() < mark => {
            *slot.into_mut() = mark;
            Visit::Shallower
        }
        Entry::Occupied(_) => Visit::Seen,
    }
}

#[cfg(test)]
mod tests {
    use super::{Keeps, Key, Runs, Visit, Visited, MAX_HOMES, MIN_HOMES};
    use std::collections::HashSet;

    impl Visited {
        fn insert(&mut self, fp: u64) -> bool {
            self.visit(Key::narrow(fp), 0) == Visit::New
        }
        fn insert_shared(&self, fp: u64) -> bool {
            self.visit_shared(Key::narrow(fp), 0) == Visit::New
        }
        fn spilled(&self) -> usize {
            self.spill.lock().expect("not poisoned").len()
        }
    }

    /// Uniform fingerprints (splitmix64) from `seed`.
    fn uniform(seed: u64) -> impl FnMut() -> u64 {
        let mut x = seed;
        move || {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)).max(1)
        }
    }

    #[test]
    fn a_home_and_48_bits_give_back_the_whole_fingerprint() {
        let mut next = uniform(3);
        for homes in [MIN_HOMES, MIN_HOMES + 1, 81_920, 1_000_003, 1 << 30, MAX_HOMES] {
            let home = |fp: u64| ((u128::from(fp) * homes as u128) >> 64) as usize;
            let edges = [1, u64::MAX, u64::MAX - (1 << 48), 1 << 48, (1 << 48) - 1];
            for fp in edges.into_iter().chain((0..10_000).map(|_| next())) {
                let rebuilt = Runs::new(homes).rebuild(home(fp), fp & super::LOW_48);
                assert_eq!(rebuilt, fp, "{fp:#x} of {homes}");
            }
        }
    }

    #[test]
    fn the_visited_set_keeps_every_fingerprint_through_its_growth() {
        // Some fingerprints repeat, and some crowd a few homes (their top bits all ones or
        // all zeros), so that blocks fill and fingerprints move on and spill.
        let mut next = uniform(1);
        let mut set = Visited::new(Keeps::default());
        let mut model = HashSet::new();
        for i in 0..1_500_000_u64 {
            let fp = match i % 20 {
                0 => next() | (u64::MAX << 50),
                10 => (next() >> 50).max(1),
                _ => next(),
            };
            assert_eq!(set.insert(fp), model.insert(fp), "{fp:#x}");
            if i % 7 == 0 {
                assert!(!set.insert(fp), "a repeat is not new");
            }
        }
        assert_eq!(set.len(), model.len());
        assert!(set.spilled() > 0, "the crowded homes spilled");
        assert!(set.homes > MIN_HOMES, "and the set grew");
        assert!(model.iter().all(|&fp| !set.insert(fp)), "every fingerprint is still there");
        assert_eq!(set.len(), model.len());
    }

    #[test]
    fn two_threads_adding_at_once_each_add_a_fingerprint_once() {
        let mut set = Visited::new(Keeps::default());
        set.insert(7);
        let per_thread = 400_000_u64;
        set.reserve(2 * per_thread as usize);
        // Both threads add the same numbers, a tenth of them with the first home so that they
        // spill, and one number each that only it adds: each shared one is new to exactly one.
        let spread = |i: u64| {
            let fp = (2 * i + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            if i % 10 == 0 {
                2 * i + 1
            } else {
                fp | 1
            }
        };
        let shared = &set;
        let new: Vec<u64> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..2_u64)
                .map(|t| {
                    scope.spawn(move || {
                        let mine = u64::from(shared.insert_shared(1 << (40 + t)));
                        mine + (0..per_thread).filter(|&i| shared.insert_shared(spread(i))).count()
                            as u64
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().expect("no panic")).collect()
        });
        assert_eq!(new.iter().sum::<u64>(), per_thread + 2);
        assert!(set.spilled() > 0, "some spilled");
        set.added((per_thread + 2) as usize);
        assert_eq!(set.len(), per_thread as usize + 3);
        assert!(!set.insert(7) && !set.insert(spread(123)) && !set.insert(spread(120)));
        assert!(!set.insert(1 << 41));
        assert!(set.insert(2), "and a new one is still new");
    }

    #[test]
    fn a_set_with_depths_keeps_each_least_depth_through_its_growth() {
        let mut set = Visited::new(Keeps { depths: true, checks: false });
        // A tenth have the first home, so some depths are kept in the spill.
        let spread = |i: u64| {
            let fp = (2 * i + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
            if i % 10 == 0 {
                2 * i + 1
            } else {
                fp
            }
        };
        let depth = |i: u64| 20 + (i % 7) as usize;
        let key = |i: u64| Key::narrow(spread(i));
        let n = 1_000_000;
        for i in 0..n {
            assert_eq!(set.visit(key(i), depth(i)), Visit::New);
        }
        assert!(set.spilled() > 0 && set.homes > MIN_HOMES, "spilled, and grew since");
        for i in 0..n {
            assert_eq!(set.visit(key(i), depth(i)), Visit::Seen, "as deep: seen");
            assert_eq!(set.visit(key(i), depth(i) + 1), Visit::Seen, "deeper: seen");
            if i % 2 == 0 {
                assert_eq!(set.visit(key(i), depth(i) - 1), Visit::Shallower);
            }
        }
        for i in 0..n {
            let least = depth(i) - usize::from(i % 2 == 0);
            assert_eq!(set.visit(key(i), least), Visit::Seen);
            assert_eq!(set.visit_shared(key(i), 0), Visit::Shallower);
        }
        assert_eq!(set.len(), n as usize);
        let mut plain = Visited::new(Keeps::default());
        assert_eq!(plain.visit(Key::narrow(5), 3), Visit::New);
        assert_eq!(plain.visit(Key::narrow(5), 1), Visit::Seen, "a set without depths keeps none");
    }

    #[test]
    fn a_wide_set_tells_apart_keys_that_share_a_fingerprint() {
        // Each fingerprint comes with three checks; a tenth of the fingerprints crowd the
        // first home, so that some keys spill. Keys with one fingerprint sit side by side,
        // in the blocks and in the spill, and every one survives the growths.
        let mut next = uniform(5);
        let mut set = Visited::new(Keeps { depths: true, checks: true });
        let mut model = HashSet::new();
        for i in 0..300_000_u64 {
            let fp = if i % 10 == 0 { (next() >> 50).max(1) } else { next() };
            for check in [0, 1, next()] {
                let key = Key { fp, check };
                let visit = set.visit(key, (i % 9) as usize);
                assert_eq!(visit == Visit::New, model.insert(key), "{key:?}");
            }
        }
        assert!(set.spilled() > 0 && set.homes > MIN_HOMES, "spilled, and grew since");
        assert_eq!(set.len(), model.len());
        for &key in &model {
            assert_eq!(set.visit(key, 20), Visit::Seen, "{key:?} is still there");
            assert_eq!(set.visit(Key { check: key.check ^ 1 << 63, ..key }, 0), Visit::New);
        }
        assert_eq!(set.len(), 2 * model.len());
        let mut narrow = Visited::new(Keeps::default());
        assert_eq!(narrow.visit(Key { fp: 9, check: 0 }, 0), Visit::New);
        assert_eq!(narrow.visit(Key { fp: 9, check: 0 }, 0), Visit::Seen);
    }
}
