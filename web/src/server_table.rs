//! The server-state table: role, term, vote, log length and commit index per server.

use clusterscope_core::protocols::raft::{RaftNode, Role};
use clusterscope_core::sim::{NodeId, Sim};
use yew::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub struct ServerRow {
    pub id: NodeId,
    /// `None` while crashed.
    pub state: Option<ServerState>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServerState {
    pub role: Role,
    pub term: u64,
    pub voted_for: Option<NodeId>,
    pub log_length: usize,
    pub commit_index: u64,
}

pub fn server_rows(sim: &Sim<RaftNode>) -> Vec<ServerRow> {
    NodeId::all(sim.nodes().len())
        .map(|id| ServerRow {
            id,
            state: sim.node(id).map(|node| ServerState {
                role: node.role(),
                term: node.current_term(),
                voted_for: node.voted_for(),
                log_length: node.log().len(),
                commit_index: node.commit_index(),
            }),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct ServerTableProps {
    pub rows: Vec<ServerRow>,
}

#[function_component]
pub fn ServerTable(props: &ServerTableProps) -> Html {
    let rows = props.rows.iter().map(|row| {
        let Some(state) = &row.state else {
            return html! {
                <tr class="down"><th scope="row">{ row.id.to_string() }</th><td colspan="5">{ "down" }</td></tr>
            };
        };
        let role = match state.role {
            Role::Follower => "follower",
            Role::Candidate => "candidate",
            Role::Leader => "leader",
        };
        html! {
            <tr class={role}>
                <th scope="row">{ row.id.to_string() }</th>
                <td>{ role }</td>
                <td>{ state.term }</td>
                <td>{ state.voted_for.map_or("—".to_string(), |v| v.to_string()) }</td>
                <td>{ state.log_length }</td>
                <td>{ state.commit_index }</td>
            </tr>
        }
    });
    html! {
        <table class="nodes">
            <caption>{ "Server states" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Server" }</th>
                    <th scope="col">{ "Role" }</th>
                    <th scope="col">{ "Term" }</th>
                    <th scope="col">{ "Voted for" }</th>
                    <th scope="col">{ "Log length" }</th>
                    <th scope="col">{ "Commit index" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}
