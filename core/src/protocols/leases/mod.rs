//! Leader leases and fencing: the lock-service leader of article A (`../shared/SOURCES.md`),
//! and what it takes to make it safe. S1 is the lock store that holds the `leader` key, S2
//! the storage service the leader writes to, and the other servers are clients that each
//! want to lead. The variants (`Variant`) go from the article's lock with no expiry, which a
//! crashed holder blocks for ever, through a lease with a TTL, which a paused holder outlives
//! and then writes beside its successor, to the two fixes: fencing tokens the storage checks,
//! and a holder that watches its own clock (safe only while clocks drift less than its
//! margin allows).

mod handlers;
mod invariants;
mod messages;
pub mod section;
mod state;
mod view;

pub use invariants::{LeaseInvariants, HOLDER_REPLACED, NO_WRITE_AFTER_EXPIRY, SINGLE_WRITER};
pub use messages::Message;
pub use state::{
    validate_servers, Belief, Bugs, Command, Lease, LeaseConfig, LeaseNode, Persistent, Role,
    StoredWrite, Timer, Variant, MAX_SERVERS, MIN_SERVERS, STORAGE, STORE,
};
pub use view::{narrate, narrate_event, Event, LostWhy, StorageView, View};

use super::about::About;
use crate::sim::fuzz::{ClockFaults, FuzzConfig};
use crate::sim::{ClientRequest, Node, NodeId, Out};

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
/// the 250 ms margin: (1 s − 250 ms)/0.95 + 100 ms ≤ 1 s/1.05.
pub fn fuzz_config(config: &LeaseConfig) -> FuzzConfig {
    let clocks = if config.variant.clock_bound() {
        ClockFaults {
            pauses: true,
            max_drift_ppm: 50_000,
            jumps: false,
            never_paused: Some(STORAGE),
        }
    } else {
        ClockFaults::default()
    };
    FuzzConfig { sizes: vec![4, 5], clocks, ..FuzzConfig::default() }
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
        }
        LeaseNode::with_persistent(id, config, saved)
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
        self.handle_client(request, out);
    }

    /// A client that believes it holds the lease leads under its token, so `leader` in a
    /// scenario or the fault panel means the newest believed holder.
    fn leading(&self) -> Option<u64> {
        self.belief.map(|b| b.token)
    }

    fn forceable_timer(&self) -> Option<Timer> {
        (self.role() == Role::Client).then_some(Timer::Ask)
    }

    fn view(&self) -> View {
        self.make_view()
    }
}
