//! Multi-Paxos on the page: replicas coloured by role with their leader timer, the slot log
//! of each replica like Raft's log view (chosen slots bold, no-ops that filled holes shown as
//! such), the leader's phase 1 over all open slots narrated, and what the clients were told,
//! checked for linearizability.

use clusterscope_core::model::{Bounds, Checkable};
use clusterscope_core::protocols::multipaxos::{
    narrate, role_name, Bugs, Command, Event, Message, MultiPaxosConfig, MultiPaxosNode, Role,
    Timer, WITH_HISTORY,
};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{
    Line, NodeId, Record, RecordKind, Sim, Time, Timeline, Violation, MILLI,
};
use yew::Html;

use clusterscope_core::scenario::Protocol;

use super::adapter::Adapter;
use super::common::{lab_sim, steady_writes, timer_left, validate_leader_timing, HEARTBEAT};
use super::own::{Kind, Own, Param, Value};
use super::settings::LabSettings;
use crate::views::history_view;
use crate::views::l10n::tr;
use crate::views::log_view::{LogCell, LogRow, LogSnapshot};
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};
use crate::{en, tr};

fn elected(_: &Sim<MultiPaxosNode>, records: &[Record<MultiPaxosNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Elected { .. }, .. }))
}

fn chosen(_: &Sim<MultiPaxosNode>, records: &[Record<MultiPaxosNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Chosen { .. }, .. }))
}

fn ballot_text(node: &MultiPaxosNode) -> String {
    match node.ballot() {
        Some(ballot) => format!("b {ballot}"),
        None => node.promised().map_or("p —".into(), |p| format!("p {p}")),
    }
}

impl Shown for MultiPaxosNode {
    const KIND: Protocol = Protocol::MultiPaxos;
    const EVENT_KINDS: [&'static str; 5] = [
        "events-phase1-leader",
        "events-phase2-slots",
        "events-heartbeats",
        "events-clients",
        "events-faults",
    ];
    const MARKS: &'static str = "marks-multipaxos";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("until-leader", elected), ("until-slot", chosen)];
    const ACTIONS: (&'static str, &'static str, Option<&'static str>) =
        ("faults-time-out", "faults-client-writes", Some("faults-client-writes-leader"));
    const READS: bool = true;

    fn properties() -> &'static [&'static str] {
        &WITH_HISTORY
    }

    fn run_violations(timeline: &Timeline<MultiPaxosNode>) -> Vec<Violation> {
        history_view::history_violations(timeline)
    }

    fn server(sim: &Sim<MultiPaxosNode>, id: NodeId, clock: Time) -> ServerDot {
        let Some(node) = sim.node(id) else {
            let promised = sim.saved(id).and_then(|p| p.promised);
            return ServerDot::down(id, promised.map_or("p —".into(), |p| format!("p {p}")));
        };
        let role = role_name(node.role());
        let longest = sim.protocol_config().leader_timeout.1;
        let waiting = match node.role() {
            Role::Leader { in_flight, .. } if !in_flight.is_empty() => {
                let slots: Vec<String> = in_flight.keys().map(|s| s.to_string()).collect();
                tr!(" · waits on {slots}", slots = slots.join(","))
            }
            _ => String::new(),
        };
        ServerDot {
            up: true,
            class: role,
            inner: ballot_text(node),
            // The core's English role, which the Raft lab's words translate too.
            role: tr(role),
            detail: tr!("applied {applied}{waiting}", applied = node.applied(), waiting),
            timer_left: timer_left(sim, id, Timer::LeaderTimeout, clock, longest),
            leads: matches!(node.role(), Role::Leader { .. }),
            ..ServerDot::down(id, String::new())
        }
    }

    fn headline(sim: &Sim<MultiPaxosNode>) -> Option<(String, String)> {
        let chosen = sim.invariants().chosen();
        let noops = chosen.values().filter(|(_, c, _)| *c == Command::Noop).count();
        let leader = sim.leader().and_then(|id| Some((id, sim.node(id)?.ballot()?)));
        let first = match (chosen.len(), noops) {
            (1, 0) => tr(en!("1 slot chosen")),
            (1, _) => tr(en!("1 slot chosen, a no-op")),
            (count, 0) => tr!("{count} slots chosen", count),
            (count, 1) => tr!("{count} slots chosen, one a no-op", count),
            (count, n) => tr!("{count} slots chosen, {n} of them no-ops", count, n),
        };
        let second = leader.map_or(tr(en!("no leader")), |(id, ballot)| {
            tr!("leader {id}, ballot {ballot}", id, ballot)
        });
        Some((first, second))
    }

    fn message(msg: &Message) -> MessageStyle {
        let (kind, request, tag) = match msg {
            Message::Prepare { .. } => ("prepare", true, "1a"),
            Message::Promise { .. } => ("promise", false, "1b"),
            Message::Accept { .. } => ("accept", true, "2a"),
            Message::Accepted { .. } => ("accepted", false, "2b"),
            Message::Nack { .. } => ("nack", false, "✗"),
            Message::Decide { .. } => ("chosen", true, "!"),
            Message::Heartbeat { .. } => ("heartbeat", true, ""),
            Message::CatchUp { .. } => ("query", true, "?"),
        };
        MessageStyle {
            kind,
            label: msg.label(),
            request,
            heartbeat: matches!(msg, Message::Heartbeat { .. }),
            tag,
        }
    }

    fn narrate(record: &Record<MultiPaxosNode>) -> Option<Line> {
        narrate(record)
    }

    fn message_kind(msg: &Message, _delivered: bool) -> EventKind {
        match msg {
            Message::Prepare { .. } | Message::Promise { .. } | Message::Nack { .. } => {
                EventKind::Election
            }
            Message::Accept { .. } | Message::Accepted { .. } | Message::Decide { .. } => {
                EventKind::Replication
            }
            Message::Heartbeat { .. } | Message::CatchUp { .. } => EventKind::Heartbeat,
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::LeaderTimeout => EventKind::Election,
            Timer::Heartbeat => EventKind::Heartbeat,
        }
    }

    fn event_kind(event: &Event) -> EventKind {
        match event {
            Event::Campaign { .. }
            | Event::Promised { .. }
            | Event::Refused { .. }
            | Event::Elected { .. }
            | Event::Deposed { .. } => EventKind::Election,
            Event::Client { .. } => EventKind::Client,
            Event::Accepted { .. } | Event::Chosen { .. } => EventKind::Replication,
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        match event {
            Event::Campaign { .. } => Some(("mark candidate", "C".into())),
            Event::Elected { .. } => Some(("mark leader", "L".into())),
            Event::Deposed { .. } => Some(("mark follower", "F".into())),
            Event::Chosen { slot, .. } => Some(("mark commit", slot.to_string())),
            _ => None,
        }
    }

    fn table(sim: &Sim<MultiPaxosNode>) -> Table {
        let rows = NodeId::all(sim.nodes().len())
            .map(|id| match sim.node(id) {
                None => TableRow::down(id),
                Some(node) => {
                    let role = role_name(node.role());
                    let state: Vec<String> =
                        node.kv().iter().map(|(k, v)| format!("{k}={v}")).collect();
                    TableRow {
                        id,
                        class: role,
                        cells: Some(vec![
                            tr(role),
                            node.ballot().map_or("—".into(), |b| b.to_string()),
                            node.promised().map_or("—".into(), |b| b.to_string()),
                            node.leader().map_or("—".into(), |l| l.to_string()),
                            node.applied().to_string(),
                            if state.is_empty() { tr(en!("empty")) } else { state.join(", ") },
                        ]),
                    }
                }
            })
            .collect();
        Table {
            caption: en!("Replicas"),
            headers: &[
                en!("Role"),
                en!("Ballot"),
                en!("Promised"),
                en!("Leader known"),
                en!("Applied"),
                en!("State machine"),
            ],
            rows,
        }
    }

    /// Each replica's slots: chosen ones (as far as it knows) bold, ones it has only
    /// accepted plain, holes empty; the colour is the ballot round it accepted in.
    fn log(sim: &Sim<MultiPaxosNode>) -> Option<LogSnapshot> {
        let ids = NodeId::all(sim.nodes().len());
        let state = |id: NodeId| match sim.node(id) {
            Some(node) => Some((node.decided(), node.accepted())),
            None => sim.saved(id).map(|p| (&p.decided, &p.accepted)),
        };
        let last_of = |id: NodeId| {
            state(id).map_or(0, |(decided, accepted)| {
                let d = decided.keys().next_back().copied().unwrap_or(0);
                d.max(accepted.keys().next_back().copied().unwrap_or(0))
            })
        };
        let last = ids.clone().map(last_of).max().unwrap_or(0);
        let first = LogSnapshot::first_shown(last);
        let rows = ids
            .map(|id| {
                let node = sim.node(id);
                let cells = (first..=last)
                    .map(|slot| {
                        let (decided, accepted) = state(id)?;
                        let accepted = accepted.get(&slot);
                        let (command, committed) = match decided.get(&slot) {
                            Some(command) => (command, true),
                            None => (&accepted?.1, false),
                        };
                        // An acceptance of another command (a lost proposal the hole's
                        // no-op replaced) says nothing about the one shown.
                        let ballot = accepted.filter(|(_, c)| c == command).map(|(b, _)| *b);
                        let title = match (committed, ballot) {
                            (true, None) => tr!("slot {slot}: {command} (chosen)", slot, command),
                            (true, Some(ballot)) => tr!(
                                "slot {slot}: {command} (chosen, ballot {ballot})",
                                slot,
                                command,
                                ballot
                            ),
                            (false, None) => tr!(
                                "slot {slot}: {command} (accepted, not known chosen)",
                                slot,
                                command
                            ),
                            (false, Some(ballot)) => tr!(
                                "slot {slot}: {command} (accepted, not known chosen, ballot {ballot})",
                                slot,
                                command,
                                ballot
                            ),
                        };
                        Some(LogCell {
                            colour: ballot.map(|b| b.round),
                            text: command.to_string(),
                            title,
                            committed,
                            compacted: false,
                        })
                    })
                    .collect();
                LogRow {
                    id,
                    up: node.is_some(),
                    cells,
                    side: node.map_or(String::new(), |n| tr!("applied {applied}", applied = n.applied())),
                }
            })
            .collect();
        Some(LogSnapshot {
            caption: en!("Slot logs (each replica's accepted and chosen commands; bold = known \
                 chosen, colour = ballot round)"),
            side: en!("State machine"),
            first,
            last,
            rows,
        })
    }

    fn inspect(sim: &Sim<MultiPaxosNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            let Some(saved) = sim.saved(id) else { return Vec::new() };
            return vec![
                (tr(en!("state")), tr(en!("down (crashed)"))),
                (
                    tr(en!("promised (persisted)")),
                    saved.promised.map_or("—".into(), |b| b.to_string()),
                ),
                (tr(en!("accepted slots (persisted)")), saved.accepted.len().to_string()),
                (tr(en!("decided slots (persisted)")), saved.decided.len().to_string()),
            ];
        };
        let mut rows: Vec<(String, String)> = vec![
            (tr(en!("role")), tr(role_name(node.role()))),
            (tr(en!("ballot")), node.ballot().map_or("—".into(), |b| b.to_string())),
            (tr(en!("promised")), node.promised().map_or("—".into(), |b| b.to_string())),
            (tr(en!("leader known")), node.leader().map_or("—".into(), |l| l.to_string())),
            (tr(en!("first open slot")), node.first_open().to_string()),
            (tr(en!("applied")), node.applied().to_string()),
        ];
        if let Role::Leader { next_slot, in_flight, clients, .. } = node.role() {
            rows.push((tr(en!("next slot")), next_slot.to_string()));
            if !clients.is_empty() {
                let waiting: Vec<String> = clients
                    .iter()
                    .map(|(slot, w)| {
                        tr!(
                            "#{request} {command} (slot {slot})",
                            request = w.request,
                            command = w.command,
                            slot
                        )
                    })
                    .collect();
                rows.push((tr(en!("clients waiting")), waiting.join(", ")));
            }
            for (slot, pending) in in_flight {
                let who: Vec<String> = pending.accepted.iter().map(|a| a.to_string()).collect();
                let by = if who.is_empty() { tr(en!("none yet")) } else { who.join(", ") };
                rows.push((
                    tr!("slot {slot} (phase 2)", slot),
                    tr!("{command}, accepted by {by}", command = pending.command, by),
                ));
            }
        }
        let state: Vec<String> = node.kv().iter().map(|(k, v)| format!("{k}={v}")).collect();
        rows.push((
            tr(en!("state machine")),
            if state.is_empty() { tr(en!("empty")) } else { state.join(", ") },
        ));
        rows
    }
}

fn own(config: &MultiPaxosConfig) -> Own {
    let (min, max) = config.leader_timeout;
    let values = vec![Value::Range(min, max), Value::Time(config.heartbeat_interval)];
    Own::new(MultiPaxosNode::OWN, values)
}

impl Adapter for MultiPaxosNode {
    /// The model checker's bounds: the protocol's own, in core.
    fn check_bounds(bug: &str) -> Option<Bounds> {
        Some(<MultiPaxosNode as Checkable>::bounds_for(bug))
    }
    const OWN: &'static [Param] = &[
        Param { key: "leader_timeout", label: en!("Leader timeout"), note: "", kind: Kind::Range },
        HEARTBEAT,
    ];
    const CLIENT: &'static str = en!("Client writes every");

    fn defaults() -> LabSettings {
        let config = MultiPaxosConfig::default();
        LabSettings::with_own(Protocol::MultiPaxos, 500 * MILLI, own(&config))
    }
    fn of_scenario(scenario: &Scenario) -> LabSettings {
        let config = &scenario.multipaxos;
        LabSettings::with_scenario(scenario, Self::MAX_SERVERS, config.bugs.enabled(), own(config))
    }
    fn start(settings: &LabSettings) -> Sim<MultiPaxosNode> {
        let protocol = MultiPaxosConfig {
            leader_timeout: settings.own.range("leader_timeout"),
            heartbeat_interval: settings.own.time("heartbeat"),
            bugs: settings.bugs_as(Bugs::enable),
        };
        let mut sim = lab_sim(settings, protocol);
        steady_writes(&mut sim, settings.write_every);
        sim
    }
    fn scenario_config(scenario: &Scenario) -> MultiPaxosConfig {
        scenario.multipaxos.clone()
    }
    const HAS_CHARTS: bool = true;

    /// The client history (the Charts tab is its only chart).
    fn charts(timeline: &Timeline<MultiPaxosNode>, _settings: &LabSettings) -> Option<Html> {
        Some(history_view::history_chart(timeline))
    }
    fn validate(settings: &LabSettings) -> Result<(), String> {
        let own = &settings.own;
        validate_leader_timing(
            own.range("leader_timeout"),
            own.time("heartbeat"),
            en!("Leader timeout"),
        )
    }
}
