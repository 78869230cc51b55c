//! Raft on the page: servers coloured by role with their election timer, logs by term, the
//! leader's nextIndex / matchIndex per follower.

use clusterscope_core::model::{Bounds, Checkable};
use clusterscope_core::protocols::raft::{
    narrate, Bugs, Event, Membership, Message, RaftConfig, RaftNode, ReadMode, Role, Timer,
    MAX_SNAPSHOT_THRESHOLD, WITH_HISTORY,
};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{
    Line, NodeId, Record, RecordKind, Sim, Time, Timeline, Violation, MILLI,
};
use std::collections::BTreeMap;
use std::sync::Arc;
use yew::Html;

use clusterscope_core::scenario::Protocol;

mod figure16;

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

/// The role in English: its CSS class, and the words shown (through `own`).
fn role_name(role: Role) -> &'static str {
    match role {
        Role::Follower => en!("follower"),
        Role::Candidate => en!("candidate"),
        Role::Leader => en!("leader"),
    }
}

/// What a server is in the configuration it believes in, when not simply a voter.
fn standing(node: &RaftNode) -> Option<&'static str> {
    let membership = node.membership();
    if membership.learners.contains(node.id()) {
        Some(en!("learner"))
    } else if !membership.voters.contains(node.id()) {
        Some(en!("outside"))
    } else {
        None
    }
}

/// A configuration in a few characters for the table: "S1 S2 S3 +S4" (learners marked `+`).
fn members_text(membership: &Membership) -> String {
    let mut parts: Vec<String> = membership.voters.iter().map(|id| id.to_string()).collect();
    parts.extend(membership.learners.iter().map(|id| format!("+{id}")));
    parts.join(" ")
}

/// A key-value state as `k=v, …`, or "empty".
fn state_text(kv: &BTreeMap<Arc<str>, Arc<str>>) -> String {
    let pairs: Vec<String> = kv.iter().map(|(k, v)| format!("{k}={v}")).collect();
    if pairs.is_empty() {
        tr(en!("empty"))
    } else {
        pairs.join(", ")
    }
}

fn elected(_: &Sim<RaftNode>, records: &[Record<RaftNode>]) -> bool {
    records.iter().any(|r| {
        matches!(r.kind, RecordKind::Node { event: Event::Role { role: Role::Leader, .. }, .. })
    })
}

fn committed(_: &Sim<RaftNode>, records: &[Record<RaftNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Commit { .. }, .. }))
}

impl Shown for RaftNode {
    const KIND: Protocol = Protocol::Raft;
    const EVENT_KINDS: [&'static str; 5] = [
        "events-elections",
        "events-replication",
        "events-heartbeats",
        "events-clients",
        "events-faults",
    ];
    const MARKS: &'static str = "marks-raft";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("until-leader", elected), ("until-commit", committed)];
    const ACTIONS: (&'static str, &'static str, Option<&'static str>) =
        ("faults-time-out", "faults-client-writes", Some("faults-client-writes-leader"));
    const TRANSFER: bool = true;
    const RECONFIGURE: bool = true;
    const READS: bool = true;

    fn properties() -> &'static [&'static str] {
        &WITH_HISTORY
    }

    fn run_violations(timeline: &Timeline<RaftNode>) -> Vec<Violation> {
        history_view::history_violations(timeline)
    }

    fn server(sim: &Sim<RaftNode>, id: NodeId, clock: Time) -> ServerDot {
        let longest = sim.protocol_config().election_timeout.1;
        let Some(node) = sim.node(id) else {
            let term = sim.saved(id).map_or(0, |p| p.current_term);
            return ServerDot::down(id, tr!("term {term}", term));
        };
        let role = node.role();
        let label = match standing(node) {
            Some(standing) if role != Role::Leader => standing,
            _ if node.pre_voting() => en!("pre-vote"),
            _ => role_name(role),
        };
        ServerDot {
            up: true,
            class: role_name(role),
            inner: tr!("term {term}", term = node.current_term()),
            role: tr(label),
            timer_left: timer_left(sim, id, Timer::Election, clock, longest),
            leads: role == Role::Leader,
            ..ServerDot::down(id, String::new())
        }
    }

    fn message(msg: &Message) -> MessageStyle {
        let kind = match msg {
            Message::RequestVote { .. } | Message::PreVote { .. } | Message::TimeoutNow { .. } => {
                "request-vote"
            }
            Message::RequestVoteReply { vote_granted: true, .. }
            | Message::PreVoteReply { granted: true, .. } => "vote-granted",
            Message::RequestVoteReply { vote_granted: false, .. }
            | Message::PreVoteReply { granted: false, .. } => "vote-denied",
            msg if msg.is_heartbeat() => "heartbeat",
            Message::AppendEntries { .. } => "append",
            Message::AppendEntriesReply { success: true, .. } => "append-ok",
            // Only the Raft page has snapshots: its feature turns on core's `raft-snapshots`.
            #[cfg(feature = "raft")]
            Message::InstallSnapshot { .. } => "append",
            #[cfg(feature = "raft")]
            Message::InstallSnapshotReply { .. } => "append-ok",
            Message::AppendEntriesReply { success: false, .. } => "append-failed",
            Message::ClientForward { .. } => "forward",
        };
        MessageStyle {
            kind,
            label: msg.label(),
            request: matches!(kind, "request-vote" | "append" | "heartbeat" | "forward"),
            heartbeat: msg.is_heartbeat(),
            tag: "",
        }
    }

    fn narrate(record: &Record<RaftNode>) -> Option<Line> {
        narrate(record)
    }

    fn message_kind(msg: &Message, delivered: bool) -> EventKind {
        match msg {
            Message::RequestVote { .. }
            | Message::RequestVoteReply { .. }
            | Message::PreVote { .. }
            | Message::PreVoteReply { .. }
            | Message::TimeoutNow { .. } => EventKind::Election,
            msg if msg.is_heartbeat() => EventKind::Heartbeat,
            // A successful reply's news (matchIndex moved) is its own `Replicated` event.
            Message::AppendEntriesReply { success: true, .. } if delivered => EventKind::Heartbeat,
            #[cfg(feature = "raft")]
            Message::InstallSnapshotReply { .. } if delivered => EventKind::Heartbeat,
            Message::ClientForward { .. } => EventKind::Client,
            _ if !delivered => EventKind::Fault,
            _ => EventKind::Replication,
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::Election | Timer::CheckQuorum | Timer::Transfer => EventKind::Election,
            Timer::Heartbeat => EventKind::Heartbeat,
        }
    }

    fn event_kind(event: &Event) -> EventKind {
        match event {
            Event::Role { .. }
            | Event::VoteGranted { .. }
            | Event::VoteDenied { .. }
            | Event::PreVote { .. }
            | Event::QuorumLost { .. }
            | Event::TransferStarted { .. }
            | Event::TimeoutNowSent { .. }
            | Event::TransferAborted { .. } => EventKind::Election,
            Event::Client { .. } => EventKind::Client,
            _ => EventKind::Replication,
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        match event {
            Event::Role { role: Role::Leader, .. } => Some(("mark leader", "L".into())),
            Event::Role { role: Role::Candidate, .. } => Some(("mark candidate", "C".into())),
            Event::Role { role: Role::Follower, .. } => Some(("mark follower", "F".into())),
            Event::Commit { commit_index } => Some(("mark commit", commit_index.to_string())),
            _ => None,
        }
    }

    fn table(sim: &Sim<RaftNode>) -> Table {
        let rows = NodeId::all(sim.nodes().len())
            .map(|id| match sim.node(id) {
                None => TableRow::down(id),
                Some(node) => TableRow {
                    id,
                    class: role_name(node.role()),
                    cells: Some(vec![
                        tr(role_name(node.role())),
                        node.current_term().to_string(),
                        node.voted_for().map_or("—".into(), |v| v.to_string()),
                        node.last_log_index().to_string(),
                        node.commit_index().to_string(),
                        members_text(&node.membership()),
                    ]),
                },
            })
            .collect();
        Table {
            caption: en!("Server states"),
            headers: &[
                en!("Role"),
                en!("Term"),
                en!("Voted for"),
                en!("Last index"),
                en!("Commit index"),
                en!("Voters"),
            ],
            rows,
        }
    }

    /// Only the shown window of each log is copied: this runs a few times a second.
    fn log(sim: &Sim<RaftNode>) -> Option<LogSnapshot> {
        let leader = sim.leader().and_then(|id| sim.node(id));
        let persistent_of = |id: NodeId| match sim.node(id) {
            Some(node) => Some((node.snapshot(), node.log())),
            None => sim.saved(id).map(|p| (&p.snapshot, &p.log[..])),
        };
        let ids = NodeId::all(sim.nodes().len());
        let last = ids
            .clone()
            .filter_map(persistent_of)
            .map(|(snapshot, log)| snapshot.last_index + log.len() as u64)
            .max()
            .unwrap_or(0);
        let first = LogSnapshot::first_shown(last);
        let rows = ids
            .map(|id| {
                let node = sim.node(id);
                let commit_index = node.map_or(0, |n| n.commit_index());
                let (snapshot, log) = match persistent_of(id) {
                    Some((snapshot, log)) => (Some(snapshot), log),
                    None => (None, &[][..]),
                };
                let base = snapshot.map_or(0, |s| s.last_index);
                // Compacted indexes in the window are drawn as one band: the snapshot.
                let compacted = base.saturating_sub(first - 1) as usize;
                let cells =
                    log.iter().zip(base + 1..).skip((first - 1).saturating_sub(base) as usize);
                let band = snapshot.filter(|_| compacted > 0).map(|s| LogCell {
                    colour: None,
                    text: String::new(),
                    title: tr!(
                        "compacted: {id}'s snapshot to index {index} (term {term}) holds {state}",
                        id,
                        index = s.last_index,
                        term = s.last_term,
                        state = state_text(&s.kv)
                    ),
                    committed: false,
                    compacted: true,
                });
                LogRow {
                    id,
                    up: node.is_some(),
                    cells: std::iter::repeat_n(band, compacted)
                        .chain(cells.map(|(e, index)| {
                            let committed = index <= commit_index;
                            let (mark, what) = match &e.membership {
                                Some(m) => ("*", tr!("configuration, {m}", m)),
                                None => ("", e.command.to_string()),
                            };
                            let term = e.term;
                            Some(LogCell {
                                colour: Some(e.term),
                                text: format!("{}{mark}", e.term),
                                title: if committed {
                                    tr!(
                                        "index {index}, term {term}: {what} (committed)",
                                        index,
                                        term,
                                        what
                                    )
                                } else {
                                    tr!("index {index}, term {term}: {what}", index, term, what)
                                },
                                committed,
                                compacted: false,
                            })
                        }))
                        .collect(),
                    side: leader
                        .and_then(|l| l.progress(id))
                        .map_or(String::new(), |(next, matched)| {
                            tr!("next {next} · match {matched}", next, matched)
                        }),
                }
            })
            .collect();
        Some(LogSnapshot {
            caption: en!(
                "Logs (cells show each entry's term; a bold border marks committed entries; \
                 * marks a configuration entry; hatched cells are compacted into the \
                 server's snapshot)"
            ),
            side: en!("Leader's view"),
            first,
            last,
            rows,
        })
    }

    fn inspect(sim: &Sim<RaftNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            let Some(saved) = sim.saved(id) else { return Vec::new() };
            return vec![
                (tr(en!("state")), tr(en!("down (crashed)"))),
                (tr(en!("currentTerm (persisted)")), saved.current_term.to_string()),
                (
                    tr(en!("votedFor (persisted)")),
                    saved.voted_for.map_or("none".into(), |v| v.to_string()),
                ),
                (tr(en!("last log index (persisted)")), saved.last_index().to_string()),
            ];
        };
        let role = tr(role_name(node.role()));
        let mut rows: Vec<(String, String)> = vec![
            (
                tr(en!("role")),
                if node.pre_voting() { tr!("{role}, asking for pre-votes", role) } else { role },
            ),
            ("currentTerm".into(), node.current_term().to_string()),
            ("votedFor".into(), node.voted_for().map_or("none".into(), |v| v.to_string())),
            (tr(en!("last log index")), node.last_log_index().to_string()),
            ("commitIndex".into(), node.commit_index().to_string()),
            ("lastApplied".into(), node.last_applied().to_string()),
        ];
        let snapshot = node.snapshot();
        if snapshot.last_index > 0 {
            rows.push((
                tr(en!("snapshot")),
                tr!(
                    "to index {index} (term {term}): {state}",
                    index = snapshot.last_index,
                    term = snapshot.last_term,
                    state = state_text(&snapshot.kv)
                ),
            ));
        }
        let membership = node.membership();
        let configuration = match standing(node) {
            Some(standing) => tr!(
                "{membership} ({id} is {standing})",
                membership,
                id = node.id(),
                standing = tr(standing)
            ),
            None => membership.to_string(),
        };
        rows.push((tr(en!("configuration")), configuration));
        for peer in NodeId::all(sim.nodes().len()) {
            if let Some((next, matched)) = node.progress(peer) {
                rows.push((
                    format!("nextIndex / matchIndex[{peer}]"),
                    format!("{next} / {matched}"),
                ));
            }
        }
        rows.push((tr(en!("state machine")), state_text(node.kv())));
        rows
    }
}

fn own(config: &RaftConfig) -> Own {
    let (min, max) = config.election_timeout;
    let values = vec![
        Value::Range(min, max),
        Value::Time(config.heartbeat_interval),
        Value::Flag(config.pre_vote),
        Value::Flag(config.check_quorum),
        Value::Flag(config.read_mode == ReadMode::Lease),
        Value::Count(config.snapshot_threshold as u64),
        Value::Count(config.voters as u64),
    ];
    Own::new(RaftNode::OWN, values)
}

impl Adapter for RaftNode {
    /// The model checker's bounds: the protocol's own, in core.
    fn check_bounds(bug: &str) -> Option<Bounds> {
        Some(<RaftNode as Checkable>::bounds_for(bug))
    }
    const CHECK_SYMMETRY: bool = true;
    const OWN: &'static [Param] = &[
        Param { key: "election", label: en!("Election timeout"), note: "", kind: Kind::Range },
        HEARTBEAT,
        Param {
            key: "pre_vote",
            label: en!("Pre-vote"),
            note: en!("a server asks whether it could win before raising its term"),
            kind: Kind::Flag,
        },
        Param {
            key: "check_quorum",
            label: en!("Check-quorum"),
            note: en!("a leader that hears from no majority steps down"),
            kind: Kind::Flag,
        },
        Param {
            key: "lease_reads",
            label: en!("Lease reads"),
            note: en!("a leader answers reads at once while a majority acknowledged it within \
                 the minimum election timeout, instead of a heartbeat round per read"),
            kind: Kind::Flag,
        },
        Param {
            key: "snapshot",
            label: en!("Snapshot every"),
            note: en!("entries: a server compacts its applied entries into a snapshot of its \
                 key-value state once this many gather (0 never compacts)"),
            kind: Kind::Count,
        },
        Param {
            key: "voters",
            label: en!("Voters at start"),
            note: en!(
                "servers S1 up to this one vote; the rest wait outside until the leader adds \
                 them (0: every server votes)"
            ),
            kind: Kind::Count,
        },
    ];
    const CLIENT: &'static str = en!("Client writes every");

    fn defaults() -> LabSettings {
        LabSettings::with_own(Protocol::Raft, 500 * MILLI, own(&RaftConfig::default()))
    }
    fn of_scenario(scenario: &Scenario) -> LabSettings {
        let bugs = scenario.raft.bugs.enabled();
        LabSettings::with_scenario(scenario, Self::MAX_SERVERS, bugs, own(&scenario.raft))
    }
    fn start(settings: &LabSettings) -> Sim<RaftNode> {
        let own = &settings.own;
        let protocol = RaftConfig {
            bugs: settings.bugs_as(Bugs::enable),
            election_timeout: own.range("election"),
            heartbeat_interval: own.time("heartbeat"),
            pre_vote: own.flag("pre_vote"),
            check_quorum: own.flag("check_quorum"),
            read_mode: if own.flag("lease_reads") { ReadMode::Lease } else { ReadMode::ReadIndex },
            snapshot_threshold: own.size("snapshot"),
            voters: own.size("voters"),
            ..RaftConfig::default()
        };
        let mut sim = lab_sim(settings, protocol);
        steady_writes(&mut sim, settings.write_every);
        sim
    }
    fn scenario_config(scenario: &Scenario) -> RaftConfig {
        scenario.raft.clone()
    }
    const HAS_CHARTS: bool = true;

    /// The client history, and the Raft paper's Figure 16 run on demand.
    fn charts(timeline: &Timeline<RaftNode>, _settings: &LabSettings) -> Option<Html> {
        let history = history_view::history_chart(timeline);
        Some(yew::html! { <>{ history }<figure16::Figure16Chart /></> })
    }
    fn validate(settings: &LabSettings) -> Result<(), String> {
        let own = &settings.own;
        if own.count("snapshot") > MAX_SNAPSHOT_THRESHOLD as u64 {
            return Err(tr!(
                "Snapshot every: at most {most} entries (0 never compacts)",
                most = MAX_SNAPSHOT_THRESHOLD
            ));
        }
        if own.count("voters") > settings.servers as u64 {
            return Err(tr!(
                "Voters at start: at most the {servers} servers (0: every server votes)",
                servers = settings.servers
            ));
        }
        validate_leader_timing(
            own.range("election"),
            own.time("heartbeat"),
            en!("Election timeout"),
        )
    }
}
