//! Task placement (issue #15): the consistent-hashing ring moves only the keys it must when
//! membership changes, mod-n hashing moves nearly all of them, more virtual nodes even out
//! the load, and the single leader's policies pick as their names say. The numbers a sweep
//! will plot are pinned here as shapes, on fixed keys (placement is deterministic).

use clusterscope_core::protocols::tasks::placement::{
    hash, keys_moved, mod_n_owner, Imbalance, Policy, Ring,
};
use clusterscope_core::sim::NodeId;
use proptest::prelude::*;

fn members(n: u32) -> Vec<NodeId> {
    (0..n).map(NodeId).collect()
}

fn keys(count: usize) -> Vec<String> {
    (0..count).map(|i| format!("task-{i}")).collect()
}

/// Tasks per member when every key goes to its owner.
fn loads(members: &[NodeId], keys: &[String], owner: impl Fn(&str) -> Option<NodeId>) -> Vec<u64> {
    let mut loads = vec![0u64; members.len()];
    for key in keys {
        let owner = owner(key).expect("an owner");
        loads[members.iter().position(|m| *m == owner).expect("a member")] += 1;
    }
    loads
}

#[test]
fn the_hash_is_pinned_so_placements_are_the_same_everywhere() {
    // Any change here changes every trace of the Tasks lab: it must be deliberate. (The
    // values were checked against an independent implementation of FNV-1a + SplitMix64.)
    assert_eq!(hash(""), 0xf52a_15e9_a9b5_e89b);
    assert_eq!(hash("task-7"), 0xfcbe_0402_99ec_119d);
    assert_ne!(hash("t1"), hash("t2"));
}

proptest! {
    /// Removing a member moves exactly the keys it owned, each to the next member on the
    /// ring; adding one moves exactly the keys it now owns. Nothing else changes hands.
    #[test]
    fn a_membership_change_moves_only_the_keys_it_must(
        n in 2u32..20,
        vnodes in 1usize..64,
        gone in any::<prop::sample::Index>(),
        key_seed in any::<u32>(),
    ) {
        let all = members(n);
        let gone = all[gone.index(all.len())];
        let rest: Vec<NodeId> = all.iter().copied().filter(|m| *m != gone).collect();
        let (before, after) = (Ring::new(&all, vnodes), Ring::new(&rest, vnodes));
        for i in 0..200 {
            let key = format!("k{key_seed}-{i}");
            let (was, now) = (before.owner(&key), after.owner(&key));
            if was == Some(gone) {
                let heir = before.successors(&key).nth(1);
                prop_assert_eq!(now, heir, "{} goes to the next member on the ring", key);
            } else {
                prop_assert_eq!(now, was, "{} stays put", key);
            }
        }
    }
}

#[test]
fn consistent_hashing_moves_about_k_over_n_keys_and_mod_n_nearly_all() {
    let keys = keys(20_000);
    let (ten, eleven) = (members(10), members(11));
    let (before, after) = (Ring::new(&ten, 100), Ring::new(&eleven, 100));
    let by_ring =
        keys_moved(keys.iter().map(String::as_str), |k| before.owner(k), |k| after.owner(k));
    let by_mod = keys_moved(
        keys.iter().map(String::as_str),
        |k| mod_n_owner(&ten, k),
        |k| mod_n_owner(&eleven, k),
    );
    let k = keys.len() as f64;
    // A new 11th member takes about K/11 keys; mod-n reshuffles about K·(1 − 1/11).
    let ring_share = by_ring as f64 / k;
    let mod_share = by_mod as f64 / k;
    assert!((0.06..0.13).contains(&ring_share), "consistent hashing moved {ring_share:.3} of keys");
    assert!((0.88..0.94).contains(&mod_share), "mod-n moved {mod_share:.3} of keys");
}

#[test]
fn more_virtual_nodes_even_out_the_load() {
    let all = members(20);
    let keys = keys(100_000);
    let imbalance = |vnodes| {
        let ring = Ring::new(&all, vnodes);
        Imbalance::of(&loads(&all, &keys, |k| ring.owner(k))).max_over_mean
    };
    let (one, sixteen, two_fifty_six) = (imbalance(1), imbalance(16), imbalance(256));
    assert!(one > sixteen && sixteen > two_fifty_six, "{one:.2} {sixteen:.2} {two_fifty_six:.2}");
    assert!(one > 2.0, "one point per member leaves some with several times the mean: {one:.2}");
    assert!(
        two_fifty_six < 1.25,
        "256 points per member come within a quarter: {two_fifty_six:.2}"
    );
    // mod-n spreads keys evenly (until membership changes, which is its problem).
    let even = Imbalance::of(&loads(&all, &keys, |k| mod_n_owner(&all, k))).max_over_mean;
    assert!(even < 1.1, "{even:.2}");
}

#[test]
fn ring_shares_add_up_and_follow_the_load() {
    let all = members(5);
    for vnodes in [1, 8, 128] {
        let shares = Ring::new(&all, vnodes).shares();
        assert_eq!(shares.len(), 5);
        // Each arc's share is rounded down to a part per million.
        let total: u64 = shares.iter().map(|(_, s)| s).sum();
        let points = 5 * vnodes as u64;
        assert!((1_000_000 - points..=1_000_000).contains(&total), "{vnodes} vnodes: {total}");
    }
    assert_eq!(Ring::new(&members(1), 1).shares(), [(NodeId(0), 1_000_000)]);
    assert_eq!(Ring::new(&[], 4).owner("x"), None);
    assert_eq!(mod_n_owner(&[], "x"), None);
}

#[test]
fn each_policy_picks_as_its_name_says() {
    let loads = [(NodeId(0), 3), (NodeId(1), 1), (NodeId(2), 1), (NodeId(3), 5)];
    let mut never = |_: u64| -> u64 { unreachable!("no draw") };
    assert_eq!(
        Policy::LeastLoaded.choose(&loads, 0, &mut never),
        Some(NodeId(1)),
        "ties: lowest id"
    );
    let turns: Vec<_> = (0..5).map(|t| Policy::RoundRobin.choose(&loads, t, &mut never)).collect();
    assert_eq!(turns, [0, 1, 2, 3, 0].map(|i| Some(NodeId(i))));
    let mut draws = [3u64, 0].into_iter();
    let mut draw = |_| draws.next().expect("two draws");
    assert_eq!(Policy::TwoChoices.choose(&loads, 0, &mut draw), Some(NodeId(0)), "3 tasks beat 5");
    let mut draw = |bound| bound - 1;
    assert_eq!(Policy::Random.choose(&loads, 0, &mut draw), Some(NodeId(3)));
    for policy in Policy::ALL {
        assert_eq!(policy.choose(&[], 0, &mut never), None);
        assert_eq!(policy.key().parse::<Policy>(), Ok(policy));
    }
    assert!("fastest".parse::<Policy>().unwrap_err().contains("least_loaded"));
}

#[test]
fn two_choices_keeps_the_busiest_worker_far_closer_to_the_mean_than_random() {
    // Balls into bins: 100 workers, 10,000 tasks that never finish.
    let n = 100;
    let spread = |policy: Policy| {
        let mut loads: Vec<(NodeId, u64)> = members(n).into_iter().map(|m| (m, 0)).collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut draw = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        for turn in 0..10_000 {
            let chosen = policy.choose(&loads, turn, &mut draw).expect("a worker");
            loads[chosen.index()].1 += 1;
        }
        loads.iter().map(|(_, l)| *l).max().expect("workers") - 100
    };
    let (random, two) = (spread(Policy::Random), spread(Policy::TwoChoices));
    assert!(random >= 15, "random: the busiest is {random} over the mean");
    assert!(two <= 4, "two choices: the busiest is {two} over the mean");
    assert_eq!(spread(Policy::LeastLoaded), 0);
    assert_eq!(spread(Policy::RoundRobin), 0);
}
