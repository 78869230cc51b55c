//! The fault panel: pick a server, then crash it, restart it, force its timer (Raft's election
//! timeout, a Paxos proposer's retry), send it a client request, pause it, or make its clock
//! drift or jump (typed values, refused with a message when out of range). Every button
//! becomes an action on the timeline, so acting at a past step forks the run.

use clusterscope_core::sim::{
    parse_drift, parse_signed_time, parse_time, validate_jump, validate_pause, Action,
    MemberChange, NodeId, Target,
};
use yew::prelude::*;

use crate::views::browser::field_value;
use crate::views::l10n::{text, text_with};

/// Above this many servers, a server is picked by number rather than from a row of buttons.
pub const BUTTONS_UP_TO: usize = 16;

/// A number field naming one of `servers` servers (S1 is 1); out-of-range or garbage input
/// picks nothing.
pub fn member_input(label: &str, servers: usize, value: NodeId, on_pick: Callback<NodeId>) -> Html {
    let onchange = Callback::from(move |event: Event| {
        let picked = field_value(&event)
            .and_then(|v| v.trim().trim_start_matches(['S', 's']).parse::<usize>().ok())
            .filter(|n| (1..=servers).contains(n));
        if let Some(n) = picked {
            on_pick.emit(NodeId(n as u32 - 1));
        }
    });
    html! {
        <label>{ format!("{label} S") }
            <input type="number" min="1" max={servers.to_string()} value={(value.index() + 1).to_string()}
                {onchange} aria-label={format!("{label} (1–{servers})")} />
        </label>
    }
}

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
    /// The protocol's words, as message ids: (force the timer, client request, client
    /// request through the leader); see `Shown::ACTIONS`.
    pub words: (&'static str, &'static str, Option<&'static str>),
    /// Whether the leader can hand its leadership over (`Shown::TRANSFER`).
    #[prop_or_default]
    pub transfer: bool,
    /// Whether the leader can be asked to add and remove servers (`Shown::RECONFIGURE`).
    #[prop_or_default]
    pub reconfigure: bool,
    /// Whether a server can be told to leave and join (`Shown::MEMBERSHIP`).
    #[prop_or_default]
    pub membership: bool,
    /// Whether a client can read a key (`Shown::READS`): it reads the key of the next write.
    #[prop_or_default]
    pub reads: bool,
}

/// The action the pause (`which` 0) or clock (1: drift, 2: jump) button asks for with the
/// text typed beside it, or why that text cannot be one.
fn timing_action(which: usize, typed: &str, id: NodeId) -> Result<Action<String>, String> {
    match which {
        0 => {
            let duration = parse_time(typed).and_then(|d| validate_pause(d).map(|()| d));
            let duration = duration.map_err(|e| format!("{}: {e}", text("faults-pause-field")))?;
            Ok(Action::Pause { node: Target::Node(id), duration })
        }
        1 => {
            let ppm =
                parse_drift(typed).map_err(|e| format!("{}: {e}", text("faults-drift-field")))?;
            Ok(Action::Clock { node: id, drift_ppm: Some(ppm), jump: None })
        }
        _ => {
            let by = parse_signed_time(typed).and_then(|by| validate_jump(by).map(|()| by));
            let by = by.map_err(|e| format!("{}: {e}", text("faults-jump-field")))?;
            Ok(Action::Clock { node: id, drift_ppm: None, jump: Some(by) })
        }
    }
}

#[function_component]
pub fn FaultPanel(props: &FaultPanelProps) -> Html {
    // The pause's duration, the clock's drift and its jump, as typed.
    let fields = use_state(|| ["2s", "-50%", "-500ms"].map(String::from));
    let problem = use_state(String::new);
    let pickers = if props.servers <= BUTTONS_UP_TO {
        NodeId::all(props.servers)
            .map(|id| {
                let pressed = props.selected == Some(id);
                let on_select = props.on_select.clone();
                html! {
                    <button aria-pressed={pressed.to_string()} aria-label={text_with("faults-select.aria-label", &[("server", &id.to_string())])}
                        onclick={Callback::from(move |_| on_select.emit(id))}>{ id.to_string() }</button>
                }
            })
            .collect::<Html>()
    } else {
        let shown = props.selected.unwrap_or(NodeId(0));
        member_input(&text("faults-select-member"), props.servers, shown, props.on_select.clone())
    };
    let act = |action: Action<String>| props.on_act.reform(move |_: MouseEvent| action.clone());
    let (timeout, client_request, via_leader) = props.words;
    let write = props.next_write.clone();
    // The key the next write writes (`x` of `x=3`).
    let key = &write[..write.bytes().position(|b| b == b'=').unwrap_or(write.len())];
    let leader_write = via_leader.map(|words| {
        let command = write.clone();
        html! {
            <button onclick={act(Action::Client { node: Target::LEADER, command })}>
                { text_with(words, &[("command", &write)]) }
            </button>
        }
    });
    let timing = props.selected.map(|id| {
        let up = props.up.get(id.index()).copied().unwrap_or(false);
        let server = id.to_string();
        let server = [("server", server.as_str())];
        // "Stop", not "Pause": the play control is called Pause.
        let words = ["faults-stop", "faults-drift", "faults-jump"].map(|w| text_with(w, &server));
        let hints = [text("faults-stop-hint"), text("faults-drift-hint"), text("faults-jump-hint")];
        let pairs = (0..3).map(|which| {
            let (typed, entry) = (fields.clone(), fields[which].clone());
            let oninput = Callback::from(move |event: InputEvent| {
                if let Some(changed) = field_value(&event) {
                    let mut next = (*typed).clone();
                    next[which] = changed;
                    typed.set(next);
                }
            });
            let (problem, on_act) = (problem.clone(), props.on_act.clone());
            let onclick =
                Callback::from(move |_: MouseEvent| match timing_action(which, &entry, id) {
                    Ok(action) => {
                        problem.set(String::new());
                        on_act.emit(action);
                    }
                    Err(why) => problem.set(why),
                });
            html! {
                <>
                    <button disabled={!up} {onclick}>{ &words[which] }</button>
                    <input type="text" size="6" value={fields[which].clone()} {oninput}
                        aria-label={format!("{} ({})", words[which], hints[which])} />
                </>
            }
        });
        html! {
            <div class="timing" role="group" aria-label={text_with("faults-timing.aria-label", &server)}>
                { for pairs }
                if !problem.is_empty() {
                    <p class="error" role="alert">{ (*problem).clone() }</p>
                }
            </div>
        }
    });
    let server_actions = props.selected.map(|id| {
        let up = props.up.get(id.index()).copied().unwrap_or(false);
        let target = Target::Node(id);
        let client = |command: String, words: String| {
            html! {
                <button disabled={!up} onclick={act(Action::Client { node: target, command })}>{ words }</button>
            }
        };
        let server = id.to_string();
        let on = |words: &str| text_with(words, &[("server", &server)]);
        let reads = props.reads.then(|| {
            let words = text_with("faults-client-reads", &[("key", key), ("server", &server)]);
            client(format!("get {key}"), words)
        });
        let words = text_with(client_request, &[("command", &write), ("server", &server)]);
        let client = client(write.clone(), words);
        html! {
            <>
                <button disabled={!up} onclick={act(Action::Crash { node: target })}>{ on("faults-crash") }</button>
                <button disabled={up} onclick={act(Action::Restart { node: id })}>{ on("faults-restart") }</button>
                <button disabled={!up} onclick={act(Action::Timeout { node: target })}>
                    { on(timeout) }
                </button>
                { client }
                { for reads }
                if props.transfer {
                    <button disabled={!up} onclick={act(Action::Transfer { to: id })}>
                        { on("faults-transfer") }
                    </button>
                }
                if props.reconfigure {
                    <button onclick={act(Action::Membership { change: MemberChange::AddServer, node: id })}>
                        { on("faults-add-voter") }
                    </button>
                    <button onclick={act(Action::Membership { change: MemberChange::AddLearner, node: id })}>
                        { on("faults-add-learner") }
                    </button>
                    <button onclick={act(Action::Membership { change: MemberChange::RemoveServer, node: id })}>
                        { on("faults-remove") }
                    </button>
                }
                if props.membership {
                    <button disabled={!up} onclick={act(Action::Client { node: target, command: "leave".into() })}>
                        { on("faults-leaves") }
                    </button>
                    <button disabled={!up} onclick={act(Action::Client { node: target, command: "join".into() })}>
                        { on("faults-joins") }
                    </button>
                }
            </>
        }
    });
    html! {
        <section class="faults" aria-label={text("faults.aria-label")}>
            <div class="pickers" role="group" aria-label={text("faults-server.aria-label")}>{ pickers }</div>
            <div class="actions">
                { for server_actions }
                { for leader_write }
            </div>
            { for timing }
        </section>
    }
}
