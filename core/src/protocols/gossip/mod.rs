//! Leaderless membership and dissemination: SWIM failure detection (probe, ping-req,
//! suspicion, incarnation refutation, piggybacked updates) and gossip of versioned rumors by
//! push, pull or push-pull, with periodic anti-entropy. Parameters follow HashiCorp
//! memberlist's names and LAN defaults.

pub mod experiments;
mod handlers;
mod invariants;
mod messages;
pub mod section;
mod state;
mod view;

pub use invariants::GossipInvariants;
pub use messages::{Command, Message, Rumor, Status, Update, Version};
pub use state::{Bugs, GossipConfig, GossipNode, Member, Mode, Persistent, Probe, Timer};
pub use view::{narrate, opinion_of, Event, Opinion, View};

use crate::sim::{ClientRequest, Node, NodeId, Out};

use super::about::{About, MAX_GOSSIP_NODES};

pub const ABOUT: About = About {
    key: "gossip",
    name: "Gossip and SWIM",
    max_nodes: MAX_GOSSIP_NODES,
    bugs: &Bugs::NAMES,
    bugs_do: &Bugs::WHAT,
    check_command: |text| text.parse::<Command>().map(drop),
};

impl Node for GossipNode {
    type Config = GossipConfig;
    type Msg = Message;
    type Timer = Timer;
    type Event = Event;
    type Command = Command;
    type Persistent = Persistent;
    type View = View;
    type Invariants = GossipInvariants;

    const PROTOCOL: &'static str = "gossip";

    fn boot(id: NodeId, cluster_size: usize, config: &GossipConfig) -> Self {
        GossipNode::with_persistent(id, cluster_size, config, Persistent::default())
    }

    fn recover(
        id: NodeId,
        cluster_size: usize,
        config: &GossipConfig,
        mut saved: Persistent,
    ) -> Self {
        saved.lives += 1;
        GossipNode::with_persistent(id, cluster_size, config, saved)
    }

    fn persistent(&self) -> Persistent {
        self.persistent.clone()
    }

    /// A restarted node asks someone for the whole state at once: the others may have
    /// confirmed it dead, and it must hear that to refute.
    fn on_start(&mut self, out: &mut Out<Self>) {
        self.arm_all(out);
        if self.persistent.lives > 0 {
            self.sync_with_someone(out);
        }
    }

    fn on_message(&mut self, from: NodeId, msg: Message, out: &mut Out<Self>) {
        self.declared = None;
        self.wrote = None;
        self.handle_message(from, msg, out);
    }

    fn on_timer(&mut self, timer: Timer, out: &mut Out<Self>) {
        self.declared = None;
        self.wrote = None;
        self.handle_timer(timer, out);
    }

    fn on_client(&mut self, request: ClientRequest<Command>, out: &mut Out<Self>) {
        self.declared = None;
        self.wrote = None;
        self.handle_client(request, out);
    }

    /// "Probe now": end this protocol period and ping the next member.
    fn forceable_timer(&self) -> Option<Timer> {
        Some(Timer::Probe)
    }

    fn view(&self) -> View {
        self.make_view()
    }
}
