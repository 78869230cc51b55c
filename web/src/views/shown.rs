//! How a protocol is drawn. Views are generic over [`Shown`] and know no lab by name.

use clusterscope_core::scenario::Protocol;
use clusterscope_core::sim::{
    Invariants, Line, Node, NodeId, Record, Sim, Time, Timeline, Violation,
};

use super::log_view::LogSnapshot;
use super::model::{EventKind, MessageStyle, ServerDot};
use super::server_table::Table;

/// A "Run until …" button: stop after the step for which this holds.
pub type Until<N> = fn(&Sim<N>, &[Record<N>]) -> bool;

/// Everything protocol-specific the shared views draw: the one door through which a view
/// sees a lab. Each lab implements it for its node type in `labs/<name>/`.
pub trait Shown: Node {
    const KIND: Protocol;
    /// The filter boxes' names for the five event kinds, in [`EventKind::ALL`]'s order. This
    /// and the lab's other words are message ids (web/page/l10n, `views/l10n.rs`).
    const EVENT_KINDS: [&'static str; 5];
    /// The space-time diagram's caption: what its marks mean.
    const MARKS: &'static str;
    /// Two "Run until …" buttons.
    const UNTIL: [(&'static str, Until<Self>); 2];
    /// The fault panel's words, as message ids (web/page/l10n): (the button that forces a
    /// server's timer, a client's request to a server, and to the leader when a client can
    /// write "via the leader"). Each takes `$server`; the requests also `$command`.
    const ACTIONS: (&'static str, &'static str, Option<&'static str>);
    /// The command the fault panel's client sends as its `n`th request.
    fn client_command(n: usize) -> String {
        format!("x={n}")
    }
    /// Whether the leader can hand its leadership to a chosen server (Raft's transfer).
    const TRANSFER: bool = false;
    /// Whether the leader can be asked to add and remove servers (Raft's membership changes).
    const RECONFIGURE: bool = false;
    /// Whether a server can be told to `leave` the cluster and to `join` it again (client
    /// commands of those names).
    const MEMBERSHIP: bool = false;
    /// Whether clients can read a key (`get x`) as well as write.
    const READS: bool = false;
    /// Violations that only the whole run up to the playhead shows (Raft, Multi-Paxos: a
    /// client history that is not linearizable), beside the checkers' per-step ones; asked only of a lab
    /// whose clients read.
    fn run_violations(_timeline: &Timeline<Self>) -> Vec<Violation> {
        Vec::new()
    }
    /// The properties the invariants row lists: the checkers' own, and those of
    /// `run_violations` if the lab has any.
    fn properties() -> &'static [&'static str] {
        <Self::Invariants as Invariants<Self>>::properties()
    }

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
    /// The clusters the lab draws apart, by caption, when its servers each host more than
    /// one (the Tasks lab: a single-leader cluster and a leaderless one on the same machines,
    /// on one clock); empty for a lab that draws one cluster.
    const SIDES: &'static [&'static str] = &[];
    /// Which of [`Shown::SIDES`] a message travels in.
    fn side(_msg: &Self::Msg) -> usize {
        0
    }
    /// Every server and the headline of side `side` at the playhead.
    fn picture_of_side(
        timeline: &Timeline<Self>,
        _side: usize,
    ) -> (Vec<ServerDot>, Option<(String, String)>) {
        Self::picture(timeline)
    }
    fn message(msg: &Self::Msg) -> MessageStyle;
    fn narrate(record: &Record<Self>) -> Option<Line>;
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
    /// Every field of a server, for the inspector.
    fn inspect(sim: &Sim<Self>, id: NodeId, clock: Time) -> Vec<(String, String)>;
}
