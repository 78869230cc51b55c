//! The log view: one row per server, entries by index coloured by term (or ballot), committed
//! (chosen) entries marked, and a last column of protocol state (Raft: the leader's nextIndex /
//! matchIndex for each follower).

use clusterscope_core::sim::NodeId;
use yew::prelude::*;

use crate::en;
use crate::views::l10n::tr;

/// Columns shown: the newest entries of the longest log.
const WINDOW: u64 = 24;
/// Colours cycle through this many classes (`term-0` … `term-5`).
const COLOURS: u64 = 6;

/// One entry of a log.
#[derive(Clone, Debug, PartialEq)]
pub struct LogCell {
    /// Picks the cell's colour: Raft's term, Multi-Paxos's ballot round (none when the
    /// replica knows the command chosen but never accepted it itself).
    pub colour: Option<u64>,
    pub text: String,
    /// Everything about the entry, for the hover title and screen readers.
    pub title: String,
    /// Committed (Raft) or chosen (Multi-Paxos): drawn with a bold border.
    pub committed: bool,
    /// Raft: compacted into the server's snapshot, drawn as a dashed band.
    pub compacted: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogRow {
    pub id: NodeId,
    pub up: bool,
    /// The entries in the shown window, from index `LogSnapshot::first`; `None` is a hole.
    pub cells: Vec<Option<LogCell>>,
    /// The last column: Raft's leader's nextIndex / matchIndex for this follower.
    pub side: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogSnapshot {
    /// English, marked `en!`, as the last column's heading: shown in the page's language.
    pub caption: &'static str,
    /// The last column's heading.
    pub side: &'static str,
    /// Indexes shown: `first..=last`, the newest `WINDOW` of the longest log (empty when
    /// every log is).
    pub first: u64,
    pub last: u64,
    pub rows: Vec<LogRow>,
}

impl LogSnapshot {
    /// The first index shown when the longest log ends at `last`.
    pub fn first_shown(last: u64) -> u64 {
        last.saturating_sub(WINDOW) + 1
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
        let cells = indexes.iter().map(|&index| match row.cells.get((index - first) as usize) {
            Some(Some(cell)) => {
                let class = classes!(
                    "entry",
                    cell.colour.map(|c| format!("term-{}", c % COLOURS)),
                    cell.committed.then_some("committed"),
                    cell.compacted.then_some("snapshot")
                );
                html! { <td class={class} title={cell.title.clone()} aria-label={cell.title.clone()}>{ &cell.text }</td> }
            }
            _ => html! { <td class="empty"></td> },
        });
        html! {
            <tr class={classes!((!row.up).then_some("down"))}>
                <th scope="row">{ row.id.to_string() }</th>
                { for cells }
                <td class="progress">{ &row.side }</td>
            </tr>
        }
    });
    html! {
        <table class="log">
            <caption>{ tr(props.snapshot.caption) }</caption>
            <thead><tr><th scope="col">{ tr(en!("Index")) }</th>{ for header }<th scope="col">{ tr(props.snapshot.side) }</th></tr></thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
