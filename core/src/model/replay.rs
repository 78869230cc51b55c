//! A counterexample as the simulator's actions: the model's moves replayed on a real `Sim`,
//! one action a microsecond apart, so no message arrives and no timer fires on its own before
//! the path is done (the first message takes 5 ms, the first timer tens of ms). Each delivery
//! names the message by the id the simulator gave it, found by sender, receiver and content.

use std::fmt::Write;

use super::state::{Move, State};
use super::{Checkable, Model};
use crate::sim::{Action, Sim, SimConfig, Target, Time, TimedAction, Violation};

/// The simulator's actions for `path`, and the violations the simulator's own checkers saw
/// on the way (the model's must be among them). Fails if the simulator could not follow a
/// move, which would mean the model and the simulator disagree about what can happen.
pub fn replay_actions<N: Checkable>(
    model: &Model<N>,
    path: &[Move],
) -> Result<(Vec<TimedAction<String>>, Vec<Violation>), String> {
    let mut config = SimConfig::new(model.servers, 0);
    config.record = false;
    let first_arrival = config.network.latency.0;
    if path.len() as Time >= first_arrival {
        return Err(format!(
            "a path of {} moves is too long to replay a microsecond apart before the first \
             message arrives on its own",
            path.len()
        ));
    }
    let mut sim = Sim::<N>::new(config, model.config.clone());
    let mut state = State::initial(model);
    let mut actions = Vec::new();
    for (step, &mv) in path.iter().enumerate() {
        let at = step as Time + 1;
        let message_id = |i: usize| -> Result<u64, String> {
            let envelope = &state.network()[i];
            sim.in_flight()
                .find(|m| m.from == envelope.from && m.to == envelope.to && m.msg == envelope.msg)
                .map(|m| m.id)
                .ok_or_else(|| {
                    format!("move {}: the simulator has no {:?} in flight", step + 1, envelope.msg)
                })
        };
        let action = match mv {
            Move::Client(k) => {
                let (node, command) = &model.script[k];
                Action::Client { node: Target::Node(*node), command: command.to_string() }
            }
            Move::Deliver(i) => Action::DeliverMessage { id: message_id(i)? },
            Move::Lose(i) => Action::DropMessage { id: message_id(i)? },
            Move::Copy(i) => Action::DuplicateMessage { id: message_id(i)? },
            Move::Fire(i) => {
                let armed = &state.timers()[i];
                let name = serde_json::to_value(armed.timer)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .ok_or_else(|| format!("{}'s timers have no names", N::PROTOCOL))?;
                Action::Fire { node: armed.node, timer: name }
            }
            Move::Crash(node) => Action::Crash { node: Target::Node(node) },
            Move::Restart(node) => Action::Restart { node },
        };
        let typed = action.clone().try_map_command(|c| c.parse::<N::Command>())?;
        sim.apply_at(at, typed);
        actions.push(TimedAction { at, action, say: None });
        state = state.after(mv, model).0;
    }
    Ok((actions, sim.violations().to_vec()))
}

/// A scenario file that replays a counterexample: the cluster, the bug toggles, and one event
/// per move. `say` narrates the last event (where the property breaks).
pub fn counterexample_scenario(
    name: &str,
    description: &str,
    protocol: &str,
    servers: usize,
    bugs: &[&str],
    actions: &[TimedAction<String>],
    say: &str,
) -> String {
    // A JSON string is a TOML basic string: the same quotes and escapes.
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut out = String::new();
    let end = actions.last().map_or(1, |a| a.at);
    let _ = writeln!(out, "name = {}", quote(name));
    let _ = writeln!(out, "description = {}", quote(description));
    let _ = writeln!(out, "protocol = {}", quote(protocol));
    let _ = writeln!(out, "nodes = {servers}");
    let _ = writeln!(out, "seed = 0");
    let _ = writeln!(out, "end = \"{end}us\"");
    if !bugs.is_empty() {
        let names: Vec<String> = bugs.iter().map(|b| quote(b)).collect();
        let _ = writeln!(out, "\n[{protocol}]\nbugs = [{}]", names.join(", "));
    }
    for (i, timed) in actions.iter().enumerate() {
        let _ = write!(out, "\n[[events]]\nat = \"{}us\"\n", timed.at);
        let line = match &timed.action {
            Action::Client { node, command } => {
                format!("client = \"{node}\"\ncommand = {}", quote(command))
            }
            Action::DeliverMessage { id } => format!("deliver_message = {id}"),
            Action::DropMessage { id } => format!("drop_message = {id}"),
            Action::DuplicateMessage { id } => format!("duplicate_message = {id}"),
            Action::Fire { node, timer } => format!("fire = \"{node}\"\ntimer = {}", quote(timer)),
            Action::Crash { node } => format!("crash = \"{node}\""),
            Action::Restart { node } => format!("restart = \"{node}\""),
            other => format!("# not written: {other:?}"),
        };
        let _ = writeln!(out, "{line}");
        if i + 1 == actions.len() && !say.is_empty() {
            let _ = writeln!(out, "say = {}", quote(say));
        }
    }
    out
}
