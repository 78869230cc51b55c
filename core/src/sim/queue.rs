//! The event queue: a binary heap ordered by (time, sequence number).
//!
//! A heap rather than an ordered map because the simulator's hot path is push and pop: with a
//! `BTreeMap` the queue alone took about 40% of a step (measured with callgrind, see
//! BENCHMARKS.md). Cancelled timers stay in the heap and are skipped when they surface; the
//! rare removals (a crash losing a node's inbox, a person dropping a message) rebuild it.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::time::Time;

/// Queue position: events run in (time, sequence) order, so ties break by scheduling order.
pub type Key = (Time, u64);

#[derive(Clone, Debug)]
struct Entry<E> {
    key: Key,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl<E> Eq for Entry<E> {}

impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<E> Ord for Entry<E> {
    /// Reversed: `BinaryHeap` pops its greatest element and we want the earliest.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key.cmp(&self.key)
    }
}

#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    heap: BinaryHeap<Entry<E>>,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue { heap: BinaryHeap::new() }
    }
}

impl<E> EventQueue<E> {
    pub fn push(&mut self, key: Key, event: E) {
        self.heap.push(Entry { key, event });
    }

    pub fn pop(&mut self) -> Option<(Key, E)> {
        self.heap.pop().map(|e| (e.key, e.event))
    }

    pub fn peek(&self) -> Option<(Key, &E)> {
        self.heap.peek().map(|e| (e.key, &e.event))
    }

    /// Every queued event, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (Key, &E)> {
        self.heap.iter().map(|e| (e.key, &e.event))
    }

    /// Removes the events `matches` selects and returns them in queue order.
    pub fn remove_where(&mut self, mut matches: impl FnMut(&E) -> bool) -> Vec<(Key, E)> {
        let (removed, kept): (Vec<_>, Vec<_>) =
            std::mem::take(&mut self.heap).into_vec().into_iter().partition(|e| matches(&e.event));
        self.heap = BinaryHeap::from(kept);
        let mut removed: Vec<(Key, E)> = removed.into_iter().map(|e| (e.key, e.event)).collect();
        // Keys are unique (time, sequence), so an unstable sort gives the one order.
        removed.sort_unstable_by_key(|(key, _)| *key);
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pops_in_time_then_sequence_order() {
        let mut queue = EventQueue::default();
        for (key, name) in [((5, 1), "c"), ((3, 4), "b"), ((3, 2), "a"), ((9, 0), "d")] {
            queue.push(key, name);
        }
        let order: Vec<_> = std::iter::from_fn(|| queue.pop()).map(|(_, e)| e).collect();
        assert_eq!(order, ["a", "b", "c", "d"]);
    }

    #[test]
    fn remove_where_returns_removed_events_in_order_and_keeps_the_rest() {
        let mut queue = EventQueue::default();
        for i in 0..10u64 {
            queue.push((10 - i, i), i);
        }
        let removed = queue.remove_where(|e| e % 3 == 0);
        assert_eq!(removed.iter().map(|(_, e)| *e).collect::<Vec<_>>(), [9, 6, 3, 0]);
        assert_eq!(queue.peek().map(|(k, _)| k), Some((2, 8)));
    }
}
