//! What a model is: the protocol's side of the contract (`Checkable`), the cluster, its
//! client script and the faults a path may spend.

use std::hash::Hash;

use crate::sim::{Node, NodeId, Nodes};

/// A protocol the model checker can explore: its node, messages, timers, persistent state
/// and checker can be hashed into a state's fingerprint.
pub trait Checkable:
    Node<
        Msg: Hash + Eq + Send + Sync,
        Timer: Hash + Send + Sync,
        Persistent: Hash + Send + Sync,
        Invariants: Hash + Send + Sync,
        Command: Send + Sync,
        Config: Send + Sync,
    > + Hash
    + Send
    + Sync
{
    /// Things that should happen on some path ("a value is chosen"): each is reported as
    /// reached (with the depth it was first seen at) or not reached within the bound.
    const GOALS: &'static [Goal<Self>];

    /// What `clusterscope check` explores unless told otherwise: bounds the correct protocol
    /// passes in seconds, within which as many of its bug toggles as such a search can reach
    /// are found (docs/cli.md, `check`, lists which; the aim is all of them).
    const BOUNDS: Bounds;

    /// The bounds a search for `bug`'s counterexample starts from, where they differ from
    /// [`Checkable::BOUNDS`] (a bug that needs five servers to show, say). The correct
    /// protocol passes these too.
    fn bounds_for(_bug: &str) -> Bounds {
        Self::BOUNDS
    }

    /// The configuration a model runs, with `bugs` switched on: the protocol's defaults, less
    /// anything that only multiplies states without changing what can go wrong.
    fn model_config(servers: usize, bugs: &[String]) -> Result<Self::Config, String>;

    /// The lines of the protocol's scenario section that set what `model_config` changed
    /// for these bugs (a counterexample's scenario must run the same configuration).
    fn model_section(bugs: &[&str]) -> Vec<&'static str>;
}

/// A model's default size: client requests, faults and the depth explored, and the search
/// that explores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub servers: usize,
    pub clients: usize,
    pub faults: Faults,
    pub depth: usize,
    /// Breadth-first (a shortest counterexample), unless the levels before the violation do
    /// not fit in memory.
    pub order: Order,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Breadth-first: finds the shortest counterexample; keeps each state's parent.
    Bfs,
    /// Depth-first: keeps only fingerprints; the counterexample is the path it was on.
    Dfs,
}

impl Order {
    /// What a counterexample this search found is, in words (for its scenario's description).
    pub fn path_words(self) -> &'static str {
        match self {
            Order::Bfs => "the shortest path there is",
            Order::Dfs => "the path depth-first search took (not always the shortest)",
        }
    }
}

/// A bounded "eventually": a predicate that some explored state should satisfy.
pub struct Goal<N: 'static> {
    pub name: &'static str,
    pub reached: fn(&dyn Nodes<N>) -> bool,
}

/// Whether some live node passes `test`: what most goals ask.
pub fn any_node<N>(nodes: &dyn Nodes<N>, test: impl Fn(&N) -> bool) -> bool {
    (0..nodes.count()).any(|i| nodes.node(i).is_some_and(&test))
}

/// How many faults of each kind a path may contain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Faults {
    pub crashes: u8,
    pub losses: u8,
    pub duplicates: u8,
    /// Timer firings. Timers are how protocols retry; without a bound, a proposer retrying
    /// forever makes the state space infinite.
    pub timers: u8,
}

/// What is explored: a cluster, its protocol configuration (with any bug toggles), the client
/// requests a path may send (each once, in any order), and the fault budget.
#[derive(Clone, Debug)]
pub struct Model<N: Node> {
    pub servers: usize,
    pub config: N::Config,
    pub script: Vec<(NodeId, N::Command)>,
    pub faults: Faults,
}

/// The most servers and client requests a model may have: beyond these no state space is
/// small enough to explore, and the script is kept in a 32-bit set.
pub const MAX_SERVERS: usize = 9;
pub const MAX_REQUESTS: usize = 16;

/// Whether a model of this size can be built; says why not.
pub fn check_size(servers: usize, clients: usize) -> Result<(), String> {
    if servers == 0 || servers > MAX_SERVERS {
        return Err(format!(
            "a model has 1 to {MAX_SERVERS} servers, not {servers} (each server multiplies the \
             states to explore)"
        ));
    }
    if clients > MAX_REQUESTS {
        return Err(format!("a model has at most {MAX_REQUESTS} client requests, not {clients}"));
    }
    Ok(())
}

impl<N: Node> Model<N> {
    /// `clients` requests, the k-th sent to server k mod `servers` with command `x=k+1`
    /// (Paxos proposes it, Raft writes it).
    pub fn with_clients(
        servers: usize,
        config: N::Config,
        clients: usize,
        faults: Faults,
    ) -> Result<Self, String> {
        check_size(servers, clients)?;
        let script = (0..clients)
            .map(|k| {
                let command = format!("x={}", k + 1).parse::<N::Command>()?;
                Ok((NodeId((k % servers) as u32), command))
            })
            .collect::<Result<_, String>>()?;
        Ok(Model { servers, config, script, faults })
    }
}
