//! What a lab adds to its drawing ([`Shown`]): how a run of it starts, which settings it
//! accepts, and panels of its own. The registry (`registry.rs`) picks the adapter by protocol.

use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{Sim, Timeline};
use yew::Html;

use super::settings::LabSettings;
use crate::views::shown::Shown;

pub trait Adapter: Shown {
    /// The simulation a free lab with these settings starts from.
    fn start(settings: &LabSettings) -> Sim<Self>;
    /// The configuration a scenario file asks for.
    fn scenario_config(scenario: &Scenario) -> Self::Config;
    /// Checks the settings only this lab reads (the shared ones are checked by
    /// [`LabSettings::validate_common`]), naming the first field out of range.
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
}
