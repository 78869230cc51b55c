//! The lease lanes: one row per client, its upper lane when it believed it held the lease
//! (from the grant it heard of to the moment it stopped, on true time) and its lower lane
//! when it did hold it (from the store's grant to the end of its TTL after the last renewal,
//! or the next grant), with the writes the storage accepted from it as ticks (vermilion
//! where its lease had run out) and the ones it rejected as crosses; above them, the store's
//! grants with their tokens.

use std::fmt::Write;

use clusterscope_core::protocols::leases::{Event, LeaseNode, Role};
use clusterscope_core::sim::{format_time, NodeId, RecordKind, Time, Timeline, MILLI, SECOND};
use yew::Html;

use crate::views::l10n::tr;
use crate::{en, tr};

/// The lanes show at most this much of the run, the latest.
const WINDOW: Time = 8 * SECOND;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 412.0;
const ROW: f64 = 30.0;
const LANE: f64 = 10.0;
const TOP: f64 = 22.0;

/// What the lanes draw, read from the trace up to the playhead.
#[derive(Debug, Default, PartialEq)]
pub struct Lanes {
    pub from: Time,
    pub until: Time,
    /// Per server: when it believed it held the lease, and when it did (true time).
    pub believed: Vec<Vec<(Time, Time)>>,
    pub held: Vec<Vec<(Time, Time)>>,
    /// The store's grants: when, to whom, under which token.
    pub grants: Vec<(Time, NodeId, u64)>,
    /// Writes the storage accepted: when, from whom, and whether its lease had run out.
    pub stored: Vec<(Time, NodeId, bool)>,
    /// Writes the storage rejected: when, from whom.
    pub rejected: Vec<(Time, NodeId)>,
}

impl Lanes {
    pub fn of(timeline: &Timeline<LeaseNode>) -> Lanes {
        let sim = timeline.sim();
        let config = sim.protocol_config();
        let expiry = |t: Time| if config.variant.expires() { t + config.ttl } else { Time::MAX };
        let now = timeline.clock();
        let n = sim.nodes().len();
        let mut lanes =
            Lanes { believed: vec![Vec::new(); n], held: vec![Vec::new(); n], ..Lanes::default() };
        let mut believing: Vec<Option<Time>> = vec![None; n];
        // The lease in force: holder, since when, until when (true time).
        let mut lease: Option<(NodeId, Time, Time)> = None;
        let mut stored = Vec::new();
        for record in timeline.trace() {
            let t = record.time;
            match &record.kind {
                RecordKind::Node { node, event } => match event {
                    Event::Granted { to, token, .. } => {
                        if let Some((holder, since, end)) = lease.take() {
                            lanes.held[holder.index()].push((since, end.min(t)));
                        }
                        lease = Some((*to, t, expiry(t)));
                        lanes.grants.push((t, *to, *token));
                    }
                    Event::Renewed { to, .. } => {
                        if let Some((_, _, end)) = lease.as_mut().filter(|l| l.0 == *to) {
                            *end = expiry(t);
                        }
                    }
                    // A replicated store's new leader counts the lease from now.
                    Event::TookOver { holder, honours: Some(left), .. } => {
                        if let Some((_, _, end)) = lease.as_mut().filter(|l| l.0 == *holder) {
                            *end = (*end).max(t + left);
                        }
                    }
                    Event::Released { .. } => {
                        if let Some((holder, since, end)) = lease.take() {
                            lanes.held[holder.index()].push((since, end.min(t)));
                        }
                    }
                    Event::Acquired { .. } => {
                        believing[node.index()].get_or_insert(t);
                    }
                    Event::Lost { .. } => {
                        if let Some(since) = believing[node.index()].take() {
                            lanes.believed[node.index()].push((since, t));
                        }
                    }
                    Event::Stored { from, .. } => stored.push((t, *from)),
                    Event::Rejected { from, .. } => lanes.rejected.push((t, *from)),
                    _ => {}
                },
                RecordKind::Crashed { node } => {
                    if let Some(since) = believing[node.index()].take() {
                        lanes.believed[node.index()].push((since, t));
                    }
                }
                _ => {}
            }
        }
        if let Some((holder, since, end)) = lease {
            lanes.held[holder.index()].push((since, end.min(now)));
        }
        for (id, since) in believing.into_iter().enumerate() {
            if let Some(since) = since {
                lanes.believed[id].push((since, now));
            }
        }
        lanes.stored = stored
            .into_iter()
            .map(|(t, from)| {
                let holding = lanes.held[from.index()].iter().any(|&(a, b)| a <= t && t <= b);
                (t, from, !holding)
            })
            .collect();
        lanes.until = now;
        lanes.from = now.saturating_sub(WINDOW);
        lanes
    }
}

/// The chart, written as SVG markup (numbers, server names and fixed words, the shipped
/// translations' included: nothing to escape), as the Tasks lab's timeline is.
pub fn lanes_chart(timeline: &Timeline<LeaseNode>) -> Html {
    let lanes = Lanes::of(timeline);
    let config = timeline.sim().protocol_config();
    let clients: Vec<NodeId> =
        NodeId::all(lanes.believed.len()).filter(|&id| config.role(id) == Role::Client).collect();
    let span = lanes.until.saturating_sub(lanes.from).max(MILLI) as f64;
    let x = |t: Time| {
        LEFT + (RIGHT - LEFT) * t.clamp(lanes.from, lanes.until).saturating_sub(lanes.from) as f64
            / span
    };
    let height = TOP + ROW * clients.len() as f64 + 14.0;
    let mut svg = format!(
        r#"<text class="tick" x="0" y="12">{}</text><text class="tick" x="{LEFT}" y="{axis}">{}</text><text class="tick end" x="{RIGHT}" y="{axis}">{}</text>"#,
        tr(en!("store")),
        format_time(lanes.from / MILLI * MILLI),
        format_time(lanes.until / MILLI * MILLI),
        axis = height - 3.0,
    );
    for &(t, to, token) in lanes.grants.iter().filter(|g| g.0 >= lanes.from) {
        let at = x(t);
        let _ = write!(
            svg,
            r#"<g class="grant"><line x1="{at:.1}" x2="{at:.1}" y1="4" y2="{bottom}"/><text class="tick" x="{:.1}" y="12">{token}<title>{}</title></text></g>"#,
            at + 2.0,
            tr!("{time} granted to {to}, token {token}", time = format_time(t), to, token),
            bottom = height - 14.0,
        );
    }
    let mut late = 0;
    for (row, &id) in clients.iter().enumerate() {
        let top = TOP + ROW * row as f64;
        let _ = write!(svg, r#"<text class="tick" x="0" y="{}">{id}</text>"#, top + LANE + 3.0);
        type Said<'a> = &'a dyn Fn(NodeId, String, String) -> String;
        let bars = |svg: &mut String, spans: &[(Time, Time)], class: &str, y: f64, what: Said| {
            for &(a, b) in spans.iter().filter(|s| s.1 >= lanes.from) {
                let (x1, x2) = (x(a), x(b).max(x(a) + 1.0));
                let _ = write!(
                    svg,
                    r#"<rect class="{class}" x="{x1:.1}" y="{y}" width="{:.1}" height="{LANE}"><title>{}</title></rect>"#,
                    x2 - x1,
                    what(id, format_time(a), format_time(b)),
                );
            }
        };
        let believed = |id: NodeId, from: String, to: String| {
            tr!("{id} believed it held the lease from {from} to {to}", id, from, to)
        };
        let held = |id: NodeId, from: String, to: String| {
            tr!("{id} held the lease from {from} to {to}", id, from, to)
        };
        bars(&mut svg, &lanes.believed[id.index()], "believes", top, &believed);
        bars(&mut svg, &lanes.held[id.index()], "holds", top + LANE + 2.0, &held);
        for &(t, _, after) in lanes.stored.iter().filter(|w| w.1 == id && w.0 >= lanes.from) {
            late += usize::from(after);
            let class = if after { "write late" } else { "write" };
            let _ = write!(
                svg,
                r#"<line class="{class}" x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{:.1}"/>"#,
                top + LANE,
                x = x(t)
            );
        }
        for &(t, _) in lanes.rejected.iter().filter(|w| w.1 == id && w.0 >= lanes.from) {
            let _ = write!(
                svg,
                r#"<text class="tick rejected" x="{:.1}" y="{}">✗</text>"#,
                x(t) - 3.0,
                top + LANE - 1.0
            );
        }
    }
    let grants = lanes.grants.len();
    let rejected = lanes.rejected.len();
    Html::from_html_unchecked(
        format!(
            r#"<figure class="chart lease-lanes"><svg viewBox="0 0 420 {height}" role="img" aria-label="{}">{svg}</svg><figcaption>{} <span class="key believes"></span>{} <span class="key holds"></span>{} <span class="key late"></span>{}</figcaption></figure>"#,
            tr!(
                "Lease lanes: {grants} grants, {late} writes accepted after their writer's lease ran out, {rejected} rejected",
                grants,
                late,
                rejected
            ),
            tr(en!("Each client:")),
            tr(en!("when it believed it held the lease, above")),
            tr(en!("when it did, in true time (the store's grant to its TTL after the last renewal). Ticks are writes the storage accepted,")),
            tr(en!("vermilion after the writer's lease ran out; ✗ a write it rejected. Numbered lines are the store's grants and their tokens.")),
        )
        .into(),
    )
}
