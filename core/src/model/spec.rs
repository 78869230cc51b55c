//! What a model is: the protocol's side of the contract (`Checkable`), the cluster, its
//! client script and the faults a path may spend.

use std::hash::Hash;

use super::symmetry::{Rename, Symmetry};
use crate::history::Fate;
use crate::sim::{MemberChange, Node, NodeId, Nodes, Record, Violation};

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

    /// Whether the protocol's clients read a key-value store (Raft, Multi-Paxos), so that a
    /// model's script may hold reads. Such a protocol says what its events tell clients
    /// (`client_fact`, as in `history::ClientFacts`), and the model checks with it that each
    /// read sees the writes acknowledged before it was sent.
    const READS: bool = false;

    /// What an event tells the client whose request it is about.
    fn client_fact(_event: &Self::Event) -> Option<(u64, Fate)> {
        None
    }

    /// The simulator's verdict on a replayed run's client history, if it is not
    /// linearizable (how a counterexample to reads seeing acknowledged writes is confirmed).
    fn history_violation(_records: &[Record<Self>]) -> Option<Violation> {
        None
    }

    /// Whether the protocol changes its membership when the leader is asked to
    /// (`Node::on_membership`), so that a model's script may ask for changes.
    const MEMBERSHIP: bool = false;

    /// How to rename the servers in this protocol's states, if its `servers` are
    /// interchangeable under `config` (for symmetry reduction, `symmetry.rs`); why not, if not.
    fn rename(_config: &Self::Config, _servers: usize) -> Result<Rename<Self>, String> {
        Err(format!("{}'s servers are not interchangeable", Self::PROTOCOL))
    }
}

/// A model's default size: client requests, faults and the depth explored, and the search
/// that explores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bounds {
    pub servers: usize,
    /// Writes in the client script.
    pub clients: usize,
    /// Reads in the client script, after the writes.
    pub reads: usize,
    /// Membership changes the script asks of the leader.
    pub changes: &'static [Change],
    pub faults: Faults,
    pub depth: usize,
    /// Breadth-first (a shortest counterexample), unless the levels before the violation do
    /// not fit in memory.
    pub order: Order,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// Breadth-first: finds the shortest counterexample; keeps each state's parent.
    #[default]
    Bfs,
    /// Depth-first: keeps only fingerprints; the counterexample is the path it was on.
    Dfs,
    /// Depth-first, each state's least depth kept beside its fingerprint: a counterexample
    /// found lowers the depth bound below its length, and the search goes on until nothing
    /// shorter is left. It ends with a shortest counterexample, as breadth-first search does,
    /// in little more than depth-first search's memory, but tries every move, some more
    /// than once.
    Shortest,
}

impl Order {
    pub const ALL: [Order; 3] = [Order::Bfs, Order::Dfs, Order::Shortest];

    /// The search's name in reports and requests: `bfs`, `dfs` or `shortest`.
    pub fn name(self) -> &'static str {
        match self {
            Order::Bfs => "bfs",
            Order::Dfs => "dfs",
            Order::Shortest => "shortest",
        }
    }

    pub fn from_name(name: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|order| order.name() == name)
    }

    /// What a counterexample this search found is, in words (for its scenario's description).
    /// `to_the_end`: whether the search ran to its end, rather than stopping at a bound with
    /// the shortest counterexample it had found (only a search for the shortest has one then).
    pub fn path_words(self, to_the_end: bool) -> &'static str {
        match self {
            Order::Bfs => "the shortest path there is",
            Order::Dfs => "the path depth-first search took (not always the shortest)",
            Order::Shortest if to_the_end => "a shortest path: nothing shorter breaks a property",
            Order::Shortest => "the shortest path found before the search stopped at a bound",
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

/// A membership change a model's script asks for: the change, and the server it adds or removes.
pub type Change = (MemberChange, NodeId);

/// A change written as the scenario files write it, `remove_server:S4`.
pub fn parse_change(text: &str) -> Result<Change, String> {
    let wrong = || {
        format!(
            "a membership change is written {}:S<n>, not `{text}`",
            MemberChange::NAMES.join("|")
        )
    };
    let (kind, node) = text.split_once(':').ok_or_else(wrong)?;
    let change = serde_json::from_value(serde_json::Value::from(kind)).map_err(|_| wrong())?;
    Ok((change, node.parse()?))
}

/// `change` as [`parse_change`] reads it.
pub fn change_name((change, node): Change) -> String {
    format!("{}:{node}", MemberChange::NAMES[change as usize])
}

/// What is explored: a cluster, its protocol configuration (with any bug toggles), the client
/// requests and membership changes a path may send (each once, in any order), and the fault
/// budget.
#[derive(Clone, Debug)]
pub struct Model<N: Node> {
    pub servers: usize,
    pub config: N::Config,
    /// The writes first, then `reads` reads.
    pub script: Vec<(NodeId, N::Command)>,
    pub reads: usize,
    /// Membership changes, each asked once of whoever leads in the highest term (the server
    /// the simulator's `leader()` picks, so a replay asks the same one).
    pub changes: Vec<Change>,
    pub faults: Faults,
    /// With symmetry reduction: one state is explored per class of renamings of the servers.
    pub symmetry: Option<Symmetry<N>>,
    /// Depth-first search keeps 64 more bits of each state, from a second hash (`Key`): for
    /// proofs over so many states that 64-bit fingerprints would likely collide.
    pub wide: bool,
}

/// The most servers and client requests a model may have: beyond these no state space is
/// small enough to explore, and the script is kept in a 32-bit set.
pub const MAX_SERVERS: usize = 9;
pub const MAX_REQUESTS: usize = 16;
/// The most membership changes a script may ask for (their bits follow the requests').
pub const MAX_CHANGES: usize = 8;
/// The most servers symmetry reduction takes: six would rename each state 720 ways.
pub const MAX_SYMMETRIC_SERVERS: usize = 5;

/// Whether a model of this size can be built; says why not.
pub fn check_size(servers: usize, clients: usize, reads: usize) -> Result<(), String> {
    if servers == 0 || servers > MAX_SERVERS {
        return Err(format!(
            "a model has 1 to {MAX_SERVERS} servers, not {servers} (each server multiplies the \
             states to explore)"
        ));
    }
    if clients.saturating_add(reads) > MAX_REQUESTS {
        return Err(format!(
            "a model has at most {MAX_REQUESTS} client requests (writes and reads), not {}",
            clients.saturating_add(reads)
        ));
    }
    Ok(())
}

/// The script's k-th request (counting from 0), sent to server k mod `servers`: a write of
/// `x=k+1` for the first `clients`, a read of x after them. Each write's value is its own, so
/// a value read names the write that wrote it ([`writer_of`]).
fn scripted(k: usize, clients: usize) -> String {
    if k < clients {
        format!("x={}", k + 1)
    } else {
        "get x".to_string()
    }
}

/// The script index of the write whose value a read returned.
pub fn writer_of(value: &str) -> Option<usize> {
    value.parse::<usize>().ok()?.checked_sub(1)
}

impl<N: Checkable> Model<N> {
    /// `clients` writes and `reads` reads ([`scripted`]; Paxos proposes the writes' values).
    pub fn with_clients(
        servers: usize,
        config: N::Config,
        clients: usize,
        reads: usize,
        faults: Faults,
    ) -> Result<Self, String> {
        check_size(servers, clients, reads)?;
        if reads > 0 && !N::READS {
            return Err(format!(
                "{}'s clients do not read: a model of it has no reads",
                N::PROTOCOL
            ));
        }
        let script = (0..clients + reads)
            .map(|k| {
                let command = scripted(k, clients).parse::<N::Command>()?;
                Ok((NodeId((k % servers) as u32), command))
            })
            .collect::<Result<_, String>>()?;
        Ok(Model {
            servers,
            config,
            script,
            reads,
            changes: Vec::new(),
            faults,
            symmetry: None,
            wide: false,
        })
    }

    /// The same model, whose script also asks the leader for `changes`.
    pub fn with_changes(mut self, changes: &[Change]) -> Result<Self, String> {
        if !changes.is_empty() && !N::MEMBERSHIP {
            return Err(format!("{} has no membership changes to ask for", N::PROTOCOL));
        }
        if changes.len() > MAX_CHANGES {
            return Err(format!(
                "a model asks for at most {MAX_CHANGES} membership changes, not {}",
                changes.len()
            ));
        }
        if let Some((_, node)) = changes.iter().find(|(_, node)| node.index() >= self.servers) {
            return Err(format!("{node} is not one of the model's {} servers", self.servers));
        }
        self.changes = changes.to_vec();
        Ok(self)
    }

    /// The bit of `sent` that says membership change `j` was asked for.
    pub(super) fn change_bit(j: usize) -> u32 {
        1 << (MAX_REQUESTS + j)
    }

    /// The same model, explored one state per class of renamings of its servers.
    pub fn with_symmetry(mut self) -> Result<Self, String> {
        if self.servers > MAX_SYMMETRIC_SERVERS {
            return Err(format!(
                "symmetry reduction renames every state each way its servers can be renamed; \
                 it takes at most {MAX_SYMMETRIC_SERVERS} servers (120 ways), not {}",
                self.servers
            ));
        }
        let rename = N::rename(&self.config, self.servers)?;
        self.symmetry = Some(Symmetry::new(rename, self.servers));
        Ok(self)
    }
}
