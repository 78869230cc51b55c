//! A counterexample as the simulator's actions, one a microsecond apart, so no message arrives
//! and no timer fires on its own before the path is done (the first message takes 5 ms, the
//! first timer tens of ms). Each delivery names its message by sender, receiver and content,
//! so the actions mean the same wherever they run: a scenario file, the page, a link.

use std::fmt::Write;

use super::spec::{Checkable, Model};
use super::state::Found;
use super::state::{Move, State};
use crate::sim::{
    Action, Fate, MemberChange, Sim, SimConfig, Target, Time, TimedAction, Violation,
};

/// The simulator's actions for `path`, and the violations the simulator's own checkers (and
/// its client-history checker) saw replaying them as a scenario does (the model's must be
/// among them, or the model and the simulator disagree about what can happen).
pub fn replay_actions<N: Checkable>(
    model: &Model<N>,
    path: &[Move],
) -> Result<(Vec<TimedAction<String>>, Vec<Violation>), String> {
    // Records only for a script that reads: its client history is checked at the end.
    let config = SimConfig { record: model.reads > 0, ..SimConfig::new(model.servers, 0) };
    if path.len() as Time >= config.network.latency.0 {
        return Err(format!(
            "a path of {} moves is too long to replay a microsecond apart before the first \
             message arrives on its own",
            path.len()
        ));
    }
    let mut state = State::initial(model);
    let mut actions = Vec::new();
    for (step, &mv) in path.iter().enumerate() {
        let message = |i: usize, fate: Fate| -> Result<Action<String>, String> {
            let envelope = &state.network()[i];
            let message = serde_json::to_string(&envelope.msg).map_err(|e| e.to_string())?;
            Ok(Action::Message { from: envelope.from, to: envelope.to, message, fate })
        };
        let action = match mv {
            Move::Client(k) => {
                let (node, command) = &model.script[k];
                Action::Client { node: Target::Node(*node), command: command.to_string() }
            }
            Move::Change(j) => {
                let (change, node) = model.changes[j];
                Action::Membership { change, node }
            }
            Move::Deliver(i) => message(i, Fate::Deliver)?,
            Move::Lose(i) => message(i, Fate::Lose)?,
            Move::Copy(i) => message(i, Fate::Copy)?,
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
        actions.push(TimedAction { at: step as Time + 1, action, say: None });
        state = state.after(mv, model, None).0;
    }
    let mut sim = Sim::<N>::new(config, model.config.clone());
    for timed in &actions {
        let action = timed.action.clone().try_map_command(|c| c.parse::<N::Command>())?;
        sim.schedule(timed.at, action, None);
    }
    let mut trace = Vec::new();
    while sim.next_event_time().is_some_and(|t| t <= path.len() as Time) {
        sim.step();
        trace.extend_from_slice(sim.records());
    }
    let mut violations = sim.violations().to_vec();
    violations.extend(N::history_violation(&trace));
    Ok((actions, violations))
}

/// The simulator's actions for a counterexample, once the simulator has replayed them and
/// broken the same property; otherwise the model and the simulator disagree about what can
/// happen, which is a bug in the checker, and that is the error.
pub fn confirmed_actions<N: Checkable>(
    model: &Model<N>,
    found: &Found,
) -> Result<Vec<TimedAction<String>>, String> {
    let (actions, seen) = replay_actions(model, &found.path)?;
    if !seen.iter().any(|v| v.property == found.broken.property) {
        return Err(format!(
            "the simulator replayed the counterexample without breaking {}: the model and \
             the simulator disagree (a bug in the checker)",
            found.broken.property
        ));
    }
    Ok(actions)
}

fn change_words(change: MemberChange) -> &'static str {
    match change {
        MemberChange::AddServer => "add as a voter",
        MemberChange::AddLearner => "add as a learner",
        MemberChange::RemoveServer => "remove",
    }
}

/// Each move of `path` in words, as the model took it.
pub fn narrate_path<N: Checkable>(model: &Model<N>, path: &[Move]) -> Vec<String> {
    let mut state = State::initial(model);
    let mut lines = Vec::new();
    for &mv in path {
        let message = |i: usize| {
            let e = &state.network()[i];
            format!("{:?} from {} to {}", e.msg, e.from, e.to)
        };
        lines.push(match mv {
            Move::Client(k) => {
                let (node, command) = &model.script[k];
                format!("a client sends {command} to {node}")
            }
            Move::Change(j) => {
                let (change, node) = model.changes[j];
                let leader = state.leader().map_or("no one".into(), |id| id.to_string());
                format!("the leader, {leader}, is asked to {} {node}", change_words(change))
            }
            Move::Deliver(i) => format!("deliver {}", message(i)),
            Move::Lose(i) => format!("lose {}", message(i)),
            Move::Copy(i) => format!("duplicate {}", message(i)),
            Move::Fire(i) => {
                let armed = &state.timers()[i];
                format!("{}'s {:?} timer fires", armed.node, armed.timer)
            }
            Move::Crash(node) => format!("{node} crashes"),
            Move::Restart(node) => format!("{node} restarts from what it persisted"),
        });
        state = state.after(mv, model, None).0;
    }
    lines
}

/// A scenario file that replays a counterexample: the cluster, the bug toggles, and one event
/// per move. `say` narrates the last event (where the property breaks).
pub fn counterexample_scenario<N: Checkable>(
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
    let mut section: Vec<String> = N::model_section(bugs).into_iter().map(str::to_string).collect();
    if !bugs.is_empty() {
        let names: Vec<String> = bugs.iter().map(|b| quote(b)).collect();
        section.push(format!("bugs = [{}]", names.join(", ")));
    }
    if !section.is_empty() {
        let _ = writeln!(out, "\n[{protocol}]\n{}", section.join("\n"));
    }
    for (i, timed) in actions.iter().enumerate() {
        let _ = write!(out, "\n[[events]]\nat = \"{}us\"\n", timed.at);
        let line = match &timed.action {
            Action::Client { node, command } => {
                format!("client = \"{node}\"\ncommand = {}", quote(command))
            }
            Action::Message { from, to, message, fate } => {
                let verb = Fate::NAMES[*fate as usize];
                // A literal string keeps the JSON readable when it allows one.
                let message = if message.contains(['\'', '\n']) {
                    quote(message)
                } else {
                    format!("'{message}'")
                };
                format!("{verb} = [\"{from}\", \"{to}\"]\nmessage = {message}")
            }
            Action::Fire { node, timer } => format!("fire = \"{node}\"\ntimer = {}", quote(timer)),
            Action::Crash { node } => format!("crash = \"{node}\""),
            Action::Restart { node } => format!("restart = \"{node}\""),
            Action::Membership { change, node } => {
                format!("{} = \"{node}\"", MemberChange::NAMES[*change as usize])
            }
            other => format!("# not written: {other:?}"),
        };
        let _ = writeln!(out, "{line}");
        if i + 1 == actions.len() && !say.is_empty() {
            let _ = writeln!(out, "say = {}", quote(say));
        }
    }
    out
}
