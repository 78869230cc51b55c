//! What a report or a UI may show of a Multi-Paxos replica, the protocol facts it records in
//! the trace, and those facts in plain words.

use serde::{Deserialize, Serialize};

use super::messages::{Ballot, Command, Message, Slot};
use super::state::{MultiPaxosNode, Role};
use crate::said;
use crate::sim::{Line, NodeId, Record, RecordKind};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum ClientOutcome {
    /// The leader proposes the command in `slot` (phase 2a).
    Proposed { slot: Slot },
    /// Only the leader takes requests; this replica names the leader it knows, if any.
    NotLeader { leader: Option<NodeId> },
    /// The leader saw its write chosen in `slot` and applied it: the client is told it
    /// took effect.
    Done { slot: Slot },
    /// The leader saw its read chosen in `slot` and applied the log up to it: the key's value
    /// there (none if it was never written).
    Read { slot: Slot, value: Option<String> },
    /// The leader can no longer tell the client what became of its command: it stopped
    /// leading first, or another leader decided `slot`, possibly with this same command.
    Indeterminate { slot: Slot },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// No leader heard from: phase 1a for every slot from `first_open`.
    Campaign {
        ballot: Ballot,
        first_open: Slot,
    },
    /// An acceptor promises, reporting `reported` accepted proposals in open slots.
    Promised {
        ballot: Ballot,
        reported: usize,
    },
    Refused {
        ballot: Ballot,
        promised: Ballot,
    },
    /// Phase 1 done: the new leader re-proposes what promises reported (slot, command, the
    /// ballot it was accepted in, or none if the leader already knew it chosen) and fills the
    /// holes with no-ops.
    Elected {
        ballot: Ballot,
        first_open: Slot,
        reproposed: Vec<(Slot, Command, Option<Ballot>)>,
        filled: Vec<Slot>,
    },
    /// A leader or candidate of `ballot` sees the higher ballot `by` and steps down.
    Deposed {
        ballot: Ballot,
        by: Ballot,
    },
    Accepted {
        ballot: Ballot,
        slot: Slot,
        command: Command,
    },
    /// The leader sees a majority accept `command` in `slot`.
    Chosen {
        slot: Slot,
        command: Command,
    },
    Client {
        id: u64,
        command: Command,
        #[serde(flatten)]
        outcome: ClientOutcome,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub node: NodeId,
    /// `follower`, `candidate` or `leader`.
    pub role: &'static str,
    pub ballot: Option<Ballot>,
    pub promised: Option<Ballot>,
    pub leader: Option<NodeId>,
    /// Slots applied to the state machine (every one up to here is decided).
    pub applied: Slot,
    /// Every decided slot, in order (with holes while catching up).
    pub decided: Vec<(Slot, Command)>,
}

impl MultiPaxosNode {
    pub(super) fn make_view(&self) -> View {
        View {
            node: self.id,
            role: role_name(&self.role),
            ballot: self.ballot(),
            promised: self.persistent.promised,
            leader: self.leader,
            applied: self.applied,
            decided: self.persistent.decided.iter().map(|(s, c)| (*s, c.clone())).collect(),
        }
    }
}

pub fn role_name(role: &Role) -> &'static str {
    match role {
        Role::Follower => "follower",
        Role::Candidate { .. } => "candidate",
        Role::Leader { .. } => "leader",
    }
}

/// One trace record in plain words, if it says something a reader wants.
pub fn narrate(record: &Record<MultiPaxosNode>) -> Option<Line> {
    Some(match &record.kind {
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Deliver { from, to, msg, .. } => match msg {
            Message::Prepare { ballot, first_open } => said!(
                "{to} receives {from}'s prepare for ballot {ballot}, slots {first} on",
                to,
                from,
                ballot,
                first = first_open
            ),
            Message::Accept { ballot, slot, command } => said!(
                "{to} receives {from}'s request to accept {command} in slot {slot}, ballot {ballot}",
                to,
                from,
                command,
                slot,
                ballot
            ),
            Message::Decide { slot, command } => said!(
                "{to} learns from {from} that slot {slot} holds {command}",
                to,
                from,
                slot,
                command
            ),
            _ => return None,
        },
        _ => return None,
    })
}

fn narrate_event(node: NodeId, event: &Event) -> Line {
    match event {
        Event::Campaign { ballot, first_open } => said!(
            "{node} hears no leader: phase 1a with ballot {ballot} for every slot from {first}",
            node,
            ballot,
            first = first_open
        ),
        Event::Promised { ballot, reported: 0 } => said!(
            "{node} promises ballot {ballot}; it accepted nothing in those slots",
            node,
            ballot
        ),
        Event::Promised { ballot, reported } => said!(
            "{node} promises ballot {ballot}, reporting {reported} accepted proposal(s)",
            node,
            ballot,
            reported
        ),
        Event::Refused { ballot, promised } => {
            said!("{node} refuses ballot {ballot}: it promised {promised}", node, ballot, promised)
        }
        Event::Elected { ballot, first_open, reproposed, filled } => {
            let slots: Vec<Line> = reproposed
                .iter()
                .map(|(slot, command, from)| match from {
                    Some(from) => {
                        said!("slot {slot} ({command}, accepted in {from})", slot, command, from)
                    }
                    None => said!("slot {slot} ({command}, known chosen)", slot, command),
                })
                .collect();
            let holes: Vec<Line> = filled.iter().map(|slot| Line::text(slot.to_string())).collect();
            let first = first_open;
            match (slots.is_empty(), holes.is_empty()) {
                (true, true) => said!(
                    "{node} has a majority of promises and leads ballot {ballot} from slot {first}",
                    node,
                    ballot,
                    first
                ),
                (false, true) => said!(
                    "{node} has a majority of promises and leads ballot {ballot} from slot \
                     {first}; re-proposes {slots}",
                    node,
                    ballot,
                    first,
                    slots => slots
                ),
                (true, false) => said!(
                    "{node} has a majority of promises and leads ballot {ballot} from slot \
                     {first}; fills hole(s) {holes} with no-op",
                    node,
                    ballot,
                    first,
                    holes => holes
                ),
                (false, false) => said!(
                    "{node} has a majority of promises and leads ballot {ballot} from slot \
                     {first}; re-proposes {slots}; fills hole(s) {holes} with no-op",
                    node,
                    ballot,
                    first,
                    slots => slots,
                    holes => holes
                ),
            }
        }
        Event::Deposed { ballot, by } => said!(
            "{node} sees ballot {by}, higher than its {ballot}, and steps down",
            node,
            by,
            ballot
        ),
        Event::Accepted { ballot, slot, command } => said!(
            "{node} accepts {command} in slot {slot}, ballot {ballot}",
            node,
            command,
            slot,
            ballot
        ),
        Event::Chosen { slot, command } => said!(
            "{node} sees a majority accept slot {slot}: {command} is chosen",
            node,
            slot,
            command
        ),
        Event::Client { command, outcome: ClientOutcome::Proposed { slot }, .. } => said!(
            "a client sends {command} to {node}, which proposes it in slot {slot}",
            command,
            node,
            slot
        ),
        Event::Client {
            command,
            outcome: ClientOutcome::NotLeader { leader: Some(leader) },
            ..
        } => {
            said!(
                "a client sends {command} to {node}, which is not the leader; the leader is {leader}",
                command,
                node,
                leader
            )
        }
        Event::Client { command, outcome: ClientOutcome::NotLeader { leader: None }, .. } => said!(
            "a client sends {command} to {node}, which is not the leader; it knows no leader",
            command,
            node
        ),
        Event::Client { id, command, outcome: ClientOutcome::Done { slot } } => said!(
            "{node} tells client request #{id} that {command} took effect in slot {slot}",
            node,
            id,
            command,
            slot
        ),
        Event::Client { id, outcome: ClientOutcome::Read { slot, value: Some(value) }, .. } => {
            said!("{node} answers read #{id} as of slot {slot}: {value}", node, id, slot, value)
        }
        Event::Client { id, outcome: ClientOutcome::Read { slot, value: None }, .. } => {
            said!("{node} answers read #{id} as of slot {slot}: never written", node, id, slot)
        }
        Event::Client { id, command, outcome: ClientOutcome::Indeterminate { slot } } => said!(
            "client request #{id} ({command}, slot {slot}) has an unknown outcome: {node} no \
             longer knows whether it was chosen",
            id,
            command,
            slot,
            node
        ),
    }
}

impl crate::history::ClientFacts for MultiPaxosNode {
    fn client_fact(event: &Event) -> Option<(u64, crate::history::Fate)> {
        use crate::history::Fate;
        let Event::Client { id, outcome, .. } = event else { return None };
        let fate = match outcome {
            ClientOutcome::Proposed { .. } => Fate::Accepted,
            ClientOutcome::NotLeader { .. } => Fate::Failed,
            ClientOutcome::Done { .. } => Fate::Done { read: None },
            ClientOutcome::Read { value, .. } => {
                Fate::Done { read: Some(value.as_deref().map(Into::into)) }
            }
            ClientOutcome::Indeterminate { .. } => Fate::Unknown,
        };
        Some((*id, fate))
    }
}
