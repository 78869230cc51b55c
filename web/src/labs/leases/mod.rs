//! The leases lab on the page: the lock store (one server, or replicas electing a leader
//! with Raft), the storage service and the clients on the ring (who believes it leads, under
//! which token, and until when on its own clock), the lease's messages, and in the Charts tab
//! one lane per client of when it believed it held the lease against when it did, with the
//! store's grants and the storage's writes.

mod lanes;

use clusterscope_core::protocols::leases::{
    self, current_store, narrate, Bugs, Command, Event, LeaseConfig, LeaseNode, Message, Role,
    Timer, Variant,
};
use clusterscope_core::protocols::raft::{self, RaftNode};
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::{
    format_time, Action, Line, NodeId, Record, RecordKind, Sim, Target, Time, Timeline, MILLI,
    SECOND,
};
use yew::Html;

use super::adapter::Adapter;
use super::common::{lab_sim, timer_left};
use super::own::{Kind, Own, Param, Value};
use super::settings::{LabSettings, STEADY_WRITES};
use crate::views::l10n::tr;
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};
use crate::{en, tr};

fn granted(_: &Sim<LeaseNode>, records: &[Record<LeaseNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Granted { .. }, .. }))
}

fn stopped(_: &Sim<LeaseNode>, records: &[Record<LeaseNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Lost { .. }, .. }))
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Store => en!("lock store"),
        Role::Storage => en!("storage"),
        Role::Client => en!("client"),
    }
}

/// A server's role in words; a store replica's says how it stands in the store's Raft.
fn role_words(node: &LeaseNode) -> String {
    let Some(replica) = node.replica_view() else { return tr(role_name(node.role())) };
    let term = replica.term;
    match replica.raft_role {
        _ if replica.leads_store => tr!("store leader, term {term}", term),
        raft::Role::Leader => tr!("store leader (catching up), term {term}", term),
        raft::Role::Candidate => tr!("store candidate, term {term}", term),
        raft::Role::Follower => tr!("store replica, term {term}", term),
    }
}

/// What the store says of its lease now, on its own clock (a replica: as far as its log is
/// applied; only the leader's counts).
fn lease_line(node: &LeaseNode, local: Time) -> String {
    match node.lease() {
        None => tr(en!("no holder")),
        Some(lease) => match lease.expires {
            None => tr!("{holder} holds it, no expiry", holder = lease.holder),
            Some(at) if at > local => {
                tr!(
                    "{holder} holds it, {left} left",
                    holder = lease.holder,
                    left = format_time(at - local)
                )
            }
            Some(_) => tr!("{holder}'s lease expired", holder = lease.holder),
        },
    }
}

/// What a client believes, on its own clock.
fn belief_line(node: &LeaseNode) -> String {
    match node.belief() {
        None => tr(en!("does not hold the lease")),
        Some(b) => match b.until {
            Some(until) => tr!("holds it until {until} (its clock)", until = format_time(until)),
            None => tr(en!("believes it holds the lease")),
        },
    }
}

fn storage_line(node: &LeaseNode) -> String {
    node.storage().map_or(String::new(), |s| {
        tr!(
            "{accepted} accepted · {rejected} rejected",
            accepted = s.accepted,
            rejected = s.rejected
        )
    })
}

impl Shown for LeaseNode {
    const KIND: Protocol = Protocol::Leases;
    const EVENT_KINDS: [&'static str; 5] =
        ["events-grants", "events-writes", "events-polls", "events-clients", "events-faults"];
    const MARKS: &'static str = "marks-leases";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("until-grant", granted), ("until-holder-stops", stopped)];
    const ACTIONS: (&'static str, &'static str, Option<&'static str>) =
        ("faults-ask-lease", "faults-client-writes", Some("faults-client-writes-leader"));

    fn server(sim: &Sim<LeaseNode>, id: NodeId, clock: Time) -> ServerDot {
        let role = sim.protocol_config().role(id);
        let Some(node) = sim.node(id) else {
            let kept = match role {
                Role::Store => sim.saved(id).and_then(|p| match &p.raft {
                    Some(raft) => Some(tr!("term {term}", term = raft.current_term)),
                    None => p.lease.as_ref().map(|l| tr!("token {token}", token = l.token)),
                }),
                Role::Storage => sim.saved(id).map(|p| tr!("newest {newest}", newest = p.newest)),
                Role::Client => None,
            };
            return ServerDot::down(id, kept.unwrap_or_default());
        };
        let local = sim.local_time(id);
        let campaigning = node.replica_view().is_some_and(|r| r.raft_role == raft::Role::Candidate);
        let (class, inner, detail) = match role {
            Role::Store => (
                if campaigning { "candidate" } else { "idle" },
                node.lease().map_or(tr(en!("free")), |l| tr!("token {token}", token = l.token)),
                lease_line(node, local),
            ),
            Role::Storage => (
                "idle",
                tr!("newest {newest}", newest = node.storage().map_or(0, |s| s.newest)),
                storage_line(node),
            ),
            Role::Client => match node.belief() {
                Some(b) => ("leader", tr!("token {token}", token = b.token), belief_line(node)),
                None => ("follower", String::new(), tr(en!("polls the store"))),
            },
        };
        // A replica's election timer, drawn as Raft's are.
        let longest = leases::raft_config().election_timeout.1;
        let election = Timer::Raft(raft::Timer::Election);
        let timer_left = node.raft().and_then(|_| timer_left(sim, id, election, clock, longest));
        ServerDot {
            up: true,
            class,
            inner,
            role: role_words(node),
            detail,
            timer_left,
            leads: node.belief().is_some(),
            ..ServerDot::down(id, String::new())
        }
    }

    fn headline(sim: &Sim<LeaseNode>) -> Option<(String, String)> {
        let store = current_store(sim.nodes().iter().flatten())?;
        let lease = store.lease()?;
        let believers: Vec<String> = sim
            .nodes()
            .iter()
            .flatten()
            .filter(|n| n.belief().is_some())
            .map(|n| n.id().to_string())
            .collect();
        let who = match believers.len() {
            0 => tr(en!("no client believes it leads")),
            1 => tr!("{client} believes it leads", client = believers[0]),
            2 => tr!(
                "{one} and {other} both believe they lead",
                one = believers[0],
                other = believers[1]
            ),
            _ => tr!("{clients} all believe they lead", clients = believers.join(", ")),
        };
        Some((tr!("lease {token}: {holder}", token = lease.token, holder = lease.holder), who))
    }

    fn message(msg: &Message) -> MessageStyle {
        let (kind, request, tag, heartbeat) = match msg {
            Message::Acquire { .. } => ("request-vote", true, "?", true),
            Message::Granted { .. } => ("vote-granted", false, "G", false),
            Message::Taken { .. } => ("vote-denied", false, "", true),
            Message::Release { .. } => ("forward", true, "", false),
            Message::Write { .. } => ("append", true, "W", false),
            Message::Accepted { .. } => ("append-ok", false, "", true),
            Message::Rejected { .. } => ("append-failed", false, "✗", false),
            Message::Redirect { .. } => ("forward", false, "", true),
            Message::Raft(msg) => return RaftNode::message(msg),
        };
        MessageStyle { kind, label: label(msg), request, heartbeat, tag }
    }

    /// The store's Raft traffic is told as the Raft lab tells it.
    fn narrate(record: &Record<LeaseNode>) -> Option<Line> {
        narrate(record).or_else(|| RaftNode::narrate(&record.project(&leases::RAFT)?))
    }

    fn message_kind(msg: &Message, delivered: bool) -> EventKind {
        match msg {
            Message::Granted { .. } | Message::Release { .. } => EventKind::Election,
            Message::Write { .. } | Message::Rejected { .. } => EventKind::Replication,
            Message::Acquire { .. }
            | Message::Taken { .. }
            | Message::Accepted { .. }
            | Message::Redirect { .. } => EventKind::Heartbeat,
            Message::Raft(msg) => RaftNode::message_kind(msg, delivered),
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::Ask => EventKind::Heartbeat,
            Timer::Write => EventKind::Replication,
            Timer::Raft(timer) => RaftNode::timer_kind(timer),
        }
    }

    fn event_kind(event: &Event) -> EventKind {
        match event {
            Event::Granted { .. }
            | Event::Released { .. }
            | Event::Acquired { .. }
            | Event::Lost { .. } => EventKind::Election,
            Event::Renewed { .. } => EventKind::Heartbeat,
            Event::NotHolder { .. } => EventKind::Client,
            Event::Wrote { .. } | Event::Stored { .. } | Event::Rejected { .. } => {
                EventKind::Replication
            }
            Event::TookOver { .. } => EventKind::Election,
            Event::Raft(event) => RaftNode::event_kind(event),
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        match event {
            Event::Granted { token, .. } => Some(("mark leader", format!("G{token}"))),
            Event::Acquired { .. } => Some(("mark candidate", "H".into())),
            Event::Lost { .. } => Some(("mark follower", "L".into())),
            Event::Stored { .. } => Some(("mark commit", "W".into())),
            Event::Rejected { .. } => Some(("mark follower", "✗".into())),
            Event::TookOver { .. } => Some(("mark leader", "T".into())),
            Event::Raft(event) => RaftNode::mark(event),
            _ => None,
        }
    }

    fn table(sim: &Sim<LeaseNode>) -> Table {
        let rows = NodeId::all(sim.nodes().len())
            .map(|id| match sim.node(id) {
                None => TableRow::down(id),
                Some(node) => {
                    let local = sim.local_time(id);
                    let state = match node.role() {
                        Role::Store => lease_line(node, local),
                        Role::Storage => storage_line(node),
                        Role::Client => belief_line(node),
                    };
                    TableRow {
                        id,
                        class: if node.belief().is_some() { "leader" } else { "" },
                        cells: Some(vec![role_words(node), state, format_time(local)]),
                    }
                }
            })
            .collect();
        Table {
            caption: en!(
                "Servers: the store's lease, each client's belief, the storage's writes, each clock"
            ),
            headers: &[en!("Role"), en!("State"), en!("Its clock")],
            rows,
        }
    }

    fn inspect(sim: &Sim<LeaseNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            return vec![(tr(en!("state")), tr(en!("down (crashed)")))];
        };
        let mut rows = vec![(tr(en!("role")), role_words(node))];
        let local = sim.local_time(id);
        match node.role() {
            Role::Store => {
                if let Some(replica) = node.replica_view() {
                    let log = tr!(
                        "{length} entries, {committed} committed",
                        length = replica.log_length,
                        committed = replica.commit_index
                    );
                    rows.push((tr(en!("store log")), log));
                }
                rows.push((tr(en!("lease")), lease_line(node, local)));
                if let Some(lease) = node.lease() {
                    rows.push((
                        tr(en!("granted or renewed at (its clock)")),
                        format_time(lease.granted_at),
                    ));
                }
            }
            Role::Storage => rows.push((tr(en!("writes")), storage_line(node))),
            Role::Client => {
                rows.push((tr(en!("belief")), belief_line(node)));
                if sim.protocol_config().replicated() {
                    rows.push((tr(en!("asks")), node.asks_store().to_string()));
                }
            }
        }
        rows
    }
}

fn label(msg: &Message) -> &'static str {
    match msg {
        Message::Acquire { .. } => "Acquire",
        Message::Granted { .. } => "Granted",
        Message::Taken { .. } => "Taken",
        Message::Release { .. } => "Release",
        Message::Write { .. } => "Write",
        Message::Accepted { .. } => "Accepted",
        Message::Rejected { .. } => "Rejected",
        Message::Redirect { .. } => "Redirect",
        Message::Raft(msg) => msg.label(),
    }
}

const STORES: &[(&str, &str)] =
    &[("1", en!("One server")), ("3", en!("3 replicas (Raft)")), ("5", en!("5 replicas (Raft)"))];

const VARIANTS: &[(&str, &str)] = &[
    ("lock_no_ttl", en!("Lock, no TTL (the article's)")),
    ("ttl", en!("Lease with a TTL")),
    ("ttl_fencing", en!("TTL + fencing tokens")),
    ("ttl_clock_bound", en!("TTL + holder's clock bound")),
];

fn own(config: &LeaseConfig) -> Own {
    Own::new(
        LeaseNode::OWN,
        vec![
            Value::Choice(VARIANTS[config.variant as usize].0),
            Value::Time(config.ttl),
            Value::Time(config.renew_every),
            Value::Time(config.write_every),
            Value::Time(config.margin),
            Value::Choice(
                STORES
                    .iter()
                    .find(|(k, _)| k.parse() == Ok(config.store_replicas))
                    .map_or("1", |s| s.0),
            ),
        ],
    )
}

fn config(settings: &LabSettings) -> LeaseConfig {
    let own = &settings.own;
    LeaseConfig {
        // A choice always holds one of VARIANTS' keys.
        variant: own.choice("variant").parse().unwrap_or(Variant::Ttl),
        ttl: own.time("ttl"),
        renew_every: own.time("renew"),
        write_every: own.time("write"),
        margin: own.time("margin"),
        // A choice always holds one of STORES' keys.
        store_replicas: own.choice("store").parse().unwrap_or(1),
        bugs: settings.bugs_as(Bugs::enable),
    }
}

impl Adapter for LeaseNode {
    const OWN: &'static [Param] = &[
        Param { key: "variant", label: en!("Lease"), note: "", kind: Kind::Choice(VARIANTS) },
        Param {
            key: "ttl",
            label: en!("TTL"),
            note: en!("on the store's clock"),
            kind: Kind::Time,
        },
        Param {
            key: "renew",
            label: en!("Renew (and poll) every"),
            note: en!("ms"),
            kind: Kind::Time,
        },
        Param {
            key: "write",
            label: en!("Holder writes every"),
            note: en!("ms"),
            kind: Kind::Time,
        },
        Param {
            key: "margin",
            label: en!("Clock-bound margin"),
            note: en!("for drift and delay"),
            kind: Kind::Time,
        },
        Param {
            key: "store",
            label: en!("Lock store"),
            note: en!("replicas come first"),
            kind: Kind::Choice(STORES),
        },
    ];
    const CLIENT: &'static str = en!("A client asks the holder to write every");
    const MAX_SERVERS: usize = leases::MAX_SERVERS;
    const HAS_CHARTS: bool = true;

    fn defaults() -> LabSettings {
        let settings = LabSettings::with_own(Protocol::Leases, 0, own(&LeaseConfig::default()));
        LabSettings { servers: 4, ..settings }
    }
    fn of_scenario(scenario: &Scenario) -> LabSettings {
        let config = &scenario.leases;
        LabSettings::with_scenario(scenario, Self::MAX_SERVERS, config.bugs.enabled(), own(config))
    }
    /// Holders write on their own; the steady client, if on, also asks whoever believes it
    /// leads to write `x=i`.
    fn start(settings: &LabSettings) -> Sim<LeaseNode> {
        let mut sim = lab_sim(settings, config(settings));
        if settings.write_every > 0 {
            for i in 1..=STEADY_WRITES {
                let command = Command::Write(format!("x={i}"));
                let action = Action::Client { node: Target::LEADER, command };
                sim.schedule(i * settings.write_every, action, None);
            }
        }
        sim
    }
    fn scenario_config(scenario: &Scenario) -> LeaseConfig {
        scenario.leases.clone()
    }
    fn validate(settings: &LabSettings) -> Result<(), String> {
        let lease = config(settings);
        leases::validate_servers(settings.servers, lease.store_replicas)
            .map_err(|e| tr!("Servers: {e}.", e))?;
        let most = 60 * SECOND;
        let timings = [
            (en!("TTL"), lease.ttl),
            (en!("Renew (and poll) every"), lease.renew_every),
            (en!("Holder writes every"), lease.write_every),
        ];
        for (name, value) in timings {
            if !(MILLI..=most).contains(&value) {
                return Err(tr!("{name} must be from 1 ms to 60 s.", name = tr(name)));
            }
        }
        lease.validate_timing().map_err(|e| tr!("Lease timing: {e}.", e))
    }
    fn charts(timeline: &Timeline<LeaseNode>, _settings: &LabSettings) -> Option<Html> {
        Some(lanes::lanes_chart(timeline))
    }
}

#[cfg(test)]
mod tests;
