//! Where a run starts: either the lab's own settings or one of the scenario files shipped
//! with the project. A lab plus the action log is everything needed to rebuild any moment,
//! which is what links and trace files carry.

use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::Time;

use super::settings::LabSettings;

// `SHIPPED`: (name, scenario as JSON) for the scenario files in `scenarios/`, parsed and
// validated by build.rs and built into the page so it never needs the network.
include!(concat!(env!("OUT_DIR"), "/shipped.rs"));

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
        SHIPPED.iter().find(|(known, _)| *known == name).map(|(known, _)| Lab::Scenario(known))
    }

    /// The parsed scenario, for a scenario lab.
    pub fn parsed_scenario(&self) -> Option<Result<Scenario, String>> {
        let Lab::Scenario(name) = self else { return None };
        let (_, text) = SHIPPED.iter().find(|(known, _)| known == name)?;
        Some(serde_json::from_str(text).map_err(|e| format!("scenario {name} is damaged ({e})")))
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
