//! A run of whichever lab the session holds: a timeline behind one object-safe trait, so the
//! session, the app and the handlers are written once for every lab. The lab's node type is
//! chosen once, in `labs::registry::for_lab`, when the run starts.

use std::convert::Infallible;

#[cfg(lessons)]
use clusterscope_core::lesson::Observation;
use clusterscope_core::model::Bounds;
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::{
    Action, LoggedAction, Node, RecordKind, Retention, Sim, Time, Timeline,
};

use crate::labs::adapter::Adapter;
use crate::labs::lab::Lab;
use crate::labs::registry::{about, elsewhere, for_lab, ForLab};
use crate::labs::settings::{LabSettings, MAX_SERVERS};
use crate::tr;
use crate::views::events::Filter;
use crate::views::frame::{Frame, Tables};
use crate::views::inspector::Inspected;
use crate::views::l10n::tr;

/// Steps between checkpoints for a small cluster: seeking replays at most this many events.
pub const CHECKPOINT_INTERVAL: u64 = 1000;
/// "Run until …" gives up after this many steps, so a cluster that never elects cannot hang
/// the page.
const RUN_UNTIL_LIMIT: u64 = 100_000;

/// How much past a timeline of `servers` keeps: the rewind history's ceiling.
///
/// A consensus cluster keeps a checkpoint every 1,000 steps, at most 128 of them (past
/// that, every other one goes and the interval doubles, so seeking far back replays more),
/// and the last 200,000 trace records (the views show the recent past; the world itself
/// stays exact). Kept whole, an hour of the default 5-server lab held 464 MiB; see
/// BENCHMARKS.md for what it holds now.
///
/// A checkpoint of a gossip member is about 16 KB and a member makes about 31 events per
/// virtual second, so both the checkpoint interval and the trace grow with the cluster: the
/// interval keeps seeking back to about 0.1 s of replay at 1,000 members, the checkpoint
/// count keeps them near 128 MB, and the trace keeps the last few virtual seconds.
pub fn retention(servers: usize) -> Retention {
    const CHECKPOINT_BUDGET: usize = 128 << 20;
    const BYTES_PER_MEMBER: usize = 16 << 10;
    if servers <= MAX_SERVERS {
        return Retention {
            checkpoint_every: CHECKPOINT_INTERVAL,
            max_checkpoints: 128,
            max_records: 200_000,
        };
    }
    Retention {
        checkpoint_every: CHECKPOINT_INTERVAL.max(30 * servers as u64),
        max_checkpoints: (CHECKPOINT_BUDGET / (BYTES_PER_MEMBER * servers)).max(8),
        max_records: 400_000,
    }
}

/// A timeline keeping as much past as a cluster of its size can afford.
pub fn timeline<N: Node>(sim: Sim<N>) -> Timeline<N> {
    let servers = sim.nodes().len();
    Timeline::new(sim, retention(servers))
}

/// What the page does with a run, for any lab.
pub trait AnyRun {
    fn protocol(&self) -> Protocol;
    /// How many servers the cluster has.
    fn servers(&self) -> usize;
    fn step(&self) -> u64;
    fn horizon(&self) -> u64;
    fn clock(&self) -> Time;
    fn seek(&mut self, step: u64);
    fn step_forward(&mut self) -> bool;
    fn advance_to(&mut self, time: Time);
    fn set_clock(&mut self, clock: Time);
    /// A person's action, with its client command (if any) as text; a command the protocol
    /// cannot read is refused with the reason.
    fn act(&mut self, action: Action<String>) -> Result<(), String>;
    /// The action log, with commands as text (as links carry it).
    fn actions(&self) -> Vec<LoggedAction<String>>;
    #[cfg(feature = "traces")]
    fn trace_json(&self) -> serde_json::Value;
    /// A new run from this one's current world with `actions` replayed up to `step` (the
    /// page calls it on a run just started, at step 0).
    fn replay(&self, actions: &[LoggedAction<String>], step: u64) -> Result<Run, String>;
    /// To the moment a scheduled action at `at` has just run.
    fn go_to(&mut self, at: Time);
    /// Steps until the lab's `which`th "Run until" condition holds.
    fn run_until(&mut self, which: usize);
    fn frame(&self, playing: bool, heartbeats: bool, inspected: Option<Inspected>) -> Frame;
    /// Whether this lab has the side panel's tab `key` (every lab has the shared ones).
    fn has_panel(&self, key: &str) -> bool;
    /// For a lab with a Check tab, the model checker's bounds for the correct protocol (`""`)
    /// and for each of its bugs.
    fn check_bounds(&self) -> Option<Vec<(&'static str, Bounds)>>;
    /// Whether the Check tab offers symmetry reduction.
    fn check_symmetry(&self) -> bool;
    /// What a lesson may read of the cluster now.
    #[cfg(lessons)]
    fn observe(&self) -> Observation;
    /// The tables, and the lab's charts if `charts` (building them reads the trace).
    fn tables(&self, filter: Filter, now_ms: f64, settings: &LabSettings, charts: bool) -> Tables;
}

pub type Run = Box<dyn AnyRun>;

impl<N: Adapter> AnyRun for Timeline<N> {
    fn protocol(&self) -> Protocol {
        N::KIND
    }
    fn servers(&self) -> usize {
        self.sim().nodes().len()
    }
    fn step(&self) -> u64 {
        Timeline::step(self)
    }
    fn horizon(&self) -> u64 {
        Timeline::horizon(self)
    }
    fn clock(&self) -> Time {
        Timeline::clock(self)
    }
    fn seek(&mut self, step: u64) {
        Timeline::seek(self, step)
    }
    fn step_forward(&mut self) -> bool {
        Timeline::step_forward(self)
    }
    fn advance_to(&mut self, time: Time) {
        Timeline::advance_to(self, time)
    }
    fn set_clock(&mut self, clock: Time) {
        Timeline::set_clock(self, clock)
    }
    fn act(&mut self, action: Action<String>) -> Result<(), String> {
        Timeline::act(self, action.try_map_command(|text| text.parse())?);
        Ok(())
    }
    fn actions(&self) -> Vec<LoggedAction<String>> {
        Timeline::actions(self)
            .iter()
            .map(|a| LoggedAction {
                step: a.step,
                time: a.time,
                action: a
                    .action
                    .clone()
                    .try_map_command(|c| Ok::<_, Infallible>(c.to_string()))
                    .unwrap_or_else(|never| match never {}),
            })
            .collect()
    }
    #[cfg(feature = "traces")]
    fn trace_json(&self) -> serde_json::Value {
        serde_json::to_value(self.trace()).unwrap_or_default()
    }
    fn replay(&self, actions: &[LoggedAction<String>], step: u64) -> Result<Run, String> {
        let actions = actions
            .iter()
            .map(|a| a.clone().try_map_command(|text| text.parse::<N::Command>()))
            .collect::<Result<Vec<_>, String>>()
            .map_err(|e| tr!("the action log has a client command that {e}", e))?;
        let servers = self.sim().nodes().len();
        Ok(Box::new(Timeline::replay(self.sim().clone(), retention(servers), actions, step)))
    }
    fn go_to(&mut self, at: Time) {
        go_to(self, at)
    }
    fn run_until(&mut self, which: usize) {
        run_until(self, which)
    }
    fn frame(&self, playing: bool, heartbeats: bool, inspected: Option<Inspected>) -> Frame {
        Frame::of(self, playing, heartbeats, inspected)
    }
    fn has_panel(&self, key: &str) -> bool {
        match key {
            "charts" => N::HAS_CHARTS,
            "check" => N::check_bounds("").is_some(),
            _ => true,
        }
    }
    #[cfg(lessons)]
    fn observe(&self) -> Observation {
        Observation::of(self.sim())
    }
    fn check_bounds(&self) -> Option<Vec<(&'static str, Bounds)>> {
        // Asked first, so that a lab without the tab (a constant `None`) compiles to nothing
        // here, not even the table of its bugs' names.
        let correct = N::check_bounds("")?;
        let bugs = N::KIND.bug_names().iter().map(|&bug| Some((bug, N::check_bounds(bug)?)));
        std::iter::once(Some(("", correct))).chain(bugs).collect()
    }
    fn check_symmetry(&self) -> bool {
        N::CHECK_SYMMETRY
    }
    fn tables(&self, filter: Filter, now_ms: f64, settings: &LabSettings, charts: bool) -> Tables {
        let charts = charts.then(|| N::charts(self, settings)).flatten();
        Tables { charts, ..Tables::of(self, filter, now_ms) }
    }
}

/// A run of a free lab with these settings, at step 0 (settings already checked), if this
/// bundle carries the lab.
pub fn of_settings(settings: &LabSettings) -> Result<Run, String> {
    struct Start<'a>(&'a LabSettings);
    impl ForLab for Start<'_> {
        type Output = Run;
        fn run<N: Adapter>(self) -> Run {
            Box::new(timeline(N::start(self.0)))
        }
    }
    for_lab(settings.protocol, Start(settings)).ok_or_else(|| elsewhere(settings.protocol))
}

/// A run of a scenario, at step 0, if this bundle carries its lab.
pub fn of_scenario(scenario: &Scenario) -> Result<Run, String> {
    struct Build<'a>(&'a Scenario);
    impl ForLab for Build<'_> {
        type Output = Run;
        fn run<N: Adapter>(self) -> Run {
            Box::new(timeline(self.0.build::<N>(N::scenario_config(self.0), true)))
        }
    }
    for_lab(scenario.protocol, Build(scenario)).ok_or_else(|| elsewhere(scenario.protocol))
}

/// The run of `lab` at step 0, or why it cannot be built.
pub fn start(lab: &Lab) -> Result<Run, String> {
    match lab {
        Lab::Custom(settings) => {
            settings.validate()?;
            of_settings(settings)
        }
        Lab::Scenario(name) => match lab.parsed_scenario() {
            Some(Ok(scenario)) => {
                let most = about(scenario.protocol)
                    .ok_or_else(|| elsewhere(scenario.protocol))?
                    .max_servers;
                if scenario.nodes > most {
                    return Err(tr!(
                        "scenario {name} has {servers} servers; the page draws at most {most} for {lab}",
                        name,
                        servers = scenario.nodes,
                        most,
                        lab = tr(scenario.protocol.name())
                    ));
                }
                of_scenario(&scenario)
            }
            Some(Err(error)) => Err(error),
            None => Err(match lab.scenario_protocol() {
                Some(protocol) => elsewhere(protocol),
                None => tr!("there is no shipped scenario called {name}", name),
            }),
        },
    }
}

/// Steps until the protocol's `which`th "Run until" condition holds after a step, or gives
/// up after [`RUN_UNTIL_LIMIT`] steps.
fn run_until<N: Adapter>(timeline: &mut Timeline<N>, which: usize) {
    let Some((_, wanted)) = N::UNTIL.get(which) else { return };
    for _ in 0..RUN_UNTIL_LIMIT {
        if !timeline.step_forward() {
            break;
        }
        if wanted(timeline.sim(), timeline.records_of(timeline.step())) {
            break;
        }
    }
}

/// Moves to the moment a scheduled action at `at` has just run: forward by advancing the
/// clock, backward by finding the action's step in the trace (which is in time order).
fn go_to<N: Adapter>(timeline: &mut Timeline<N>, at: Time) {
    if at > timeline.clock() {
        timeline.advance_to(at);
        return;
    }
    let trace = timeline.full_trace();
    let from = trace.partition_point(|r| r.time < at);
    let step = trace[from..]
        .iter()
        .find(|r| matches!(r.kind, RecordKind::Action { .. }))
        .map_or(timeline.step(), |r| r.step);
    timeline.seek(step);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labs::lab::SHIPPED;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn every_shipped_scenario_builds_in_the_page() {
        for name in SHIPPED {
            let lab = Lab::scenario(name).expect("listed");
            assert!(start(&lab).is_ok(), "{name}: {:?}", start(&lab).err());
        }
    }
}
