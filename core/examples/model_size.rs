use clusterscope_core::model::{Explorer, Faults, Model, Order};
use clusterscope_core::protocols::paxos::{PaxosConfig, PaxosNode, Roles};
fn main() {
    let args: Vec<usize> = std::env::args().skip(1).map(|a| a.parse().unwrap()).collect();
    let (clients, learners, crashes, timers, depth) = (args[0], args[1], args[2], args[3], args[4]);
    let mut config = PaxosConfig::default();
    config.roles = Roles { proposers: None, acceptors: None, learners: Some(learners) };
    let faults = Faults { crashes: crashes as u8, timers: timers as u8, ..Faults::default() };
    let model: Model<PaxosNode> = Model::with_clients(3, config, clients, faults).unwrap();
    let t = std::time::Instant::now();
    let mut e = Explorer::new(model, if args[5] == 0 { Order::Bfs } else { Order::Dfs }, depth, 20_000_000, 2).unwrap();
    let stop = e.run().clone();
    let s = t.elapsed().as_secs_f64();
    println!("{stop:?} {:?} {:.2}s {:.0} unique/s", e.progress(), s, e.progress().unique as f64 / s);
}
