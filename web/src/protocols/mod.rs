//! What the page knows about each protocol, in one place per protocol: how a server looks on
//! the ring, how its messages and events are drawn and told, what its tables hold, how a lab
//! of it starts. The views themselves are protocol-free: they draw the snapshots built here.

mod gossip;
mod multipaxos;
mod paxos;
mod raft;

use clusterscope_core::protocols::kv::Command;
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{
    Action, NetworkParams, Node, NodeId, Record, Sim, SimConfig, Target, Time, Timeline,
};

use crate::cluster_view::ServerDot;
use crate::events::EventKind;
use crate::gossip_charts::Spread;
use crate::lab::{LabSettings, STEADY_WRITES};
use crate::log_view::LogSnapshot;
use crate::server_table::Table;

/// The protocols the page runs: the core's list, with their keys, names and bugs.
pub use clusterscope_core::scenario::Protocol;

/// How one kind of message is drawn.
pub struct MessageStyle {
    /// CSS class of its colour.
    pub kind: &'static str,
    /// Its name in the paper's words.
    pub label: &'static str,
    /// Requests are squares, replies circles.
    pub request: bool,
    /// Drawn faint, and hidden with heartbeats in the diagram.
    pub heartbeat: bool,
    /// A short tag drawn on the message (Paxos's phase: 1a, 1b, 2a, 2b).
    pub tag: &'static str,
}

/// A "Run until …" button: stop after the step for which this holds.
pub type Until<N> = fn(&Sim<N>, &[Record<N>]) -> bool;

/// Everything protocol-specific the page draws.
pub trait Shown: Node {
    const KIND: Protocol;
    /// The filter boxes' names for the five event kinds, in [`EventKind::ALL`]'s order.
    const EVENT_KINDS: [&'static str; 5];
    /// The space-time diagram's caption: what its marks mean.
    const MARKS: &'static str;
    /// Two "Run until …" buttons.
    const UNTIL: [(&'static str, Until<Self>); 2];
    /// The fault panel's words: (force the node's timer, client request, whether a client
    /// can write "via the leader").
    const ACTIONS: (&'static str, &'static str, bool);

    /// The simulation a free lab with these settings starts from.
    fn start(settings: &LabSettings) -> Sim<Self>;
    /// The configuration a scenario file asks for.
    fn scenario_config(scenario: &Scenario) -> Self::Config;

    fn server(sim: &Sim<Self>, id: NodeId, clock: Time) -> ServerDot;
    /// Two lines at the ring's centre (Paxos: the value chosen, and who knows it).
    fn headline(_sim: &Sim<Self>) -> Option<(String, String)> {
        None
    }
    /// Every server and the headline at the playhead. A protocol whose picture needs the
    /// whole cluster at once (gossip: what every member thinks of each) overrides this.
    fn picture(timeline: &Timeline<Self>) -> (Vec<ServerDot>, Option<(String, String)>) {
        let (sim, clock) = (timeline.sim(), timeline.clock());
        let servers = NodeId::all(sim.nodes().len()).map(|id| Self::server(sim, id, clock));
        (servers.collect(), Self::headline(sim))
    }
    fn message(msg: &Self::Msg) -> MessageStyle;
    fn narrate(record: &Record<Self>) -> Option<String>;
    /// What a delivered (or dropped) message, a timer or a protocol event is about.
    fn message_kind(msg: &Self::Msg, delivered: bool) -> EventKind;
    fn timer_kind(timer: &Self::Timer) -> EventKind;
    fn event_kind(event: &Self::Event) -> EventKind;
    /// A mark on the space-time diagram for this event: (CSS class, text).
    fn mark(event: &Self::Event) -> Option<(&'static str, String)>;
    fn table(sim: &Sim<Self>) -> Table;
    /// The replicated log, for protocols that keep one.
    fn log(_sim: &Sim<Self>) -> Option<LogSnapshot> {
        None
    }
    /// How the newest rumor spread, for protocols that spread rumors.
    fn spread(_timeline: &Timeline<Self>) -> Option<Spread> {
        None
    }
    /// Every field of a server, for the inspector.
    fn inspect(sim: &Sim<Self>, id: NodeId, clock: Time) -> Vec<(String, String)>;
}

/// A free lab's simulation of protocol `N`: its servers, seed and latency.
pub fn lab_sim<N: Node>(settings: &LabSettings, protocol: N::Config) -> Sim<N> {
    let network = NetworkParams { latency: settings.latency, ..NetworkParams::default() };
    Sim::new(SimConfig { network, ..SimConfig::new(settings.servers, settings.seed) }, protocol)
}

/// A steady client writing `k{i mod 5}={i}` through the leader every `every` (none if 0),
/// for protocols with a replicated key-value store; it stops after [`STEADY_WRITES`], so a
/// lab left playing stays bounded.
pub fn steady_writes<N: Node<Command = Command>>(sim: &mut Sim<N>, every: Time) {
    if every == 0 {
        return;
    }
    for i in 1..=STEADY_WRITES {
        let command =
            Command::Set { key: format!("k{}", i % 5).into(), value: i.to_string().into() };
        sim.schedule(i * every, Action::Client { node: Target::LEADER, command }, None);
    }
}

/// The fraction of `longest` still to run on the node's timer `wanted`, if armed.
pub fn timer_left<N: Node>(
    sim: &Sim<N>,
    id: NodeId,
    wanted: N::Timer,
    clock: Time,
    longest: Time,
) -> Option<f64> {
    sim.timers(id)
        .find(|(timer, _)| *timer == wanted)
        .map(|(_, due)| due.saturating_sub(clock) as f64 / longest.max(1) as f64)
}
