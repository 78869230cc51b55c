//! The `[[events]]` of a scenario file: one action (or a narration line) at a virtual time.

use serde::Deserialize;
use toml::Spanned;

use super::protocol::Protocol;
use super::source::{ScenarioError, Source};
use crate::sim::{
    parse_drift, parse_signed_time, validate_jump, validate_pause, Action, Fate, MemberChange,
    NodeId, Target, TimedAction,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub at: Spanned<String>,
    say: Option<String>,
    crash: Option<Spanned<String>>,
    restart: Option<Spanned<String>>,
    isolate: Option<Spanned<String>>,
    partition: Option<Spanned<Vec<Vec<String>>>>,
    cut: Option<Spanned<Vec<String>>>,
    heal: Option<Spanned<bool>>,
    client: Option<Spanned<String>>,
    command: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    transfer_leader: Option<Spanned<String>>,
    add_server: Option<Spanned<String>>,
    add_learner: Option<Spanned<String>>,
    remove_server: Option<Spanned<String>>,
    read: Option<Spanned<String>>,
    key: Option<Spanned<String>>,
    loss: Option<Spanned<f64>>,
    duplicate: Option<Spanned<f64>>,
    latency: Option<Spanned<Vec<String>>>,
    link: Option<Spanned<Vec<String>>>,
    pause: Option<Spanned<String>>,
    duration: Option<Spanned<String>>,
    clock: Option<Spanned<String>>,
    drift: Option<Spanned<String>>,
    jump: Option<Spanned<String>>,
    deliver: Option<Spanned<Vec<String>>>,
    lose: Option<Spanned<Vec<String>>>,
    copy: Option<Spanned<Vec<String>>>,
    message: Option<Spanned<String>>,
    fire: Option<Spanned<String>>,
    timer: Option<Spanned<String>>,
}

pub fn parse_event(
    source: &Source<'_>,
    spanned: &Spanned<RawEvent>,
    nodes: usize,
    protocol: Protocol,
) -> Result<TimedAction<String>, ScenarioError> {
    let event = spanned.get_ref();
    let at = source.time(&event.at, "at")?;
    let node = |value: &Spanned<String>, field: &str| -> Result<NodeId, ScenarioError> {
        let id: NodeId = value.get_ref().parse().map_err(|e| source.at(value, field, e))?;
        if id.index() >= nodes {
            return Err(source.at(
                value,
                field,
                format!("{id} does not exist in a {nodes}-node cluster"),
            ));
        }
        Ok(id)
    };
    let target = |value: &Spanned<String>, field: &str| -> Result<Target, ScenarioError> {
        if value.get_ref().trim().eq_ignore_ascii_case("leader") {
            Ok(Target::LEADER)
        } else {
            node(value, field).map(Target::Node)
        }
    };
    let pair =
        |value: &Spanned<Vec<String>>, field: &str| -> Result<(NodeId, NodeId), ScenarioError> {
            match value.get_ref().as_slice() {
                [from, to] => {
                    let from = node(&Spanned::new(value.span(), from.clone()), field)?;
                    let to = node(&Spanned::new(value.span(), to.clone()), field)?;
                    Ok((from, to))
                }
                _ => Err(source.at(value, field, "write a link as [\"S1\", \"S2\"] (from, to)")),
            }
        };

    let mut actions: Vec<Action<String>> = Vec::new();
    if let Some(v) = &event.crash {
        actions.push(Action::Crash { node: target(v, "crash")? });
    }
    if let Some(v) = &event.restart {
        actions.push(Action::Restart { node: node(v, "restart")? });
    }
    if let Some(v) = &event.isolate {
        actions.push(Action::Isolate { node: target(v, "isolate")? });
    }
    if let Some(v) = &event.partition {
        let mut groups = Vec::new();
        for group in v.get_ref() {
            let members: Result<Vec<NodeId>, _> = group
                .iter()
                .map(|name| node(&Spanned::new(v.span(), name.clone()), "partition"))
                .collect();
            groups.push(members?);
        }
        let mut named: Vec<NodeId> = groups.iter().flatten().copied().collect();
        named.sort();
        if named.windows(2).any(|w| w[0] == w[1]) {
            return Err(source.at(v, "partition", "a server appears in more than one group"));
        }
        actions.push(Action::Partition { groups });
    }
    if let Some(v) = &event.cut {
        let (from, to) = pair(v, "cut")?;
        actions.push(Action::Cut { from, to });
    }
    if let Some(v) = &event.heal {
        if !v.get_ref() {
            return Err(source.at(v, "heal", "write `heal = true` or leave it out"));
        }
        actions.push(Action::Heal);
    }
    if let Some(v) = &event.client {
        let Some(command) = &event.command else {
            return Err(source.at(
                v,
                "client",
                "a client request needs a `command`, e.g. command = \"x=1\"",
            ));
        };
        let checked = protocol.check_command(command.get_ref());
        checked.map_err(|e| source.at(command, "command", e))?;
        actions.push(Action::Client {
            node: target(v, "client")?,
            command: command.get_ref().clone(),
        });
    } else if let Some(v) = &event.command {
        return Err(source.at(
            v,
            "command",
            "a `command` needs a `client` (a server or \"leader\")",
        ));
    }
    if let Some(v) = &event.read {
        let Some(key) = &event.key else {
            return Err(source.at(v, "read", "a read needs the `key` it reads, e.g. key = \"x\""));
        };
        let command = format!("get {}", key.get_ref());
        protocol.check_command(&command).map_err(|e| source.at(key, "key", e))?;
        actions.push(Action::Client { node: target(v, "read")?, command });
    } else if let Some(v) = &event.key {
        return Err(source.at(v, "key", "a `key` belongs to a `read` (a server or \"leader\")"));
    }
    if let Some(v) = &event.timeout {
        actions.push(Action::Timeout { node: target(v, "timeout")? });
    }
    if let Some(v) = &event.transfer_leader {
        let to = v.get_ref().parse().map_err(|e: String| source.at(v, "transfer_leader", e))?;
        actions.push(Action::Transfer { to });
    }
    let changes = [
        (&event.add_server, MemberChange::AddServer),
        (&event.add_learner, MemberChange::AddLearner),
        (&event.remove_server, MemberChange::RemoveServer),
    ];
    for (value, change) in changes {
        if let Some(v) = value {
            let field = MemberChange::NAMES[change as usize];
            actions.push(Action::Membership { change, node: node(v, field)? });
        }
    }
    if event.loss.is_some() || event.duplicate.is_some() || event.latency.is_some() {
        let loss = event.loss.as_ref().map(|v| source.probability(v, "loss")).transpose()?;
        let duplicate =
            event.duplicate.as_ref().map(|v| source.probability(v, "duplicate")).transpose()?;
        let latency = match &event.latency {
            Some(v) => {
                let range = source.range(v, "latency")?;
                crate::sim::validate_latency(range).map_err(|e| source.at(v, "latency", e))?;
                Some(range)
            }
            None => None,
        };
        let link = event.link.as_ref().map(|v| pair(v, "link")).transpose()?;
        actions.push(Action::Network { loss, duplicate, latency, link });
    } else if let Some(v) = &event.link {
        return Err(source.at(v, "link", "`link` limits a `latency` change; add `latency`"));
    }

    if let Some(v) = &event.pause {
        let Some(duration) = &event.duration else {
            return Err(source.at(
                v,
                "pause",
                "a pause needs its `duration`, e.g. duration = \"2s\"",
            ));
        };
        let length = source.time(duration, "duration")?;
        validate_pause(length).map_err(|e| source.at(duration, "duration", e))?;
        actions.push(Action::Pause { node: target(v, "pause")?, duration: length });
    } else if let Some(v) = &event.duration {
        return Err(source.at(
            v,
            "duration",
            "a `duration` belongs to a `pause` (a server or \"leader\")",
        ));
    }
    if let Some(v) = &event.clock {
        let drift_ppm = match &event.drift {
            Some(d) => Some(parse_drift(d.get_ref()).map_err(|e| source.at(d, "drift", e))?),
            None => None,
        };
        let jump = match &event.jump {
            Some(j) => {
                let by = parse_signed_time(j.get_ref()).map_err(|e| source.at(j, "jump", e))?;
                validate_jump(by).map_err(|e| source.at(j, "jump", e))?;
                Some(by)
            }
            None => None,
        };
        if drift_ppm.is_none() && jump.is_none() {
            return Err(source.at(v, "clock", "a clock change needs a `drift` (e.g. \"-20%\" or \"+200ppm\"), a `jump` (e.g. \"-3s\"), or both"));
        }
        actions.push(Action::Clock { node: node(v, "clock")?, drift_ppm, jump });
    } else if let Some(v) = event.drift.as_ref().or(event.jump.as_ref()) {
        return Err(source.at(
            v,
            "clock",
            "`drift` and `jump` change a server's clock: name it with `clock = \"S1\"`",
        ));
    }

    // One message in flight, by sender, receiver and content: how the model checker's
    // counterexamples choose the order things happen in.
    let picks =
        [(&event.deliver, Fate::Deliver), (&event.lose, Fate::Lose), (&event.copy, Fate::Copy)];
    let mut picked = false;
    for (value, fate) in picks {
        let Some(v) = value else { continue };
        let field = Fate::NAMES[fate as usize];
        let Some(message) = &event.message else {
            return Err(source.at(
                v,
                field,
                "name the message with `message`, its JSON as a trace shows it",
            ));
        };
        serde_json::from_str::<serde_json::Value>(message.get_ref())
            .map_err(|e| source.at(message, "message", format!("not JSON: {e}")))?;
        let (from, to) = pair(v, field)?;
        actions.push(Action::Message { from, to, message: message.get_ref().clone(), fate });
        picked = true;
    }
    if let (false, Some(v)) = (picked, &event.message) {
        return Err(source.at(
            v,
            "message",
            "a `message` belongs to a `deliver`, `lose` or `copy` ([from, to])",
        ));
    }
    if let Some(v) = &event.fire {
        let Some(timer) = &event.timer else {
            return Err(source.at(
                v,
                "fire",
                "firing a timer needs its name, e.g. timer = \"retry\"",
            ));
        };
        actions.push(Action::Fire { node: node(v, "fire")?, timer: timer.get_ref().clone() });
    } else if let Some(v) = &event.timer {
        return Err(source.at(
            v,
            "timer",
            "a `timer` belongs to a `fire` (the server whose timer fires)",
        ));
    }

    let action = match actions.len() {
        0 if event.say.is_some() => Action::Note,
        0 => {
            return Err(source.at(spanned, "", "this event does nothing: give it one action (crash, restart, isolate, partition, cut, heal, client, read, timeout, transfer_leader, add_server, add_learner, remove_server, loss/duplicate/latency, pause, clock, deliver, lose, copy, fire) or a `say` line"))
        }
        1 => actions.remove(0),
        _ => return Err(source.at(spanned, "", "one event holds one action; split it into several [[events]] at the same time")),
    };
    Ok(TimedAction { at, action, say: event.say.clone() })
}
