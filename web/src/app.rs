//! A running Raft cluster: the cluster view, step controls, the narrated events and the server
//! states, all rendered from one timeline (the single source of truth).

use std::cell::RefCell;
use std::rc::Rc;

use clusterscope_core::protocols::raft::{Command, Event as RaftEvent, RaftNode, Role};
use clusterscope_core::sim::{format_time, Action, NodeId, RecordKind, Sim, Timeline, MILLI};
use gloo_timers::callback::Interval;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::cluster_view::{ClusterSnapshot, ClusterView};
use crate::events::{recent_events, EventList};
use crate::faults::FaultPanel;
use crate::inspector::{inspect, Inspected, Inspector};
use crate::invariants_panel::InvariantsPanel;
use crate::log_view::{LogSnapshot, LogView};
use crate::settings::{build_timeline, LabSettings, SettingsPanel};
use crate::spacetime::{SpaceTime, SpaceTimeSnapshot};

/// "Run until …" gives up after this many steps, so a cluster that never elects cannot hang
/// the page.
const RUN_UNTIL_LIMIT: u64 = 100_000;

/// Wall-clock milliseconds between animation ticks.
const TICK_MS: u32 = 50;
/// Playback speeds (virtual time per real time), on a log scale. A fifth of real speed is the
/// default: slow enough to watch an election message by message.
const SPEEDS: [(f64, &str); 7] = [
    (0.02, "0.02×"),
    (0.05, "0.05×"),
    (0.1, "0.1×"),
    (0.2, "0.2×"),
    (0.5, "0.5×"),
    (1.0, "1×"),
    (2.0, "2×"),
];
const DEFAULT_SPEED: usize = 3;

/// The default lab: five servers, seed 1, a client writing every half second.
pub fn demo_cluster() -> Timeline<RaftNode> {
    build_timeline(&LabSettings::default())
}

#[function_component]
pub fn App() -> Html {
    let timeline: Rc<RefCell<Timeline<RaftNode>>> = use_mut_ref(demo_cluster);
    let redraw = use_force_update();
    let playing = use_state(|| true);
    let selected = use_state(|| None::<NodeId>);
    let settings = use_state(LabSettings::default);
    let speed = use_state(|| DEFAULT_SPEED);
    let heartbeats = use_state(|| false);
    let inspected = use_state(|| None::<Inspected>);
    let writes = use_mut_ref(|| 0u64);

    {
        let timeline = timeline.clone();
        let redraw = redraw.clone();
        use_effect_with((*playing, *speed), move |&(playing, speed)| {
            let per_tick = (SPEEDS[speed].0 * f64::from(TICK_MS) * MILLI as f64) as u64;
            let interval = playing.then(|| {
                Interval::new(TICK_MS, move || {
                    let mut timeline = timeline.borrow_mut();
                    let target = timeline.clock() + per_tick.max(1);
                    timeline.advance_to(target);
                    redraw.force_update();
                })
            });
            move || drop(interval)
        });
    }

    let toggle = {
        let playing = playing.clone();
        Callback::from(move |()| playing.set(!*playing))
    };
    // Stepping pauses: a person stepping wants the picture to hold still.
    let step_by = |forward: bool| {
        let (timeline, playing, redraw) = (timeline.clone(), playing.clone(), redraw.clone());
        Callback::from(move |()| {
            playing.set(false);
            let mut timeline = timeline.borrow_mut();
            if forward {
                timeline.step_forward();
            } else if timeline.step() > 0 {
                let back = timeline.step() - 1;
                timeline.seek(back);
            }
            redraw.force_update();
        })
    };
    let (step_back, step_forward) = (step_by(false), step_by(true));

    // Keyboard: space plays or pauses, ← and → step. Re-registered when `playing` changes so
    // the handler never acts on a stale value.
    {
        let (toggle, step_back, step_forward) =
            (toggle.clone(), step_back.clone(), step_forward.clone());
        use_effect_with(*playing, move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|document| {
                // Not passive: space must not also scroll the page.
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(
                    &document,
                    "keydown",
                    options,
                    move |event| {
                        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                        if key.ctrl_key() || key.meta_key() || key.alt_key() || typing(key) {
                            return;
                        }
                        let handled = match key.key().as_str() {
                            " " => Some(&toggle),
                            "ArrowLeft" => Some(&step_back),
                            "ArrowRight" => Some(&step_forward),
                            _ => None,
                        };
                        if let Some(callback) = handled {
                            key.prevent_default();
                            callback.emit(());
                        }
                    },
                )
            });
            move || drop(listener)
        });
    }

    let on_act = {
        let (timeline, redraw, writes) = (timeline.clone(), redraw.clone(), writes.clone());
        Callback::from(move |action: Action<Command>| {
            if matches!(action, Action::Client { .. }) {
                *writes.borrow_mut() += 1;
            }
            timeline.borrow_mut().act(action);
            redraw.force_update();
        })
    };
    let seek_to = {
        let (timeline, playing, redraw) = (timeline.clone(), playing.clone(), redraw.clone());
        Callback::from(move |step: u64| {
            playing.set(false);
            timeline.borrow_mut().seek(step);
            redraw.force_update();
        })
    };
    let on_slide = seek_to.reform(|event: InputEvent| {
        event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.value().parse().ok())
            .unwrap_or(0)
    });
    let on_speed = {
        let speed = speed.clone();
        Callback::from(move |event: Event| {
            let chosen = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .and_then(|select| select.value().parse::<usize>().ok())
                .filter(|&i| i < SPEEDS.len());
            speed.set(chosen.unwrap_or(DEFAULT_SPEED));
        })
    };
    let toggle_heartbeats = {
        let heartbeats = heartbeats.clone();
        Callback::from(move |()| heartbeats.set(!*heartbeats))
    };
    // "Run until": step until a step's records show the wanted event, or give up.
    let run_until = |wanted: fn(&RecordKind<RaftNode>) -> bool| {
        let (timeline, playing, redraw) = (timeline.clone(), playing.clone(), redraw.clone());
        Callback::from(move |_: MouseEvent| {
            playing.set(false);
            let mut timeline = timeline.borrow_mut();
            for _ in 0..RUN_UNTIL_LIMIT {
                if !timeline.step_forward() {
                    break;
                }
                let step = timeline.step();
                if timeline.records_of(step).iter().any(|r| wanted(&r.kind)) {
                    break;
                }
            }
            redraw.force_update();
        })
    };
    let until_leader = run_until(|kind| {
        matches!(kind, RecordKind::Node { event: RaftEvent::Role { role: Role::Leader, .. }, .. })
    });
    let until_commit =
        run_until(|kind| matches!(kind, RecordKind::Node { event: RaftEvent::Commit { .. }, .. }));
    let on_apply = {
        let (timeline, settings, selected, redraw) =
            (timeline.clone(), settings.clone(), selected.clone(), redraw.clone());
        Callback::from(move |next: LabSettings| {
            *timeline.borrow_mut() = build_timeline(&next);
            selected.set(None);
            settings.set(next);
            redraw.force_update();
        })
    };
    let on_select = {
        let (selected, inspected) = (selected.clone(), inspected.clone());
        Callback::from(move |id: NodeId| {
            selected.set(Some(id));
            inspected.set(Some(Inspected::Server(id)));
        })
    };
    let on_pick_message = {
        let inspected = inspected.clone();
        Callback::from(move |id: u64| inspected.set(Some(Inspected::Message(id))))
    };

    let timeline = timeline.borrow();
    let snapshot = ClusterSnapshot::of(&timeline);
    let logs = LogSnapshot::of(&timeline);
    let spacetime = SpaceTimeSnapshot::of(&timeline);
    let up: Vec<bool> = timeline.sim().nodes().iter().map(Option::is_some).collect();
    let next_write = format!("x={}", *writes.borrow() + 1);
    let violations = timeline.sim().violations().to_vec();
    let horizon = timeline.horizon().max(timeline.step());
    let show_heartbeats = *heartbeats;
    let inspector = (*inspected).and_then(|what| inspect(&timeline, what)).map(|(title, rows)| {
        html! { <Inspector {title} {rows} /> }
    });
    let sim = timeline.sim();
    let rows = NodeId::all(sim.nodes().len()).map(|id| node_row(sim, id));
    html! {
        <main>
            <h1>{ "ClusterScope" }</h1>
            <p class="status" aria-live="polite">
                { format!("Raft, {} servers — virtual time {}, step {}", sim.nodes().len(), format_time(timeline.clock()), sim.steps()) }
            </p>
            <div class="controls">
                <button onclick={step_back.reform(|_| ())} aria-label="Step back one event"
                    title="Step back (←)">{ "◀ Step" }</button>
                <button onclick={toggle.reform(|_| ())} aria-pressed={(*playing).to_string()}
                    title="Play / pause (space)">
                    { if *playing { "Pause" } else { "Play" } }
                </button>
                <button onclick={step_forward.reform(|_| ())} aria-label="Step forward one event"
                    title="Step forward (→)">{ "Step ▶" }</button>
                <button onclick={until_leader}>{ "Run until next leader" }</button>
                <button onclick={until_commit}>{ "Run until next commit" }</button>
                <label>{ "Speed " }
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, (_, name))| html! {
                            <option value={i.to_string()} selected={i == *speed}>{ *name }</option>
                        }) }
                    </select>
                </label>
            </div>
            <label class="scrub">{ "Timeline " }
                <input type="range" min="0" max={horizon.to_string()} value={timeline.step().to_string()}
                    oninput={on_slide} aria-valuetext={format!("step {} of {horizon}", timeline.step())} />
            </label>
            <InvariantsPanel violations={violations} on_jump={seek_to.clone()} />
            <div class="stage">
                <ClusterView snapshot={snapshot} on_select={on_select.clone()} {on_pick_message} />
                <EventList lines={recent_events(timeline.trace(), show_heartbeats)} {show_heartbeats}
                    on_jump={seek_to.clone()} on_toggle={toggle_heartbeats} />
            </div>
            { for inspector }
            <SpaceTime snapshot={spacetime} />
            <FaultPanel servers={up.len()} selected={*selected} up={up} on_select={on_select}
                on_act={on_act} next_write={next_write} />
            <LogView snapshot={logs} />
            <SettingsPanel settings={(*settings).clone()} on_apply={on_apply} />
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
            <p class="violations">
                { match sim.violations().first() {
                    None => "All safety checks hold.".to_string(),
                    Some(v) => format!("Violation: {v}"),
                } }
            </p>
        </main>
    }
}

fn node_row(sim: &Sim<RaftNode>, id: NodeId) -> Html {
    let Some(node) = sim.node(id) else {
        return html! {
            <tr class="down"><th scope="row">{ id.to_string() }</th><td colspan="5">{ "down" }</td></tr>
        };
    };
    let role = match node.role() {
        Role::Follower => "follower",
        Role::Candidate => "candidate",
        Role::Leader => "leader",
    };
    html! {
        <tr class={role}>
            <th scope="row">{ id.to_string() }</th>
            <td>{ role }</td>
            <td>{ node.current_term() }</td>
            <td>{ node.voted_for().map_or("—".to_string(), |v| v.to_string()) }</td>
            <td>{ node.log().len() }</td>
            <td>{ node.commit_index() }</td>
        </tr>
    }
}

/// Whether a key press belongs to a text field (keyboard shortcuts must not steal it).
fn typing(key: &web_sys::KeyboardEvent) -> bool {
    key.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
}
