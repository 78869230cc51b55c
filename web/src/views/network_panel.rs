//! Network faults: split the cluster into two sides, cut one link one way, heal, change loss,
//! duplication and latency, and drop or duplicate a chosen message in flight. Each control
//! becomes an action on the timeline, so it lands in the link and replays exactly.

use clusterscope_core::sim::{parse_decimal, Action, NetworkParams, NodeId, Time, MILLI};
use yew::prelude::*;

use crate::views::browser::field_value;
use crate::views::faults::{member_input, BUTTONS_UP_TO};
use crate::views::l10n::{text, text_with};

#[derive(Properties, PartialEq)]
pub struct NetworkPanelProps {
    pub servers: usize,
    pub params: NetworkParams,
    /// Whether any partition or cut is in force.
    pub split: bool,
    /// (id, description) of each message in flight, in delivery order.
    pub in_flight: Vec<(u64, String)>,
    /// While playing, the message list is left empty (see the app).
    pub playing: bool,
    pub on_act: Callback<Action<String>>,
}

#[function_component]
pub fn NetworkPanel(props: &NetworkPanelProps) -> Html {
    let side_b = use_state(Vec::<NodeId>::new);
    let cut = use_state(|| (NodeId(0), NodeId(1)));
    let latency = use_state(|| None::<(String, String)>);
    let message = use_state(|| None::<u64>);
    let act = |action: Action<String>| props.on_act.reform(move |_: MouseEvent| action.clone());

    let large = props.servers > BUTTONS_UP_TO;
    let sides = NodeId::all(if large { 0 } else { props.servers }).map(|id| {
        let side_b = side_b.clone();
        let checked = side_b.contains(&id);
        let servers = props.servers;
        let onchange = Callback::from(move |_: Event| {
            // Side B in server order, with `id` toggled.
            let next = NodeId::all(servers)
                .filter(|n| if *n == id { !checked } else { side_b.contains(n) })
                .collect();
            side_b.set(next);
        });
        html! { <label><input type="checkbox" {checked} {onchange} />{ id.to_string() }</label> }
    });
    // A large cluster's side B is a range of members, S{first} to S{last}.
    let side_range = large.then(|| {
        let first = side_b.first().copied().unwrap_or(NodeId(0));
        let last = side_b.last().copied().unwrap_or(NodeId(0));
        let set = |which: usize| {
            let side_b = side_b.clone();
            Callback::from(move |id: NodeId| {
                let (a, b) = if which == 0 { (id, last.max(id)) } else { (first.min(id), id) };
                side_b.set((a.0..=b.0).map(NodeId).collect());
            })
        };
        html! {
            <>
                { member_input(&text("network-side-b-from"), props.servers, first, set(0)) }
                { member_input(&text("network-to"), props.servers, last, set(1)) }
            </>
        }
    });
    let can_split = !side_b.is_empty() && side_b.len() < props.servers;
    let split = act(Action::Partition { groups: vec![(*side_b).clone()] });

    let pick = |which: usize| {
        let cut = cut.clone();
        Callback::from(move |event: Event| {
            let Some(id) = field_value(&event).and_then(|v| v.parse::<NodeId>().ok()) else {
                return;
            };
            let (from, to) = *cut;
            cut.set(if which == 0 { (id, to) } else { (from, id) });
        })
    };
    let server_options = |chosen: NodeId| {
        NodeId::all(props.servers)
            .map(|id| html! { <option value={id.to_string()} selected={id == chosen}>{ id.to_string() }</option> })
            .collect::<Html>()
    };
    let (from, to) = *cut;

    let percent = |name: &'static str, label: String, value: f64, max: u32| {
        let on_act = props.on_act.clone();
        let onchange = Callback::from(move |event: Event| {
            let Some(p) = field_value(&event).and_then(|v| parse_decimal(&v)) else { return };
            let p = Some((p / 100.0).clamp(0.0, 1.0));
            let (loss, duplicate) = if name == "loss" { (p, None) } else { (None, p) };
            on_act.emit(Action::Network { loss, duplicate, latency: None, link: None });
        });
        let shown = format!("{:.0}%", value * 100.0);
        html! {
            <label>{ label }{ " " }
                <input type="range" min="0" max={max.to_string()} step="5"
                    value={format!("{:.0}", value * 100.0)} {onchange}
                    aria-valuetext={shown.clone()} />
                <output>{ shown }</output>
            </label>
        }
    };
    let (latency_min, latency_max) = (*latency).clone().unwrap_or_else(|| {
        let (min, max) = props.params.latency;
        ((min / MILLI).to_string(), (max / MILLI).to_string())
    });
    let latency_field = |which: usize, value: String| {
        let latency = latency.clone();
        let (min, max) = (latency_min.clone(), latency_max.clone());
        let oninput = Callback::from(move |event: InputEvent| {
            let Some(value) = field_value(&event) else { return };
            latency.set(Some(if which == 0 { (value, max.clone()) } else { (min.clone(), value) }));
        });
        html! { <input type="text" inputmode="numeric" size="4" {value} {oninput}
        aria-label={text(if which == 0 { "network-latency-min.aria-label" } else { "network-latency-max.aria-label" })} /> }
    };
    let parsed_latency = parse_latency(&latency_min, &latency_max);
    let set_latency = {
        let (on_act, latency) = (props.on_act.clone(), latency.clone());
        let parsed = parsed_latency.clone();
        Callback::from(move |_: MouseEvent| {
            if let Ok(range) = parsed {
                latency.set(None);
                on_act.emit(Action::Network {
                    loss: None,
                    duplicate: None,
                    latency: Some(range),
                    link: None,
                });
            }
        })
    };

    // The chosen message, if it is still in flight; else the first one.
    let chosen = (*message)
        .filter(|id| props.in_flight.iter().any(|(m, _)| m == id))
        .or_else(|| props.in_flight.first().map(|(id, _)| *id));
    let on_message = {
        let message = message.clone();
        Callback::from(move |event: Event| {
            message.set(field_value(&event).and_then(|v| v.parse().ok()))
        })
    };
    let message_actions = chosen.map(|id| {
        html! {
            <>
                <button onclick={act(Action::DropMessage { id })}>{ text_with("network-drop", &[("id", &id.to_string())]) }</button>
                <button onclick={act(Action::DuplicateMessage { id })}>{ text_with("network-duplicate", &[("id", &id.to_string())]) }</button>
            </>
        }
    });

    html! {
        <section class="network" aria-label={text("network.aria-label")}>
            <h2>{ text("network") }</h2>
            <fieldset>
                <legend>{ text(if large { "network-partition-range" } else { "network-partition-tick" }) }</legend>
                { for sides }
                { for side_range }
                <button disabled={!can_split} onclick={split}>{ text("network-split") }</button>
                <button disabled={!props.split} onclick={act(Action::Heal)}>{ text("network-heal") }</button>
            </fieldset>
            <fieldset>
                <legend>{ text("network-cut-one") }</legend>
                if large {
                    { member_input(&text("network-from"), props.servers, from, { let cut = cut.clone(); Callback::from(move |id| cut.set((id, cut.1))) }) }
                    { member_input(&text("network-to"), props.servers, to, { let cut = cut.clone(); Callback::from(move |id| cut.set((cut.0, id))) }) }
                } else {
                    <label>{ text("network-from") }{ " " }<select onchange={pick(0)} aria-label={text("network-cut-from.aria-label")}>{ server_options(from) }</select></label>
                    <label>{ text("network-to") }{ " " }<select onchange={pick(1)} aria-label={text("network-cut-to.aria-label")}>{ server_options(to) }</select></label>
                }
                <button disabled={from == to} onclick={act(Action::Cut { from, to })}>
                    { text_with("network-cut", &[("from", &from.to_string()), ("to", &to.to_string())]) }</button>
            </fieldset>
            <fieldset>
                <legend>{ text("network-conditions") }</legend>
                { percent("loss", text("network-loss"), props.params.loss, 100) }
                { percent("duplication", text("network-duplication"), props.params.duplicate, 50) }
                <span class="latency">{ text("network-latency") }{ " " }{ latency_field(0, latency_min.clone()) }{ "–" }
                    { latency_field(1, latency_max.clone()) }{ " ms " }
                    <button disabled={parsed_latency.is_err()} onclick={set_latency}>{ text("network-set-latency") }</button>
                </span>
                { for parsed_latency.err().map(|e| html! { <p class="error" role="alert">{ e }</p> }) }
            </fieldset>
            <fieldset>
                <legend>{ text("network-in-flight") }</legend>
                if props.playing {
                    <span>{ text("network-pause-to-pick") }</span>
                } else if props.in_flight.is_empty() {
                    <span>{ text("network-none") }</span>
                } else {
                    <label>{ text("network-message") }{ " " }
                        <select onchange={on_message}>
                            { for props.in_flight.iter().map(|(id, text)| html! {
                                <option value={id.to_string()} selected={Some(*id) == chosen}>{ text }</option>
                            }) }
                        </select>
                    </label>
                }
                { for message_actions }
            </fieldset>
        </section>
    }
}

fn parse_latency(min: &str, max: &str) -> Result<(Time, Time), String> {
    let ms = |typed: &str| -> Result<Time, String> {
        typed
            .trim()
            .parse::<u64>()
            .map(|v| v.saturating_mul(MILLI))
            .map_err(|_| text_with("network-latency-whole", &[("typed", typed.trim())]))
    };
    let range = (ms(min)?, ms(max)?);
    clusterscope_core::sim::validate_latency(range)
        .map_err(|e| format!("{}: {e}.", text("network-latency")))?;
    Ok(range)
}
