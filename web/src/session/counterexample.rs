//! A model checker's counterexample as a link the page opens: the free lab with the
//! scenario's settings (and no steady client), and the scenario's events as the action log,
//! one step each. That is what replaying the scenario does, because a counterexample's events
//! come a microsecond apart from the start, before any message can arrive or any timer fire
//! on its own (`clusterscope_core::model::replay_actions`).

use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::LoggedAction;

use super::link::Link;
use crate::labs::lab::Lab;
use crate::labs::settings::LabSettings;

/// The link that opens `scenario`, a counterexample, at the step after its last event (where
/// the property has just broken).
pub fn counterexample_link(scenario: &Scenario) -> Result<Link, String> {
    let first_arrival = scenario.network.latency.0;
    if let Some(late) = scenario.events.iter().find(|e| e.at >= first_arrival) {
        return Err(format!(
            "an event at {} µs comes after the first message could arrive, so it cannot be \
             replayed as one step after another",
            late.at
        ));
    }
    let settings = LabSettings { write_every: 0, ..LabSettings::of_scenario(scenario) };
    if settings.servers != scenario.nodes {
        return Err(format!(
            "the page draws {} servers for this lab, not the model's {}",
            settings.servers, scenario.nodes
        ));
    }
    settings.validate()?;
    let actions: Vec<LoggedAction<String>> = scenario
        .events
        .iter()
        .enumerate()
        .map(|(step, event)| LoggedAction {
            step: step as u64,
            time: event.at,
            action: event.action.clone(),
        })
        .collect();
    let step = actions.len() as u64;
    Ok(Link { lab: Lab::Custom(settings), actions, step, ..Link::default() })
}
