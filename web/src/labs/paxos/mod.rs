//! Basic Paxos on the page: each acceptor's promise and accepted proposal on the ring, each
//! proposer's ballot and phase, messages tagged by phase (1a/1b/2a/2b), and the value
//! chosen the moment a majority of acceptors holds it, before any learner knows.

use clusterscope_core::model::{Bounds, Checkable};
use clusterscope_core::protocols::paxos::{
    narrate, Ballot, Bugs, Event, Message, PaxosConfig, PaxosNode, Phase, Proposal, Roles, Timer,
    Value,
};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{Action, Line, NodeId, Record, RecordKind, Sim, Target, Time};

use clusterscope_core::scenario::Protocol;
use clusterscope_core::sim::{MILLI, SECOND};

use super::adapter::Adapter;
use super::common::lab_sim;
use super::own::{self, Kind, Own, Param};
use super::settings::{LabSettings, MAX_SERVERS};
use crate::views::l10n::tr;
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};
use crate::{en, tr};

fn ballot(b: Option<Ballot>) -> String {
    b.map_or("—".into(), |b| b.to_string())
}

fn proposal_text(p: &(Ballot, Value)) -> String {
    tr!("{value} in {ballot}", value = p.1, ballot = p.0)
}

/// The roles a process plays, e.g. `proposer · acceptor · learner`.
fn roles(node: &PaxosNode) -> String {
    [
        (node.is_proposer(), en!("proposer")),
        (node.is_acceptor(), en!("acceptor")),
        (node.is_learner(), en!("learner")),
    ]
    .into_iter()
    .filter(|(plays, _)| *plays)
    .map(|(_, name)| tr(name))
    .collect::<Vec<_>>()
    .join(" · ")
}

/// A proposer's round in a few words: its ballot, phase and votes so far.
fn round(p: &Proposal, quorum: usize) -> String {
    let (phase, votes) = match &p.phase {
        Phase::Preparing { promises } => ("1a", promises.len()),
        Phase::Accepting { accepted, .. } => ("2a", accepted.len()),
    };
    let lost = p.beaten_by.map_or(String::new(), |by| tr!(", beaten by {by}", by));
    format!("{phase} {} {votes}/{quorum}{lost}", p.ballot)
}

fn chosen_now(sim: &Sim<PaxosNode>, _: &[Record<PaxosNode>]) -> bool {
    sim.invariants().chosen_step() == Some(sim.steps())
}

fn new_ballot(_: &Sim<PaxosNode>, records: &[Record<PaxosNode>]) -> bool {
    records.iter().any(|r| matches!(r.kind, RecordKind::Node { event: Event::Prepare { .. }, .. }))
}

impl Shown for PaxosNode {
    const KIND: Protocol = Protocol::Paxos;
    const EVENT_KINDS: [&'static str; 5] = [
        "events-phase1-prepare",
        "events-phase2-accept",
        "events-catch-up",
        "events-clients",
        "events-faults",
    ];
    const MARKS: &'static str = "marks-paxos";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("until-chosen", chosen_now), ("until-ballot", new_ballot)];
    const ACTIONS: (&'static str, &'static str, Option<&'static str>) =
        ("faults-new-ballot", "faults-client-proposes", None);

    fn server(sim: &Sim<PaxosNode>, id: NodeId, _clock: Time) -> ServerDot {
        let chosen = sim.invariants().chosen().map(|(_, v)| v);
        let Some(node) = sim.node(id) else {
            let promised = sim.saved(id).and_then(|p| p.promised);
            return ServerDot::down(id, format!("p {}", ballot(promised)));
        };
        let quorum = node.config().roles.quorum(sim.nodes().len());
        let class = match node.proposal() {
            Some(_) => "candidate",
            None if node.learned().is_some() && node.is_proposer() && sim.leader() == Some(id) => {
                "leader"
            }
            None if node.is_acceptor() => "follower",
            None => "idle",
        };
        let inner = if node.is_acceptor() {
            format!("p {}", ballot(node.promised()))
        } else {
            node.proposal().map_or(String::new(), |p| format!("b {}", p.ballot))
        };
        let doing = node.proposal().map(|p| round(p, quorum));
        let holds = node.accepted().map(|a| tr!("acc {proposal}", proposal = proposal_text(a)));
        let learned = node.learned().map(|value| tr!("learned {value}", value));
        let mut lines: Vec<String> = [doing, holds, learned].into_iter().flatten().collect();
        if lines.is_empty() {
            lines.push(roles(node));
        }
        ServerDot {
            up: true,
            class,
            inner,
            role: lines.remove(0),
            detail: lines.join(" · "),
            timer_left: None,
            leads: class == "leader",
            chosen: chosen.is_some() && node.accepted().map(|(_, v)| v) == chosen,
            ..ServerDot::down(id, String::new())
        }
    }

    fn headline(sim: &Sim<PaxosNode>) -> Option<(String, String)> {
        let (ballot, value) = sim.invariants().chosen()?;
        let learners: Vec<&PaxosNode> =
            sim.nodes().iter().flatten().filter(|n| n.is_learner()).collect();
        let knowing = learners.iter().filter(|n| n.learned() == Some(value)).count();
        let who = match knowing {
            0 => tr(en!("no learner knows yet")),
            k if k == learners.len() => tr(en!("every live learner knows")),
            k => tr!("{k} of {all} live learners know", k, all = learners.len()),
        };
        Some((tr!("{value} chosen in ballot {ballot}", value, ballot), who))
    }

    fn message(msg: &Message) -> MessageStyle {
        let (kind, request, tag) = match msg {
            Message::Prepare { .. } => ("prepare", true, "1a"),
            Message::Promise { .. } => ("promise", false, "1b"),
            Message::Accept { .. } => ("accept", true, "2a"),
            Message::Accepted { .. } => ("accepted", false, "2b"),
            Message::Nack { .. } => ("nack", false, "✗"),
            Message::Query => ("query", true, "?"),
            Message::Chosen { .. } => ("chosen", false, "!"),
        };
        MessageStyle {
            kind,
            label: msg.label(),
            request,
            heartbeat: matches!(msg, Message::Query | Message::Chosen { .. }),
            tag,
        }
    }

    fn narrate(record: &Record<PaxosNode>) -> Option<Line> {
        narrate(record)
    }

    fn message_kind(msg: &Message, _delivered: bool) -> EventKind {
        match msg {
            Message::Prepare { .. } | Message::Promise { .. } | Message::Nack { .. } => {
                EventKind::Election
            }
            Message::Accept { .. } | Message::Accepted { .. } => EventKind::Replication,
            Message::Query | Message::Chosen { .. } => EventKind::Heartbeat,
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::Retry => EventKind::Election,
            Timer::CatchUp => EventKind::Heartbeat,
        }
    }

    fn event_kind(event: &Event) -> EventKind {
        match event {
            Event::Prepare { .. }
            | Event::Promised { .. }
            | Event::Refused { .. }
            | Event::Preempted { .. } => EventKind::Election,
            Event::Told { .. } => EventKind::Heartbeat,
            Event::Client { .. } => EventKind::Client,
            _ => EventKind::Replication,
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        match event {
            Event::Prepare { .. } => Some(("mark candidate", "P".into())),
            Event::Accepted { .. } => Some(("mark follower", "A".into())),
            Event::Succeeded { .. } => Some(("mark leader", "✓".into())),
            Event::Learned { .. } | Event::Told { .. } => Some(("mark commit", "L".into())),
            _ => None,
        }
    }

    fn table(sim: &Sim<PaxosNode>) -> Table {
        let rows = NodeId::all(sim.nodes().len())
            .map(|id| match sim.node(id) {
                None => TableRow::down(id),
                Some(node) => {
                    let quorum = node.config().roles.quorum(sim.nodes().len());
                    let acceptor =
                        |text: String| if node.is_acceptor() { text } else { "—".into() };
                    TableRow {
                        id,
                        class: if node.proposal().is_some() { "candidate" } else { "" },
                        cells: Some(vec![
                            roles(node),
                            acceptor(ballot(node.promised())),
                            acceptor(node.accepted().map_or(tr(en!("nothing")), proposal_text)),
                            node.proposal().map_or("—".into(), |p| round(p, quorum)),
                            node.learned().map_or("—".into(), |v| v.to_string()),
                        ]),
                    }
                }
            })
            .collect();
        Table {
            caption: en!(
                "Processes: each acceptor's promise and accepted proposal, each proposer's round"
            ),
            headers: &[
                en!("Roles"),
                en!("Promised"),
                en!("Accepted"),
                en!("Round (phase, ballot, votes)"),
                en!("Learned"),
            ],
            rows,
        }
    }

    fn inspect(sim: &Sim<PaxosNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            let Some(saved) = sim.saved(id) else { return Vec::new() };
            return vec![
                (tr(en!("state")), tr(en!("down (crashed)"))),
                (tr(en!("promised (persisted)")), ballot(saved.promised)),
                (
                    tr(en!("accepted (persisted)")),
                    saved.accepted.as_ref().map_or(tr(en!("nothing")), proposal_text),
                ),
                (tr(en!("highest round used (persisted)")), saved.max_round.to_string()),
                (
                    tr(en!("learned (persisted)")),
                    saved.learned.as_ref().map_or("—".into(), |v| v.to_string()),
                ),
            ];
        };
        let mut rows: Vec<(String, String)> = vec![(tr(en!("roles")), roles(node))];
        if node.is_acceptor() {
            rows.push((tr(en!("promised")), ballot(node.promised())));
            let accepted = node.accepted().map_or(tr(en!("nothing")), proposal_text);
            rows.push((tr(en!("accepted")), accepted));
        }
        if let Some(p) = node.proposal() {
            let quorum = node.config().roles.quorum(sim.nodes().len());
            rows.push((tr(en!("round")), round(p, quorum)));
            rows.push((tr(en!("own value")), p.own.to_string()));
            if let Phase::Accepting { value, .. } = &p.phase {
                rows.push((tr(en!("asking acceptors to accept")), value.to_string()));
            }
        }
        if node.is_learner() {
            rows.push((tr(en!("learned")), node.learned().map_or("—".into(), |v| v.to_string())));
        }
        rows
    }
}

/// A free lab's proposers compete from the start: each one's client asks this often.
const ASK_EVERY: Time = 10 * MILLI;

fn own(roles: Roles, (min, max): (Time, Time)) -> Own {
    let optional =
        |count: Option<usize>| count.map_or(own::Value::Empty, |n| own::Value::Count(n as u64));
    let values = vec![
        own::Value::Count(roles.proposers.unwrap_or(2) as u64),
        optional(roles.acceptors),
        optional(roles.learners),
        own::Value::Range(min, max),
    ];
    Own::new(PaxosNode::OWN, values)
}

impl Adapter for PaxosNode {
    /// The model checker's bounds: the protocol's own, in core.
    fn check_bounds(bug: &str) -> Option<Bounds> {
        Some(<PaxosNode as Checkable>::bounds_for(bug))
    }
    const OWN: &'static [Param] = &[
        Param {
            key: "proposers",
            label: en!("Proposers"),
            note: en!("the first servers"),
            kind: Kind::Count,
        },
        Param {
            key: "acceptors",
            label: en!("Acceptors"),
            note: en!("the last servers; empty = all"),
            kind: Kind::OptionalCount,
        },
        // Few learners make few messages: the model checker runs one (its counterexamples
        // open with `learners=1`).
        Param {
            key: "learners",
            label: en!("Learners"),
            note: en!("the last servers; empty = all"),
            kind: Kind::OptionalCount,
        },
        Param {
            key: "retry",
            label: en!("Retry timeout"),
            note: en!("min = max makes eager proposers"),
            kind: Kind::Range,
        },
    ];
    const CLIENT: &'static str = en!("Proposer k's client asks at k ×");

    fn defaults() -> LabSettings {
        let retry = PaxosConfig::default().retry_timeout;
        let roles = Roles { proposers: Some(2), acceptors: None, learners: None };
        LabSettings::with_own(Protocol::Paxos, ASK_EVERY, own(roles, retry))
    }
    /// Editing a scenario's settings keeps its story: each proposer's client asks for its
    /// own value.
    fn of_scenario(scenario: &Scenario) -> LabSettings {
        let config = &scenario.paxos;
        let proposers = config.roles.proposers.unwrap_or(scenario.nodes).min(MAX_SERVERS);
        let roles = Roles {
            proposers: Some(proposers),
            acceptors: config.roles.acceptors.map(|a| a.min(MAX_SERVERS)),
            learners: config.roles.learners.map(|l| l.min(MAX_SERVERS)),
        };
        let own = own(roles, config.retry_timeout);
        let bugs = config.bugs.enabled();
        let settings = LabSettings::with_scenario(scenario, Self::MAX_SERVERS, bugs, own);
        LabSettings { write_every: ASK_EVERY, ..settings }
    }
    /// Each proposer's client asks for its own value, `write_every` apart: S1 for x=1, S2
    /// for x=2, …, so two proposers compete from the start.
    fn start(settings: &LabSettings) -> Sim<PaxosNode> {
        let proposers = settings.own.size("proposers");
        let protocol = PaxosConfig {
            roles: Roles {
                proposers: Some(proposers),
                acceptors: settings.own.optional_size("acceptors"),
                learners: settings.own.optional_size("learners"),
            },
            retry_timeout: settings.own.range("retry"),
            bugs: settings.bugs_as(Bugs::enable),
        };
        let mut sim = lab_sim(settings, protocol);
        if settings.write_every > 0 {
            for (i, id) in NodeId::all(proposers).enumerate() {
                let value: Value = format!("x={}", i + 1).parse().expect("a short value");
                let at = (i as u64 + 1) * settings.write_every;
                sim.schedule(at, Action::Client { node: Target::Node(id), command: value }, None);
            }
        }
        sim
    }
    fn scenario_config(scenario: &Scenario) -> PaxosConfig {
        scenario.paxos.clone()
    }
    fn validate(settings: &LabSettings) -> Result<(), String> {
        let servers = settings.servers;
        if !(1..=servers).contains(&settings.own.size("proposers")) {
            return Err(tr!("Proposers must be from 1 to the {servers} servers.", servers));
        }
        for (key, name) in [("acceptors", en!("Acceptors")), ("learners", en!("Learners"))] {
            if settings.own.optional_size(key).is_some_and(|a| !(1..=servers).contains(&a)) {
                return Err(tr!(
                    "{name} must be from 1 to the {servers} servers (or empty for all).",
                    name = tr(name),
                    servers
                ));
            }
        }
        let (min, max) = settings.own.range("retry");
        if min < MILLI || max > 60 * SECOND || min > max {
            let name = tr(en!("Retry timeout"));
            return Err(tr!("{name} must be a range from 1 ms to 60 s, min ≤ max.", name));
        }
        Ok(())
    }
}
