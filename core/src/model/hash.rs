//! The one hasher behind every fingerprint, and the second one behind wide fingerprints.

use std::hash::{BuildHasher, Hash};

use foldhash::quality::FixedState;

/// Fingerprints must be the same on every run (a counterexample is chosen by them), so the
/// hasher's seed is fixed. foldhash: a third of the time SipHash took, measured.
pub(super) const HASHER: FixedState = FixedState::with_seed(0x5eed_c1a5_7e25_c0de);

/// The hasher of a wide fingerprint's second 64 bits: the same function with another seed,
/// so the two halves are as good as independent.
pub(super) const CHECK_HASHER: FixedState = FixedState::with_seed(0x0c4e_c4b1_75a9_d1e7);

pub(super) fn hash_of(value: &impl Hash) -> u64 {
    HASHER.hash_one(value)
}

/// What the visited set of a depth-first search keeps of a state: its fingerprint and,
/// in a wide search (`Model::wide`), 64 bits of a second hash of the same state (0 in a
/// narrow one). Two states are taken for one only if both are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub fp: u64,
    pub check: u64,
}

impl Key {
    /// A narrow search's key.
    pub fn narrow(fp: u64) -> Self {
        Key { fp, check: 0 }
    }
}
