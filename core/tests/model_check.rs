//! The model checker on the real protocol code: correct protocols pass their declared bounds,
//! bug toggles are caught within them by the shortest path, and every counterexample replays
//! in the simulator to the same broken property.

use clusterscope_core::model::{
    replay_actions, Bounds, Checkable, Explorer, Found, Model, Order, Stop,
};
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::{self, PaxosNode};
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::sim::Invariants;

/// The bounds the protocol declares for `bugs` (the first one's, as the CLI takes them).
fn bounds<N: Checkable>(bugs: &[&str]) -> Bounds {
    bugs.first().map_or(N::BOUNDS, |bug| N::bounds_for(bug))
}

/// The protocol's declared model, with `bugs` on.
fn model<N: Checkable>(bugs: &[&str]) -> Model<N> {
    let bounds = bounds::<N>(bugs);
    let bugs: Vec<String> = bugs.iter().map(|b| b.to_string()).collect();
    let config = N::model_config(bounds.servers, &bugs).expect("known bugs");
    Model::with_clients(bounds.servers, config, bounds.clients, bounds.faults).expect("a model")
}

/// The declared model with `bugs` on, searched to its declared depth.
fn search<N: Checkable>(bugs: &[&str], order: Order, threads: usize) -> (Stop, u64) {
    let (model, depth) = (model::<N>(bugs), bounds::<N>(bugs).depth);
    let mut explorer = Explorer::new(model, order, depth, 20_000_000, threads).expect("bounds");
    let stop = explorer.run().clone();
    (stop, explorer.progress().unique)
}

/// The counterexample `bug` leads to, checked to replay in the simulator.
fn found<N: Checkable>(bug: &str) -> Found {
    let model = model::<N>(&[bug]);
    let (stop, _) = search::<N>(&[bug], Order::Bfs, 2);
    let Stop::Violation(found) = stop else { panic!("{bug} was not found: {stop:?}") };
    let (actions, seen) = replay_actions(&model, &found.path).expect("replays");
    assert_eq!(actions.len(), found.path.len());
    assert!(
        seen.iter().any(|v| v.property == found.broken.property),
        "{bug}: the model broke {:?}, the simulator saw {seen:?}",
        found.broken
    );
    found
}

#[test]
fn basic_paxos_passes_its_bounds() {
    let (stop, unique) = search::<PaxosNode>(&[], Order::Bfs, 2);
    assert_eq!(stop, Stop::Exhausted { cut_at_depth: true });
    assert!(unique > 100_000, "{unique} states is too few for two proposals and a crash");
}

#[test]
fn every_basic_paxos_bug_is_found_by_its_shortest_path() {
    // The shortest paths, by hand: two proposals and their phase-1 and phase-2 messages;
    // forget_promise also needs an acceptor to crash and restart between its promise and
    // the older ballot's accept.
    let expected =
        [("ignore_promised_values", 13), ("forget_promise", 15), ("accept_below_promise", 13)];
    for (bug, moves) in expected {
        let found = found::<PaxosNode>(bug);
        assert_eq!(found.path.len(), moves, "{bug}: {found:?}");
        assert!(paxos::PaxosInvariants::properties().contains(&found.broken.property));
    }
}

#[test]
fn breadth_first_search_gives_the_same_answer_on_one_thread_or_two() {
    let one = search::<PaxosNode>(&["accept_below_promise"], Order::Bfs, 1).0;
    let two = search::<PaxosNode>(&["accept_below_promise"], Order::Bfs, 2).0;
    assert_eq!(one, two);
}

#[test]
fn depth_first_search_finds_the_bugs_too_and_agrees_when_there_are_none() {
    let (stop, _) = search::<PaxosNode>(&["ignore_promised_values"], Order::Dfs, 1);
    let Stop::Violation(found) = stop else { panic!("not found depth-first: {stop:?}") };
    let model = model::<PaxosNode>(&["ignore_promised_values"]);
    let (_, seen) = replay_actions(&model, &found.path).expect("replays");
    assert!(seen.iter().any(|v| v.property == found.broken.property));

    // With no depth cut, both searches visit the same states.
    let small = Model::<PaxosNode>::with_clients(
        3,
        PaxosNode::model_config(3, &[]).expect("config"),
        1,
        Default::default(),
    )
    .expect("model");
    let counts: Vec<_> = [Order::Bfs, Order::Dfs]
        .into_iter()
        .map(|order| {
            let mut explorer = Explorer::new(small.clone(), order, 100, 1_000_000, 2).expect("ok");
            (explorer.run().clone(), explorer.progress().unique)
        })
        .collect();
    assert_eq!(counts[0], counts[1]);
    assert_eq!(counts[0].0, Stop::Exhausted { cut_at_depth: false });
}

#[test]
fn a_multi_paxos_leader_that_ignores_promises_is_found() {
    let found = found::<MultiPaxosNode>("ignore_promised_values");
    assert_eq!(found.broken.property, "stability");
    assert_eq!(found.path.len(), 14, "{found:?}");
}

#[test]
fn a_multi_paxos_acceptor_below_its_promise_is_found_and_the_correct_one_passes_there() {
    // Depth-first: breadth-first search keeps 2.2 million states here (700 MB); the shortest
    // path (15 moves) is the shipped scenarios/check-multipaxos-accept-below-promise.toml.
    let bug = "accept_below_promise";
    let (stop, _) = search::<MultiPaxosNode>(&[bug], Order::Dfs, 1);
    let Stop::Violation(found) = stop else { panic!("not found depth-first: {stop:?}") };
    let (_, seen) = replay_actions(&model::<MultiPaxosNode>(&[bug]), &found.path).expect("replays");
    assert!(seen.iter().any(|v| v.property == found.broken.property), "{seen:?}");
    let bounds = bounds::<MultiPaxosNode>(&[bug]);
    let config = MultiPaxosNode::model_config(3, &[]).expect("config");
    let correct = Model::<MultiPaxosNode>::with_clients(3, config, bounds.clients, bounds.faults)
        .expect("ok");
    let mut explorer = Explorer::new(correct, Order::Dfs, bounds.depth, 20_000_000, 1).expect("ok");
    assert_eq!(explorer.run(), &Stop::Exhausted { cut_at_depth: true });
}

#[test]
fn raft_passes_its_bounds_and_three_of_its_bugs_are_found_in_eight_moves() {
    let (stop, _) = search::<RaftNode>(&[], Order::Bfs, 2);
    assert_eq!(stop, Stop::Exhausted { cut_at_depth: true });
    // The correct protocol also passes the five servers stale_vote_reply is sought with.
    let five = bounds::<RaftNode>(&["stale_vote_reply"]);
    assert_eq!(five.servers, 5);
    let config = RaftNode::model_config(5, &[]).expect("config");
    let model = Model::<RaftNode>::with_clients(5, config, five.clients, five.faults).expect("ok");
    let mut explorer = Explorer::new(model, Order::Bfs, five.depth, 1_000_000, 2).expect("ok");
    assert_eq!(explorer.run(), &Stop::Exhausted { cut_at_depth: true });
    for (bug, property) in [
        ("forget_voted_for", "election safety"),
        ("skip_log_check", "leader completeness"),
        ("stale_vote_reply", "vote counting"),
    ] {
        let found = found::<RaftNode>(bug);
        assert_eq!((found.broken.property, found.path.len()), (property, 8), "{bug}");
    }
}

#[test]
fn bad_bounds_and_unknown_bugs_are_refused_with_a_reason() {
    let zero = Model::<PaxosNode>::with_clients(0, Default::default(), 1, Default::default());
    assert!(zero.unwrap_err().contains("1 to 9 servers"));
    let many = Model::<PaxosNode>::with_clients(3, Default::default(), 100, Default::default());
    assert!(many.unwrap_err().contains("at most 16 client requests"));
    let unknown = PaxosNode::model_config(3, &["no_such_bug".to_string()]).unwrap_err();
    assert!(unknown.contains("unknown Paxos bug `no_such_bug`"), "{unknown}");
    let deep = Explorer::new(model::<PaxosNode>(&[]), Order::Bfs, 1_000_000, 10, 1);
    assert!(deep.err().is_some_and(|e| e.contains("depth bound")));
}

#[test]
fn a_search_that_reaches_its_state_bound_stops_and_says_so() {
    for order in [Order::Bfs, Order::Dfs] {
        let mut explorer = Explorer::new(model::<PaxosNode>(&[]), order, 15, 5_000, 2).expect("ok");
        assert_eq!(explorer.run(), &Stop::StateBound);
        let unique = explorer.progress().unique;
        assert!((5_000..5_000 + 20_000).contains(&unique), "{order:?}: {unique}");
    }
}
