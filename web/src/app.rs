//! The page: one session (a lab and its timeline) is the single source of truth; every view
//! renders a snapshot of it. The address bar follows the session, so any moment can be
//! shared; `embed=1` shows only the cluster and minimal controls, for an iframe.

use std::cell::RefCell;
use std::rc::Rc;

use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::sim::{
    format_time, Action, Invariants, NetworkParams, NodeId, Time, Timeline, Violation, MILLI,
};
use yew::prelude::*;

use crate::browser;
use crate::cluster_view::{ClusterSnapshot, ClusterView, SVG_UP_TO};
use crate::events::{recent_events, EventKind, EventList, Filter};
use crate::faults::FaultPanel;
use crate::frame_loop::FrameLoop;
use crate::gossip_charts::{DetectionChart, Spread, SpreadChart};
use crate::handlers::{Handlers, Setters};
use crate::help::Help;
use crate::inspector::{inspect, Inspected, Inspector};
use crate::invariants_panel::InvariantsPanel;
use crate::keys::{use_shortcuts, Key};
use crate::lab::{Lab, LabSettings, CHECKPOINT_INTERVAL};
use crate::link::Link;
use crate::log_view::{LogSnapshot, LogView};
use crate::narration::{current_line, Narration};
use crate::network_panel::NetworkPanel;
use crate::protocols::{Protocol, Shown};
use crate::server_table::{ServerTable, Table};
use crate::session::{each_run, Session};
use crate::settings::SettingsPanel;
use crate::share::SharePanel;
use crate::spacetime::{SpaceTime, SpaceTimeSnapshot};

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

/// While playing, the tables (recent events, logs, server states) are redrawn this often
/// rather than every frame: nobody reads a table that changes sixty times a second, and
/// laying them out and painting them was most of a frame's work.
const TABLE_REFRESH_MS: f64 = 500.0;

/// The tables as last drawn.
struct Tables {
    drawn_at: f64,
    filter: Filter,
    events: Vec<(u64, String)>,
    log: Option<LogSnapshot>,
    servers: Table,
    spread: Option<Spread>,
}

impl Tables {
    fn of<N: Shown>(timeline: &Timeline<N>, filter: Filter, now_ms: f64) -> Self {
        Tables {
            drawn_at: now_ms,
            filter,
            events: recent_events(timeline.trace(), filter),
            log: N::log(timeline.sim()),
            servers: N::table(timeline.sim()),
            spread: N::spread(timeline),
        }
    }
}

/// What the page draws of the run at the playhead, whatever its protocol: built once per
/// render by the one generic function that knows the protocol's types.
struct Frame {
    protocol: Protocol,
    step: u64,
    clock: Time,
    horizon: u64,
    forks: u64,
    cluster: ClusterSnapshot,
    /// None for a cluster too large for a lane per server.
    spacetime: Option<SpaceTimeSnapshot>,
    /// The latest trace record worth a sentence, for the caption when nothing is narrated.
    latest: Option<String>,
    violations: Vec<Violation>,
    properties: &'static [&'static str],
    inspector: Option<(String, Vec<(String, String)>)>,
    /// Whether each server is up, by index.
    up: Vec<bool>,
    /// Client requests a person has sent so far.
    writes: usize,
    in_flight: Vec<(u64, String)>,
    split: bool,
    network: NetworkParams,
    event_names: [&'static str; 5],
    until: [&'static str; 2],
    words: (&'static str, &'static str, bool),
}

impl Frame {
    fn of<N: Shown>(
        timeline: &Timeline<N>,
        playing: bool,
        heartbeats: bool,
        inspected: Option<Inspected>,
    ) -> Frame {
        let sim = timeline.sim();
        Frame {
            protocol: N::KIND,
            step: timeline.step(),
            clock: timeline.clock(),
            horizon: timeline.horizon().max(timeline.step()),
            forks: timeline.forks(),
            cluster: ClusterSnapshot::of(timeline),
            spacetime: (sim.nodes().len() <= SVG_UP_TO)
                .then(|| SpaceTimeSnapshot::of(timeline, heartbeats)),
            latest: timeline.trace().iter().rev().find_map(N::narrate),
            violations: sim.violations().to_vec(),
            properties: <N::Invariants as Invariants<N>>::properties(),
            inspector: inspected.and_then(|what| inspect(timeline, what)),
            up: sim.nodes().iter().map(Option::is_some).collect(),
            writes: timeline
                .actions()
                .iter()
                .filter(|a| matches!(a.action, Action::Client { .. }))
                .count(),
            // Picking a message is for a paused picture: while playing they land within
            // moments, and listing hundreds of them every frame costs more than drawing them.
            in_flight: if playing {
                Vec::new()
            } else {
                sim.in_flight()
                    .map(|m| {
                        let label = N::message(&m.msg).label;
                        (m.id, format!("#{} {label} {} → {}", m.id, m.from, m.to))
                    })
                    .collect()
            },
            split: sim.partition_groups().iter().any(|g| *g != 0) || !sim.cuts().is_empty(),
            network: sim.network().clone(),
            event_names: N::EVENT_KINDS,
            until: N::UNTIL.map(|(name, _)| name),
            words: N::ACTIONS,
        }
    }
}

/// The default lab: five servers, seed 1, a client writing every half second.
pub fn demo_cluster() -> Timeline<RaftNode> {
    Timeline::new(RaftNode::start(&LabSettings::default()), CHECKPOINT_INTERVAL)
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
    let tables = use_mut_ref(|| None::<Tables>);
    let theme = use_state(|| {
        browser::stored(THEME_KEY)
            .filter(|t| THEMES.contains(&t.as_str()))
            .unwrap_or_else(|| "system".into())
    });

    let handlers = use_memo((), |()| {
        Handlers::new(Setters {
            session: session.clone(),
            redraw: redraw.clone(),
            playing: playing.setter(),
            selected: selected.setter(),
            inspected: inspected.setter(),
            notice: notice.setter(),
            filter: filter.setter(),
        })
    });
    {
        let (session, redraw) = (session.clone(), redraw.clone());
        use_effect_with((*playing, *speed), move |&(playing, speed)| {
            let per_ms = SPEEDS[speed].0 * MILLI as f64;
            let player = playing.then(|| {
                FrameLoop::start(move |elapsed_ms| {
                    let run = &mut session.borrow_mut().run;
                    let target = run.clock() + (elapsed_ms * per_ms) as Time;
                    run.advance_to(target);
                    redraw.force_update();
                })
            });
            move || drop(player)
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

    let toggle = {
        let playing = playing.clone();
        Callback::from(move |()| playing.set(!*playing))
    };
    let narration = session.borrow().narration.clone();
    let next_narration = {
        let clock = session.borrow().run.clock();
        let next = current_line(&narration, clock).map_or(0, |i| i + 1);
        let at = narration.get(next).map(|(at, _)| *at);
        let go_to_time = handlers.go_to_time.clone();
        Callback::from(move |()| {
            if let Some(at) = at {
                go_to_time.emit(at);
            }
        })
    };
    let on_key = {
        let (toggle, handlers, help) = (toggle.clone(), handlers.clone(), help.clone());
        let (next_narration, session) = (next_narration.clone(), session.clone());
        Callback::from(move |key: Key| match key {
            Key::PlayPause => toggle.emit(()),
            Key::StepForward => handlers.step_forward.emit(()),
            Key::StepBack => handlers.step_back.emit(()),
            Key::Start => handlers.seek_to.emit(0),
            Key::End => {
                let horizon = session.borrow().run.horizon();
                handlers.seek_to.emit(horizon);
            }
            Key::NextNarration => next_narration.emit(()),
            Key::Help => help.set(!*help),
            Key::Escape => help.set(false),
        })
    };
    use_shortcuts(on_key);

    let on_speed = {
        let speed = speed.clone();
        Callback::from(move |event: Event| {
            let chosen = browser::field_value(&event)
                .and_then(|value| value.parse::<usize>().ok())
                .filter(|&i| i < SPEEDS.len());
            speed.set(chosen.unwrap_or(DEFAULT_SPEED));
        })
    };
    let on_slide = handlers.seek_to.reform(|event: InputEvent| {
        browser::field_value(&event).and_then(|value| value.parse().ok()).unwrap_or(0)
    });
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

    let on_protocol = handlers.start_lab.reform(|event: Event| {
        let chosen = browser::field_value(&event).and_then(|key| Protocol::from_key(&key));
        Lab::Custom(LabSettings::of_protocol(chosen.unwrap_or_default()))
    });

    let session_ref = session.borrow();
    let heartbeats = filter.shows(EventKind::Heartbeat);
    let frame = each_run!(&session_ref.run, t => Frame::of(t, *playing, heartbeats, *inspected));
    let clock = frame.clock;
    let snapshot = frame.cluster.clone();
    let caption = current_line(&narration, clock)
        .and_then(|i| narration.get(i))
        .map(|(_, line)| line.clone())
        .or_else(|| frame.latest.clone());
    let status = format!(
        "{}, {} servers — virtual time {}, step {}",
        frame.protocol.name(),
        frame.up.len(),
        format_time(clock),
        frame.step
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
            <button onclick={handlers.step_back.reform(|_| ())} aria-label="Step back one event"
                title="Step back (←)">{ "◀ Step" }</button>
            <button onclick={toggle.reform(|_| ())} aria-pressed={(*playing).to_string()}
                title="Play / pause (space)">{ play_label }</button>
            <button onclick={handlers.step_forward.reform(|_| ())} aria-label="Step forward one event"
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

    // While playing, the tables are redrawn a few times a second, not every frame.
    let now_ms = browser::now_ms();
    let mut drawn = tables.borrow_mut();
    let fresh = drawn.as_ref().is_some_and(|t| {
        *playing
            && t.filter == *filter
            && (t.drawn_at..t.drawn_at + TABLE_REFRESH_MS).contains(&now_ms)
    });
    if !fresh {
        *drawn = None;
    }
    let tables = drawn
        .get_or_insert_with(|| each_run!(&session_ref.run, t => Tables::of(t, *filter, now_ms)));
    let horizon = frame.horizon;
    let inspector = frame.inspector.clone().map(|(title, rows)| {
        let message = match *inspected {
            Some(Inspected::Message(id)) => Some(id),
            _ => None,
        };
        html! { <Inspector {title} {rows} {message} on_act={handlers.act.clone()} /> }
    });
    let until = frame.until.iter().enumerate().map(|(i, name)| {
        html! { <button onclick={handlers.run_until.reform(move |_| i)}>{ *name }</button> }
    });
    let forks = frame.forks;
    // While playing the link changes every frame; it is only built once the picture holds.
    let query = (!*playing).then(|| session_ref.link(false).to_query());
    html! {
        <main>
            <header class="top">
                <h1>{ "ClusterScope" }</h1>
                <label>{ "Protocol " }
                    <select onchange={on_protocol}>
                        { for Protocol::ALL.iter().map(|p| html! {
                            <option value={p.key()} selected={*p == frame.protocol}>{ p.name() }</option>
                        }) }
                    </select>
                </label>
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
                on_lab={handlers.start_lab.clone()} on_go={handlers.go_to_time.clone()} />
            <div class="controls">
                { step_buttons }
                { for until }
                <label>{ "Speed " }
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, (_, name))| html! {
                            <option value={i.to_string()} selected={i == *speed}>{ *name }</option>
                        }) }
                    </select>
                </label>
            </div>
            <label class="scrub">{ "Timeline " }
                <input type="range" min="0" max={horizon.to_string()} value={frame.step.to_string()}
                    oninput={on_slide} aria-valuetext={format!("step {} of {horizon}", frame.step)} />
            </label>
            <InvariantsPanel properties={frame.properties} violations={frame.violations.clone()}
                on_jump={handlers.seek_to.clone()} />
            <div class="stage">
                <ClusterView {snapshot} on_select={handlers.select.clone()} on_pick_message={handlers.pick_message.clone()}
                    batch_messages={*playing} />
                <EventList lines={tables.events.clone()} names={frame.event_names} filter={*filter}
                    on_jump={handlers.seek_to.clone()} on_filter={handlers.filter.clone()} />
            </div>
            { for inspector }
            if frame.protocol == Protocol::Gossip {
                <section class="charts" aria-label="Charts">
                    <SpreadChart spread={tables.spread.clone()} />
                    <DetectionChart config={session_ref.settings.gossip.clone()}
                        members={session_ref.settings.servers} seed={session_ref.settings.seed} />
                </section>
            }
            if let Some(snapshot) = frame.spacetime {
                <SpaceTime {snapshot} live={*playing} />
            } else {
                <p class="note">{ format!("The space-time diagram draws one lane per server, up to {SVG_UP_TO}; at {} the picture and the charts above tell the story.", frame.up.len()) }</p>
            }
            <FaultPanel servers={frame.up.len()} selected={*selected} up={frame.up.clone()}
                on_select={handlers.select.clone()} on_act={handlers.act.clone()}
                next_write={format!("x={}", frame.writes + 1)} words={frame.words} />
            <NetworkPanel servers={frame.up.len()} params={frame.network} split={frame.split}
                in_flight={frame.in_flight} playing={*playing} on_act={handlers.act.clone()} />
            if let Some(log) = tables.log.clone() {
                <LogView snapshot={log} />
            }
            <SharePanel {query} on_export={handlers.export.clone()} on_import={handlers.import.clone()}
                canvas={frame.up.len() > SVG_UP_TO} />
            <SettingsPanel settings={session_ref.settings.clone()} on_apply={handlers.start_lab.reform(Lab::Custom)} />
            <ServerTable table={tables.servers.clone()} />
        </main>
    }
}
