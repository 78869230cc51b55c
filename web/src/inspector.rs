//! The inspector: every field of the selected server or in-flight message.

use clusterscope_core::protocols::raft::{Command, RaftNode, Timer};
use clusterscope_core::sim::{format_time, Action, NodeId, Timeline};
use yew::prelude::*;

/// What the inspector can show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Inspected {
    Server(NodeId),
    Message(u64),
}

/// (field, value) rows for `what`, with a title; `None` once a message has been delivered.
pub fn inspect(
    timeline: &Timeline<RaftNode>,
    what: Inspected,
) -> Option<(String, Vec<(String, String)>)> {
    let sim = timeline.sim();
    let clock = timeline.clock();
    match what {
        Inspected::Server(id) => {
            let Some(node) = sim.node(id) else {
                let saved = sim.saved(id)?;
                let rows = vec![
                    ("state".into(), "down (crashed)".into()),
                    ("currentTerm (persisted)".into(), saved.current_term.to_string()),
                    (
                        "votedFor (persisted)".into(),
                        saved.voted_for.map_or("none".into(), |v| v.to_string()),
                    ),
                    ("log length (persisted)".into(), saved.log.len().to_string()),
                ];
                return Some((id.to_string(), rows));
            };
            let mut rows: Vec<(String, String)> = vec![
                ("role".into(), format!("{:?}", node.role()).to_lowercase()),
                ("currentTerm".into(), node.current_term().to_string()),
                ("votedFor".into(), node.voted_for().map_or("none".into(), |v| v.to_string())),
                ("log length".into(), node.log().len().to_string()),
                ("commitIndex".into(), node.commit_index().to_string()),
                ("lastApplied".into(), node.last_applied().to_string()),
            ];
            for (timer, due) in sim.timers(id) {
                let name = match timer {
                    Timer::Election => "election timer",
                    Timer::Heartbeat => "heartbeat timer",
                };
                rows.push((
                    name.into(),
                    format!("fires in {}", format_time(due.saturating_sub(clock))),
                ));
            }
            for peer in NodeId::all(sim.nodes().len()) {
                if let Some((next, matched)) = node.progress(peer) {
                    rows.push((
                        format!("nextIndex / matchIndex[{peer}]"),
                        format!("{next} / {matched}"),
                    ));
                }
            }
            let state: Vec<String> = node.kv().iter().map(|(k, v)| format!("{k}={v}")).collect();
            rows.push((
                "state machine".into(),
                if state.is_empty() { "empty".into() } else { state.join(", ") },
            ));
            Some((id.to_string(), rows))
        }
        Inspected::Message(id) => {
            let message = sim.in_flight().find(|m| m.id == id)?;
            let mut rows: Vec<(String, String)> = vec![
                ("from → to".into(), format!("{} → {}", message.from, message.to)),
                ("sent at".into(), format_time(message.sent_at)),
                ("arrives at".into(), format_time(message.deliver_at)),
            ];
            // Every field of the message itself, in the paper's names.
            if let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(&message.msg) {
                for (name, value) in fields {
                    let shown = match value {
                        serde_json::Value::String(text) => text,
                        other => other.to_string(),
                    };
                    rows.push((name, shown));
                }
            }
            Some((format!("{} #{id}", message.msg.label()), rows))
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub title: String,
    pub rows: Vec<(String, String)>,
    /// For a message in flight: its id, so it can be dropped or delivered twice.
    #[prop_or_default]
    pub message: Option<u64>,
    #[prop_or_default]
    pub on_act: Option<Callback<Action<Command>>>,
}

#[function_component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let message_actions = props.message.zip(props.on_act.as_ref()).map(|(id, on_act)| {
        let act = |action: Action<Command>| on_act.reform(move |_: MouseEvent| action.clone());
        html! {
            <div class="actions">
                <button onclick={act(Action::DropMessage { id })}>{ "Drop this message" }</button>
                <button onclick={act(Action::DuplicateMessage { id })}>{ "Deliver it twice" }</button>
            </div>
        }
    });
    html! {
        <section class="inspector" aria-label={format!("Inspector: {}", props.title)}>
            <h2>{ &props.title }</h2>
            <dl>
                { for props.rows.iter().map(|(name, value)| html! {
                    <><dt>{ name }</dt><dd>{ value }</dd></>
                }) }
            </dl>
            { for message_actions }
        </section>
    }
}
