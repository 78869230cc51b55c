//! The server-state table: a row per server, with the columns its protocol shows (Raft:
//! role, term, vote, log length, commit index; Paxos: promise, accepted proposal, round).

use clusterscope_core::sim::NodeId;
use yew::prelude::*;

use crate::en;
use crate::views::l10n::tr;

#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub id: NodeId,
    /// CSS class of the row (its role).
    pub class: &'static str,
    /// One cell per column; `None` while crashed.
    pub cells: Option<Vec<String>>,
}

impl TableRow {
    pub fn down(id: NodeId) -> TableRow {
        TableRow { id, class: "down", cells: None }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// English, marked `en!`: the table shows it in the page's language, as the headers.
    pub caption: &'static str,
    /// The columns after the server's name.
    pub headers: &'static [&'static str],
    pub rows: Vec<TableRow>,
}

#[derive(Properties, PartialEq)]
pub struct ServerTableProps {
    pub table: Table,
}

#[function_component]
pub fn ServerTable(props: &ServerTableProps) -> Html {
    let columns = props.table.headers.len();
    let rows = props.table.rows.iter().map(|row| {
        let cells = match &row.cells {
            None => html! { <td colspan={columns.to_string()}>{ tr(en!("down")) }</td> },
            Some(cells) => cells.iter().map(|cell| html! { <td>{ cell }</td> }).collect(),
        };
        html! {
            <tr class={row.class}>
                <th scope="row">{ row.id.to_string() }</th>
                { cells }
            </tr>
        }
    });
    html! {
        <table class="nodes">
            <caption>{ tr(props.table.caption) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ tr(en!("Server")) }</th>
                    { for props.table.headers.iter().map(|h| html! { <th scope="col">{ tr(h) }</th> }) }
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
