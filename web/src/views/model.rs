//! The plain data that labs hand to views: what a server, a kind of message and an event
//! are, in drawing terms. It imports nothing of this crate but the words, so both sides can
//! use it.

use clusterscope_core::sim::NodeId;

use crate::en;
use crate::views::l10n::tr;

#[derive(Clone, Debug, PartialEq)]
pub struct ServerDot {
    pub id: NodeId,
    pub up: bool,
    /// CSS class of its role: `leader`, `candidate`, `follower` (Paxos reuses them for a
    /// proposer that succeeded, one in a round, and an acceptor), `idle` or `down`.
    pub class: &'static str,
    /// Under the name, inside the circle: Raft's term, an acceptor's promise.
    pub inner: String,
    /// Under the circle: the role, then a second line of state.
    pub role: String,
    pub detail: String,
    /// Fraction of the longest timeout still to run on its timer, if armed.
    pub timer_left: Option<f64>,
    /// It leads (Raft's leader, Paxos's proposer whose round succeeded).
    pub leads: bool,
    /// It holds the value chosen.
    pub chosen: bool,
    /// CSS class of its outline: what the others think of it (gossip: `suspected`,
    /// `dead-to-some`, `dead-to-all`), or empty.
    pub outline: &'static str,
    /// Paused (a stopped process): drawn faded, with when it resumes.
    pub paused: bool,
    /// What its clock reads, when that is not true time (set by the cluster snapshot for
    /// every lab, with the pause).
    pub timing: String,
}

impl ServerDot {
    /// A crashed server, with a line of what it kept (its term, its promise).
    pub fn down(id: NodeId, inner: String) -> ServerDot {
        ServerDot {
            id,
            up: false,
            class: "down",
            inner,
            role: tr(en!("down")),
            detail: String::new(),
            timer_left: None,
            leads: false,
            chosen: false,
            outline: "",
            paused: false,
            timing: String::new(),
        }
    }
}

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

/// What an event is about, for filtering. The names are Raft's; each protocol names the
/// boxes in its own words (Paxos: phase 1, phase 2, catch-up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Election,
    Replication,
    /// Heartbeats and the replies that move nothing forward; hidden by default.
    Heartbeat,
    Client,
    /// Person's actions, crashes, restarts, lost and duplicated messages.
    Fault,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Election,
        EventKind::Replication,
        EventKind::Heartbeat,
        EventKind::Client,
        EventKind::Fault,
    ];
}
