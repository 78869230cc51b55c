//! The inspector: every field of the selected server or in-flight message.

use clusterscope_core::sim::{format_drift, format_time, Action, NodeId, Timeline};
use yew::prelude::*;

use crate::views::l10n::tr;
use crate::views::shown::Shown;
use crate::{en, tr};

/// What the inspector can show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Inspected {
    Server(NodeId),
    Message(u64),
}

/// (field, value) rows for `what`, with a title; `None` once a message has been delivered.
pub fn inspect<N: Shown>(
    timeline: &Timeline<N>,
    what: Inspected,
) -> Option<(String, Vec<(String, String)>)> {
    let sim = timeline.sim();
    let clock = timeline.clock();
    match what {
        Inspected::Server(id) => {
            let mut rows = N::inspect(sim, id, clock);
            if rows.is_empty() {
                return None;
            }
            if let Some(until) = sim.paused_until(id).filter(|&until| until > clock) {
                rows.push((tr(en!("paused until")), format_time(until)));
            }
            if sim.clock(id).is_off(clock) {
                let local = format_time(sim.clock(id).local(clock));
                let drift = match sim.clock(id).drift_ppm() {
                    0 => String::new(),
                    ppm => tr!(", runs {drift}", drift = format_drift(ppm)),
                };
                let reads =
                    tr!("{local}{drift}; true time {now}", local, drift, now = format_time(clock));
                rows.push((tr(en!("its clock")), reads));
            }
            for (timer, due) in sim.timers(id) {
                rows.push((
                    format!("{timer:?} timer").to_ascii_lowercase(),
                    tr!("fires in {left}", left = format_time(due.saturating_sub(clock))),
                ));
            }
            Some((id.to_string(), rows))
        }
        Inspected::Message(id) => {
            let message = sim.in_flight().find(|m| m.id == id)?;
            let mut rows: Vec<(String, String)> = vec![
                (tr(en!("from → to")), format!("{} → {}", message.from, message.to)),
                (tr(en!("sent at")), format_time(message.sent_at)),
                (tr(en!("arrives at")), format_time(message.deliver_at)),
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
            Some((format!("{} #{id}", N::message(&message.msg).label), rows))
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
    pub on_act: Option<Callback<Action<String>>>,
}

#[function_component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let message_actions = props.message.zip(props.on_act.as_ref()).map(|(id, on_act)| {
        let act = |action: Action<String>| on_act.reform(move |_: MouseEvent| action.clone());
        html! {
            <div class="actions">
                <button onclick={act(Action::DropMessage { id })}>{ tr(en!("Drop this message")) }</button>
                <button onclick={act(Action::DuplicateMessage { id })}>{ tr(en!("Deliver it twice")) }</button>
            </div>
        }
    });
    html! {
        <section class="inspector" aria-label={tr!("Inspector: {title}", title = props.title)}>
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
