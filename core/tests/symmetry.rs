//! Symmetry reduction on Raft: renaming the servers commutes with every move, the reduced
//! search visits exactly one state per class of renamings (breadth-first, and depth-first on
//! one thread or two), and it finds each bug at the same depth as the full search, by a path
//! the simulator replays.

use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

use clusterscope_core::model::{
    confirmed_actions, Checkable, Explorer, Faults, Model, Order, Renaming, State, Stop,
};
use clusterscope_core::protocols::multipaxos::MultiPaxosNode;
use clusterscope_core::protocols::paxos::PaxosNode;
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::sim::{MemberChange, NodeId, Nodes};

fn raft(servers: usize, clients: usize, reads: usize, faults: Faults) -> Model<RaftNode> {
    let config = RaftNode::model_config(servers, &[]).expect("config");
    Model::with_clients(servers, config, clients, reads, faults).expect("a model")
}

/// The model whose script sends each request to its server's new name, and asks for each
/// membership change of the renamed server.
fn renamed_script(model: &Model<RaftNode>, renaming: &Renaming) -> Model<RaftNode> {
    let mut renamed = model.clone();
    for (to, _) in &mut renamed.script {
        *to = renaming.id(*to);
    }
    for (_, node) in &mut renamed.changes {
        *node = renaming.id(*node);
    }
    renamed
}

/// The states reachable in `model`, every one (not one per class), breadth-first, up to
/// `limit`.
fn reachable(model: &Model<RaftNode>, limit: usize) -> Vec<State<RaftNode>> {
    let initial = State::initial(model);
    let mut seen = HashSet::from([initial.exact_fingerprint()]);
    let mut queue = VecDeque::from([initial]);
    let mut states = Vec::new();
    while let Some(state) = queue.pop_front() {
        if states.len() == limit {
            break;
        }
        for mv in state.moves(model) {
            let (next, broken) = state.after(mv, model, None);
            if broken.is_none() && seen.insert(next.exact_fingerprint()) {
                queue.push_back(next);
            }
        }
        states.push(state);
    }
    states
}

/// For each state and renaming: the successors of the renamed state are the renamed
/// successors, each breaking the same property or none; and the fingerprint under symmetry
/// is the same for the state and its renamings. A renaming function that missed a field
/// naming a server, or a handler that told servers apart by name, fails here.
#[test]
fn renaming_the_servers_commutes_with_every_move() {
    let faults = Faults { crashes: 1, losses: 1, duplicates: 1, timers: 3 };
    let model = raft(3, 1, 1, faults).with_symmetry().expect("Raft is symmetric");
    let compared = commutes(&model, reachable(&model, 1_500));
    assert!(compared > 10_000, "only {compared} successors compared");
}

/// The same with membership changes, in the states where some log holds a configuration
/// entry: renaming the servers renames the ones each names, in the nodes, the messages and
/// the checker's record.
#[test]
fn renaming_commutes_with_every_move_after_a_membership_change() {
    let faults = Faults { crashes: 1, losses: 0, duplicates: 0, timers: 1 };
    let changes = [(MemberChange::RemoveServer, NodeId(2)), (MemberChange::AddServer, NodeId(2))];
    let model = raft(3, 1, 0, faults).with_changes(&changes).expect("Raft takes changes");
    let model = model.with_symmetry().expect("symmetric with changes");
    let reconfigured = |state: &State<RaftNode>| {
        let nodes = state.nodes();
        (0..3).filter_map(|i| nodes.node(i)).any(|node| node.membership().voters.len() != 3)
    };
    let states: Vec<_> = reachable(&model, 100_000).into_iter().filter(reconfigured).collect();
    assert!(states.len() > 10_000, "only {} states hold a configuration entry", states.len());
    // A spread of them, the deepest included.
    let every = states.len() / 400;
    let compared = commutes(&model, states.into_iter().rev().step_by(every));
    assert!(compared > 5_000, "only {compared} successors compared");
}

/// Two states the reduced search takes for one (the same fingerprint under symmetry) are
/// one renaming apart, and that renaming takes the first's successors to the second's: the
/// two have the same futures, renamed. A fingerprint that left out the servers an unsent
/// request or membership change names would merge states whose next moves differ.
#[test]
fn states_taken_for_one_have_the_same_futures_renamed() {
    let faults = Faults { crashes: 1, losses: 0, duplicates: 0, timers: 1 };
    let changes = [(MemberChange::RemoveServer, NodeId(2))];
    let model = raft(3, 1, 0, faults).with_changes(&changes).expect("Raft takes changes");
    let model = model.with_symmetry().expect("symmetric with changes");
    let symmetry = model.symmetry.clone().expect("with symmetry");
    let successors = |state: &State<RaftNode>, renaming: Option<&Renaming>| {
        (state.moves(&model).into_iter())
            .map(|mv| {
                let (next, broken) = state.after(mv, &model, None);
                let next = renaming.map_or(next.clone(), |r| next.renamed(r, &symmetry));
                (next.exact_fingerprint(), broken.map(|b| b.property))
            })
            .collect::<BTreeSet<_>>()
    };
    let mut first_of_class = HashMap::new();
    let mut merged = 0;
    for state in reachable(&model, 60_000) {
        let Some(first) = first_of_class.get(&state.fingerprint(&model)) else {
            first_of_class.insert(state.fingerprint(&model), state);
            continue;
        };
        let exact = state.exact_fingerprint();
        let same_futures = symmetry.renamings.iter().any(|renaming| {
            first.renamed(renaming, &symmetry).exact_fingerprint() == exact
                && successors(first, Some(renaming)) == successors(&state, None)
        });
        assert!(same_futures, "state {exact:#x} taken for one with other futures");
        merged += 1;
    }
    assert!(merged > 10_000, "only {merged} states taken for another");
}

/// Asserts, for each state and renaming, what `renaming_the_servers_commutes_with_every_move`
/// says; the number of successors compared.
fn commutes(model: &Model<RaftNode>, states: impl IntoIterator<Item = State<RaftNode>>) -> usize {
    let symmetry = model.symmetry.clone().expect("with symmetry");
    let wide = |model: &Model<RaftNode>| Model { wide: true, ..model.clone() };
    let mut compared = 0;
    for state in states {
        let fingerprint = state.fingerprint(model);
        // A wide key's second half is the class's too: taken from the same renamed state
        // whichever member of the class the state is.
        let key = state.key(&wide(model));
        assert!(key.fp == fingerprint && key.check != 0);
        for renaming in &symmetry.renamings[1..] {
            let renamed_model = renamed_script(model, renaming);
            let renamed = state.renamed(renaming, &symmetry);
            assert_eq!(renamed.fingerprint(&renamed_model), fingerprint);
            assert_eq!(renamed.key(&wide(&renamed_model)), key, "renamed by {renaming:?}");
            let successors = |from: &State<RaftNode>, model: &Model<RaftNode>, rename: bool| {
                (from.moves(model).into_iter())
                    .map(|mv| {
                        let (next, broken) = from.after(mv, model, None);
                        let next = if rename { next.renamed(renaming, &symmetry) } else { next };
                        (next.exact_fingerprint(), broken.map(|b| b.property))
                    })
                    .collect::<BTreeSet<_>>()
            };
            let renamed_after = successors(&state, model, true);
            let after_renamed = successors(&renamed, &renamed_model, false);
            assert_eq!(renamed_after, after_renamed, "renamed by {renaming:?}");
            compared += renamed_after.len();
        }
    }
    compared
}

/// Every state the full search reaches falls in a class the reduced search visits, and the
/// reduced search visits no class twice: its count is the number of classes, whichever
/// search runs it.
#[test]
fn the_reduced_search_visits_one_state_per_class() {
    // Small enough to hold every state: one election each.
    let remove = [(MemberChange::RemoveServer, NodeId(3))];
    let models = [
        raft(3, 1, 0, Faults { crashes: 1, timers: 1, ..Faults::default() }),
        raft(3, 2, 0, Faults { losses: 1, timers: 1, ..Faults::default() }),
        raft(4, 1, 0, Faults { timers: 1, ..Faults::default() }),
        raft(4, 0, 0, Faults { timers: 1, ..Faults::default() }).with_changes(&remove).unwrap(),
    ];
    for model in models {
        let symmetric = model.with_symmetry().expect("symmetric");
        let all = reachable(&symmetric, usize::MAX);
        let classes: HashSet<u64> = all.iter().map(|s| s.fingerprint(&symmetric)).collect();
        assert!(classes.len() * 2 < all.len(), "{} classes of {} states", classes.len(), all.len());
        for (order, threads) in [(Order::Bfs, 2), (Order::Dfs, 1), (Order::Dfs, 2)] {
            let mut explorer =
                Explorer::new(symmetric.clone(), order, 100, u64::MAX, threads).expect("ok");
            assert_eq!(explorer.run(), &Stop::Exhausted { cut_at_depth: false });
            let unique = explorer.progress().unique as usize;
            assert_eq!(unique, classes.len(), "{order:?} on {threads} threads");
        }
    }
}

/// Each Raft bug that breadth-first search finds within its bounds is found with symmetry
/// reduction too, after as many moves, and the path replays in the simulator.
#[test]
fn every_raft_bug_is_found_as_soon_with_symmetry_and_replays() {
    for bug in ["forget_voted_for", "skip_log_check", "stale_vote_reply", "local_reads"] {
        let bounds = RaftNode::bounds_for(bug);
        let config = RaftNode::model_config(bounds.servers, &[bug.to_string()]).expect("bug");
        let model = Model::<RaftNode>::with_clients(
            bounds.servers,
            config,
            bounds.clients,
            bounds.reads,
            bounds.faults,
        )
        .expect("a model");
        let run = |model: Model<RaftNode>| {
            let mut explorer =
                Explorer::new(model, Order::Bfs, bounds.depth, u64::MAX, 2).expect("bounds");
            let Stop::Violation(found) = explorer.run().clone() else { panic!("{bug} not found") };
            (found, explorer.progress().unique)
        };
        let (full, full_states) = run(model.clone());
        let symmetric = model.with_symmetry().expect("symmetric");
        let (reduced, reduced_states) = run(symmetric.clone());
        assert_eq!(reduced.path.len(), full.path.len(), "{bug}");
        assert!(reduced_states < full_states, "{bug}: {reduced_states} of {full_states}");
        confirmed_actions(&symmetric, &reduced).unwrap_or_else(|e| panic!("{bug}: {e}"));
    }
}

#[test]
fn protocols_whose_servers_are_not_interchangeable_say_why() {
    let faults = Faults::default();
    let paxos = PaxosNode::model_config(3, &[]).expect("config");
    let error = Model::<PaxosNode>::with_clients(3, paxos, 2, 0, faults)
        .and_then(Model::with_symmetry)
        .expect_err("ballots tell servers apart");
    assert!(error.contains("ballot"), "{error}");
    let multipaxos = MultiPaxosNode::model_config(3, &[]).expect("config");
    let error = Model::<MultiPaxosNode>::with_clients(3, multipaxos, 2, 0, faults)
        .and_then(Model::with_symmetry)
        .expect_err("ballots tell servers apart");
    assert!(error.contains("ballot"), "{error}");
    let error = raft(6, 1, 0, faults).with_symmetry().expect_err("too many renamings");
    assert!(error.contains("at most 5 servers"), "{error}");
}

/// The chance of a fingerprint collision a search reports: none while it has one state, the
/// pairs of distinct states times 2^-64 after, and r²/(2r − 1) + 1 times as much a pair when
/// each fingerprint is the least of r renamings' digests, hashed again (for 3 servers, r = 6).
#[test]
fn the_chance_of_a_fingerprint_collision_counts_pairs_of_states_and_renamings() {
    let faults = Faults { crashes: 0, losses: 0, duplicates: 0, timers: 2 };
    let pairs = |explorer: &Explorer<RaftNode>| {
        let n = explorer.progress().unique as f64;
        n * (n - 1.0) / 2.0
    };
    let search = |model: Model<RaftNode>| {
        let mut explorer = Explorer::new(model, Order::Dfs, 8, u64::MAX, 1).expect("bounds");
        assert_eq!(explorer.collision_chance(), 0.0, "one state, no pair");
        explorer.run();
        explorer
    };
    let full = search(raft(3, 1, 0, faults));
    let reduced = search(raft(3, 1, 0, faults).with_symmetry().expect("symmetric"));
    assert!(pairs(&reduced) < pairs(&full) / 2.0);
    assert_eq!(full.collision_chance(), pairs(&full) / 2_f64.powi(64));
    let per_pair = 36.0 / 11.0 + 1.0;
    assert_eq!(reduced.collision_chance(), pairs(&reduced) * per_pair / 2_f64.powi(64));
    assert!(full.collision_chance() > 0.0 && full.collision_chance() < 1e-9);
}
