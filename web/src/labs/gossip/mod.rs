//! Gossip and SWIM on the page: no leader, so the picture is what the members know. Each
//! member is filled by whether it holds the newest rumor and outlined by what the live
//! members think of it (suspected by some, dead to some, dead to all), with the rumor's
//! reach and the member most in doubt as the headline.
//!
//! What every member thinks of a member takes a pass over the whole cluster, so it is worked
//! out only for the members anyone has reason to doubt: those down, those some member
//! suspects, and those named by a recent suspicion, confirmation or refutation.

use std::collections::BTreeSet;
use std::sync::Arc;

use clusterscope_core::protocols::gossip::{
    narrate, opinion_of, Bugs, Command, Event, GossipConfig, GossipNode, Message, Mode, Opinion,
    Status, Timer, Version,
};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{
    Action, Line, NodeId, Record, RecordKind, Sim, Target, Time, Timeline,
};

use clusterscope_core::scenario::Protocol;
use clusterscope_core::scenario::MAX_GOSSIP_NODES;
use clusterscope_core::sim::{MILLI, SECOND};
use yew::prelude::*;

mod charts;

use super::adapter::Adapter;
use super::common::lab_sim;
use super::own::{Kind, Own, Param, Value};
use super::settings::{LabSettings, STEADY_WRITES};
use crate::views::l10n::tr;
use crate::views::model::{EventKind, MessageStyle, ServerDot};
use crate::views::server_table::{Table, TableRow};
use crate::views::shown::{Shown, Until};
use crate::{en, tr};
use charts::{DetectionChart, Spread, SpreadChart};

/// At most this many members have their standing worked out per picture.
const DOUBTED_AT_MOST: usize = 32;
/// How far back (in records) a suspicion or confirmation keeps its member in the picture.
const RECENT_RECORDS: usize = 20_000;
/// Above this many members the table lists only the first few and those in doubt.
const TABLE_ALL_UP_TO: usize = 16;
const TABLE_FIRST: usize = 8;

/// The rumor the picture follows: the latest one written (the checker notes it), else the
/// highest version any live member holds.
#[derive(Clone, Debug, PartialEq)]
struct Newest {
    pub key: Arc<str>,
    pub value: Arc<str>,
    pub version: Version,
    /// When it was written, if that is still in the trace.
    pub written_at: Option<Time>,
}

fn newest_rumor(timeline: &Timeline<GossipNode>) -> Option<Newest> {
    let written = timeline.sim().invariants().newest_write().map(|(rumor, at)| Newest {
        key: rumor.key.clone(),
        value: rumor.value.clone(),
        version: rumor.version,
        written_at: Some(*at),
    });
    written.or_else(|| {
        let live = timeline.sim().nodes().iter().flatten();
        let held = live.flat_map(|n| n.rumors().iter());
        held.max_by_key(|(key, (version, _))| (*version, (*key).clone())).map(
            |(key, (version, value))| Newest {
                key: key.clone(),
                value: value.clone(),
                version: *version,
                written_at: None,
            },
        )
    })
}

fn knows(node: &GossipNode, rumor: &Newest) -> bool {
    node.rumors().get(&rumor.key).is_some_and(|(version, _)| *version >= rumor.version)
}

/// Members anyone has reason to doubt, with what the live members think of each.
fn doubted(timeline: &Timeline<GossipNode>) -> Vec<(NodeId, Opinion)> {
    let sim = timeline.sim();
    let mut members: BTreeSet<NodeId> =
        NodeId::all(sim.nodes().len()).filter(|id| sim.node(*id).is_none()).collect();
    for node in sim.nodes().iter().flatten() {
        members.extend(node.suspecting().iter().copied());
    }
    let recent = timeline.trace().iter().rev().take(RECENT_RECORDS);
    for record in recent {
        if let RecordKind::Node { node, event } = &record.kind {
            match event {
                Event::Suspected { member, .. } | Event::Confirmed { member, .. } => {
                    members.insert(*member);
                }
                Event::Refuted { .. } | Event::Left => {
                    members.insert(*node);
                }
                _ => {}
            }
        }
    }
    members
        .into_iter()
        .take(DOUBTED_AT_MOST)
        .map(|id| (id, opinion_of(sim.nodes(), id)))
        .filter(|(id, o)| sim.node(*id).is_none() || o.alive < o.asked())
        .collect()
}

/// The outline class for what the live members think of a member.
fn outline(opinion: &Opinion) -> &'static str {
    let asked = opinion.asked();
    match opinion {
        o if asked > 0 && o.dead + o.left == asked => "dead-to-all",
        o if o.dead > 0 => "dead-to-some",
        o if o.suspect > 0 => "suspected",
        _ => "",
    }
}

fn standing(opinion: &Opinion) -> String {
    let mut parts = Vec::new();
    if opinion.suspect > 0 {
        parts.push(tr!("suspected by {count}", count = opinion.suspect));
    }
    if opinion.dead > 0 {
        parts.push(tr!("dead to {count}", count = opinion.dead));
    }
    if opinion.left > 0 {
        parts.push(tr!("gone to {count}", count = opinion.left));
    }
    if parts.is_empty() {
        return tr!("alive to all {count}", count = opinion.asked());
    }
    tr!("{opinions} of {count}", opinions = parts.join(", "), count = opinion.asked())
}

fn dot(node: Option<&GossipNode>, id: NodeId, rumor: Option<&Newest>) -> ServerDot {
    let Some(node) = node else { return ServerDot::down(id, String::new()) };
    let informed = rumor.is_some_and(|r| knows(node, r));
    let class = match (node.has_left(), informed) {
        (true, _) => "left",
        (false, true) => "informed",
        (false, false) => "uninformed",
    };
    let role = match (node.has_left(), rumor) {
        (true, _) => tr(en!("left")),
        (false, Some(r)) if informed => tr!("knows {key}={value}", key = r.key, value = r.value),
        (false, Some(_)) => tr(en!("not heard yet")),
        (false, None) => String::new(),
    };
    ServerDot {
        up: true,
        class,
        inner: tr!("inc {incarnation}", incarnation = node.incarnation()),
        role,
        ..ServerDot::down(id, String::new())
    }
}

fn someone_suspects(_: &Sim<GossipNode>, records: &[Record<GossipNode>]) -> bool {
    records
        .iter()
        .any(|r| matches!(r.kind, RecordKind::Node { event: Event::Suspected { .. }, .. }))
}

fn someone_confirms(_: &Sim<GossipNode>, records: &[Record<GossipNode>]) -> bool {
    records
        .iter()
        .any(|r| matches!(r.kind, RecordKind::Node { event: Event::Confirmed { .. }, .. }))
}

fn status_name(status: Status) -> &'static str {
    match status {
        Status::Alive => en!("alive"),
        Status::Suspect => en!("suspect"),
        Status::Dead => en!("dead"),
        Status::Left => en!("left"),
    }
}

/// How many members a node sees in each state, in a few words.
fn sees(node: &GossipNode) -> String {
    let mut counts = [0usize; 4];
    for member in node.members() {
        counts[member.status as usize] += 1;
    }
    let [alive, suspect, dead, left] = counts;
    let mut text = tr!("{count} alive", count = alive);
    for (count, name) in [(suspect, en!("suspect")), (dead, en!("dead")), (left, en!("left"))] {
        if count > 0 {
            text.push_str(&format!(", {count} {}", tr(name)));
        }
    }
    text
}

fn rumors_text(node: &GossipNode) -> String {
    if node.rumors().is_empty() {
        return "—".into();
    }
    let held: Vec<String> = node
        .rumors()
        .iter()
        .map(|(key, (version, value))| format!("{key}={value} (v{})", version.counter))
        .collect();
    held.join(", ")
}

impl Shown for GossipNode {
    const KIND: Protocol = Protocol::Gossip;
    const EVENT_KINDS: [&'static str; 5] =
        ["events-suspicion", "events-rumors", "events-probes", "events-clients", "events-faults"];
    const MARKS: &'static str = "marks-gossip";
    const UNTIL: [(&'static str, Until<Self>); 2] =
        [("until-suspected", someone_suspects), ("until-confirmed-dead", someone_confirms)];
    const ACTIONS: (&'static str, &'static str, Option<&'static str>) =
        ("faults-probe", "faults-client-writes", None);
    const MEMBERSHIP: bool = true;

    fn server(sim: &Sim<GossipNode>, id: NodeId, _clock: Time) -> ServerDot {
        dot(sim.node(id), id, None)
    }

    fn picture(timeline: &Timeline<GossipNode>) -> (Vec<ServerDot>, Option<(String, String)>) {
        let sim = timeline.sim();
        let rumor = newest_rumor(timeline);
        let mut servers: Vec<ServerDot> = NodeId::all(sim.nodes().len())
            .map(|id| dot(sim.node(id), id, rumor.as_ref()))
            .collect();
        let doubts = doubted(timeline);
        for (id, opinion) in &doubts {
            let server = &mut servers[id.index()];
            server.outline = outline(opinion);
            server.detail = standing(opinion);
        }
        let live: Vec<&GossipNode> =
            sim.nodes().iter().flatten().filter(|n| !n.has_left()).collect();
        let first = match &rumor {
            Some(r) => {
                let informed = live.iter().filter(|n| knows(n, r)).count();
                tr!(
                    "{key}={value}: {informed} of {live} live members informed",
                    key = r.key,
                    value = r.value,
                    informed,
                    live = live.len()
                )
            }
            None => tr!("{live} live members, no rumor written yet", live = live.len()),
        };
        // The member most in doubt: the one the most members suspect or think dead.
        let worst =
            doubts.iter().max_by_key(|(id, o)| (o.suspect + o.dead, std::cmp::Reverse(*id)));
        let second = match worst {
            Some((id, opinion)) => {
                let state = tr(if sim.node(*id).is_some() { en!("up") } else { en!("down") });
                format!("{id} ({state}): {}", standing(opinion))
            }
            None => tr(en!("every live member sees every member alive")),
        };
        (servers, Some((first, second)))
    }

    fn message(msg: &Message) -> MessageStyle {
        let (kind, request, tag, heartbeat) = match msg {
            Message::Ping { .. } => ("ping", true, "", true),
            Message::Ack { .. } => ("ack", false, "", true),
            Message::PingReq { .. } => ("ping-req", true, "?", false),
            Message::Gossip { .. } => ("gossip", true, "", false),
            Message::Pull { .. } => ("pull", true, "", false),
            Message::Delta { .. } => ("delta", false, "", false),
            Message::Sync { .. } => ("sync", true, "⇄", true),
        };
        MessageStyle { kind, label: msg.label(), request, heartbeat, tag }
    }

    fn narrate(record: &Record<GossipNode>) -> Option<Line> {
        narrate(record)
    }

    fn message_kind(msg: &Message, _delivered: bool) -> EventKind {
        match msg {
            Message::PingReq { .. } => EventKind::Election,
            Message::Gossip { .. } | Message::Pull { .. } | Message::Delta { .. } => {
                EventKind::Replication
            }
            Message::Ping { .. } | Message::Ack { .. } | Message::Sync { .. } => {
                EventKind::Heartbeat
            }
        }
    }

    fn timer_kind(timer: &Timer) -> EventKind {
        match timer {
            Timer::ProbeTimeout | Timer::Suspicion(_) => EventKind::Election,
            Timer::Gossip => EventKind::Replication,
            Timer::Probe | Timer::Sync => EventKind::Heartbeat,
        }
    }

    fn event_kind(event: &Event) -> EventKind {
        match event {
            Event::Suspected { .. } | Event::Confirmed { .. } | Event::Refuted { .. } => {
                EventKind::Election
            }
            Event::Learned { .. } => EventKind::Replication,
            Event::Wrote { .. } => EventKind::Client,
            Event::Left | Event::Joined { .. } => EventKind::Fault,
        }
    }

    fn mark(event: &Event) -> Option<(&'static str, String)> {
        match event {
            Event::Suspected { .. } => Some(("mark candidate", "?".into())),
            Event::Confirmed { .. } => Some(("mark crash", "✝".into())),
            Event::Refuted { .. } => Some(("mark leader", "↑".into())),
            Event::Learned { .. } => Some(("mark commit", "L".into())),
            _ => None,
        }
    }

    fn table(sim: &Sim<GossipNode>) -> Table {
        let n = sim.nodes().len();
        let shown = |id: &NodeId| {
            n <= TABLE_ALL_UP_TO
                || id.index() < TABLE_FIRST
                || sim.node(*id).is_none_or(|node| node.has_left() || !node.suspecting().is_empty())
        };
        let rows = NodeId::all(n)
            .filter(shown)
            .take(TABLE_ALL_UP_TO * 2)
            .map(|id| match sim.node(id) {
                None => TableRow::down(id),
                Some(node) => TableRow {
                    id,
                    class: if node.suspecting().is_empty() { "" } else { "candidate" },
                    cells: Some(vec![
                        node.incarnation().to_string(),
                        sees(node),
                        node.suspecting()
                            .iter()
                            .map(NodeId::to_string)
                            .collect::<Vec<_>>()
                            .join(" "),
                        node.probe().map_or("—".into(), |p| match p.acked {
                            true => tr!("{target} (acked)", target = p.target),
                            false => p.target.to_string(),
                        }),
                        rumors_text(node),
                    ]),
                },
            })
            .collect();
        Table {
            caption: if n <= TABLE_ALL_UP_TO {
                en!("Members: incarnation, how each sees the others, whom it suspects, its probe, its rumors")
            } else {
                en!("Members (the first eight, and every one down, leaving or suspecting; select \
                     a member for all of it): incarnation, how each sees the others, whom it \
                     suspects, its probe, its rumors")
            },
            headers: &[
                en!("Incarnation"),
                en!("Sees"),
                en!("Suspecting"),
                en!("Probing"),
                en!("Rumors"),
            ],
            rows,
        }
    }

    fn inspect(sim: &Sim<GossipNode>, id: NodeId, _clock: Time) -> Vec<(String, String)> {
        let Some(node) = sim.node(id) else {
            let Some(saved) = sim.saved(id) else { return Vec::new() };
            return vec![
                (tr(en!("state")), tr(en!("down (crashed)"))),
                (tr(en!("incarnation (persisted)")), saved.incarnation.to_string()),
                (tr(en!("restarts")), saved.lives.to_string()),
            ];
        };
        let doubted: Vec<String> = NodeId::all(sim.nodes().len())
            .filter(|m| *m != id && node.member(*m).status != Status::Alive)
            .map(|m| format!("{m} {}", tr(status_name(node.member(m).status))))
            .collect();
        let shown_doubts = if doubted.is_empty() {
            tr(en!("none: every member alive"))
        } else if doubted.len() > 24 {
            let more = doubted.len() - 24;
            tr!("{first} … and {more} more", first = doubted[..24].join(", "), more)
        } else {
            doubted.join(", ")
        };
        vec![
            (tr(en!("incarnation")), node.incarnation().to_string()),
            (tr(en!("restarts")), node.restarts().to_string()),
            (tr(en!("left the cluster")), tr(if node.has_left() { en!("yes") } else { en!("no") })),
            (tr(en!("sees")), sees(node)),
            (tr(en!("members not alive to it")), shown_doubts),
            (
                tr(en!("probing")),
                node.probe().map_or("—".into(), |p| match p.acked {
                    true => tr!("{target} (seq {seq}), acked", target = p.target, seq = p.seq),
                    false => tr!("{target} (seq {seq})", target = p.target, seq = p.seq),
                }),
            ),
            (tr(en!("rumors")), rumors_text(node)),
        ]
    }
}

/// How the newest rumor spread, read from the trace.
fn spread(timeline: &Timeline<GossipNode>) -> Option<Spread> {
    let rumor = newest_rumor(timeline)?;
    let written_at = rumor.written_at?;
    let sim = timeline.sim();
    let config = sim.nodes().iter().flatten().next()?.config().clone();
    let trace = timeline.trace();
    // Who learned it when is read from the trace: it must still hold the write.
    if trace.first().is_none_or(|r| r.time > written_at) {
        return None;
    }
    let from = trace.partition_point(|r| r.time < written_at);
    let mut counted = vec![false; sim.nodes().len()];
    let learned = trace[from..].iter().filter_map(|r| match &r.kind {
        RecordKind::Node { node, event: Event::Learned { key, version } }
            if *key == rumor.key && *version >= rumor.version =>
        {
            let first = !std::mem::replace(counted.get_mut(node.index())?, true);
            first.then_some(r.time)
        }
        _ => None,
    });
    let live = sim.nodes().iter().flatten().filter(|n| !n.has_left()).count();
    let name = format!("{}={}", rumor.key, rumor.value);
    Some(Spread::from_learned(name, &config, live, written_at, learned, timeline.clock()))
}

const MODES: &[(&str, &str)] = &[
    (Mode::Push.key(), Mode::Push.name()),
    (Mode::Pull.key(), Mode::Pull.name()),
    (Mode::PushPull.key(), Mode::PushPull.name()),
];

fn own(config: &GossipConfig) -> Own {
    let values = vec![
        Value::Choice(config.mode.key()),
        Value::Count(config.fanout as u64),
        Value::Time(config.gossip_interval),
        Value::Flag(config.aligned_rounds),
        Value::Time(config.probe_interval),
        Value::Time(config.probe_timeout),
        Value::Count(config.suspicion_mult),
    ];
    Own::new(GossipNode::OWN, values)
}

/// The configuration the settings ask for; what the form does not show (indirect checks,
/// retransmission, anti-entropy) keeps its defaults.
fn config(settings: &LabSettings) -> GossipConfig {
    let own = &settings.own;
    GossipConfig {
        // A choice always holds one of MODES' keys.
        mode: Mode::from_key(own.choice("mode")).unwrap_or_default(),
        fanout: own.size("fanout"),
        gossip_interval: own.time("gossip"),
        aligned_rounds: own.flag("aligned"),
        probe_interval: own.time("probe"),
        probe_timeout: own.time("probe_timeout"),
        suspicion_mult: own.count("suspicion_mult"),
        bugs: settings.bugs_as(Bugs::enable),
        ..GossipConfig::default()
    }
}

impl Adapter for GossipNode {
    const OWN: &'static [Param] = &[
        Param { key: "mode", label: en!("Mode"), note: "", kind: Kind::Choice(MODES) },
        Param { key: "fanout", label: en!("Fanout"), note: "", kind: Kind::Count },
        Param { key: "gossip", label: en!("Gossip interval"), note: en!("ms"), kind: Kind::Time },
        Param {
            key: "aligned",
            label: en!("Aligned rounds"),
            note: en!("every member gossips at the same instants, as the model assumes"),
            kind: Kind::Flag,
        },
        Param { key: "probe", label: en!("Probe interval"), note: en!("ms"), kind: Kind::Time },
        Param {
            key: "probe_timeout",
            label: en!("Probe timeout"),
            note: en!("ms"),
            kind: Kind::Time,
        },
        Param {
            key: "suspicion_mult",
            label: en!("Suspicion multiplier"),
            note: "",
            kind: Kind::Count,
        },
    ];
    const CLIENT: &'static str = en!("A client writes a rumor every");
    const MAX_SERVERS: usize = MAX_GOSSIP_NODES;

    fn defaults() -> LabSettings {
        LabSettings::with_own(Protocol::Gossip, 5 * SECOND, own(&GossipConfig::default()))
    }
    fn of_scenario(scenario: &Scenario) -> LabSettings {
        let config = &scenario.gossip;
        LabSettings::with_scenario(scenario, Self::MAX_SERVERS, config.bugs.enabled(), own(config))
    }
    /// A client writes `r{i mod 5}={i}` at member 7i mod n, half a second in and then every
    /// `write_every` (bounded, as the consensus labs' clients are), so rumors keep spreading
    /// while the lab plays.
    fn start(settings: &LabSettings) -> Sim<GossipNode> {
        let mut sim = lab_sim(settings, config(settings));
        if settings.write_every > 0 {
            // The first soon, so a rumor spreads within moments of opening the lab.
            const FIRST: Time = 500 * clusterscope_core::sim::MILLI;
            for i in 1..=STEADY_WRITES {
                let node = Target::Node(NodeId((i as usize * 7 % settings.servers) as u32));
                let command =
                    Command::Set { key: format!("r{}", i % 5).into(), value: i.to_string().into() };
                let at = FIRST + (i - 1) * settings.write_every;
                sim.schedule(at, Action::Client { node, command }, None);
            }
        }
        sim
    }
    fn scenario_config(scenario: &Scenario) -> GossipConfig {
        scenario.gossip.clone()
    }
    fn validate(settings: &LabSettings) -> Result<(), String> {
        let gossip = &config(settings);
        if !(1..=16).contains(&gossip.fanout) {
            return Err(tr(en!("Fanout must be from 1 to 16.")));
        }
        if !(1..=20).contains(&gossip.suspicion_mult) {
            return Err(tr(en!("Suspicion multiplier must be from 1 to 20.")));
        }
        // Below 10 ms a 1,000-member cluster makes more events than a page can play.
        let floor = 10 * MILLI;
        if gossip.gossip_interval < floor || gossip.probe_interval < floor {
            return Err(tr(en!("Gossip and probe intervals must be at least 10 ms.")));
        }
        gossip.validate().map_err(|e| tr!("Gossip: {e}.", e = e.replace('_', " ")))
    }

    const HAS_CHARTS: bool = true;

    fn charts(timeline: &Timeline<GossipNode>, settings: &LabSettings) -> Option<Html> {
        let spread = spread(timeline);
        Some(html! {
            <>
                <SpreadChart {spread} />
                <DetectionChart config={config(settings)} members={settings.servers}
                    seed={settings.seed} />
            </>
        })
    }
}
