//! The log view: one row per server, entries by index coloured by term, committed entries
//! marked, and for each follower the leader's nextIndex / matchIndex.

use clusterscope_core::protocols::raft::{Command, RaftNode};
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
    /// (term, command) per index from 1.
    pub entries: Vec<(u64, String)>,
    pub commit_index: u64,
    /// The leader's view of this follower: (nextIndex, matchIndex).
    pub progress: Option<(u64, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogSnapshot {
    pub rows: Vec<LogRow>,
}

impl LogSnapshot {
    pub fn of(timeline: &Timeline<RaftNode>) -> Self {
        let sim = timeline.sim();
        let leader = sim.leader().and_then(|id| sim.node(id));
        let rows = NodeId::all(sim.nodes().len())
            .map(|id| {
                let node = sim.node(id);
                let log = match node {
                    Some(n) => n.log().to_vec(),
                    None => sim.saved(id).map(|p| p.log.clone()).unwrap_or_default(),
                };
                let progress = leader.and_then(|l| l.progress(id));
                LogRow {
                    id,
                    up: node.is_some(),
                    entries: log
                        .iter()
                        .map(|e| {
                            let text = match &e.command {
                                Command::Noop => "no-op".to_string(),
                                other => other.to_string(),
                            };
                            (e.term, text)
                        })
                        .collect(),
                    commit_index: node.map_or(0, |n| n.commit_index()),
                    progress,
                }
            })
            .collect();
        LogSnapshot { rows }
    }
}

#[derive(Properties, PartialEq)]
pub struct LogViewProps {
    pub snapshot: LogSnapshot,
}

#[function_component]
pub fn LogView(props: &LogViewProps) -> Html {
    let longest = props.snapshot.rows.iter().map(|r| r.entries.len() as u64).max().unwrap_or(0);
    let first = longest.saturating_sub(WINDOW) + 1;
    let indexes: Vec<u64> = (first..=longest).collect();
    let header = indexes.iter().map(|i| html! { <th scope="col">{ i }</th> });
    let rows = props.snapshot.rows.iter().map(|row| {
        let cells = indexes.iter().map(|&index| match row.entries.get(index as usize - 1) {
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
