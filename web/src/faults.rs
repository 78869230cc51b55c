//! The fault panel: pick a server, then crash it, restart it, force its timer (Raft's election
//! timeout, a Paxos proposer's retry) or send it a client request. Every button becomes an action on the timeline, so acting at a
//! past step forks the run.

use clusterscope_core::sim::{Action, NodeId, Target};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FaultPanelProps {
    pub servers: usize,
    pub selected: Option<NodeId>,
    /// Whether each server is up, by index.
    pub up: Vec<bool>,
    pub on_select: Callback<NodeId>,
    pub on_act: Callback<Action<String>>,
    /// The next client request's command text.
    pub next_write: String,
    /// The protocol's words: (force the timer, client request, whether a client can write
    /// through the leader); see `Shown::ACTIONS`.
    pub words: (&'static str, &'static str, bool),
}

#[function_component]
pub fn FaultPanel(props: &FaultPanelProps) -> Html {
    let pickers = NodeId::all(props.servers).map(|id| {
        let pressed = props.selected == Some(id);
        let on_select = props.on_select.clone();
        html! {
            <button aria-pressed={pressed.to_string()} aria-label={format!("Select {id}")}
                onclick={Callback::from(move |_| on_select.emit(id))}>{ id.to_string() }</button>
        }
    });
    let act = |action: Action<String>| props.on_act.reform(move |_: MouseEvent| action.clone());
    let (timeout, verb, via_leader) = props.words;
    let write = props.next_write.clone();
    let leader_write = via_leader.then(|| {
        let command = write.clone();
        html! {
            <button onclick={act(Action::Client { node: Target::LEADER, command })}>
                { format!("Client {verb} {write} via the leader") }
            </button>
        }
    });
    let server_actions = props.selected.map(|id| {
        let up = props.up.get(id.index()).copied().unwrap_or(false);
        let target = Target::Node(id);
        let command = write.clone();
        let client = html! {
            <button disabled={!up} onclick={act(Action::Client { node: target, command })}>
                { format!("Client {verb} {write} to {id}") }
            </button>
        };
        html! {
            <>
                <button disabled={!up} onclick={act(Action::Crash { node: target })}>{ format!("Crash {id}") }</button>
                <button disabled={up} onclick={act(Action::Restart { node: id })}>{ format!("Restart {id}") }</button>
                <button disabled={!up} onclick={act(Action::Timeout { node: target })}>
                    { format!("{timeout} {id}") }
                </button>
                { client }
            </>
        }
    });
    html! {
        <section class="faults" aria-label="Faults and client requests">
            <div class="pickers" role="group" aria-label="Server">{ for pickers }</div>
            <div class="actions">
                { for server_actions }
                { for leader_write }
            </div>
        </section>
    }
}
