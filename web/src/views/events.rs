//! The event list: the latest steps in plain words, filtered by kind (heartbeats hidden by
//! default). Each line is a button that moves the timeline to its step.

use clusterscope_core::sim::{DropReason, Record, RecordKind};
use yew::prelude::*;

use super::l10n::{self, text, text_with};
use super::model::EventKind;
use super::shown::Shown;

/// How many recent events the list shows.
const EVENTS_SHOWN: usize = 14;

/// What a record is about; violations are not a kind: they are always shown.
fn kind_of<N: Shown>(record: &Record<N>) -> Option<EventKind> {
    Some(match &record.kind {
        RecordKind::Drop { reason: DropReason::Manual, .. } => EventKind::Fault,
        RecordKind::Deliver { msg, .. } => N::message_kind(msg, true),
        RecordKind::Drop { msg, .. } => N::message_kind(msg, false),
        RecordKind::Timer { timer, .. } => N::timer_kind(timer),
        RecordKind::Node { event, .. } => N::event_kind(event),
        RecordKind::Action { .. }
        | RecordKind::Crashed { .. }
        | RecordKind::Restarted { .. }
        | RecordKind::Duplicate { .. }
        | RecordKind::Skipped { .. } => EventKind::Fault,
        RecordKind::Violation { .. } => return None,
        RecordKind::Send { .. } => EventKind::Replication,
    })
}

/// Which kinds the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter([bool; 5]);

impl Default for Filter {
    fn default() -> Self {
        Filter(EventKind::ALL.map(|kind| kind != EventKind::Heartbeat))
    }
}

impl Filter {
    pub fn shows(self, kind: EventKind) -> bool {
        self.0[kind as usize]
    }

    pub fn toggled(mut self, kind: EventKind) -> Filter {
        self.0[kind as usize] ^= true;
        self
    }

    fn admits<N: Shown>(self, record: &Record<N>) -> bool {
        kind_of(record).is_none_or(|kind| self.shows(kind))
    }
}

/// The last few events the filter admits, in plain words, as (step, sentence, whether it
/// tells a broken property).
pub fn recent_events<N: Shown>(trace: &[Record<N>], filter: Filter) -> Vec<(u64, String, bool)> {
    let mut lines: Vec<_> = trace
        .iter()
        .rev()
        .filter(|r| filter.admits(r))
        .filter_map(|r| {
            let violation = matches!(r.kind, RecordKind::Violation { .. });
            Some((r.step, l10n::said(&N::narrate(r)?), violation))
        })
        .take(EVENTS_SHOWN)
        .collect();
    lines.reverse();
    lines
}

#[derive(Properties, PartialEq)]
pub struct EventListProps {
    pub lines: Vec<(u64, String, bool)>,
    /// The protocol's names for the kinds, in [`EventKind::ALL`]'s order.
    pub names: [&'static str; 5],
    pub filter: Filter,
    pub on_jump: Callback<u64>,
    pub on_filter: Callback<Filter>,
}

#[function_component]
pub fn EventList(props: &EventListProps) -> Html {
    let items = props.lines.iter().map(|(step, line, violation)| {
        let on_jump = props.on_jump.clone();
        let step = *step;
        html! {
            <li class={classes!(violation.then_some("violation"))}>
                <button class="event" onclick={Callback::from(move |_| on_jump.emit(step))}
                    title={text_with("event-go.title", &[("step", &step.to_string())])}>
                    <span class="step">{ step }</span>{ " " }{ line.clone() }
                </button>
            </li>
        }
    });
    let boxes = EventKind::ALL.map(|kind| {
        let (filter, on_filter) = (props.filter, props.on_filter.clone());
        let onchange = Callback::from(move |_: Event| on_filter.emit(filter.toggled(kind)));
        html! {
            <label>
                <input type="checkbox" checked={filter.shows(kind)} {onchange} />
                { text(props.names[kind as usize]) }
            </label>
        }
    });
    html! {
        // The feed is the section's one child: the stylesheet stacks it from the bottom, so
        // a list taller than its box starts scrolled to the newest events, with no code.
        <section class="events" aria-label="Recent events">
            <div class="feed">
                <fieldset class="filter" title="Heartbeats also show or hide in the space-time diagram">
                    <legend>{ text("events-show") }</legend>
                    { for boxes }
                </fieldset>
                <ol aria-label={text("events-list.aria-label")}>{ for items }</ol>
            </div>
        </section>
    }
}
