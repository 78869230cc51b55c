//! Where a run starts: either the lab's own settings or one of the scenario files shipped
//! with the project. A lab plus the action log is everything needed to rebuild any moment,
//! which is what links and trace files carry.

use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::action_code::decode_action;
use clusterscope_core::sim::{NetworkParams, Time, TimedAction};

use super::settings::LabSettings;

// `SHIPPED`, the names of the scenario files in `scenarios/`, and `build_shipped`, which
// builds one: parsed and validated by build.rs and built into the page, so it never needs
// the network.
include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

/// A shipped scenario's events from (time, action code, narration).
fn events(list: &[(Time, &str, Option<&str>)]) -> Result<Vec<TimedAction<String>>, String> {
    list.iter()
        .map(|&(at, code, say)| {
            Ok(TimedAction { at, action: decode_action(code)?, say: say.map(String::from) })
        })
        .collect()
}

/// How a run starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Lab {
    Custom(LabSettings),
    /// A shipped scenario, by its name in [`SHIPPED`].
    Scenario(&'static str),
}

impl Default for Lab {
    fn default() -> Self {
        Lab::Custom(LabSettings::default())
    }
}

impl Lab {
    /// The shipped scenario called `name`, if there is one.
    pub fn scenario(name: &str) -> Option<Lab> {
        SHIPPED.iter().find(|known| **known == name).map(|known| Lab::Scenario(known))
    }

    /// The protocol of a scenario lab, whichever bundle carries it.
    pub fn scenario_protocol(&self) -> Option<Protocol> {
        let Lab::Scenario(name) = self else { return None };
        let at = SHIPPED.iter().position(|known| known == name)?;
        Some(SHIPPED_PROTOCOLS[at])
    }

    /// The parsed scenario, for a scenario lab of this bundle's lab (`None` for another
    /// lab's: that one opens in its own bundle).
    pub fn parsed_scenario(&self) -> Option<Result<Scenario, String>> {
        let Lab::Scenario(name) = self else { return None };
        let built = build_shipped(name)?;
        Some(built.map_err(|e| format!("scenario {name} is damaged ({e})")))
    }

    /// The settings this lab runs with, for the settings form.
    pub fn settings(&self) -> LabSettings {
        match self {
            Lab::Custom(settings) => settings.clone(),
            Lab::Scenario(_) => match self.parsed_scenario() {
                Some(Ok(scenario)) => LabSettings::of_scenario(&scenario),
                _ => LabSettings::default(),
            },
        }
    }

    /// The scenario's narration: (time, line) for each event that says something.
    pub fn narration(&self) -> Vec<(Time, String)> {
        match self.parsed_scenario() {
            Some(Ok(scenario)) => scenario
                .events
                .iter()
                .filter_map(|event| Some((event.at, event.say.clone()?)))
                .collect(),
            _ => Vec::new(),
        }
    }
}
