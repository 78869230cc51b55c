//! Article B's leaderless task cluster: membership by SWIM and task state by gossip (both the
//! gossip core, unchanged), each task run by the member its key hashes to in that member's own
//! view of the ring, and taken over by the next owner when the owner is confirmed dead.

mod handlers;
mod invariants;
mod messages;
pub mod rumor;
mod state;
mod view;

pub use invariants::{PeerTaskInvariants, ALL_COMPLETE, OWN_VIEW};
pub use messages::Message;
pub use state::{Bugs, Hashing, PeerConfig, PeerTaskNode, Timer, View as RingView};
pub use view::{narrate, Event, View};

use std::collections::{BTreeMap, BTreeSet};

use super::task::Command;
use crate::protocols::gossip::{self, GossipNode};
use crate::sim::{ClientRequest, Embeds, Node, NodeId, Out, Projection};
use state::View as Ring;

impl PeerTaskNode {
    fn with_gossip(gossip: GossipNode, cluster_size: usize, config: &PeerConfig) -> Self {
        PeerTaskNode {
            gossip,
            config: config.clone(),
            cluster_size,
            view: Ring::new(NodeId::all(cluster_size).collect(), config),
            running: BTreeMap::new(),
            handed_back: BTreeSet::new(),
            misplaced: None,
        }
    }
}

/// This cluster's records as its gossip core's (SWIM's membership, the rumors), to narrate
/// them.
pub const GOSSIP: Projection<PeerTaskNode, GossipNode> = Projection {
    msg: |msg| match msg {
        Message::Gossip(msg) => Some(msg),
        _ => None,
    },
    timer: |timer| match timer {
        Timer::Gossip(timer) => Some(*timer),
        _ => None,
    },
    event: |event| match event {
        Event::Gossip(event) => Some(event),
        _ => None,
    },
};

impl Embeds<GossipNode> for PeerTaskNode {
    fn wrap_msg(msg: gossip::Message) -> Message {
        Message::Gossip(msg)
    }
    fn wrap_timer(timer: gossip::Timer) -> Timer {
        Timer::Gossip(timer)
    }
    fn wrap_event(event: gossip::Event) -> Option<Event> {
        handlers::keep_gossip_event(&event).then_some(Event::Gossip(event))
    }
}

impl Node for PeerTaskNode {
    type Config = PeerConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = gossip::Persistent;
    type View = View;
    type Invariants = PeerTaskInvariants;

    const PROTOCOL: &'static str = "tasks-leaderless";

    fn boot(id: NodeId, cluster_size: usize, config: &PeerConfig) -> Self {
        let gossip = GossipNode::boot(id, cluster_size, &config.gossip);
        PeerTaskNode::with_gossip(gossip, cluster_size, config)
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &PeerConfig,
        saved: gossip::Persistent,
    ) -> Self {
        let gossip = GossipNode::recover(id, cluster_size, &config.gossip, saved);
        PeerTaskNode::with_gossip(gossip, cluster_size, config)
    }

    fn persistent(&self) -> gossip::Persistent {
        self.gossip.persistent()
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

    fn view(&self) -> View {
        self.make_view()
    }
}
