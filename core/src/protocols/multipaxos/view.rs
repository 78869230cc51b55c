//! What a report or a UI may show of a Multi-Paxos replica, the protocol facts it records in
//! the trace, and those facts in plain words.

use serde::{Deserialize, Serialize};

use super::messages::{Ballot, Command, Message, Slot};
use super::state::{MultiPaxosNode, Role};
use crate::sim::{NodeId, Record, RecordKind};

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
pub fn narrate(record: &Record<MultiPaxosNode>) -> Option<String> {
    Some(match &record.kind {
        RecordKind::Node { node, event } => narrate_event(*node, event),
        RecordKind::Deliver { from, to, msg, .. } => match msg {
            Message::Prepare { ballot, first_open } => {
                format!("{to} receives {from}'s prepare for ballot {ballot}, slots {first_open} on")
            }
            Message::Accept { ballot, slot, command } => format!(
                "{to} receives {from}'s request to accept {command} in slot {slot}, ballot {ballot}"
            ),
            Message::Decide { slot, command } => {
                format!("{to} learns from {from} that slot {slot} holds {command}")
            }
            _ => return None,
        },
        _ => return None,
    })
}

fn narrate_event(node: NodeId, event: &Event) -> String {
    match event {
        Event::Campaign { ballot, first_open } => format!(
            "{node} hears no leader: phase 1a with ballot {ballot} for every slot from {first_open}"
        ),
        Event::Promised { ballot, reported: 0 } => {
            format!("{node} promises ballot {ballot}; it accepted nothing in those slots")
        }
        Event::Promised { ballot, reported } => {
            format!("{node} promises ballot {ballot}, reporting {reported} accepted proposal(s)")
        }
        Event::Refused { ballot, promised } => {
            format!("{node} refuses ballot {ballot}: it promised {promised}")
        }
        Event::Elected { ballot, first_open, reproposed, filled } => {
            let mut parts = vec![format!(
                "{node} has a majority of promises and leads ballot {ballot} from slot {first_open}"
            )];
            if !reproposed.is_empty() {
                let slots: Vec<String> = reproposed
                    .iter()
                    .map(|(slot, command, from)| match from {
                        Some(from) => format!("slot {slot} ({command}, accepted in {from})"),
                        None => format!("slot {slot} ({command}, known chosen)"),
                    })
                    .collect();
                parts.push(format!("re-proposes {}", slots.join(", ")));
            }
            if !filled.is_empty() {
                let slots: Vec<String> = filled.iter().map(|s| s.to_string()).collect();
                parts.push(format!("fills hole(s) {} with no-op", slots.join(", ")));
            }
            parts.join("; ")
        }
        Event::Deposed { ballot, by } => {
            format!("{node} sees ballot {by}, higher than its {ballot}, and steps down")
        }
        Event::Accepted { ballot, slot, command } => {
            format!("{node} accepts {command} in slot {slot}, ballot {ballot}")
        }
        Event::Chosen { slot, command } => {
            format!("{node} sees a majority accept slot {slot}: {command} is chosen")
        }
        Event::Client { command, outcome: ClientOutcome::Proposed { slot }, .. } => {
            format!("a client sends {command} to {node}, which proposes it in slot {slot}")
        }
        Event::Client { command, outcome: ClientOutcome::NotLeader { leader }, .. } => {
            let hint =
                leader.map_or("it knows no leader".to_string(), |l| format!("the leader is {l}"));
            format!("a client sends {command} to {node}, which is not the leader; {hint}")
        }
        Event::Client { id, command, outcome: ClientOutcome::Done { slot } } => {
            format!("{node} tells client request #{id} that {command} took effect in slot {slot}")
        }
        Event::Client { id, outcome: ClientOutcome::Read { slot, value }, .. } => {
            let value = value.as_deref().unwrap_or("never written");
            format!("{node} answers read #{id} as of slot {slot}: {value}")
        }
        Event::Client { id, command, outcome: ClientOutcome::Indeterminate { slot } } => format!(
            "client request #{id} ({command}, slot {slot}) has an unknown outcome: {node} no \
             longer knows whether it was chosen"
        ),
    }
}

impl crate::history::ClientFacts for MultiPaxosNode {
    fn client_fact(event: &Event) -> Option<(u64, crate::history::Fate)> {
        use crate::history::Fate;
        let Event::Client { id, outcome, .. } = event else { return None };
        let fate = match outcome {
            ClientOutcome::Proposed { .. } => Fate::Pending,
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
