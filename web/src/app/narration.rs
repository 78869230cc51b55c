//! The lab picker and a scenario's narration: pick a shipped scenario (or the free lab), read
//! the line for the current moment, and step from one narrated moment to the next.

use clusterscope_core::sim::{format_time, Time};
use yew::prelude::*;

use crate::labs::lab::{Lab, SHIPPED};
use crate::views::l10n::{narrated, scenario_line_id, text, text_with};

/// The value of the picker's "free lab" option.
const CUSTOM: &str = "custom";

#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    pub lab: Lab,
    /// (time, line) for each narrated moment of the scenario.
    pub lines: Vec<(Time, String)>,
    /// Virtual time at the playhead.
    pub clock: Time,
    pub on_lab: Callback<Lab>,
    /// Go to the narrated moment at this time.
    pub on_go: Callback<Time>,
}

/// The lab's narrated moments in the page's language (`lines` as the scenario says them).
pub fn shown_lines(lab: &Lab, lines: &[(Time, String)]) -> Vec<(Time, String)> {
    let shown = |(n, (at, line)): (usize, &(Time, String))| match lab {
        Lab::Scenario(name) => (*at, narrated(&scenario_line_id(name, n + 1), line)),
        Lab::Custom(_) => (*at, line.clone()),
    };
    lines.iter().enumerate().map(shown).collect()
}

/// Index of the line in force at `clock`: the last one whose moment has come.
pub fn current_line(lines: &[(Time, String)], clock: Time) -> Option<usize> {
    lines.partition_point(|(at, _)| *at <= clock).checked_sub(1)
}

#[function_component]
pub fn Narration(props: &NarrationProps) -> Html {
    let on_pick = {
        let on_lab = props.on_lab.clone();
        Callback::from(move |event: Event| {
            let Some(value) = crate::views::browser::field_value(&event) else { return };
            on_lab.emit(if value == CUSTOM {
                Lab::default()
            } else {
                Lab::scenario(&value).unwrap_or_default()
            });
        })
    };
    let chosen = match props.lab {
        Lab::Scenario(name) => name,
        Lab::Custom(_) => CUSTOM,
    };
    let current = current_line(&props.lines, props.clock);
    let next = current.map_or(0, |i| i + 1);
    let go = |index: usize| {
        let at = props.lines.get(index).map(|(at, _)| *at);
        let on_go = props.on_go.clone();
        (at, Callback::from(move |_: MouseEvent| on_go.emit(at.unwrap_or(0))))
    };
    let (previous_at, go_previous) = go(current.map_or(0, |i| i.saturating_sub(1)));
    let (next_at, go_next) = go(next);
    let caption = current.and_then(|i| props.lines.get(i)).map(|(_, line)| line.clone());
    let items = props.lines.iter().enumerate().map(|(i, (at, line))| {
        let (_, onclick) = go(i);
        let class = classes!((Some(i) == current).then_some("current"), (i >= next).then_some("ahead"));
        html! {
            <li {class}>
                <button class="event" {onclick} aria-current={(Some(i) == current).then_some("step")}>
                    <span class="step">{ format_time(*at) }</span>{ line }
                </button>
            </li>
        }
    });
    html! {
        <section class="narration" aria-label={text("narration.aria-label")}>
            <label>{ text("scenario") }{ " " }
                <select onchange={on_pick}>
                    <option value={CUSTOM} selected={chosen == CUSTOM}>{ text("free-lab") }</option>
                    { for SHIPPED.iter().map(|name| html! {
                        <option value={*name} selected={chosen == *name}>{ *name }</option>
                    }) }
                </select>
            </label>
            if !props.lines.is_empty() {
                <p class="caption" aria-live="polite">
                    { caption.unwrap_or_else(|| text("narration-start")) }
                </p>
                <div class="narration-controls">
                    <button onclick={go_previous} disabled={previous_at.is_none() || current.is_none()}>
                        { text("narration-previous") }</button>
                    <button onclick={go_next} disabled={next_at.is_none()}>{ text("narration-next") }</button>
                </div>
                <details>
                    <summary>{ text_with("narration-all", &[("count", &props.lines.len().to_string())]) }</summary>
                    <ol>{ for items }</ol>
                </details>
            }
        </section>
    }
}
