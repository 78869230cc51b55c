//! The event list: the latest steps in plain words, heartbeats hidden unless asked for. Each
//! line is a button that moves the timeline to its step.

use clusterscope_core::protocols::raft::{narrate, RaftNode, Timer};
use clusterscope_core::sim::{Record, RecordKind};
use yew::prelude::*;

/// How many recent events the list shows.
const EVENTS_SHOWN: usize = 12;

/// The last few events in plain words, as (step, sentence).
pub fn recent_events(trace: &[Record<RaftNode>], show_heartbeats: bool) -> Vec<(u64, String)> {
    let mut lines: Vec<(u64, String)> = trace
        .iter()
        .rev()
        .filter(|r| show_heartbeats || !is_heartbeat(r))
        .filter_map(|r| Some((r.step, narrate(r)?)))
        .take(EVENTS_SHOWN)
        .collect();
    lines.reverse();
    lines
}

fn is_heartbeat(record: &Record<RaftNode>) -> bool {
    match &record.kind {
        RecordKind::Deliver { msg, .. } => msg.is_heartbeat(),
        RecordKind::Timer { timer, .. } => *timer == Timer::Heartbeat,
        _ => false,
    }
}

#[derive(Properties, PartialEq)]
pub struct EventListProps {
    pub lines: Vec<(u64, String)>,
    pub show_heartbeats: bool,
    pub on_jump: Callback<u64>,
    pub on_toggle: Callback<()>,
}

#[function_component]
pub fn EventList(props: &EventListProps) -> Html {
    let items = props.lines.iter().map(|(step, line)| {
        let on_jump = props.on_jump.clone();
        let step = *step;
        html! {
            <li>
                <button class="event" onclick={Callback::from(move |_| on_jump.emit(step))}
                    aria-label={format!("Go to step {step}: {line}")}>
                    <span class="step">{ step }</span>{ line.clone() }
                </button>
            </li>
        }
    });
    let on_toggle = props.on_toggle.reform(|_: Event| ());
    html! {
        <section class="events" aria-label="Recent events">
            <label class="filter">
                <input type="checkbox" checked={props.show_heartbeats} onchange={on_toggle} />
                { "Show heartbeats" }
            </label>
            <ol aria-label="Recent events, newest last">{ for items }</ol>
        </section>
    }
}
