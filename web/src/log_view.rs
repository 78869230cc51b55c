//! The log view: one row per server, entries by index coloured by term, committed entries
//! marked, and for each follower the leader's nextIndex / matchIndex.

use clusterscope_core::protocols::raft::{Entry, RaftNode};
use clusterscope_core::sim::{NodeId, Timeline};
use yew::prelude::*;

/// Columns shown: the newest entries of the longest log.
const WINDOW: u64 = 24;
/// Term colours cycle through this many classes (`term-0` … `term-5`).
const TERM_CLASSES: u64 = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct LogRow {
    pub id: NodeId,
    pub up: bool,
    /// (term, command) of the entries in the shown window, from index `LogSnapshot::first`.
    pub entries: Vec<(u64, String)>,
    pub commit_index: u64,
    /// The leader's view of this follower: (nextIndex, matchIndex).
    pub progress: Option<(u64, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogSnapshot {
    /// Indexes shown: `first..=last`, the newest `WINDOW` of the longest log (empty when
    /// every log is).
    pub first: u64,
    pub last: u64,
    pub rows: Vec<LogRow>,
}

impl LogSnapshot {
    /// Built every frame, so only the shown window of each log is copied.
    pub fn of(timeline: &Timeline<RaftNode>) -> Self {
        let sim = timeline.sim();
        let leader = sim.leader().and_then(|id| sim.node(id));
        let log_of = |id: NodeId| -> &[Entry] {
            match sim.node(id) {
                Some(node) => node.log(),
                None => sim.saved(id).map_or(&[][..], |p| &p.log[..]),
            }
        };
        let ids = NodeId::all(sim.nodes().len());
        let last = ids.clone().map(|id| log_of(id).len() as u64).max().unwrap_or(0);
        let first = last.saturating_sub(WINDOW) + 1;
        let rows = ids
            .map(|id| {
                let node = sim.node(id);
                let shown = log_of(id).iter().skip(first as usize - 1);
                LogRow {
                    id,
                    up: node.is_some(),
                    entries: shown.map(|e| (e.term, e.command.to_string())).collect(),
                    commit_index: node.map_or(0, |n| n.commit_index()),
                    progress: leader.and_then(|l| l.progress(id)),
                }
            })
            .collect();
        LogSnapshot { first, last, rows }
    }
}

#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    pub snapshot: LogSnapshot,
}

#[function_component]
pub fn LogView(props: &LogViewProps) -> Html {
    let first = props.snapshot.first;
    let indexes: Vec<u64> = (first..=props.snapshot.last).collect();
    let header = indexes.iter().map(|i| html! { <th scope="col">{ i }</th> });
    let rows = props.snapshot.rows.iter().map(|row| {
        let cells = indexes.iter().map(|&index| match row.entries.get((index - first) as usize) {
            Some((term, text)) => {
                let committed = index <= row.commit_index;
                let class = classes!(
                    "entry",
                    format!("term-{}", term % TERM_CLASSES),
                    committed.then_some("committed")
                );
                let title = format!(
                    "index {index}, term {term}: {text}{}",
                    if committed { " (committed)" } else { "" }
                );
                html! { <td class={class} title={title.clone()} aria-label={title}>{ term }</td> }
            }
            None => html! { <td class="empty"></td> },
        });
        let progress = match row.progress {
            Some((next, matched)) => format!("next {next} · match {matched}"),
            None => String::new(),
        };
        html! {
            <tr class={classes!((!row.up).then_some("down"))}>
                <th scope="row">{ row.id.to_string() }</th>
                { for cells }
                <td class="progress">{ progress }</td>
            </tr>
        }
    });
    html! {
        <table class="log">
            <caption>{ "Logs (cells show each entry's term; a bold border marks committed entries)" }</caption>
            <thead><tr><th scope="col">{ "Index" }</th>{ for header }<th scope="col">{ "Leader's view" }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
