//! The client history: what clients asked of the replicated store and what they were told,
//! one row per operation, grouped by key. A bar runs from the call to the answer; a write
//! whose fate is unknown fades out to the right; a failed one is struck through; the read
//! that makes the history not linearizable is marked, with the checker's words above.

// Only the Raft and Multi-Paxos labs have a client history (in the bundles that carry them).
#![cfg_attr(not(any(feature = "raft", feature = "multipaxos")), allow(dead_code))]

use std::fmt::Write;

use clusterscope_core::history::linearizable::{self, Verdict};
use clusterscope_core::history::{
    ClientFacts, Ending, History, OpKind, Operation, LINEARIZABILITY,
};
use clusterscope_core::sim::{format_time, Time, Timeline, Violation, MILLI};
use yew::prelude::*;

use super::l10n::tr;
use super::markup::escaped;
use crate::{en, tr};

/// Operations drawn: the newest.
pub const ROWS: usize = 16;
const ROW: f64 = 16.0;
const LEFT: f64 = 96.0;
const RIGHT: f64 = 408.0;

/// What the clients saw up to the playhead, and whether one copy of the store explains it.
/// A history without reads is always linearizable, so only one with reads is checked.
pub fn client_history<N: ClientFacts>(timeline: &Timeline<N>) -> (History, Verdict) {
    let history = History::of(timeline.trace());
    let operations = history.operations();
    let reads = operations.iter().any(|op| matches!(op.kind, OpKind::Read { .. }));
    let verdict = if reads { linearizable::check(operations) } else { Verdict::Linearizable };
    (history, verdict)
}

/// The history's verdict as a violation at the step it shows, for the invariants row.
pub fn history_violations<N: ClientFacts>(timeline: &Timeline<N>) -> Vec<Violation> {
    match client_history(timeline).1 {
        Verdict::Violation { at, detail, .. } => vec![Violation {
            property: LINEARIZABILITY.to_string(),
            step: at.step,
            time: at.time,
            detail,
        }],
        _ => Vec::new(),
    }
}

/// The history chart at the playhead (a lab's `charts`).
pub fn history_chart<N: ClientFacts>(timeline: &Timeline<N>) -> Html {
    let (history, verdict) = client_history(timeline);
    view(history.operations(), &verdict, timeline.clock())
}

fn label(op: &Operation) -> String {
    match &op.kind {
        OpKind::Write { value } => format!("{}={} @{}", op.key, value, op.node),
        OpKind::Read { value: Some(value) } if op.ending == Ending::Ok => {
            format!("get {} → {} @{}", op.key, value, op.node)
        }
        OpKind::Read { .. } if op.ending == Ending::Ok => {
            format!("get {} → none @{}", op.key, op.node)
        }
        OpKind::Read { .. } => format!("get {} @{}", op.key, op.node),
    }
}

/// The history at time `now`, judged by `verdict`.
pub fn view(operations: &[Operation], verdict: &Verdict, now: Time) -> Html {
    if operations.is_empty() {
        return html! {
            <p class="note">{ "The client history starts with the first client request: send a write or a read from the Faults tab." }</p>
        };
    }
    let culprit = match verdict {
        Verdict::Violation { request, .. } => Some(*request),
        _ => None,
    };
    // The newest operations, and the culprit even if older.
    let mut shown: Vec<&Operation> = operations.iter().rev().take(ROWS).collect();
    if let Some(op) = culprit.and_then(|r| operations.iter().find(|op| op.request == r)) {
        if !shown.iter().any(|s| s.request == op.request) {
            shown.pop();
            shown.push(op);
        }
    }
    shown.sort_by(|a, b| a.key.cmp(&b.key).then(a.call.cmp(&b.call)));
    let from = shown.iter().map(|op| op.call.time).min().unwrap_or(now);
    let until = now.max(from + MILLI);
    let span = (until - from) as f64;
    let x = |t: Time| LEFT + (RIGHT - LEFT) * t.saturating_sub(from) as f64 / span;
    let height = ROW * shown.len() as f64 + 16.0;
    let mut svg = String::new();
    for (row, op) in shown.iter().enumerate() {
        let y = ROW * row as f64 + 2.0;
        let start = x(op.call.time);
        let end = op.answer.map_or(RIGHT, |a| x(a.time)).max(start + 2.0);
        let kind = if matches!(op.kind, OpKind::Write { .. }) { "write" } else { "read" };
        let ending = match op.ending {
            Ending::Ok => "ok",
            Ending::Failed => "failed",
            Ending::Unknown => "unknown",
        };
        let bad = if culprit == Some(op.request) { " culprit" } else { "" };
        let _ = write!(
            svg,
            r#"<g class="op {kind} {ending}{bad}"><title>#{} {} ({ending})</title><text class="tick" x="0" y="{}">{}</text><rect x="{start:.1}" y="{y:.1}" width="{:.1}" height="10" rx="2"/></g>"#,
            op.request,
            escaped(&label(op)),
            y + 8.5,
            escaped(&label(op)),
            end - start,
        );
    }
    let _ = write!(
        svg,
        r#"<text class="tick" x="{LEFT}" y="{axis}">{}</text><text class="tick end" x="{RIGHT}" y="{axis}">{}</text>"#,
        format_time(from / MILLI * MILLI),
        format_time(until / MILLI * MILLI),
        axis = height - 2.0,
    );
    let (class, words) = match verdict {
        Verdict::Linearizable => (
            "verdict ok",
            tr!("Linearizable: one copy of the store, acting on each of these {count} operations at some moment between its call and its answer, explains every answer.", count = operations.len()),
        ),
        Verdict::Violation { at, detail, .. } => (
            "verdict bad",
            tr!("Not linearizable at step {step} ({time}): {detail}.", step = at.step, time = format_time(at.time), detail),
        ),
        Verdict::GaveUp { key } => {
            ("verdict", tr!("Undecided: the checker gave up on key {key}.", key))
        }
    };
    html! {
        <figure class="chart history">
            <p class={class} role="status">{ words }</p>
            <svg viewBox={format!("0 0 420 {height}")} role="img"
                aria-label={tr!("Client history: the newest {shown} of {count} operations, grouped by key", shown = shown.len(), count = operations.len())}>
                { Html::from_html_unchecked(svg.into()) }
            </svg>
            <figcaption>
                { tr(en!("Each bar runs from a client's call to its answer:")) }{ " " }
                <span class="key write" />{ tr(en!("writes,")) }{ " " }
                <span class="key read" />{ tr(en!("reads; a faded bar's outcome is unknown (it may take effect later, or never), a struck-out one failed.")) }
            </figcaption>
        </figure>
    }
}
