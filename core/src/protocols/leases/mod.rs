//! Leader leases and fencing: the lock-service leader of article A (`../shared/SOURCES.md`),
//! and what it takes to make it safe. S1 is the lock store that holds the `leader` key (or
//! S1..Sk replicate it with the Raft core, `store_replicas`), the next server the storage
//! service the leader writes to, and the other servers are clients that each want to lead. The variants (`Variant`) go from the article's lock with no expiry, which a
//! crashed holder blocks for ever, through a lease with a TTL, which a paused holder outlives
//! and then writes beside its successor, to the two fixes: fencing tokens the storage checks,
//! and a holder that watches its own clock (safe only while clocks drift less than its
//! margin allows).

mod handlers;
mod invariants;
mod messages;
mod replica;
pub mod section;
mod state;
mod view;

pub use invariants::{
    current_store, LeaseInvariants, HOLDER_REPLACED, NO_WRITE_AFTER_EXPIRY, ONE_LEASE,
    SINGLE_WRITER, STORE_RAFT,
};
pub use messages::Message;
pub use state::{
    raft_config, validate_servers, validate_store_replicas, Belief, Bugs, Command, Lease,
    LeaseConfig, LeaseNode, Persistent, Role, StoredWrite, Timer, Variant, MAX_SERVERS,
    MIN_SERVERS, STORE, STORE_REPLICAS,
};
pub use view::{narrate, narrate_event, Event, LostWhy, StorageView, View};

use super::about::About;
use crate::protocols::raft::{self, RaftNode};
use crate::sim::fuzz::{ClockFaults, FuzzConfig};
use crate::sim::{ClientRequest, Embeds, Node, NodeId, Out, Projection};

pub const ABOUT: About = About {
    key: "leases",
    name: "Leases",
    max_nodes: MAX_SERVERS,
    bugs: &Bugs::NAMES,
    bugs_do: &Bugs::WHAT,
    check_command: |text| text.parse::<Command>().map(drop),
};

/// What the randomized tester asks of the leases lab with `config`: every fault, and for
/// the clock-bound lease, clocks within what its margin covers and a storage service that
/// never pauses. (Its margin covers drift and time on the wire, which the holder can bound;
/// a storage service that stops and later takes a write it was sent in time is a delay no
/// clock can see, the reason for fencing.) ±5 % over the 1 s TTL and 100 ms latencies fits
/// the 250 ms margin: (1 s − 250 ms)/0.95 + 100 ms ≤ 1 s/1.05. Clusters hold the store's
/// servers, the storage and two or three clients.
pub fn fuzz_config(config: &LeaseConfig) -> FuzzConfig {
    let clocks = if config.variant.clock_bound() {
        ClockFaults {
            pauses: true,
            max_drift_ppm: 50_000,
            jumps: false,
            never_paused: Some(config.storage()),
        }
    } else {
        ClockFaults::default()
    };
    let least = MIN_SERVERS - 1 + config.store_replicas;
    FuzzConfig { sizes: vec![least, least + 1], clocks, ..FuzzConfig::default() }
}

/// A replicated store's records as its Raft core's, to narrate its elections.
pub const RAFT: Projection<LeaseNode, RaftNode> = Projection {
    msg: |msg| match msg {
        Message::Raft(msg) => Some(&**msg),
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

impl Embeds<RaftNode> for LeaseNode {
    fn wrap_msg(msg: raft::Message) -> Message {
        Message::Raft(Box::new(msg))
    }
    fn wrap_timer(timer: raft::Timer) -> Timer {
        Timer::Raft(timer)
    }
    fn wrap_event(event: raft::Event) -> Option<Event> {
        replica::keep_raft_event(&event).then_some(Event::Raft(event))
    }
}

impl Node for LeaseNode {
    type Config = LeaseConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = Persistent;
    type View = View;
    type Invariants = LeaseInvariants;

    const PROTOCOL: &'static str = "leases";

    fn boot(id: NodeId, _cluster_size: usize, config: &LeaseConfig) -> Self {
        LeaseNode::with_persistent(id, config, Persistent::default())
    }

    fn recover(
        id: NodeId,
        _cluster_size: usize,
        config: &LeaseConfig,
        mut saved: Persistent,
    ) -> Self {
        if config.bugs.store_forgets {
            saved.lease = None;
            saved.last_token = 0;
            saved.released = 0;
        }
        LeaseNode::with_persistent(id, config, saved)
    }

    /// A store replica keeps its Raft state; its lease is what its log says.
    fn persistent(&self) -> Persistent {
        match &self.raft {
            Some(raft) => Persistent { raft: Some(raft.persistent()), ..Persistent::default() },
            None => self.persistent.clone(),
        }
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

    /// A client that believes it holds the lease leads under its token, so `leader` in a
    /// scenario or the fault panel means the newest believed holder.
    fn leading(&self) -> Option<u64> {
        self.belief.map(|b| b.token)
    }

    /// A client asks for the lease now; a store replica campaigns now.
    fn forceable_timer(&self) -> Option<Timer> {
        match &self.raft {
            Some(raft) => raft.forceable_timer().map(Timer::Raft),
            None => (self.role() == Role::Client).then_some(Timer::Ask),
        }
    }

    fn view(&self) -> View {
        self.make_view()
    }
}
