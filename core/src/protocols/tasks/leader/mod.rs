//! Article B's single-leader task cluster: the Raft leader coordinates (reusing the Raft
//! core unchanged, its task table replicated through the log), workers report by heartbeat,
//! and a worker silent for α · T_hb is declared failed and its tasks given to others.

mod handlers;
mod invariants;
mod messages;
mod state;
pub mod table;
mod view;

pub use invariants::{LeaderTaskInvariants, ALL_COMPLETE, AT_MOST_ONCE, NO_FAILED_WORKER};
pub use messages::Message;
pub use state::{Bugs, Coordinator, LeaderConfig, LeaderTaskNode, Timer};
pub use view::{narrate, Event, View};

use std::collections::BTreeMap;

use super::task::Command;
use crate::protocols::raft::{self, RaftConfig, RaftNode};
use crate::sim::{ClientRequest, Embeds, Node, NodeId, Out, Projection};
use table::TaskTable;

impl LeaderTaskNode {
    fn with_raft(raft: RaftNode, cluster_size: usize, config: &LeaderConfig) -> Self {
        LeaderTaskNode {
            raft,
            config: config.clone(),
            cluster_size,
            table: TaskTable::default(),
            applied: 0,
            running: BTreeMap::new(),
            finished: BTreeMap::new(),
            coordinator: None,
            left: false,
        }
    }
}

/// The coordinator acts only once an entry of its own term has committed, so its Raft
/// always appends the leader's no-op. It never compacts: each node rebuilds its task table
/// from the log's entries, which a snapshot of the key-value state would not give back.
fn raft_config(config: &LeaderConfig) -> RaftConfig {
    RaftConfig { leader_noop: true, snapshot_threshold: 0, ..config.raft.clone() }
}

/// This cluster's records as its Raft core's (elections, the table's log), to narrate them.
pub const RAFT: Projection<LeaderTaskNode, RaftNode> = Projection {
    msg: |msg| match msg {
        Message::Raft(msg) => Some(msg),
        _ => None,
    },
    timer: |timer| match timer {
        Timer::Raft(timer) => Some(*timer),
        _ => None,
    },
    event: |event| match event {
        Event::Raft(event) => Some(event),
        _ => None,
    },
};

impl Embeds<RaftNode> for LeaderTaskNode {
    fn wrap_msg(msg: raft::Message) -> Message {
        Message::Raft(msg)
    }
    fn wrap_timer(timer: raft::Timer) -> Timer {
        Timer::Raft(timer)
    }
    fn wrap_event(event: raft::Event) -> Option<Event> {
        handlers::keep_raft_event(&event).then_some(Event::Raft(event))
    }
}

impl Node for LeaderTaskNode {
    type Config = LeaderConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = raft::Persistent;
    type View = View;
    type Invariants = LeaderTaskInvariants;

    const PROTOCOL: &'static str = "tasks";

    fn boot(id: NodeId, cluster_size: usize, config: &LeaderConfig) -> Self {
        let raft = RaftNode::boot(id, cluster_size, &raft_config(config));
        LeaderTaskNode::with_raft(raft, cluster_size, config)
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &LeaderConfig,
        saved: raft::Persistent,
    ) -> Self {
        let raft = RaftNode::recover(id, cluster_size, &raft_config(config), saved);
        LeaderTaskNode::with_raft(raft, cluster_size, config)
    }

    fn persistent(&self) -> raft::Persistent {
        self.raft.persistent()
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
        self.handle_client(request, out);
    }

    fn leading(&self) -> Option<u64> {
        self.raft.leading()
    }

    fn forceable_timer(&self) -> Option<Timer> {
        self.raft.forceable_timer().map(Timer::Raft)
    }

    fn view(&self) -> View {
        self.make_view()
    }
}
