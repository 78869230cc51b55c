//! What a report or a UI may show of a Paxos process, the protocol facts it records in the
//! trace, and those facts in plain words.

use serde::{Deserialize, Serialize};

use super::messages::{Ballot, Message, Value};
use super::state::{PaxosNode, Phase};
use super::PaxosNode as Node;
use crate::said;
use crate::sim::{Line, NodeId, Record, RecordKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientOutcome {
    /// The proposer starts a round for the value.
    Proposing,
    /// The proposer is already running a round; the value is not taken.
    Busy,
    NotProposer,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A proposer starts phase 1 with a new ballot, for its client's value.
    Prepare {
        ballot: Ballot,
        value: Value,
    },
    /// An acceptor promises, reporting what it had accepted.
    Promised {
        ballot: Ballot,
        accepted: Option<(Ballot, Value)>,
    },
    /// An acceptor refuses a prepare or an accept below its promise.
    Refused {
        ballot: Ballot,
        promised: Ballot,
    },
    /// A proposer holds a majority of promises and asks acceptors to accept `value`, taken
    /// from the promise with the highest ballot (`adopted_from`) or its own.
    PhaseTwo {
        ballot: Ballot,
        value: Value,
        adopted_from: Option<Ballot>,
    },
    Accepted {
        ballot: Ballot,
        value: Value,
    },
    /// A proposer hears its ballot was beaten.
    Preempted {
        ballot: Ballot,
        by: Ballot,
    },
    /// A proposer sees a majority accept its ballot: its round chose `value`.
    Succeeded {
        ballot: Ballot,
        value: Value,
    },
    /// A learner learns the chosen value.
    Learned {
        ballot: Ballot,
        value: Value,
    },
    /// A learner that asked is told the chosen value by one that knew.
    Told {
        by: NodeId,
        value: Value,
    },
    Client {
        id: u64,
        value: Value,
        outcome: ClientOutcome,
    },
}

/// A proposer's round as shown: its ballot, its phase and the value at stake.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoundView {
    pub ballot: Ballot,
    /// `prepare` or `accept`.
    pub phase: &'static str,
    /// Promises (phase 1) or acceptances (phase 2) so far.
    pub votes: usize,
    /// In phase 2, the value asked for; in phase 1, the proposer's own.
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub node: NodeId,
    pub proposer: bool,
    pub acceptor: bool,
    pub learner: bool,
    pub promised: Option<Ballot>,
    pub accepted: Option<(Ballot, Value)>,
    pub round: Option<RoundView>,
    pub learned: Option<Value>,
}

impl PaxosNode {
    pub(super) fn make_view(&self) -> View {
        let round = self.proposal.as_ref().map(|p| match &p.phase {
            Phase::Preparing { promises } => RoundView {
                ballot: p.ballot,
                phase: "prepare",
                votes: promises.len(),
                value: p.own.clone(),
            },
            Phase::Accepting { value, accepted } => RoundView {
                ballot: p.ballot,
                phase: "accept",
                votes: accepted.len(),
                value: value.clone(),
            },
        });
        View {
            node: self.id,
            proposer: self.is_proposer(),
            acceptor: self.is_acceptor(),
            learner: self.is_learner(),
            promised: self.persistent.promised,
            accepted: self.persistent.accepted.clone(),
            round,
            learned: self.persistent.learned.clone(),
        }
    }
}

/// One trace record in plain words, if it says something a reader wants.
pub fn narrate(record: &Record<Node>) -> Option<Line> {
    Some(match &record.kind {
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Deliver { from, to, msg, .. } => match msg {
            Message::Prepare { ballot } => {
                said!("{to} receives {from}'s prepare for ballot {ballot}", to, from, ballot)
            }
            Message::Promise { ballot, .. } => {
                said!("{to} receives {from}'s promise for ballot {ballot}", to, from, ballot)
            }
            Message::Accept { ballot, value } => said!(
                "{to} receives {from}'s request to accept {value} in ballot {ballot}",
                to,
                from,
                value,
                ballot
            ),
            Message::Accepted { .. }
            | Message::Nack { .. }
            | Message::Query
            | Message::Chosen { .. } => return None,
        },
        _ => return None,
    })
}

fn narrate_event(node: NodeId, event: &Event) -> Line {
    match event {
        Event::Prepare { ballot, value } => said!(
            "{node} starts ballot {ballot} for {value}: phase 1a, prepare",
            node,
            ballot,
            value
        ),
        Event::Promised { ballot, accepted: None } => {
            said!("{node} promises ballot {ballot}; it has accepted nothing", node, ballot)
        }
        Event::Promised { ballot, accepted: Some((b, v)) } => said!(
            "{node} promises ballot {ballot}, reporting it accepted {value} in ballot {accepted}",
            node,
            ballot,
            value = v,
            accepted = b
        ),
        Event::Refused { ballot, promised } => {
            said!("{node} refuses ballot {ballot}: it promised {promised}", node, ballot, promised)
        }
        Event::PhaseTwo { ballot, value, adopted_from: Some(from) } => said!(
            "{node} has a majority of promises for {ballot}; it must propose {value}, accepted in \
             ballot {from}: phase 2a",
            node,
            ballot,
            value,
            from
        ),
        Event::PhaseTwo { ballot, value, adopted_from: None } => said!(
            "{node} has a majority of promises for {ballot}; none accepted anything, so it \
             proposes its own {value}: phase 2a",
            node,
            ballot,
            value
        ),
        Event::Accepted { ballot, value } => {
            said!("{node} accepts {value} in ballot {ballot}", node, value, ballot)
        }
        Event::Preempted { ballot, by } => {
            said!("{node}'s ballot {ballot} is beaten by {by}; it will retry", node, ballot, by)
        }
        Event::Succeeded { ballot, value } => said!(
            "{node} sees a majority accept ballot {ballot}: {value} is chosen",
            node,
            ballot,
            value
        ),
        Event::Learned { ballot, value } => {
            said!("{node} learns that {value} was chosen (ballot {ballot})", node, value, ballot)
        }
        Event::Told { by, value } => {
            said!("{node} asks around and {by} tells it {value} was chosen", node, by, value)
        }
        Event::Client { value, outcome: ClientOutcome::Proposing, .. } => {
            said!("a client asks {node} to propose {value}", node, value)
        }
        Event::Client { value, outcome: ClientOutcome::Busy, .. } => {
            said!("a client asks {node} to propose {value}; it is busy with a round", node, value)
        }
        Event::Client { value, outcome: ClientOutcome::NotProposer, .. } => {
            said!("a client asks {node} to propose {value}; it is not a proposer", node, value)
        }
    }
}
