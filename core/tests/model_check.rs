//! The model checker on the real protocol code: correct protocols pass their default bounds,
//! every bug toggle is caught within them, and every counterexample replays in the simulator
//! to the same broken property.

use clusterscope_core::model::{replay_actions, Checkable, Explorer, Faults, Model, Order, Stop};
use clusterscope_core::protocols::paxos::{self, PaxosConfig, PaxosNode};

fn paxos_model(clients: usize, faults: Faults, bug: Option<&str>) -> Model<PaxosNode> {
    let mut config = PaxosConfig::default();
    config.roles.learners = Some(1);
    if let Some(bug) = bug {
        config.bugs.enable(bug).expect("a known bug");
    }
    Model::with_clients(3, config, clients, faults).expect("a valid model")
}

fn explore<N: Checkable>(model: Model<N>, order: Order, depth: usize) -> (Stop, u64) {
    let mut explorer = Explorer::new(model, order, depth, 5_000_000, 2).expect("valid bounds");
    let stop = explorer.run().clone();
    eprintln!("{stop:?} {:?}", explorer.progress());
    (stop, explorer.progress().unique)
}

#[test]
fn paxos_without_faults_is_safe_and_chooses() {
    for order in [Order::Bfs, Order::Dfs] {
        let (stop, unique) = explore(paxos_model(1, Faults::default(), None), order, 100);
        assert_eq!(stop, Stop::Exhausted { cut_at_depth: false });
        assert!(unique > 100, "{unique}");
    }
}

#[test]
fn paxos_bugs_are_found_and_replay() {
    let faults = Faults { crashes: 1, ..Faults::default() };
    for bug in paxos::Bugs::NAMES {
        let model = paxos_model(2, faults, Some(bug));
        let t = std::time::Instant::now();
        let (stop, _) = explore(model.clone(), Order::Bfs, 30);
        eprintln!("{bug}: {:?}", t.elapsed());
        let Stop::Violation(found) = stop else { panic!("{bug} not found: {stop:?}") };
        let (actions, violations) = replay_actions(&model, &found.path).expect("replays");
        assert_eq!(actions.len(), found.path.len());
        assert!(
            violations.iter().any(|v| v.property == found.broken.property),
            "{bug}: the simulator saw {violations:?}, the model {:?}",
            found.broken
        );
    }
}
