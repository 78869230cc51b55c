//! Raft, as in "In Search of an Understandable Consensus Algorithm" (Ongaro & Ousterhout):
//! leader election, log replication and the commitment rule of Figure 2, with persistent
//! `currentTerm` / `votedFor` / `log` across crashes.

mod append;
pub mod experiments;
mod handlers;
mod invariants;
mod membership;
mod messages;
mod narration;
mod reads;
pub mod section;
mod snapshots;
mod stability;
mod state;
mod symmetry;
mod transfer;
mod view;

pub use invariants::{RaftInvariants, WITH_HISTORY};
pub use messages::{Command, Entry, Membership, Message, Servers, Snapshot};
pub use narration::narrate;
pub use state::{
    Bugs, Persistent, RaftConfig, RaftNode, ReadMode, Role, Timer, MAX_SNAPSHOT_THRESHOLD,
};
#[cfg(feature = "raft-membership")]
pub use view::ConfigRefusal;
pub use view::{ClientOutcome, DenyReason, Event, Progress, RejectReason, View};

use crate::history::{ClientFacts, Fate};
use crate::model::{any_node, Bounds, Checkable, Faults, Goal, Order, Rename};
use crate::sim::fuzz::{ClockFaults, FuzzConfig};
use crate::sim::{ClientRequest, MemberChange, Node, NodeId, Out, Record, Violation};

use super::about::{About, MAX_CONSENSUS_NODES};

pub const ABOUT: About = About {
    key: "raft",
    name: "Raft",
    max_nodes: MAX_CONSENSUS_NODES,
    bugs: &Bugs::NAMES,
    bugs_do: &Bugs::WHAT,
    check_command: |text| text.parse::<Command>().map(drop),
};

/// What the randomized tester asks of a Raft cluster `protocol`: the usual faults, and (when
/// membership changes are built in) leaders asked to add and remove servers and learners.
/// Raft's safety reads no clock, so clocks drift and jump freely; lease reads do read them
/// (a leader answers alone while its clock says its lease holds), so with leases the clocks
/// are a real machine's, NTP-disciplined: a few hundred ppm, never stepped.
pub fn fuzz_config(protocol: &RaftConfig) -> FuzzConfig {
    let clocks = match protocol.read_mode {
        ReadMode::Lease => ClockFaults::DISCIPLINED,
        ReadMode::ReadIndex => ClockFaults::default(),
    };
    FuzzConfig { membership: cfg!(feature = "raft-membership"), clocks, ..FuzzConfig::default() }
}

impl Node for RaftNode {
    type Config = RaftConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = Persistent;
    type View = View;
    type Invariants = RaftInvariants;

    const PROTOCOL: &'static str = "raft";

    fn boot(id: NodeId, cluster_size: usize, config: &RaftConfig) -> Self {
        RaftNode::with_persistent(id, cluster_size, config, Persistent::default())
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &RaftConfig,
        mut saved: Persistent,
    ) -> Self {
        if config.bugs.forget_voted_for {
            saved.voted_for = None;
        }
        RaftNode::with_persistent(id, cluster_size, config, saved)
    }

    fn persistent(&self) -> Persistent {
        self.persistent.clone()
    }

    fn on_start(&mut self, out: &mut Out<Self>) {
        self.start(out);
    }

    fn on_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        self.handle_message(from, msg, out);
    }

    fn on_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        self.handle_timer(timer, out);
    }

    fn on_client(&mut self, request: ClientRequest<Command>, out: &mut Out<Self>) {
        self.handle_client(request, false, out);
    }

    fn on_transfer(&mut self, to: NodeId, out: &mut Out<Self>) -> bool {
        self.begin_transfer(to, out);
        true
    }

    fn on_membership(&mut self, change: MemberChange, node: NodeId, out: &mut Out<Self>) -> bool {
        self.change_membership(change, node, out);
        cfg!(feature = "raft-membership")
    }

    fn leading(&self) -> Option<u64> {
        (self.role == Role::Leader).then_some(self.persistent.current_term)
    }

    fn forceable_timer(&self) -> Option<Timer> {
        (self.role != Role::Leader).then_some(Timer::Election)
    }

    fn view(&self) -> View {
        self.make_view()
    }
}

impl Checkable for RaftNode {
    const GOALS: &'static [Goal<Self>] = &[
        Goal {
            name: "a leader is elected",
            reached: |nodes| any_node(nodes, |n| n.role() == Role::Leader),
        },
        Goal {
            name: "a client's write commits",
            reached: |nodes| any_node(nodes, |n| n.commit_index() > 0),
        },
    ];

    /// Elections come from timeouts, so a path needs timer firings to elect anyone: three
    /// give two rival candidates and a heartbeat. Depth 9 explores about a million states;
    /// forget_voted_for and skip_log_check break a property in 8 moves.
    const BOUNDS: Bounds = Bounds {
        servers: 3,
        clients: 1,
        reads: 0,
        changes: &[],
        faults: Faults { crashes: 1, losses: 0, duplicates: 0, timers: 3 },
        depth: 9,
        order: Order::Bfs,
    };

    /// A stale refusal undoes a vote only while the candidate still needs another: that takes
    /// five servers (a candidate of three is leader at its first granted vote). Two timer
    /// firings (one candidate, twice), no client; the break comes at move 8.
    ///
    /// Figure 8 on three servers takes three elections and two writes: S1 leads term 1 and
    /// appends x=1, S2 leads term 2 with S3's vote and appends x=2, S1 leads term 3 with
    /// S3's vote and copies x=1 to S3. Counting that majority commits x=1, though S2's log
    /// (term 2) is more up to date than S3's: 16 moves. Breadth-first search would keep
    /// hundreds of millions of states by then; depth-first finds it after about 54 million
    /// (two minutes, 1.5 GB), and a search for the shortest (`Order::Shortest`) shows in 101
    /// million (12 minutes, 2.3 GB) that no path of 15 moves breaks a property.
    ///
    /// A leader that answers reads from its own copy (`local_reads`) is caught by a read
    /// that misses an acknowledged write: S2 asks for votes, S1 grants one but wins term 2
    /// with S3 before S2 hears of it, and commits x=1; S2 then hears S1's vote, believes it
    /// leads term 1, and answers a read of x with nothing. One write, one read, two timer
    /// firings: 12 moves, 430,000 states.
    ///
    /// A configuration change made before the leader's term has committed an entry
    /// (`early_config_change`) takes four voters and two changes, each asked of whoever
    /// leads: S1 leads term 1 (votes of S2, S3) and removes S4, which is in force on S1
    /// alone; S2 leads term 2 (votes of S3, S4) and removes S3, and with S4 commits its no-op
    /// at index 1 as a majority of S1, S2, S4; S1 then wins term 3 with S3's vote, a majority
    /// of S1, S2, S3, without that entry. Three elections, 18 moves: depth-first search
    /// finds it after about 24 million states (75 s, 260 MB); breadth-first would keep far
    /// more.
    fn bounds_for(bug: &str) -> Bounds {
        match bug {
            "figure8_commit" => Bounds {
                servers: 3,
                clients: 2,
                reads: 0,
                changes: &[],
                faults: Faults { crashes: 0, losses: 0, duplicates: 0, timers: 3 },
                depth: 16,
                order: Order::Dfs,
            },
            "local_reads" => Bounds {
                servers: 3,
                clients: 1,
                reads: 1,
                changes: &[],
                faults: Faults { crashes: 0, losses: 0, duplicates: 0, timers: 2 },
                depth: 12,
                order: Order::Bfs,
            },
            "early_config_change" => Bounds {
                servers: 4,
                clients: 0,
                reads: 0,
                changes: &[
                    (MemberChange::RemoveServer, NodeId(3)),
                    (MemberChange::RemoveServer, NodeId(2)),
                ],
                faults: Faults { crashes: 0, losses: 0, duplicates: 0, timers: 3 },
                depth: 18,
                order: Order::Dfs,
            },
            "stale_vote_reply" => Bounds {
                servers: 5,
                clients: 0,
                reads: 0,
                changes: &[],
                faults: Faults { crashes: 0, losses: 0, duplicates: 0, timers: 2 },
                depth: 8,
                order: Order::Bfs,
            },
            _ => Self::BOUNDS,
        }
    }

    fn model_section(bugs: &[&str]) -> Vec<&'static str> {
        if bugs.contains(&"figure8_commit") {
            vec!["leader_noop = false"]
        } else {
            Vec::new()
        }
    }

    /// Without the leader's no-op for `figure8_commit`: a new leader's every append carries
    /// its no-op, so a follower that stores an old term's entry stores the no-op with it and
    /// the leader commits both by the rule; counting replicas of the old entry alone then
    /// never commits anything the rule would not. The paper's Figure 8 has no no-op either.
    fn model_config(_servers: usize, bugs: &[String]) -> Result<RaftConfig, String> {
        let mut config = RaftConfig::default();
        for bug in bugs {
            config.bugs.enable(bug)?;
        }
        if config.bugs.figure8_commit {
            config.leader_noop = false;
        }
        config.validate()?;
        Ok(config)
    }

    const READS: bool = true;

    const MEMBERSHIP: bool = cfg!(feature = "raft-membership");

    fn client_fact(event: &Event) -> Option<(u64, Fate)> {
        <Self as ClientFacts>::client_fact(event)
    }

    fn history_violation(records: &[Record<Self>]) -> Option<Violation> {
        crate::history::violation(records)
    }

    fn rename(config: &RaftConfig, servers: usize) -> Result<Rename<Self>, String> {
        symmetry::rename(config, servers)
    }
}
