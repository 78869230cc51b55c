//! What the page draws of the run at the playhead, whatever its lab: built by the one generic
//! function that knows the protocol's types, then handed to views as plain data.

use clusterscope_core::scenario::Protocol;
use clusterscope_core::sim::{Action, NetworkParams, Time, Timeline, Violation};
use yew::Html;

use super::cluster_snapshot::ClusterSnapshot;
use super::cluster_view::SVG_UP_TO;
use super::events::{recent_events, Filter};
use super::inspector::{inspect, Inspected};
use super::l10n;
use super::log_view::LogSnapshot;
use super::server_table::Table;
use super::shown::Shown;
use super::spacetime::SpaceTimeSnapshot;

/// The tables as last drawn.
pub struct Tables {
    pub drawn_at: f64,
    pub filter: Filter,
    pub events: Vec<(u64, String, bool)>,
    pub log: Option<LogSnapshot>,
    pub servers: Table,
    /// The lab's own charts (see `Adapter::charts`).
    pub charts: Option<Html>,
}

impl Tables {
    pub fn of<N: Shown>(timeline: &Timeline<N>, filter: Filter, now_ms: f64) -> Self {
        Tables {
            drawn_at: now_ms,
            filter,
            events: recent_events(timeline.trace(), filter),
            log: N::log(timeline.sim()),
            servers: N::table(timeline.sim()),
            charts: None,
        }
    }
}

/// What the page draws of the run at the playhead, whatever its protocol: built once per
/// render by the one generic function that knows the protocol's types.
pub struct Frame {
    pub protocol: Protocol,
    pub step: u64,
    pub clock: Time,
    pub horizon: u64,
    pub forks: u64,
    /// The cluster, or each of the lab's clusters ([`Shown::SIDES`]).
    pub clusters: Vec<ClusterSnapshot>,
    /// None for a cluster too large for a lane per server.
    pub spacetime: Option<SpaceTimeSnapshot>,
    /// The latest trace record worth a sentence, for the caption when nothing is narrated.
    pub latest: Option<String>,
    pub violations: Vec<Violation>,
    pub properties: &'static [&'static str],
    pub inspector: Option<(String, Vec<(String, String)>)>,
    /// Whether each server is up, by index.
    pub up: Vec<bool>,
    /// The command the fault panel's client sends next.
    pub next_write: String,
    pub in_flight: Vec<(u64, String)>,
    pub split: bool,
    pub network: NetworkParams,
    pub event_names: [&'static str; 5],
    pub until: [&'static str; 2],
    pub words: (&'static str, &'static str, Option<&'static str>),
    pub transfer: bool,
    pub reconfigure: bool,
    pub membership: bool,
    /// Whether clients can read (`Shown::READS`).
    pub reads: bool,
}

impl Frame {
    pub fn of<N: Shown>(
        timeline: &Timeline<N>,
        playing: bool,
        heartbeats: bool,
        inspected: Option<Inspected>,
    ) -> Frame {
        let sim = timeline.sim();
        Frame {
            protocol: N::KIND,
            step: timeline.step(),
            clock: timeline.clock(),
            horizon: timeline.horizon().max(timeline.step()),
            forks: timeline.forks(),
            clusters: ClusterSnapshot::all(timeline),
            spacetime: (sim.nodes().len() <= SVG_UP_TO)
                .then(|| SpaceTimeSnapshot::of(timeline, heartbeats)),
            latest: timeline
                .trace()
                .iter()
                .rev()
                .find_map(N::narrate)
                .map(|line| l10n::said(&line)),
            violations: {
                let mut all = sim.violations().to_vec();
                if N::READS {
                    all.extend(N::run_violations(timeline));
                }
                all
            },
            properties: N::properties(),
            inspector: inspected.and_then(|what| inspect(timeline, what)),
            up: sim.nodes().iter().map(Option::is_some).collect(),
            next_write: N::client_command(
                timeline
                    .actions()
                    .iter()
                    .filter(|a| matches!(a.action, Action::Client { .. }))
                    .count()
                    + 1,
            ),
            // Picking a message is for a paused picture: while playing they land within
            // moments, and listing hundreds of them every frame costs more than drawing them.
            in_flight: if playing {
                Vec::new()
            } else {
                sim.in_flight()
                    .map(|m| {
                        let label = N::message(&m.msg).label;
                        (m.id, format!("#{} {label} {} → {}", m.id, m.from, m.to))
                    })
                    .collect()
            },
            split: sim.partition_groups().iter().any(|g| *g != 0) || !sim.cuts().is_empty(),
            network: sim.network().clone(),
            event_names: N::EVENT_KINDS,
            until: N::UNTIL.map(|(name, _)| name),
            words: N::ACTIONS,
            transfer: N::TRANSFER,
            reconfigure: N::RECONFIGURE,
            membership: N::MEMBERSHIP,
            reads: N::READS,
        }
    }
}
