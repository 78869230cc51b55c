//! What a lab adds to its drawing ([`Shown`]): how a run of it starts, which settings it
//! accepts, and panels of its own. The registry (`registry.rs`) picks the adapter by protocol.

use clusterscope_core::model::Bounds;
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{Sim, Timeline};
use yew::Html;

use super::own::Param;
use super::settings::{LabSettings, MAX_SERVERS};
use crate::views::shown::Shown;

pub trait Adapter: Shown {
    /// The settings this lab adds to the shared ones, in the order the form shows them.
    const OWN: &'static [Param] = &[];
    /// What the lab's steady client does, as the form labels its rate.
    const CLIENT: &'static str;
    /// The largest cluster the lab draws.
    const MAX_SERVERS: usize = MAX_SERVERS;
    /// A free lab's settings when it opens.
    fn defaults() -> LabSettings;
    /// The settings `scenario` runs with, as a starting point for editing (its events are
    /// not part of them).
    fn of_scenario(scenario: &Scenario) -> LabSettings;
    /// The simulation a free lab with these settings starts from.
    fn start(settings: &LabSettings) -> Sim<Self>;
    /// The configuration a scenario file asks for.
    fn scenario_config(scenario: &Scenario) -> Self::Config;
    /// Checks the settings only this lab reads (the shared ones are checked by
    /// [`LabSettings::validate_common`]), naming the first field out of range. A value of the
    /// right kind is already there for each of [`Adapter::OWN`]; this checks its range.
    fn validate(_settings: &LabSettings) -> Result<(), String> {
        Ok(())
    }
    /// Whether the lab has a Charts tab ([`Adapter::charts`]).
    const HAS_CHARTS: bool = false;
    /// The lab's own charts and tables, shown in the workspace's Charts tab. Built with the
    /// tables (a few times a second while playing), and only while that tab is open.
    fn charts(_timeline: &Timeline<Self>, _settings: &LabSettings) -> Option<Html> {
        None
    }
    /// For a lab whose protocol the model checker runs, the bounds a search for `bug`'s
    /// counterexample starts from (`""`: the correct protocol's): the lab then has a Check tab
    /// (`views/check_panel.rs`).
    fn check_bounds(_bug: &str) -> Option<Bounds> {
        None
    }
    /// Whether the Check tab offers symmetry reduction: the protocol's servers are
    /// interchangeable, as core's `Checkable::rename` says (`tests/check_job.rs` checks which
    /// protocols core reduces; `tests/e2e/check.test.mjs`, which tabs offer it).
    const CHECK_SYMMETRY: bool = false;
}
