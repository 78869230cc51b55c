//! The page: one session (a lab and its timeline) is the single source of truth; every view
//! renders a snapshot of it. The address bar follows the session, so any moment can be
//! shared; `embed=1` shows only the cluster and minimal controls, for an iframe.

use std::cell::RefCell;
use std::rc::Rc;

use clusterscope_core::protocols::raft::{narrate, Command, Event as RaftEvent, RaftNode, Role};
use clusterscope_core::sim::{format_time, Action, NodeId, RecordKind, Sim, Time, Timeline, MILLI};
use gloo_timers::callback::Interval;
use yew::prelude::*;

use crate::browser;
use crate::cluster_view::{ClusterSnapshot, ClusterView};
use crate::events::{recent_events, EventKind, EventList, Filter};
use crate::faults::FaultPanel;
use crate::help::Help;
use crate::inspector::{inspect, Inspected, Inspector};
use crate::invariants_panel::InvariantsPanel;
use crate::keys::{use_shortcuts, Key};
use crate::lab::Lab;
use crate::link::Link;
use crate::log_view::{LogSnapshot, LogView};
use crate::narration::{current_line, Narration};
use crate::network_panel::NetworkPanel;
use crate::session::Session;
use crate::settings::SettingsPanel;
use crate::share::SharePanel;
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
/// The themes a person can pick; "system" follows the browser's preference.
const THEMES: [&str; 3] = ["system", "light", "dark"];
const THEME_KEY: &str = "clusterscope-theme";

/// The default lab: five servers, seed 1, a client writing every half second.
pub fn demo_cluster() -> Timeline<RaftNode> {
    Session::default().timeline
}

/// What the page opens with: the session in the address bar, or the default lab and a
/// message saying why the link could not be opened.
struct Opening {
    session: Rc<RefCell<Session>>,
    embed: bool,
    /// Play at once: the bare page (or a link that failed) shows a cluster running; a link
    /// to a moment, or a scenario, waits for the reader.
    play: bool,
    notice: Option<String>,
}

fn opening() -> Opening {
    let link = Link::parse(&browser::query());
    let embed = link.as_ref().is_ok_and(|l| l.embed);
    let play = link
        .as_ref()
        .map_or(true, |l| l.step == 0 && l.actions.is_empty() && matches!(l.lab, Lab::Custom(_)));
    let (session, notice) = match link.and_then(|link| Session::open(&link)) {
        Ok(session) => (session, None),
        Err(e) => (
            Session::default(),
            Some(format!("This link could not be opened: {e}. Showing the default lab instead.")),
        ),
    };
    Opening { session: Rc::new(RefCell::new(session)), embed, play, notice }
}

#[function_component]
pub fn App() -> Html {
    let opened = use_memo((), |()| opening());
    let session = opened.session.clone();
    let embed = opened.embed;
    let notice = use_state(|| opened.notice.clone());
    let redraw = use_force_update();
    let playing = use_state(|| opened.play);
    let selected = use_state(|| None::<NodeId>);
    let speed = use_state(|| DEFAULT_SPEED);
    let filter = use_state(Filter::default);
    let inspected = use_state(|| None::<Inspected>);
    let help = use_state(|| false);
    let theme = use_state(|| {
        browser::stored(THEME_KEY)
            .filter(|t| THEMES.contains(&t.as_str()))
            .unwrap_or_else(|| "system".into())
    });

    {
        let (session, redraw) = (session.clone(), redraw.clone());
        use_effect_with((*playing, *speed), move |&(playing, speed)| {
            let per_tick = (SPEEDS[speed].0 * f64::from(TICK_MS) * MILLI as f64) as u64;
            let interval = playing.then(|| {
                Interval::new(TICK_MS, move || {
                    let timeline = &mut session.borrow_mut().timeline;
                    let target = timeline.clock() + per_tick.max(1);
                    timeline.advance_to(target);
                    redraw.force_update();
                })
            });
            move || drop(interval)
        });
    }
    use_effect_with((*theme).clone(), |theme| browser::set_root_attribute("data-theme", theme));
    // The address bar follows the session whenever it holds still.
    {
        let session = session.clone();
        let playing = *playing;
        use_effect(move || {
            if !playing {
                browser::replace_query(&session.borrow().link(embed).to_query());
            }
        });
    }

    // Stepping and "run until" go through here: they pause (a person stepping wants the
    // picture to hold still) and redraw. Faults from the panels do not pause, so a crash can
    // be watched playing out.
    let change = {
        let (session, playing, redraw) = (session.clone(), playing.clone(), redraw.clone());
        move |f: Rc<dyn Fn(&mut Session)>| {
            let (session, playing, redraw) = (session.clone(), playing.clone(), redraw.clone());
            Callback::from(move |()| {
                playing.set(false);
                f(&mut session.borrow_mut());
                redraw.force_update();
            })
        }
    };
    let toggle = {
        let playing = playing.clone();
        Callback::from(move |()| playing.set(!*playing))
    };
    let step_forward = change(Rc::new(|s| {
        s.timeline.step_forward();
    }));
    let step_back = change(Rc::new(|s| {
        let back = s.timeline.step().saturating_sub(1);
        s.timeline.seek(back);
    }));
    let seek_to = {
        let (session, playing, redraw) = (session.clone(), playing.clone(), redraw.clone());
        Callback::from(move |step: u64| {
            playing.set(false);
            session.borrow_mut().timeline.seek(step);
            redraw.force_update();
        })
    };
    let go_to_time = {
        let (session, playing, redraw) = (session.clone(), playing.clone(), redraw.clone());
        Callback::from(move |at: Time| {
            playing.set(false);
            go_to(&mut session.borrow_mut().timeline, at);
            redraw.force_update();
        })
    };
    let narration = session.borrow().narration.clone();
    let next_narration = {
        let clock = session.borrow().timeline.clock();
        let next = current_line(&narration, clock).map_or(0, |i| i + 1);
        let at = narration.get(next).map(|(at, _)| *at);
        let go_to_time = go_to_time.clone();
        Callback::from(move |()| {
            if let Some(at) = at {
                go_to_time.emit(at);
            }
        })
    };
    let on_key = {
        let (toggle, step_back, step_forward, seek_to, help) = (
            toggle.clone(),
            step_back.clone(),
            step_forward.clone(),
            seek_to.clone(),
            help.clone(),
        );
        let (next_narration, session) = (next_narration.clone(), session.clone());
        Callback::from(move |key: Key| match key {
            Key::PlayPause => toggle.emit(()),
            Key::StepForward => step_forward.emit(()),
            Key::StepBack => step_back.emit(()),
            Key::Start => seek_to.emit(0),
            Key::End => {
                let horizon = session.borrow().timeline.horizon();
                seek_to.emit(horizon);
            }
            Key::NextNarration => next_narration.emit(()),
            Key::Help => help.set(!*help),
            Key::Escape => help.set(false),
        })
    };
    use_shortcuts(on_key);

    let on_act = {
        let (session, redraw) = (session.clone(), redraw.clone());
        Callback::from(move |action: Action<Command>| {
            session.borrow_mut().timeline.act(action);
            redraw.force_update();
        })
    };
    let start_lab = {
        let (session, selected, inspected, notice, playing, redraw) = (
            session.clone(),
            selected.clone(),
            inspected.clone(),
            notice.clone(),
            playing.clone(),
            redraw.clone(),
        );
        Callback::from(move |lab: Lab| {
            match Session::new(lab) {
                Ok(next) => {
                    let scenario = matches!(next.lab, Lab::Scenario(_));
                    *session.borrow_mut() = next;
                    selected.set(None);
                    inspected.set(None);
                    notice.set(None);
                    // A scenario waits for the reader; the free lab runs.
                    playing.set(!scenario);
                }
                Err(e) => notice.set(Some(format!("Could not start that lab: {e}"))),
            }
            redraw.force_update();
        })
    };
    let on_apply = start_lab.reform(Lab::Custom);
    let on_speed = {
        let speed = speed.clone();
        Callback::from(move |event: Event| {
            let chosen = browser::field_value(&event)
                .and_then(|value| value.parse::<usize>().ok())
                .filter(|&i| i < SPEEDS.len());
            speed.set(chosen.unwrap_or(DEFAULT_SPEED));
        })
    };
    let on_slide = seek_to.reform(|event: InputEvent| {
        browser::field_value(&event).and_then(|value| value.parse().ok()).unwrap_or(0)
    });
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |next: Filter| filter.set(next))
    };
    let run_until = |wanted: fn(&RecordKind<RaftNode>) -> bool| {
        change(Rc::new(move |s| run_until_record(&mut s.timeline, wanted)))
    };
    let until_leader = run_until(|kind| {
        matches!(kind, RecordKind::Node { event: RaftEvent::Role { role: Role::Leader, .. }, .. })
    });
    let until_commit =
        run_until(|kind| matches!(kind, RecordKind::Node { event: RaftEvent::Commit { .. }, .. }));
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
    let on_export = {
        let session = session.clone();
        Callback::from(move |()| {
            let session = session.borrow();
            let name = format!("clusterscope-step-{}.trace.json", session.timeline.step());
            browser::download(&name, "application/json", &session.export());
        })
    };
    let on_import = {
        let (session, notice, playing, redraw) =
            (session.clone(), notice.clone(), playing.clone(), redraw.clone());
        Callback::from(move |text: String| {
            match Session::import(&text) {
                Ok((imported, warning)) => {
                    let step = imported.timeline.step();
                    *session.borrow_mut() = imported;
                    playing.set(false);
                    notice.set(Some(
                        warning.unwrap_or_else(|| format!("Trace imported; at step {step}.")),
                    ));
                }
                Err(e) => notice.set(Some(format!("Could not import the trace: {e}"))),
            }
            redraw.force_update();
        })
    };
    let on_theme = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            let at = THEMES.iter().position(|t| **t == *theme).unwrap_or(0);
            let next = THEMES[(at + 1) % THEMES.len()];
            browser::store(THEME_KEY, next);
            theme.set(next.to_string());
        })
    };
    let dismiss = {
        let notice = notice.clone();
        Callback::from(move |_: MouseEvent| notice.set(None))
    };

    let session_ref = session.borrow();
    let timeline = &session_ref.timeline;
    let sim = timeline.sim();
    let clock = timeline.clock();
    let snapshot = ClusterSnapshot::of(timeline);
    let caption = current_line(&narration, clock)
        .and_then(|i| narration.get(i))
        .map(|(_, line)| line.clone())
        .or_else(|| timeline.trace().iter().rev().find_map(narrate));
    let status = format!(
        "Raft, {} servers — virtual time {}, step {}",
        sim.nodes().len(),
        format_time(clock),
        sim.steps()
    );
    let play_label = if *playing { "Pause" } else { "Play" };
    let notice_banner = notice.as_ref().map(|message| {
        html! {
            <div class="notice" role="alert">
                <span>{ message }</span>
                <button onclick={dismiss.clone()} aria-label="Dismiss message">{ "×" }</button>
            </div>
        }
    });
    let step_buttons = html! {
        <>
            <button onclick={step_back.reform(|_| ())} aria-label="Step back one event"
                title="Step back (←)">{ "◀ Step" }</button>
            <button onclick={toggle.reform(|_| ())} aria-pressed={(*playing).to_string()}
                title="Play / pause (space)">{ play_label }</button>
            <button onclick={step_forward.reform(|_| ())} aria-label="Step forward one event"
                title="Step forward (→)">{ "Step ▶" }</button>
        </>
    };

    if embed {
        let full = format!("{}?{}", browser::base_url(), session_ref.link(false).to_query());
        let next = (!narration.is_empty()).then(|| {
            html! {
                <button onclick={next_narration.reform(|_| ())}>{ "Next narration ▶" }</button>
            }
        });
        return html! {
            <main class="embed">
                { for notice_banner }
                <p class="status" aria-live="polite">{ status }</p>
                <ClusterView {snapshot} batch_messages={*playing} />
                <p class="caption" aria-live="polite">{ caption.unwrap_or_default() }</p>
                <div class="controls">
                    { step_buttons }
                    { for next }
                    <a href={full} target="_blank" rel="noopener">{ "Open in ClusterScope ↗" }</a>
                </div>
            </main>
        };
    }

    let violations = sim.violations().to_vec();
    let horizon = timeline.horizon().max(timeline.step());
    let inspector = (*inspected).and_then(|what| inspect(timeline, what)).map(|(title, rows)| {
        let message = match *inspected {
            Some(Inspected::Message(id)) => Some(id),
            _ => None,
        };
        html! { <Inspector {title} {rows} {message} on_act={on_act.clone()} /> }
    });
    let up: Vec<bool> = sim.nodes().iter().map(Option::is_some).collect();
    let writes =
        timeline.actions().iter().filter(|a| matches!(a.action, Action::Client { .. })).count();
    // Picking a message is for a paused picture: while playing they land within moments,
    // and listing hundreds of them every frame costs more than drawing them.
    let in_flight: Vec<(u64, String)> = if *playing {
        Vec::new()
    } else {
        sim.in_flight()
            .map(|m| (m.id, format!("#{} {} {} → {}", m.id, m.msg.label(), m.from, m.to)))
            .collect()
    };
    let split = sim.partition_groups().iter().any(|g| *g != 0) || !sim.cuts().is_empty();
    let forks = timeline.forks();
    let rows = NodeId::all(sim.nodes().len()).map(|id| node_row(sim, id));
    // While playing the link changes every frame; it is only built once the picture holds.
    let query = (!*playing).then(|| session_ref.link(false).to_query());
    html! {
        <main>
            <header class="top">
                <h1>{ "ClusterScope" }</h1>
                <button onclick={on_theme} aria-label={format!("Theme: {} (change)", *theme)}>
                    { format!("Theme: {}", *theme) }</button>
                <button onclick={let help = help.clone(); Callback::from(move |_| help.set(true))}
                    aria-label="Keyboard shortcuts and legend" title="Help (?)">{ "?" }</button>
            </header>
            { for notice_banner }
            if *help {
                <Help on_close={let help = help.clone(); Callback::from(move |()| help.set(false))} />
            }
            <p class="status" aria-live="polite">
                { status }
                if forks > 0 { <span class="forked">{ format!(" — forked {forks}× (acting in the past discards the old future)") }</span> }
            </p>
            <Narration lab={session_ref.lab.clone()} lines={narration.clone()} {clock}
                on_lab={start_lab} on_go={go_to_time} />
            <div class="controls">
                { step_buttons }
                <button onclick={until_leader.reform(|_| ())}>{ "Run until next leader" }</button>
                <button onclick={until_commit.reform(|_| ())}>{ "Run until next commit" }</button>
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
                <ClusterView {snapshot} on_select={on_select.clone()} {on_pick_message}
                    batch_messages={*playing} />
                <EventList lines={recent_events(timeline.trace(), *filter)} filter={*filter}
                    on_jump={seek_to.clone()} {on_filter} />
            </div>
            { for inspector }
            <SpaceTime snapshot={SpaceTimeSnapshot::of(timeline, filter.shows(EventKind::Heartbeat))}
                live={*playing} />
            <FaultPanel servers={up.len()} selected={*selected} up={up} on_select={on_select}
                on_act={on_act.clone()} next_write={format!("x={}", writes + 1)} />
            <NetworkPanel servers={sim.nodes().len()} params={sim.network().clone()} {split}
                {in_flight} playing={*playing} {on_act} />
            <LogView snapshot={LogSnapshot::of(timeline)} />
            <SharePanel {query} {on_export} {on_import} />
            <SettingsPanel settings={session_ref.settings.clone()} {on_apply} />
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
        </main>
    }
}

/// Steps until a step's records show the wanted event, or gives up after
/// [`RUN_UNTIL_LIMIT`] steps.
fn run_until_record(timeline: &mut Timeline<RaftNode>, wanted: fn(&RecordKind<RaftNode>) -> bool) {
    for _ in 0..RUN_UNTIL_LIMIT {
        if !timeline.step_forward() {
            break;
        }
        let step = timeline.step();
        if timeline.records_of(step).iter().any(|r| wanted(&r.kind)) {
            break;
        }
    }
}

/// Moves to the moment a scheduled action at `at` has just run: forward by advancing the
/// clock, backward by finding the action's step in the trace (which is in time order).
fn go_to(timeline: &mut Timeline<RaftNode>, at: Time) {
    if at > timeline.clock() {
        timeline.advance_to(at);
        return;
    }
    let trace = timeline.full_trace();
    let from = trace.partition_point(|r| r.time < at);
    let step = trace[from..]
        .iter()
        .find(|r| matches!(r.kind, RecordKind::Action { .. }))
        .map_or(timeline.step(), |r| r.step);
    timeline.seek(step);
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
