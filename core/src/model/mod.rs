//! Exhaustive model checking of the protocols' own `Node` code: the same handlers the
//! simulator runs and the page animates, driven through every order of events up to a bound.
//!
//! A state is every node (or what a crashed node persisted), the timers each node has armed,
//! the messages in flight as a multiset, which of the script's client requests and membership
//! changes were sent, the faults spent, and the protocol's checker (whose incremental state is
//! part of what a path did). A move delivers a message, fires an armed timer, sends a client
//! request from the script, asks the leader for one of its membership changes, or spends a
//! fault: lose or copy a message, crash or restart a server. Time does not pass in the
//! model: any armed timer may fire at any moment, and a node's clock reads 0, so the model
//! covers every timing a real network could produce for protocols whose safety does not
//! read the clock (Paxos, Raft); the leases lab's does, and it is not modelled.
//!
//! Every state is checked with the protocol's own invariants, the first break is reported
//! with the path to it (the shortest, under breadth-first search or depth-first search for
//! the shortest, `Order::Shortest`), and the path is written as a scenario the simulator
//! replays step for step (see [`replay`]).

mod clients;
mod explore;
mod footprint;
mod hash;
mod renamed;
mod replay;
mod spec;
mod state;
mod symmetry;
mod table;
mod visited;
mod worker;

pub use explore::{Explorer, Progress, Stop, MAX_DEPTH};
pub use footprint::Footprint;
pub use replay::{confirmed_actions, counterexample_scenario, narrate_path, replay_actions};
pub use spec::{
    any_node, change_name, check_size, parse_change, writer_of, Bounds, Change, Checkable, Faults,
    Goal, Model, Order, MAX_CHANGES, MAX_REQUESTS, MAX_SERVERS, MAX_SYMMETRIC_SERVERS,
};
pub use state::{Armed, Broken, Envelope, Found, Interner, Move, Shared, State};
pub use symmetry::{Rename, Renaming, Symmetry};
