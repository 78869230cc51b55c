//! The leases lab on the page: the lock store, the storage service and the clients on the
//! ring (who believes it leads, under which token, and until when on its own clock), the
//! lease's messages, and in the Charts tab one lane per client of when it believed it held
//! the lease against when it did, with the store's grants and the storage's writes.

mod lanes;

use clusterscope_core::protocols::leases::{
    narrate, Bugs, Command, Event, LeaseConfig, LeaseNode, Message, Role, Timer, Variant, STORE,
};
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::{
    format_time, Action, NodeId, Record, RecordKind, Sim, Target, Time, Timeline, MILLI, SECOND,
};
use yew::Html;

use super::adapter::Adapter;
use super::common::lab_sim;
use super::own::{Kind, Own, Param, Value};
use super::settings::{LabSettings, STEADY_WRITES};
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};

fn granted(_: &Sim<LeaseNode>, records: &[Record<LeaseNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Granted { .. }, .. }))
}

fn stopped(_: &Sim<LeaseNode>, records: &[Record<LeaseNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Lost { .. }, .. }))
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Store => "lock store",
        Role::Storage => "storage",
        Role::Client => "client",
    }
}

/// What the store says of its lease now, on its own clock.
fn lease_line(node: &LeaseNode, local: Time) -> String {
    match node.lease() {
        None => "no holder".into(),
        Some(lease) => match lease.expires {
            None => format!("{} holds it, no expiry", lease.holder),
            Some(at) if at > local => {
                format!("{} holds it, {} left", lease.holder, format_time(at - local))
            }
            Some(_) => format!("{}'s lease expired", lease.holder),
        },
    }
}

/// What a client believes, on its own clock.
fn belief_line(node: &LeaseNode) -> String {
    match node.belief() {
        None => "does not hold the lease".into(),
        Some(b) => match b.until {
            Some(until) => format!("holds it until {} (its clock)", format_time(until)),
            None => "believes it holds the lease".into(),
        },
    }
}

fn storage_line(node: &LeaseNode) -> String {
    node.storage()
        .map_or(String::new(), |s| format!("{} accepted · {} rejected", s.accepted, s.rejected))
}

impl Shown for LeaseNode {
    const KIND: Protocol = Protocol::Leases;
    const EVENT_KINDS: [&'static str; 5] =
        ["Grants & losses", "Writes", "Polls & renewals", "Clients", "Faults & actions"];
    const MARKS: &'static str = "Space-time: one lane per server; G the store grants the lease, \
                                 H a client believes it holds it, L it stops believing (lost), \
                                 W the storage accepts a write, ✗ it rejects one";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("Run until the next grant", granted), ("Run until a holder stops", stopped)];
    const ACTIONS: (&'static str, &'static str, bool) = ("Ask for the lease as", "writes", true);

    fn server(sim: &Sim<LeaseNode>, id: NodeId, _clock: Time) -> ServerDot {
        let role = Role::of(id);
        let Some(node) = sim.node(id) else {
            let kept = match role {
                Role::Store => sim
                    .saved(id)
                    .and_then(|p| p.lease.as_ref())
                    .map(|l| format!("token {}", l.token)),
                Role::Storage => sim.saved(id).map(|p| format!("newest {}", p.newest)),
                Role::Client => None,
            };
            return ServerDot::down(id, kept.unwrap_or_default());
        };
        let local = sim.local_time(id);
        let (class, inner, detail) = match role {
            Role::Store => (
                "idle",
                node.lease().map_or("free".into(), |l| format!("token {}", l.token)),
                lease_line(node, local),
            ),
            Role::Storage => (
                "idle",
                format!("newest {}", node.storage().map_or(0, |s| s.newest)),
                storage_line(node),
            ),
            Role::Client => match node.belief() {
                Some(b) => ("leader", format!("token {}", b.token), belief_line(node)),
                None => ("follower", String::new(), "polls the store".into()),
            },
        };
        ServerDot {
            up: true,
            class,
            inner,
            role: role_name(role).into(),
            detail,
            leads: node.belief().is_some(),
            ..ServerDot::down(id, String::new())
        }
    }

    fn headline(sim: &Sim<LeaseNode>) -> Option<(String, String)> {
        let store = sim.node(STORE)?;
        let lease = store.lease()?;
        let believers: Vec<String> = sim
            .nodes()
            .iter()
            .flatten()
            .filter(|n| n.belief().is_some())
            .map(|n| n.id().to_string())
            .collect();
        let who = match believers.len() {
            0 => "no client believes it leads".to_string(),
            1 => format!("{} believes it leads", believers[0]),
            _ => format!("{} all believe they lead", believers.join(", ")),
        };
        Some((format!("lease {}: {}", lease.token, lease.holder), who))
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
        };
        MessageStyle { kind, label: label(msg), request, heartbeat, tag }
    }

    fn narrate(record: &Record<LeaseNode>) -> Option<String> {
        narrate(record)
    }

    fn message_kind(msg: &Message, _delivered: bool) -> EventKind {
        match msg {
            Message::Granted { .. } | Message::Release { .. } => EventKind::Election,
            Message::Write { .. } | Message::Rejected { .. } => EventKind::Replication,
            Message::Acquire { .. } | Message::Taken { .. } | Message::Accepted { .. } => {
                EventKind::Heartbeat
            }
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::Ask => EventKind::Heartbeat,
            Timer::Write => EventKind::Replication,
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
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        match event {
            Event::Granted { token, .. } => Some(("mark leader", format!("G{token}"))),
            Event::Acquired { .. } => Some(("mark candidate", "H".into())),
            Event::Lost { .. } => Some(("mark follower", "L".into())),
            Event::Stored { .. } => Some(("mark commit", "W".into())),
            Event::Rejected { .. } => Some(("mark follower", "✗".into())),
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
                        cells: Some(vec![role_name(node.role()).into(), state, format_time(local)]),
                    }
                }
            })
            .collect();
        Table {
            caption:
                "Servers: the store's lease, each client's belief, the storage's writes, each clock",
            headers: &["Role", "State", "Its clock"],
            rows,
        }
    }

    fn inspect(sim: &Sim<LeaseNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            return vec![("state".into(), "down (crashed)".into())];
        };
        let mut rows = vec![("role".into(), role_name(node.role()).to_string())];
        let local = sim.local_time(id);
        match node.role() {
            Role::Store => {
                rows.push(("lease".into(), lease_line(node, local)));
                if let Some(lease) = node.lease() {
                    rows.push((
                        "granted or renewed at (its clock)".into(),
                        format_time(lease.granted_at),
                    ));
                }
            }
            Role::Storage => rows.push(("writes".into(), storage_line(node))),
            Role::Client => rows.push(("belief".into(), belief_line(node))),
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
    }
}

const VARIANTS: &[(&str, &str)] = &[
    ("lock_no_ttl", "Lock, no TTL (the article's)"),
    ("ttl", "Lease with a TTL"),
    ("ttl_fencing", "TTL + fencing tokens"),
    ("ttl_clock_bound", "TTL + holder's clock bound"),
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
        bugs: settings.bugs_as(Bugs::enable),
    }
}

impl Adapter for LeaseNode {
    const OWN: &'static [Param] = &[
        Param { key: "variant", label: "Lease", note: "", kind: Kind::Choice(VARIANTS) },
        Param { key: "ttl", label: "TTL", note: "on the store's clock", kind: Kind::Time },
        Param { key: "renew", label: "Renew (and poll) every", note: "ms", kind: Kind::Time },
        Param { key: "write", label: "Holder writes every", note: "ms", kind: Kind::Time },
        Param {
            key: "margin",
            label: "Clock-bound margin",
            note: "for drift and delay",
            kind: Kind::Time,
        },
    ];
    const CLIENT: &'static str = "A client asks the holder to write every";
    const MAX_SERVERS: usize = clusterscope_core::protocols::leases::MAX_SERVERS;
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
        clusterscope_core::protocols::leases::validate_servers(settings.servers)
            .map_err(|e| format!("Servers: {e}."))?;
        let most = 60 * SECOND;
        for (name, value) in
            [("TTL", lease.ttl), ("Renew", lease.renew_every), ("Holder writes", lease.write_every)]
        {
            if !(MILLI..=most).contains(&value) {
                return Err(format!("{name} must be from 1 ms to 60 s."));
            }
        }
        lease.validate_timing().map_err(|e| format!("Lease timing: {e}."))
    }
    fn charts(timeline: &Timeline<LeaseNode>, _settings: &LabSettings) -> Option<Html> {
        Some(lanes::lanes_chart(timeline))
    }
}

#[cfg(test)]
mod tests;
