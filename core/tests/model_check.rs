//! The model checker on the real protocol code: correct protocols pass their declared bounds,
//! bug toggles are caught within them by the shortest path, and every counterexample replays
//! in the simulator to the same broken property.

use clusterscope_core::model::{
    replay_actions, Bounds, Checkable, Explorer, Faults, Found, Model, Move, Order, State, Stop,
};
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::{self, PaxosNode};
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::sim::{Action, Invariants, MemberChange, NodeId, Nodes};

/// The bounds the protocol declares for `bugs` (the first one's, as the CLI takes them).
fn bounds<N: Checkable>(bugs: &[&str]) -> Bounds {
    bugs.first().map_or(N::BOUNDS, |bug| N::bounds_for(bug))
}

/// The protocol's declared model, with `bugs` on.
fn model<N: Checkable>(bugs: &[&str]) -> Model<N> {
    model_within(bounds::<N>(bugs), bugs)
}

/// The model of `bounds`, with `bugs` on.
fn model_within<N: Checkable>(bounds: Bounds, bugs: &[&str]) -> Model<N> {
    let bugs: Vec<String> = bugs.iter().map(|b| b.to_string()).collect();
    let config = N::model_config(bounds.servers, &bugs).expect("known bugs");
    Model::with_clients(bounds.servers, config, bounds.clients, bounds.reads, bounds.faults)
        .and_then(|model| model.with_changes(bounds.changes))
        .expect("a model")
}

/// The declared model with `bugs` on, searched to its declared depth.
fn search<N: Checkable>(bugs: &[&str], order: Order, threads: usize) -> (Stop, u64) {
    let (model, depth) = (model::<N>(bugs), bounds::<N>(bugs).depth);
    let mut explorer = Explorer::new(model, order, depth, 20_000_000, threads).expect("bounds");
    let stop = explorer.run().clone();
    (stop, explorer.progress().unique)
}

/// How a search of the correct protocol within the bounds declared for `bug` ends.
fn correct_within<N: Checkable>(bug: &str, order: Order) -> Stop {
    let b = bounds::<N>(&[bug]);
    // Depth-first search on one thread, as the CLI and the page run it by default.
    let threads = if order == Order::Dfs { 1 } else { 2 };
    Explorer::new(model_within::<N>(b, &[]), order, b.depth, 20_000_000, threads)
        .expect("ok")
        .run()
        .clone()
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
    // On two threads the path is one of several, whichever a thread met first; it must
    // replay all the same.
    for threads in [1, 2] {
        let (stop, _) = search::<PaxosNode>(&["ignore_promised_values"], Order::Dfs, threads);
        let Stop::Violation(found) = stop else { panic!("not found depth-first: {stop:?}") };
        let model = model::<PaxosNode>(&["ignore_promised_values"]);
        let (_, seen) = replay_actions(&model, &found.path).expect("replays");
        assert!(seen.iter().any(|v| v.property == found.broken.property), "{threads} threads");
    }
}

/// Both searches of `model`, with no depth cut, depth-first on one thread and on two: (how
/// each ended, distinct states, moves).
fn both_searches<N: Checkable>(model: &Model<N>) -> [(Stop, u64, u64); 3] {
    [(Order::Bfs, 2), (Order::Dfs, 1), (Order::Dfs, 2)].map(|(order, threads)| {
        let mut explorer =
            Explorer::new(model.clone(), order, 100, 2_000_000, threads).expect("ok");
        let stop = explorer.run().clone();
        (stop, explorer.progress().unique, explorer.progress().states)
    })
}

#[test]
fn depth_first_search_skips_moves_by_sleep_sets_but_visits_every_state() {
    let faults = |crashes, timers| Faults { crashes, timers, ..Faults::default() };
    let paxos = PaxosNode::model_config(3, &[]).expect("config");
    let raft = RaftNode::model_config(3, &[]).expect("config");
    let multipaxos = MultiPaxosNode::model_config(3, &[]).expect("config");
    let runs = [
        both_searches(&Model::<PaxosNode>::with_clients(3, paxos, 1, 0, faults(1, 0)).expect("ok")),
        both_searches(
            &Model::<RaftNode>::with_clients(3, raft.clone(), 2, 0, faults(0, 1)).expect("ok"),
        ),
        // A read makes sending a request commute with nothing (what was acknowledged by
        // then is part of the state).
        both_searches(&Model::<RaftNode>::with_clients(3, raft, 1, 1, faults(0, 1)).expect("ok")),
        both_searches(
            &Model::<MultiPaxosNode>::with_clients(3, multipaxos, 1, 0, faults(1, 1)).expect("ok"),
        ),
    ];
    for [(bfs_stop, bfs_unique, bfs_moves), one, two] in runs {
        assert_eq!(bfs_stop, Stop::Exhausted { cut_at_depth: false });
        for (dfs_stop, dfs_unique, dfs_moves) in [one, two] {
            assert_eq!(dfs_stop, bfs_stop);
            assert_eq!(dfs_unique, bfs_unique, "every state is visited");
            assert!(dfs_moves < bfs_moves * 9 / 10, "{dfs_moves} moves against {bfs_moves}");
        }
    }
}

/// How a search of `model` to `depth` ends, and the distinct states it visited.
fn within<N: Checkable>(
    model: &Model<N>,
    order: Order,
    depth: usize,
    threads: usize,
) -> (Stop, u64) {
    let mut explorer = Explorer::new(model.clone(), order, depth, 5_000_000, threads).expect("ok");
    let stop = explorer.run().clone();
    (stop, explorer.progress().unique)
}

#[test]
fn a_search_for_the_shortest_visits_every_state_within_its_depth_bound() {
    // Plain depth-first search skips a state it first met at the bound when it meets it
    // again closer to the start; a search for the shortest counterexample tries its moves
    // again, so it visits what breadth-first search does, level for level.
    let faults = Faults { crashes: 1, timers: 2, ..Faults::default() };
    let multipaxos = MultiPaxosNode::model_config(3, &[]).expect("config");
    let multipaxos =
        Model::<MultiPaxosNode>::with_clients(3, multipaxos, 1, 0, faults).expect("ok");
    let mut skipped = 0;
    let mut check = |bfs: (Stop, u64), dfs: (Stop, u64), shortest: [(Stop, u64); 2]| {
        for run in shortest {
            assert_eq!(run, bfs);
        }
        skipped += bfs.1 - dfs.1;
    };
    for depth in [6, 11] {
        let paxos = model::<PaxosNode>(&[]);
        check(
            within(&paxos, Order::Bfs, depth, 2),
            within(&paxos, Order::Dfs, depth, 1),
            [1, 2].map(|threads| within(&paxos, Order::Shortest, depth, threads)),
        );
    }
    for (depth, model) in [(7, model::<RaftNode>(&[])), (7, model::<RaftNode>(&["local_reads"]))] {
        check(
            within(&model, Order::Bfs, depth, 2),
            within(&model, Order::Dfs, depth, 1),
            [1, 2].map(|threads| within(&model, Order::Shortest, depth, threads)),
        );
    }
    check(
        within(&multipaxos, Order::Bfs, 12, 2),
        within(&multipaxos, Order::Dfs, 12, 1),
        [1, 2].map(|threads| within(&multipaxos, Order::Shortest, 12, threads)),
    );
    assert!(skipped > 0, "plain depth-first search should skip some of these states");
}

#[test]
fn a_search_for_the_shortest_finds_what_breadth_first_search_does() {
    // From a depth bound well beyond the shortest path: the first counterexample met is
    // longer (plain depth-first search reports 25 moves for forget_promise), and each one
    // found lowers the bound until nothing shorter is left.
    for threads in [1, 2] {
        assert_eq!(shortest_from::<PaxosNode>("forget_promise", 25, threads), 15);
    }
    assert_eq!(shortest_from::<PaxosNode>("accept_below_promise", 16, 1), 13);
    assert_eq!(shortest_from::<PaxosNode>("ignore_promised_values", 16, 1), 13);
    assert_eq!(shortest_from::<RaftNode>("forget_voted_for", 12, 1), 8);
    assert_eq!(shortest_from::<RaftNode>("stale_vote_reply", 12, 2), 8);
    let (stop, _) = within(&model::<PaxosNode>(&["forget_promise"]), Order::Dfs, 25, 1);
    let Stop::Violation(longer) = stop else { panic!("{stop:?}") };
    assert_eq!(longer.path.len(), 25, "depth-first search alone stops at the first it meets");
}

#[test]
fn a_wide_search_visits_what_a_narrow_one_does() {
    // Keys of 128 bits tell apart only states whose 64-bit fingerprints collide, which none
    // of these few million do: the same states, the same counterexamples, and a far smaller
    // chance of a collision. Two threads only where what they visit is fixed: a search for
    // the shortest with no counterexample within its bound visits what breadth-first
    // search does.
    let early = RaftNode::bounds_for("early_config_change");
    let early = model_within::<RaftNode>(early, &["early_config_change"]);
    wide_agrees(&model::<PaxosNode>(&["forget_promise"]), Order::Shortest, 25, 1);
    wide_agrees(&model::<RaftNode>(&[]), Order::Dfs, 9, 1);
    wide_agrees(&early.clone().with_symmetry().expect("symmetric"), Order::Shortest, 9, 2);
    wide_agrees(&early, Order::Dfs, 9, 1);
    let bfs = Explorer::new(Model { wide: true, ..model::<PaxosNode>(&[]) }, Order::Bfs, 9, 9, 1);
    assert!(bfs.err().is_some_and(|e| e.contains("wide keys are for depth-first search")));
}

fn wide_agrees<N: Checkable>(narrow: &Model<N>, order: Order, depth: usize, threads: usize) {
    let wide = Model { wide: true, ..narrow.clone() };
    let mut both = [narrow, &wide]
        .map(|model| Explorer::new(model.clone(), order, depth, 5_000_000, threads).expect("ok"));
    let [a, b] = both.each_mut().map(|explorer| explorer.run().clone());
    assert_eq!(a, b, "{order:?} to {depth}");
    let [narrow, wide] = both.each_ref().map(|explorer| explorer.progress().unique);
    assert_eq!(narrow, wide, "{order:?} to {depth}");
    assert!(both[1].collision_chance() < both[0].collision_chance() * 1e-18);
}

/// The length of the counterexample a search for the shortest finds for `bug` from `depth`,
/// checked to replay in the simulator.
fn shortest_from<N: Checkable>(bug: &str, depth: usize, threads: usize) -> usize {
    let model = model::<N>(&[bug]);
    let (stop, _) = within(&model, Order::Shortest, depth, threads);
    let Stop::Violation(found) = stop else { panic!("{bug} was not found: {stop:?}") };
    let (_, seen) = replay_actions(&model, &found.path).expect("replays");
    assert!(seen.iter().any(|v| v.property == found.broken.property), "{bug}");
    found.path.len()
}

#[test]
fn a_search_for_the_shortest_stopped_by_its_state_bound_keeps_the_shortest_it_found() {
    let buggy = model::<PaxosNode>(&["forget_promise"]);
    // Its first counterexample comes after some 200,000 states, and the one of 15 moves soon
    // after; ruling out shorter ones takes another 500,000.
    let mut explorer = Explorer::new(buggy, Order::Shortest, 25, 300_000, 1).expect("ok");
    assert_eq!(explorer.run(), &Stop::StateBound);
    let best = explorer.best_so_far().expect("a counterexample found before the bound");
    assert!((15..=25).contains(&best.path.len()), "{} moves", best.path.len());
    assert_eq!(explorer.max_depth(), best.path.len() - 1, "the bound it had got down to");
    let deep = Explorer::new(model::<PaxosNode>(&[]), Order::Shortest, 300, 10, 1);
    assert!(deep.err().is_some_and(|e| e.contains("shortest counterexample goes to 254")));
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
    let passed = Stop::Exhausted { cut_at_depth: true };
    assert_eq!(correct_within::<MultiPaxosNode>(bug, Order::Dfs), passed);
}

#[test]
fn raft_passes_its_bounds_and_three_of_its_bugs_are_found_in_eight_moves() {
    let (stop, _) = search::<RaftNode>(&[], Order::Bfs, 2);
    assert_eq!(stop, Stop::Exhausted { cut_at_depth: true });
    // The correct protocol also passes the five servers stale_vote_reply is sought with.
    assert_eq!(bounds::<RaftNode>(&["stale_vote_reply"]).servers, 5);
    let passed = Stop::Exhausted { cut_at_depth: true };
    assert_eq!(correct_within::<RaftNode>("stale_vote_reply", Order::Bfs), passed);
    for (bug, property) in [
        ("forget_voted_for", "election safety"),
        ("skip_log_check", "leader completeness"),
        ("stale_vote_reply", "vote counting"),
    ] {
        let found = found::<RaftNode>(bug);
        assert_eq!((found.broken.property, found.path.len()), (property, 8), "{bug}");
    }
}

/// A leader that answers reads from its own copy is caught by a read that misses a write
/// acknowledged before it; the simulator's client history agrees on replay (`found`), and
/// the correct protocol passes the same bounds.
#[test]
fn a_leader_that_reads_locally_is_found_and_the_correct_one_passes_there() {
    let found = found::<RaftNode>("local_reads");
    assert_eq!((found.broken.property, found.path.len()), ("linearizability", 12));
    assert!(found.broken.detail.contains("x=1 had been acknowledged"), "{found:?}");
    let passed = Stop::Exhausted { cut_at_depth: true };
    assert_eq!(correct_within::<RaftNode>("local_reads", Order::Bfs), passed);

    let bug = "local_reads";
    let bounds = bounds::<MultiPaxosNode>(&[bug]);
    assert_eq!((bounds.reads, bounds.order), (1, Order::Dfs));
    let (stop, _) = search::<MultiPaxosNode>(&[bug], Order::Dfs, 1);
    let Stop::Violation(found) = stop else { panic!("not found depth-first: {stop:?}") };
    assert_eq!((found.broken.property, found.path.len()), ("linearizability", 16));
    let (_, seen) = replay_actions(&model::<MultiPaxosNode>(&[bug]), &found.path).expect("replays");
    assert!(seen.iter().any(|v| v.property == found.broken.property), "{seen:?}");
    assert_eq!(correct_within::<MultiPaxosNode>(bug, Order::Dfs), passed);
}

/// A leader that changes the configuration before an entry of its term has committed is
/// found depth-first within its declared bounds (four servers, two removals asked of
/// whoever leads, three elections), and the simulator agrees on replay.
#[test]
fn a_configuration_change_before_the_term_commits_is_found() {
    let bug = "early_config_change";
    let (model, bounds) = (model::<RaftNode>(&[bug]), bounds::<RaftNode>(&[bug]));
    assert_eq!((bounds.servers, bounds.changes.len(), bounds.order), (4, 2, Order::Dfs));
    let mut explorer =
        Explorer::new(model.clone(), Order::Dfs, bounds.depth, 40_000_000, 1).expect("bounds");
    let Stop::Violation(found) = explorer.run().clone() else { panic!("{bug} was not found") };
    assert_eq!((found.broken.property, found.path.len()), ("leader completeness", 18));
    assert_eq!(found.path.iter().filter(|mv| matches!(mv, Move::Change(_))).count(), 2);
    let (_, seen) = replay_actions(&model, &found.path).expect("replays");
    assert!(seen.iter().any(|v| v.property == found.broken.property), "{seen:?}");
}

/// The first move in `state` that `pick` accepts, taken.
fn take<N: Checkable>(
    state: &State<N>,
    model: &Model<N>,
    path: &mut Vec<Move>,
    pick: impl Fn(&State<N>, Move) -> bool,
) -> State<N> {
    let mv = state.moves(model).into_iter().find(|&mv| pick(state, mv)).expect("such a move");
    path.push(mv);
    let (next, broken) = state.after(mv, model, None);
    assert_eq!(broken, None);
    next
}

/// Elects S1 in a fresh state of a four-server Raft model: its timer, two votes asked and
/// two granted.
fn elect_s1(model: &Model<RaftNode>, path: &mut Vec<Move>) -> State<RaftNode> {
    let s1 = NodeId(0);
    let mut state = State::initial(model);
    state =
        take(&state, model, path, |s, mv| matches!(mv, Move::Fire(i) if s.timers()[i].node == s1));
    for to in [NodeId(1), NodeId(2)] {
        state = take(
            &state,
            model,
            path,
            |s, mv| matches!(mv, Move::Deliver(i) if s.network()[i].to == to),
        );
    }
    for _ in 0..2 {
        state = take(
            &state,
            model,
            path,
            |s, mv| matches!(mv, Move::Deliver(i) if s.network()[i].to == s1),
        );
    }
    state
}

/// A membership change is offered only while some server leads, is asked of the leader,
/// once, and replays as the simulator's own membership action. The correct leader refuses
/// it until its term has an entry committed; with early_config_change it takes it at once.
#[test]
fn a_membership_change_is_asked_of_the_leader_once() {
    let bounds = bounds::<RaftNode>(&["early_config_change"]);
    for bugs in [&[][..], &["early_config_change"]] {
        let model = model_within::<RaftNode>(bounds, bugs);
        let changes = |state: &State<RaftNode>| {
            let moves = state.moves(&model);
            moves.into_iter().filter(|mv| matches!(mv, Move::Change(_))).count()
        };
        assert_eq!(changes(&State::initial(&model)), 0, "no one leads yet");
        let mut path = Vec::new();
        let state = elect_s1(&model, &mut path);
        assert_eq!(state.leader(), Some(NodeId(0)));
        assert_eq!(changes(&state), 2);
        let state = take(&state, &model, &mut path, |_, mv| mv == Move::Change(0));
        assert_eq!(changes(&state), 1, "each change is asked once");
        let voters = state.nodes().node(0).expect("up").membership().voters.len();
        assert_eq!(voters, if bugs.is_empty() { 4 } else { 3 }, "{bugs:?}");
        let (actions, seen) = replay_actions(&model, &path).expect("replays");
        let asked = Action::Membership { change: MemberChange::RemoveServer, node: NodeId(3) };
        assert_eq!(actions.last().map(|a| &a.action), Some(&asked));
        assert_eq!(seen, []);
    }
}

#[test]
fn bad_bounds_and_unknown_bugs_are_refused_with_a_reason() {
    let zero = Model::<PaxosNode>::with_clients(0, Default::default(), 1, 0, Default::default());
    assert!(zero.unwrap_err().contains("1 to 9 servers"));
    let many = Model::<PaxosNode>::with_clients(3, Default::default(), 100, 0, Default::default());
    assert!(many.unwrap_err().contains("at most 16 client requests"));
    let many = Model::<RaftNode>::with_clients(3, Default::default(), 10, 10, Default::default());
    assert!(many.unwrap_err().contains("at most 16 client requests (writes and reads), not 20"));
    let reads = Model::<PaxosNode>::with_clients(3, Default::default(), 1, 1, Default::default());
    assert!(reads.unwrap_err().contains("paxos's clients do not read"));
    let unknown = PaxosNode::model_config(3, &["no_such_bug".to_string()]).unwrap_err();
    assert!(unknown.contains("unknown Paxos bug `no_such_bug`"), "{unknown}");
    let remove = [(MemberChange::RemoveServer, NodeId(0))];
    let paxos = model::<PaxosNode>(&[]).with_changes(&remove).unwrap_err();
    assert!(paxos.contains("paxos has no membership changes"), "{paxos}");
    let missing = model::<RaftNode>(&[]).with_changes(&[(MemberChange::AddServer, NodeId(3))]);
    assert!(missing.unwrap_err().contains("S4 is not one of the model's 3 servers"));
    let deep = Explorer::new(model::<PaxosNode>(&[]), Order::Bfs, 1_000_000, 10, 1);
    assert!(deep.err().is_some_and(|e| e.contains("depth bound")));
}

#[test]
fn a_search_that_reaches_its_state_bound_stops_and_says_so() {
    let searches = [(Order::Bfs, 2), (Order::Dfs, 1), (Order::Dfs, 2), (Order::Shortest, 2)];
    for (order, threads) in searches {
        let mut explorer =
            Explorer::new(model::<PaxosNode>(&[]), order, 15, 5_000, threads).expect("ok");
        assert_eq!(explorer.run(), &Stop::StateBound);
        let unique = explorer.progress().unique;
        match order {
            // A level is expanded in slices; depth-first search stops at the bound itself.
            Order::Bfs => assert!((5_000..5_000 + 20_000).contains(&unique), "{unique}"),
            Order::Dfs | Order::Shortest => assert_eq!(unique, 5_000, "{threads} threads"),
        }
    }
    // Less room than threads: the room goes to the threads that have work.
    for bound in [2, 3] {
        let mut explorer =
            Explorer::new(model::<PaxosNode>(&[]), Order::Dfs, 15, bound, 2).expect("ok");
        assert_eq!(explorer.run(), &Stop::StateBound);
        assert_eq!(explorer.progress().unique, bound);
    }
}

/// Sleep sets (depth-first search) rely on this: two moves whose footprints commute reach
/// the same state in either order, and each is still possible after the other. Checked for
/// every such pair in the first `states` states, breadth-first.
fn commuting_moves_reach_one_state<N: Checkable>(model: &Model<N>, states: usize) {
    use std::collections::{HashSet, VecDeque};
    let after = |from: &State<N>, mv| from.after(mv, model, None).0;
    let find = |from: &State<N>, print| {
        from.moves(model).into_iter().find(|&mv| from.footprint(mv, model) == Some(print))
    };
    let initial = State::initial(model);
    let mut seen = HashSet::from([initial.exact_fingerprint()]);
    let mut queue = VecDeque::from([initial]);
    let mut pairs = 0;
    while let Some(state) = queue.pop_front().filter(|_| seen.len() <= states) {
        let moves = state.moves(model);
        let prints: Vec<_> = moves.iter().filter_map(|&mv| state.footprint(mv, model)).collect();
        for (i, a) in prints.iter().enumerate() {
            for b in prints[i + 1..].iter().filter(|b| a.commutes_with(b)) {
                let after_a = find(&state, *a).map(|mv| after(&state, mv)).expect("a move here");
                let after_b = find(&state, *b).map(|mv| after(&state, mv)).expect("a move here");
                let ab = find(&after_a, *b).map(|mv| after(&after_a, mv));
                let ba = find(&after_b, *a).map(|mv| after(&after_b, mv));
                let (Some(ab), Some(ba)) = (ab, ba) else {
                    panic!("{a:?} and {b:?}: one turns the other off");
                };
                assert_eq!(
                    ab.exact_fingerprint(),
                    ba.exact_fingerprint(),
                    "{a:?} then {b:?} differs from the other order:\n{ab:#?}\n{ba:#?}"
                );
                pairs += 1;
            }
        }
        for mv in moves {
            let next = after(&state, mv);
            if seen.insert(next.exact_fingerprint()) {
                queue.push_back(next);
            }
        }
    }
    assert!(pairs > 1000, "only {pairs} commuting pairs");
}

#[test]
fn moves_that_commute_reach_one_state_in_either_order() {
    let faults = Faults { crashes: 1, timers: 2, ..Faults::default() };
    let raft = RaftNode::model_config(3, &[]).expect("config");
    let paxos = PaxosNode::model_config(3, &[]).expect("config");
    let multipaxos = MultiPaxosNode::model_config(3, &[]).expect("config");
    let reading = Model::<RaftNode>::with_clients(3, raft.clone(), 1, 1, faults).expect("ok");
    commuting_moves_reach_one_state(&reading, 20_000);
    let raft = Model::<RaftNode>::with_clients(3, raft, 2, 0, faults).expect("ok");
    commuting_moves_reach_one_state(&raft, 20_000);
    let paxos = Model::<PaxosNode>::with_clients(3, paxos, 2, 0, faults).expect("ok");
    commuting_moves_reach_one_state(&paxos, 20_000);
    let multipaxos =
        Model::<MultiPaxosNode>::with_clients(3, multipaxos, 2, 0, faults).expect("ok");
    commuting_moves_reach_one_state(&multipaxos, 20_000);
}
