//! The Tasks lab's own panels: the comparison's numbers for the run so far (the same ones
//! `clusterscope compare` prints at a scenario's end), the leaderless cluster's hash ring as
//! each member sees it, the work each server did in each cluster, and the coordinator's
//! replicated task table.

use std::collections::BTreeMap;
use std::f64::consts::{FRAC_PI_2, TAU};
use std::fmt::Write;

use clusterscope_core::protocols::raft::Role;
use clusterscope_core::protocols::tasks::leader::{self, LeaderTaskNode};
use clusterscope_core::protocols::tasks::leaderless::Hashing;
use clusterscope_core::protocols::tasks::leaderless::{self, rumor::Stage, rumor::TaskRumor};
use clusterscope_core::protocols::tasks::measure::Measurements;
use clusterscope_core::protocols::tasks::placement::{hash, Ring};
use clusterscope_core::protocols::tasks::twin::{Event, TwinMeasure, TwinNode};
use clusterscope_core::sim::{format_time, NodeId, RecordKind, Sim, Time, Timeline};
use yew::prelude::*;

use super::task_timeline;
use crate::views::geometry::on_circle;
use crate::views::l10n::tr;
use crate::views::markup::escaped;
use crate::{en, tr};

/// One colour per member (Okabe–Ito, then greys), the same in both themes.
const PALETTE: [&str; 9] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
    "#555555",
];
/// The coordinator's table shows its newest rows.
const TABLE_ROWS: usize = 10;
/// Open tasks drawn on the ring, at most.
const RING_DOTS: usize = 200;
/// Rings drawn for members whose views differ from the most common one, at most.
const OTHER_VIEWS: usize = 2;

fn colour(member: NodeId) -> &'static str {
    PALETTE[member.index() % PALETTE.len()]
}

/// The server that coordinates: the single-leader cluster's leader with its coordinator's
/// state (the highest term, should a deposed one not know yet). The ring, its headline and
/// the table all ask this.
pub fn coordinator(sim: &Sim<TwinNode>) -> Option<(NodeId, &LeaderTaskNode)> {
    NodeId::all(sim.nodes().len())
        .filter_map(|id| Some((id, sim.node(id)?.leader.as_ref()?)))
        .filter(|(_, node)| node.coordinator().is_some() && node.raft().role() == Role::Leader)
        .max_by_key(|(_, node)| node.raft().current_term())
}

/// The single-leader ring's two centre lines: who coordinates, and the table's state.
pub fn leader_headline(sim: &Sim<TwinNode>) -> (String, String) {
    let Some((_, coordinator)) = coordinator(sim) else {
        return (tr(en!("no coordinator: no task is assigned")), String::new());
    };
    let table = coordinator.table();
    let open = table.open().count();
    let waiting = coordinator.coordinator().map_or(0, |c| c.waiting.len());
    (
        tr!(
            "{id} coordinates (term {term})",
            id = coordinator.raft().id(),
            term = coordinator.raft().current_term()
        ),
        tr!(
            "{open} running · {done} done · {waiting} waiting",
            open,
            done = table.len() - open,
            waiting
        ),
    )
}

/// The live members grouped by the ring they place by, the most common first.
fn views(sim: &Sim<TwinNode>) -> Vec<(Vec<NodeId>, Vec<NodeId>)> {
    let mut by_ring: BTreeMap<Vec<NodeId>, Vec<NodeId>> = BTreeMap::new();
    for id in NodeId::all(sim.nodes().len()) {
        if let Some(node) = sim.node(id) {
            by_ring.entry(node.peer.view_of_ring().members.clone()).or_default().push(id);
        }
    }
    // Placed one by one after every view at least as common: a stable order by how many
    // hold each, without a generic sort's code in the page (views are few).
    let mut views: Vec<(Vec<NodeId>, Vec<NodeId>)> = Vec::with_capacity(by_ring.len());
    for view in by_ring {
        let at = views.iter().position(|(_, h)| h.len() < view.1.len()).unwrap_or(views.len());
        views.insert(at, view);
    }
    views
}

/// The leaderless ring's two centre lines: whether the members agree on the ring, and the
/// tasks they know of.
pub fn ring_headline(sim: &Sim<TwinNode>) -> (String, String) {
    let views = views(sim);
    let first = match views.len() {
        0 => tr(en!("no member is up")),
        1 => tr!("all agree on a ring of {size}", size = views[0].0.len()),
        n => tr!("views differ: {n} rings", n),
    };
    // Drawn every frame: the rumors' stages are read from their first word, not parsed.
    let (mut open, mut done) = (0, 0);
    if let Some(node) = best_informed(sim) {
        for (key, (_, value)) in node.peer.gossip().rumors() {
            if key.starts_with("task/") {
                open += usize::from(value.starts_with("accepted/"));
                done += usize::from(value.starts_with("done/"));
            }
        }
    }
    (first, tr!("{open} running · {done} done (as gossiped)", open, done))
}

/// The live member that holds the most rumors.
fn best_informed(sim: &Sim<TwinNode>) -> Option<&TwinNode> {
    sim.nodes().iter().flatten().max_by_key(|n| n.peer.gossip().rumors().len())
}

/// The tasks the best-informed live member knows of.
fn rumors(sim: &Sim<TwinNode>) -> Vec<TaskRumor> {
    best_informed(sim).map_or(Vec::new(), |node| {
        let rumors = node.peer.gossip().rumors().iter();
        rumors.filter_map(|(key, (_, value))| TaskRumor::read(key, value)).collect()
    })
}

/// Everything the Charts tab shows.
pub fn view(timeline: &Timeline<TwinNode>) -> Html {
    let sim = timeline.sim();
    let mut measure = TwinMeasure::default();
    for record in timeline.trace() {
        measure.observe(record);
    }
    html! {
        <section class="charts tasks" aria-label={tr(en!("Task clusters"))}>
            { measurements(timeline, &measure) }
            { task_timeline::view(&measure, timeline.clock()) }
            { ring(sim) }
            { loads(timeline) }
            { coordinator_table(sim) }
        </section>
    }
}

fn measurements(timeline: &Timeline<TwinNode>, measure: &TwinMeasure) -> Html {
    let [a, b] = measure.finish(timeline.clock());
    let time = |t: Option<Time>| t.map_or("—".to_string(), format_time);
    // Written as markup, not `html!`: fifteen rows through `html!` cost the page over a
    // KiB of code. Everything written is numbers and fixed words (and their shipped
    // translations, which hold no markup).
    let mut table = format!(
        r#"<table class="nodes"><caption>{}</caption><thead><tr><th></th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        tr!(
            "Measured so far ({time}), the same run for both",
            time = format_time(timeline.clock())
        ),
        tr(en!("Single leader")),
        tr(en!("Leaderless"))
    );
    let mut row = |name: &str, pick: &dyn Fn(&Measurements) -> String| {
        let _ = write!(
            table,
            r#"<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>"#,
            tr(name),
            pick(&a),
            pick(&b)
        );
    };
    row(en!("tasks submitted"), &|m| m.submitted.to_string());
    row(en!("accepted"), &|m| m.accepted.to_string());
    row(en!("not accepted (retry)"), &|m| m.not_accepted.to_string());
    row(en!("completed"), &|m| m.completed.to_string());
    row(en!("accepted, not completed yet"), &|m| m.lost.to_string());
    row(en!("started twice"), &|m| m.started_twice.to_string());
    row(en!("run to the end twice"), &|m| m.finished_twice.to_string());
    row(en!("latency p50"), &|m| time(m.latency_p50));
    row(en!("latency p99"), &|m| time(m.latency_p99));
    row(en!("longest pause accepting work"), &|m| format_time(m.longest_pause));
    row(en!("load: busiest / mean"), &|m| format!("{:.2}", m.load_max_over_mean));
    row(en!("load: coefficient of variation"), &|m| format!("{:.2}", m.load_cv));
    row(en!("messages per completed task"), &|m| format!("{:.1}", m.messages_per_completed_task));
    row(en!("busiest server's share of messages"), &|m| format!("{:.0}%", m.busiest_share * 100.0));
    row(en!("keys moved when a ring gained or lost one"), &|m| {
        m.keys_moved.map_or("—".into(), |k| {
            let share = format!("{:.0}", 100.0 * k.moved as f64 / k.keys as f64);
            tr!("{moved} of {keys} ({share}%)", moved = k.moved, keys = k.keys, share)
        })
    });
    table.push_str("</tbody></table>");
    let from = timeline.trace().first().map_or(0, |r| r.step);
    if from > 1 {
        let _ = write!(
            table,
            r#"<p class="note">{}</p>"#,
            tr!("Counted from step {from}: earlier steps are no longer kept.", from)
        );
    }
    html! {
        <figure class="chart measured-table">{ Html::from_html_unchecked(table.into()) }</figure>
    }
}

/// A point on a circle of radius `r` round (150, 150) at `turn` of a full turn from the top.
fn at(turn: f64, r: f64) -> (f64, f64) {
    let angle = turn * TAU - FRAC_PI_2;
    on_circle((150.0, 150.0), r, angle)
}

fn turn_of(position: u64) -> f64 {
    position as f64 / u64::MAX as f64
}

/// Each member's arcs of `ring` at radius `r`, one path per member, as SVG markup.
fn arcs(svg: &mut String, ring: &Ring, r: f64, width: f64) {
    let points = ring.points();
    let mut paths: BTreeMap<NodeId, String> = BTreeMap::new();
    for (i, &(position, member)) in points.iter().enumerate() {
        let previous = if i == 0 { points[points.len() - 1].0 } else { points[i - 1].0 };
        let (start, end) = (turn_of(previous), turn_of(position));
        let span = (end - start).rem_euclid(1.0);
        let span = if points.len() == 1 { 0.9999 } else { span };
        let ((x1, y1), (x2, y2)) = (at(start, r), at(start + span, r));
        let large = u8::from(span > 0.5);
        let path = paths.entry(member).or_default();
        let _ = write!(path, "M{x1:.1} {y1:.1}A{r} {r} 0 {large} 1 {x2:.1} {y2:.1}");
    }
    for (member, d) in paths {
        let _ = write!(
            svg,
            r#"<path class="arc" d="{d}" stroke="{}" stroke-width="{width}"><title>{}</title></path>"#,
            colour(member),
            tr!("{member}'s share of the ring", member)
        );
    }
}

fn ring(sim: &Sim<TwinNode>) -> Html {
    let views = views(sim);
    let Some(config) = sim.nodes().iter().flatten().next().map(|n| n.peer.config().clone()) else {
        return html! { <p class="note">{ tr(en!("Every member is down: no ring to draw.")) }</p> };
    };
    let consistent = config.hashing == Hashing::Consistent;
    // Drawn as markup, not `html!`: a few hundred elements cost the page less as text.
    let mut svg = String::new();
    for (i, (members, _)) in views.iter().take(1 + OTHER_VIEWS).enumerate() {
        let r = 118.0 - 20.0 * i as f64;
        let width = if i == 0 { 12.0 } else { 6.0 };
        if consistent {
            arcs(&mut svg, &Ring::new(members, config.vnodes), r, width);
        } else {
            let _ = write!(
                svg,
                r#"<circle class="plain-ring" cx="150" cy="150" r="{r}" stroke-width="{width}"/>"#
            );
        }
    }
    let open: Vec<TaskRumor> =
        rumors(sim).into_iter().filter(|r| r.stage == Stage::Accepted).take(RING_DOTS).collect();
    for rumor in &open {
        let (x, y) = at(turn_of(hash(&rumor.work.key)), 136.0);
        let _ = write!(
            svg,
            r#"<circle class="key" cx="{x:.1}" cy="{y:.1}" r="4" fill="{}"><title>{}</title></circle>"#,
            colour(rumor.owner),
            tr!(
                "task {task} (key {key}) run by {owner}",
                task = rumor.task,
                key = escaped(&rumor.work.key),
                owner = rumor.owner
            )
        );
    }
    // The caption's key and legend, as markup too: member names and fixed words.
    let mut caption = String::new();
    for m in NodeId::all(sim.nodes().len()) {
        let _ = write!(
            caption,
            r#"<span><span class="key" style="background:{}"></span>{m}</span>"#,
            colour(m)
        );
    }
    caption.push_str(r#"<ul class="views">"#);
    for (i, (members, holders)) in views.iter().enumerate() {
        let place = match i {
            0 => tr(en!("outer ring")),
            i if i <= OTHER_VIEWS => tr!("ring {number}", number = i + 1),
            _ => tr(en!("not drawn")),
        };
        let members: Vec<String> = members.iter().map(NodeId::to_string).collect();
        let holders: Vec<String> = holders.iter().map(NodeId::to_string).collect();
        let members = format!("{{{}}}", members.join(" "));
        let placing = tr!("{holders} place by {members}", holders = holders.join(" "), members);
        let _ = write!(caption, "<li>{place}: {placing}</li>");
    }
    caption.push_str("</ul>");
    let how = if consistent {
        tr!("consistent hashing, V = {vnodes} points per member", vnodes = config.vnodes)
    } else {
        tr(en!("hash mod n: no arcs, a key's owner is hash(key) mod the members in view"))
    };
    Html::from_html_unchecked(
        format!(
            r#"<figure class="chart ring"><svg viewBox="0 0 300 300" role="img" aria-label="{}">{svg}</svg><figcaption>{} {caption}</figcaption></figure>"#,
            tr!(
                "Hash ring: {views} view(s) of the membership, {open} open tasks",
                views = views.len(),
                open = open.len()
            ),
            tr!(
                "The leaderless ring ({how}); each dot an open task's key, coloured by the member running it.",
                how
            ),
        )
        .into(),
    )
}

/// Tasks each server ran to the end, in each cluster, and what it runs now.
fn loads(timeline: &Timeline<TwinNode>) -> Html {
    let sim = timeline.sim();
    let n = sim.nodes().len();
    let mut finished = vec![[0u64; 2]; n];
    for record in timeline.trace() {
        if let RecordKind::Node { node, event } = &record.kind {
            let side = match event {
                Event::Leader(leader::Event::Finished { .. }) => 0,
                Event::Peer(leaderless::Event::Finished { .. }) => 1,
                _ => continue,
            };
            if let Some(counts) = finished.get_mut(node.index()) {
                counts[side] += 1;
            }
        }
    }
    let most = finished.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let (row_height, left, width) = (30.0, 34.0, 250.0);
    // Written as markup, not `html!` (see `markup`): server names and numbers only.
    let mut svg = String::new();
    for (i, counts) in finished.iter().enumerate() {
        let y = 8.0 + row_height * i as f64;
        let id = NodeId(i as u32);
        let name = if sim.node(id).is_none() { tr!("{id} (down)", id) } else { id.to_string() };
        let _ = write!(svg, r#"<g><text class="tick" x="0" y="{}">{name}</text>"#, y + 14.0);
        for (side, count) in counts.iter().enumerate() {
            let length = width * *count as f64 / most;
            let class = if side == 0 { "single-leader" } else { "leaderless" };
            let top = y + 11.0 * side as f64;
            let _ = write!(
                svg,
                r#"<rect class="bar {class}" x="{left}" y="{top}" width="{length:.1}" height="10"/><text class="tick" x="{}" y="{}">{count}</text>"#,
                left + length + 4.0,
                top + 9.0
            );
        }
        svg.push_str("</g>");
    }
    let height = 8.0 + row_height * n as f64;
    Html::from_html_unchecked(
        format!(
            r#"<figure class="chart loads"><svg viewBox="0 0 320 {height}" role="img" aria-label="{}">{svg}</svg><figcaption><span class="key single-leader"></span>{} <span class="key leaderless"></span>{}</figcaption></figure>"#,
            tr(en!("Tasks each server ran to the end, in each cluster")),
            tr(en!("single leader")),
            tr(en!("leaderless: tasks each server ran to the end so far")),
        )
        .into(),
    )
}

fn coordinator_table(sim: &Sim<TwinNode>) -> Html {
    let (who, node) = match coordinator(sim) {
        Some((id, node)) => (tr!("the coordinator, {id}", id), node),
        None => {
            let leaders = sim.nodes().iter().flatten().filter_map(|n| n.leader.as_ref());
            match leaders.max_by_key(|n| n.table().len()) {
                Some(node) => (tr!("{id} (no coordinator now)", id = node.raft().id()), node),
                None => return Html::default(),
            }
        }
    };
    let mut rows: Vec<_> = node.table().rows().collect();
    let total = rows.len();
    rows.reverse();
    rows.truncate(TABLE_ROWS);
    // Written as markup, not `html!` (see `markup`); a task's key is typed, so escaped.
    let mut table = format!(
        r#"<table class="nodes"><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        tr!(
            "Task table as {who} applied it: the newest {shown} of {total} rows, replicated through Raft's log",
            who,
            shown = TABLE_ROWS.min(total),
            total
        ),
        tr(en!("Task")),
        tr(en!("Key")),
        tr(en!("Worker")),
        tr(en!("Attempt")),
        tr(en!("State")),
    );
    for (task, row) in rows {
        let state = match row.completed.as_slice() {
            [] => tr(en!("running")),
            [(_, by)] => tr!("done by {by}", by),
            done => tr!("done {count} times", count = done.len()),
        };
        let current = &row.current;
        let _ = write!(
            table,
            "<tr><td>{task}</td><td>{}</td><td>{}</td><td>{}</td><td>{state}</td></tr>",
            escaped(current.key.as_ref()),
            current.worker,
            current.epoch
        );
    }
    table.push_str("</tbody></table>");
    html! { <figure class="chart">{ Html::from_html_unchecked(table.into()) }</figure> }
}
