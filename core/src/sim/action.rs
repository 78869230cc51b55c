//! Things a person (or a scenario, or the random tester) does to the cluster. Actions are
//! data: they go in the URL's action log, the trace and scenario files.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::clock::{format_drift, MAX_CLOCK_STEP, MAX_DRIFT_PPM};
use super::id::NodeId;
use super::narration::Line;
use super::network::{validate_latency, validate_probability};
use super::time::{format_time, Time};
use crate::said;

/// A pause lasts at least a microsecond and at most an hour of virtual time.
pub fn validate_pause(duration: Time) -> Result<(), String> {
    if duration == 0 {
        return Err("a pause of 0 stops nothing; give it a duration, e.g. 2s".into());
    }
    if duration > MAX_CLOCK_STEP {
        return Err(format!(
            "a pause of {} is longer than the hour a run may pause",
            format_time(duration)
        ));
    }
    Ok(())
}

/// A clock runs at most 50 % fast or slow.
pub fn validate_drift(ppm: i32) -> Result<(), String> {
    if ppm.unsigned_abs() > MAX_DRIFT_PPM.unsigned_abs() {
        return Err(format!("a drift of {} is beyond ±50%", format_drift(ppm)));
    }
    Ok(())
}

/// A clock steps at most an hour either way.
pub fn validate_jump(by: i64) -> Result<(), String> {
    if by.unsigned_abs() > MAX_CLOCK_STEP {
        return Err(format!(
            "a clock jump of {} is beyond an hour",
            format_time(by.unsigned_abs())
        ));
    }
    Ok(())
}

/// Which node an action aims at. `Leader` is resolved when the action runs, to the node that
/// leads in the highest term at that moment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Target {
    Node(NodeId),
    Leader(LeaderWord),
}

/// The literal word `leader` in serialized actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaderWord {
    Leader,
}

impl Target {
    pub const LEADER: Target = Target::Leader(LeaderWord::Leader);

    pub fn parse(text: &str) -> Result<Target, String> {
        if text.trim().eq_ignore_ascii_case("leader") {
            Ok(Target::LEADER)
        } else {
            text.parse().map(Target::Node)
        }
    }
}

/// A change to the set of servers a consensus group counts (Raft's single-server changes,
/// dissertation chapter 4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberChange {
    /// Make the server a voter; one outside the group first catches up as a learner.
    AddServer,
    /// Let the server receive the log without voting.
    AddLearner,
    /// Take the server (voter or learner) out of the group.
    RemoveServer,
}

impl MemberChange {
    /// The scenario-file words, in declaration order.
    pub const NAMES: [&'static str; 3] = ["add_server", "add_learner", "remove_server"];
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Node(id) => write!(f, "{id}"),
            Target::Leader(_) => f.write_str("the leader"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "do")]
pub enum Action<C> {
    Crash {
        node: Target,
    },
    Restart {
        node: NodeId,
    },
    /// Splits the cluster into the given groups (nodes not named form one more group).
    Partition {
        groups: Vec<Vec<NodeId>>,
    },
    /// Cuts one node off from all others (both ways); `leader` isolates the current leader.
    Isolate {
        node: Target,
    },
    /// Drops every message from `from` to `to` (one way).
    Cut {
        from: NodeId,
        to: NodeId,
    },
    /// Removes all partitions and cuts.
    Heal,
    Client {
        node: Target,
        command: C,
    },
    /// Fires the node's forceable timer now (Raft: its election timeout).
    Timeout {
        node: Target,
    },
    /// Asks the current leader to hand its leadership to `to` (Raft's leadership transfer).
    Transfer {
        to: NodeId,
    },
    /// Asks the current leader to change the group's membership.
    Membership {
        change: MemberChange,
        node: NodeId,
    },
    /// Changes network parameters; `link` limits a latency change to one direction of a link.
    Network {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        loss: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        duplicate: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        latency: Option<(Time, Time)>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<(NodeId, NodeId)>,
    },
    /// Changes nothing; carries a narration line for course material.
    Note,
    /// Drops one message that is in flight (by its id).
    DropMessage {
        id: u64,
    },
    /// Delivers one in-flight message a second time (by its id).
    DuplicateMessage {
        id: u64,
    },
    /// Delivers, loses or copies one in-flight message now, picked by sender, receiver and
    /// content (`message`, JSON as traces show it; the first in flight if several match):
    /// the model checker's counterexamples choose the order messages arrive in this way, which
    /// does not depend on the ids the simulator happened to give them.
    Message {
        from: NodeId,
        to: NodeId,
        message: String,
        fate: Fate,
    },
    /// Fires one of the node's timers now, by the protocol's name for it (`retry`,
    /// `heartbeat`); unlike `Timeout`, any timer, not only the one a person may force.
    Fire {
        node: NodeId,
        timer: String,
    },
    /// Stops the node for `duration`, as a long garbage collection or a stopped VM does: it
    /// handles nothing, messages to it wait, and its timers fire late, all at once, when it
    /// resumes with everything it believed before.
    Pause {
        node: Target,
        duration: Time,
    },
    /// Changes a node's clock: the rate it runs at (`drift_ppm`, parts per million faster
    /// than true time) and a step of its reading (`jump`, microseconds, back if negative).
    Clock {
        node: NodeId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        drift_ppm: Option<i32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        jump: Option<i64>,
    },
}

impl<C> Action<C> {
    /// The same action with its client command converted (e.g. from scenario text).
    pub fn try_map_command<D, E>(self, f: impl FnOnce(C) -> Result<D, E>) -> Result<Action<D>, E> {
        Ok(match self {
            Action::Client { node, command } => Action::Client { node, command: f(command)? },
            Action::Crash { node } => Action::Crash { node },
            Action::Isolate { node } => Action::Isolate { node },
            Action::Restart { node } => Action::Restart { node },
            Action::Partition { groups } => Action::Partition { groups },
            Action::Cut { from, to } => Action::Cut { from, to },
            Action::Heal => Action::Heal,
            Action::Note => Action::Note,
            Action::Timeout { node } => Action::Timeout { node },
            Action::Transfer { to } => Action::Transfer { to },
            Action::Membership { change, node } => Action::Membership { change, node },
            Action::Network { loss, duplicate, latency, link } => {
                Action::Network { loss, duplicate, latency, link }
            }
            Action::DropMessage { id } => Action::DropMessage { id },
            Action::DuplicateMessage { id } => Action::DuplicateMessage { id },
            Action::Message { from, to, message, fate } => {
                Action::Message { from, to, message, fate }
            }
            Action::Fire { node, timer } => Action::Fire { node, timer },
            Action::Pause { node, duration } => Action::Pause { node, duration },
            Action::Clock { node, drift_ppm, jump } => Action::Clock { node, drift_ppm, jump },
        })
    }

    /// Checks the values an action carries (probabilities, latency ranges). Actions come from
    /// links and files, and a reversed latency range would otherwise reach the random
    /// generator.
    pub fn check_values(&self) -> Result<(), String> {
        match self {
            Action::Network { loss, duplicate, latency, .. } => {
                if let Some(p) = loss {
                    validate_probability("loss", *p)?;
                }
                if let Some(p) = duplicate {
                    validate_probability("duplicate", *p)?;
                }
                if let Some(range) = latency {
                    validate_latency(*range)?;
                }
            }
            Action::Pause { duration, .. } => validate_pause(*duration)?,
            Action::Clock { drift_ppm, jump, .. } => {
                if let Some(ppm) = drift_ppm {
                    validate_drift(*ppm)?;
                }
                if let Some(by) = jump {
                    validate_jump(*by)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Node ids this action names, to check them against the cluster size.
    pub fn named_nodes(&self) -> Vec<NodeId> {
        let target = |t: &Target| match t {
            Target::Node(id) => vec![*id],
            Target::Leader(_) => vec![],
        };
        match self {
            Action::Crash { node }
            | Action::Timeout { node }
            | Action::Isolate { node }
            | Action::Client { node, .. }
            | Action::Pause { node, .. } => target(node),
            Action::Restart { node }
            | Action::Clock { node, .. }
            | Action::Transfer { to: node }
            | Action::Membership { node, .. }
            | Action::Fire { node, .. } => vec![*node],
            Action::Partition { groups } => groups.iter().flatten().copied().collect(),
            Action::Cut { from, to } | Action::Message { from, to, .. } => vec![*from, *to],
            Action::Network { link, .. } => link.iter().flat_map(|(a, b)| [*a, *b]).collect(),
            Action::Heal
            | Action::Note
            | Action::DropMessage { .. }
            | Action::DuplicateMessage { .. } => vec![],
        }
    }
}

/// What an [`Action::Message`] does to the message it picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Deliver,
    Lose,
    Copy,
}

impl Fate {
    /// The scenario-file words, in declaration order.
    pub const NAMES: [&'static str; 3] = ["deliver", "lose", "copy"];
}

/// An action scheduled at a virtual time, with an optional narration line for course material.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimedAction<C> {
    pub at: Time,
    pub action: Action<C>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub say: Option<String>,
}

impl<C: fmt::Display> Action<C> {
    /// The action in plain words; `resolved` is the server a `leader` target meant, and
    /// `timer` what a forced timeout forces ("election timeout").
    pub fn describe(&self, resolved: Option<NodeId>, timer: Line) -> Line {
        let who = |target: &Target| match (target, resolved) {
            (Target::Leader(_), Some(node)) => {
                said!("the leader ({node})", node)
            }
            (target, _) => Line::text(target.to_string()),
        };
        let nodes =
            |group: &[NodeId]| group.iter().map(NodeId::to_string).collect::<Vec<_>>().join(", ");
        match self {
            Action::Crash { node } => said!("{who} is crashed", who => who(node)),
            Action::Restart { node } => said!("{node} is restarted", node),
            Action::Isolate { node } => {
                said!("{who} is cut off from everyone", who => who(node))
            }
            Action::Partition { groups } => {
                let groups: Vec<String> =
                    groups.iter().map(|g| format!("{{{}}}", nodes(g))).collect();
                said!("the network splits into {groups}", groups = groups.join(" | "))
            }
            Action::Cut { from, to } => {
                said!("messages from {from} to {to} are cut (one way)", from, to)
            }
            Action::Heal => said!("the network heals"),
            Action::Client { node, command } => match command.to_string().as_str() {
                // The membership commands (gossip's, the task clusters') are told to a
                // server, not sent as data.
                "leave" => said!("{who} is told to leave", who => who(node)),
                "join" => said!("{who} is told to join", who => who(node)),
                _ => {
                    said!("a client sends {command} to {who}", command, who => who(node))
                }
            },
            Action::Timeout { node } => {
                said!("{who}'s {timer} is forced", who => who(node), timer => timer)
            }
            Action::Transfer { to } => match resolved {
                Some(leader) => {
                    said!("the leader ({leader}) is asked to hand leadership to {to}", leader, to)
                }
                None => {
                    said!("the leader is asked to hand leadership to {to}", to)
                }
            },
            Action::Membership { change, node } => {
                let leader = match resolved {
                    Some(node) => said!("the leader ({node})", node),
                    None => said!("the leader"),
                };
                match change {
                    MemberChange::AddServer => said!(
                        "{leader} is asked to add {node} as a voter",
                        leader => leader,
                        node
                    ),
                    MemberChange::AddLearner => said!(
                        "{leader} is asked to add {node} as a learner (no vote)",
                        leader => leader,
                        node
                    ),
                    MemberChange::RemoveServer => {
                        said!("{leader} is asked to remove {node}", leader => leader, node)
                    }
                }
            }
            Action::Network { loss, duplicate, latency, link } => {
                let mut changes = Vec::new();
                if let Some(p) = loss {
                    changes.push(said!("loss {percent}%", percent = format!("{:.0}", p * 100.0)));
                }
                if let Some(p) = duplicate {
                    changes.push(said!(
                        "duplication {percent}%",
                        percent = format!("{:.0}", p * 100.0)
                    ));
                }
                if let Some((min, max)) = latency {
                    let (min, max) = (format_time(*min), format_time(*max));
                    changes.push(match link {
                        Some((a, b)) => {
                            said!("latency {min}–{max} on {from}→{to}", min, max, from = a, to = b)
                        }
                        None => said!("latency {min}–{max}", min, max),
                    });
                }
                said!("the network changes: {changes}", changes => changes)
            }
            Action::Note => Line::text("—"),
            Action::DropMessage { id } => {
                said!("message #{id} is dropped by hand", id)
            }
            Action::DuplicateMessage { id } => {
                said!("message #{id} is duplicated by hand", id)
            }
            // The JSON stays out of narration: the delivery's own line says what arrived.
            Action::Message { from, to, fate, .. } => match fate {
                Fate::Deliver => {
                    said!("{from}'s message to {to} is delivered now", from, to)
                }
                Fate::Lose => said!("{from}'s message to {to} is lost", from, to),
                Fate::Copy => {
                    said!("{from}'s message to {to} is duplicated", from, to)
                }
            },
            Action::Fire { node, timer } => {
                said!("{node}'s {timer} timer fires", node, timer = timer.replace('_', " "))
            }
            Action::Pause { node, duration } => said!(
                "{who} is paused for {duration}",
                who => who(node),
                duration = format_time(*duration)
            ),
            Action::Clock { node, drift_ppm, jump } => {
                let jump = jump.map(|by| {
                    let sign = if by < 0 { "-" } else { "+" };
                    format!("{sign}{}", format_time(by.unsigned_abs()))
                });
                match (drift_ppm, jump) {
                    (None, None) => said!("{node}'s clock", node),
                    (None, Some(jump)) => {
                        said!("{node}'s clock jumps {jump}", node, jump)
                    }
                    (Some(0), None) => said!("{node}'s clock runs true", node),
                    (Some(0), Some(jump)) => {
                        said!("{node}'s clock runs true jumps {jump}", node, jump)
                    }
                    (Some(ppm), None) => {
                        said!("{node}'s clock drifts {drift}", node, drift = format_drift(*ppm))
                    }
                    (Some(ppm), Some(jump)) => said!(
                        "{node}'s clock drifts {drift} jumps {jump}",
                        node,
                        drift = format_drift(*ppm),
                        jump
                    ),
                }
            }
        }
    }
}
