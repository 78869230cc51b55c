//! The page: one session (a lab and its timeline) is the single source of truth; every view
//! renders a snapshot of it. The address bar follows the session, so any moment can be
//! shared; `embed=1` shows only the cluster and minimal controls, for an iframe.

mod handlers;
mod help;
#[cfg(lessons)]
mod host;
mod keys;
#[cfg(lessons)]
mod lesson;
/// This bundle plays no lessons (web/build.rs says which do).
#[cfg(not(lessons))]
mod lesson {
    #[derive(Default)]
    pub struct Shown {
        pub card: Option<yew::Html>,
        pub link: Option<(String, usize)>,
    }
}
mod narration;
mod on_screen;
mod opening;
mod recording;
mod replay;
mod share;
mod side_panel;

#[cfg(feature = "raft")]
use clusterscope_core::protocols::raft::RaftNode;
use clusterscope_core::sim::{format_time, Action, NodeId, Target, Time, MILLI, SECOND};
use yew::prelude::*;

use self::handlers::{Handlers, Setters, PENDING_IMPORT};
use self::help::Help;
use self::keys::{use_shortcuts, Key};
use self::narration::{current_line, shown_lines, Narration};
use self::opening::opening;
use self::side_panel::PANELS;
use crate::labs::lab::Lab;
use crate::labs::registry::{carries, PAGE_LABS};
use crate::labs::settings::LabSettings;
use crate::session::frame_loop::FrameLoop;
use crate::session::link::Link;
use crate::views::browser;
use crate::views::cluster_view::{ClusterView, SVG_UP_TO};
use crate::views::events::{EventList, Filter};
use crate::views::frame::Tables;
use crate::views::inspector::{Inspected, Inspector};
use crate::views::invariants_panel::{InvariantsPanel, FOLD_ABOVE};
use crate::views::l10n::{self, text, text_with, tr, LANGUAGES};
use crate::views::model::EventKind;
use crate::views::spacetime::SpaceTime;
use crate::views::tabs::Tabs;
use clusterscope_core::scenario::Protocol;

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

/// The default lab: five servers, seed 1, a client writing every half second.
#[cfg(feature = "raft")]
pub fn demo_cluster() -> clusterscope_core::sim::Timeline<RaftNode> {
    use crate::labs::adapter::Adapter;
    use crate::session::run::CHECKPOINT_INTERVAL;
    use clusterscope_core::sim::Timeline;
    Timeline::new(RaftNode::start(&LabSettings::default()), CHECKPOINT_INTERVAL)
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
    let panel = use_state(|| opened.panel);
    let tables = use_mut_ref(|| None::<Tables>);
    let theme = use_state(|| {
        browser::stored(THEME_KEY)
            .filter(|t| THEMES.contains(&t.as_str()))
            .unwrap_or_else(|| "system".into())
    });

    let replay = use_mut_ref(|| opened.replay.borrow_mut().take());
    let replaying = use_state(|| replay.borrow().is_some());
    let handlers = use_memo((), |()| {
        Handlers::new(Setters {
            replay: replay.clone(),
            replaying: replaying.setter(),
            session: session.clone(),
            redraw: redraw.clone(),
            playing: playing.setter(),
            selected: selected.setter(),
            inspected: inspected.setter(),
            notice: notice.setter(),
            filter: filter.setter(),
        })
    });
    #[cfg(not(lessons))]
    let lesson = lesson::Shown::default();
    #[cfg(lessons)]
    let lesson = lesson::use_lesson(
        opened.tutor.borrow_mut().take(),
        lesson::Parts {
            session: session.clone(),
            redraw: redraw.clone(),
            playing: playing.setter(),
            panel: panel.setter(),
        },
        &THEMES,
        theme.setter(),
    );
    let recorder = recording::use_recording(recording::Parts {
        session: session.clone(),
        redraw: redraw.clone(),
        playing: playing.clone(),
        seek_to: handlers.seek_to.clone(),
    });
    // A trace file imported in another lab's bundle, handed over to this one.
    {
        let import = handlers.import.clone();
        use_effect_with((), move |()| {
            if let Some(text) = browser::take_for_tab(PENDING_IMPORT) {
                import.emit(text);
            }
        });
    }
    // An embed plays only while it can be seen (`on_screen.rs`).
    let on_screen = on_screen::use_on_screen(embed);
    {
        let (session, redraw) = (session.clone(), redraw.clone());
        use_effect_with((*playing && on_screen, *speed), move |&(playing, speed)| {
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
    // A long replay goes on a chunk per frame until it gets there or is cancelled.
    {
        let (session, redraw, replay) = (session.clone(), redraw.clone(), replay.clone());
        let (notice, done) = (notice.setter(), replaying.setter());
        use_effect_with(*replaying, move |&replaying| {
            let frames = replaying.then(|| {
                FrameLoop::start(move |_| {
                    let Some(job) = replay.borrow_mut().take() else { return };
                    match job.advance(&mut session.borrow_mut()) {
                        Ok(message) => {
                            notice.set(message);
                            done.set(false);
                        }
                        Err(job) => *replay.borrow_mut() = Some(job),
                    }
                    redraw.force_update();
                })
            });
            move || drop(frames)
        });
    }
    let on_cancel_replay = {
        let (session, redraw, replay) = (session.clone(), redraw.clone(), replay.clone());
        let (notice, done) = (notice.setter(), replaying.setter());
        Callback::from(move |_: MouseEvent| {
            if let Some(job) = replay.borrow_mut().take() {
                notice.set(job.cancel(&mut session.borrow_mut()));
            }
            done.set(false);
            redraw.force_update();
        })
    };
    use_effect_with((*theme).clone(), |theme| browser::set_root_attribute("data-theme", theme));
    {
        // Translations that arrive after the first picture.
        let redraw = redraw.clone();
        use_effect_with((), move |()| l10n::when_narrated(move || redraw.force_update()));
    }
    // The address bar follows the session whenever it holds still.
    {
        let session = session.clone();
        let playing = *playing;
        let panel = (*panel != PANELS[0].0).then(|| panel.to_string());
        let lesson = lesson.link.clone();
        use_effect(move || {
            if !playing {
                let link = Link { panel, lesson, ..session.borrow().link(embed) };
                browser::replace_link(&link.to_query());
            }
        });
    }

    let toggle = {
        let playing = playing.clone();
        Callback::from(move |()| playing.set(!*playing))
    };
    let narration = {
        let session = session.borrow();
        shown_lines(&session.lab, &session.narration)
    };
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
        let chosen = *selected;
        let timing = move |key: Key| -> Option<Action<String>> {
            let clock =
                |drift_ppm, jump| chosen.map(|node| Action::Clock { node, drift_ppm, jump });
            match key {
                Key::Pause => {
                    let node = chosen.map_or(Target::LEADER, Target::Node);
                    Some(Action::Pause { node, duration: 2 * SECOND })
                }
                Key::SlowClock => clock(Some(-500_000), None),
                _ => clock(None, Some(-500 * MILLI as i64)),
            }
        };
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
            Key::Pause | Key::SlowClock | Key::ClockBack => {
                if let Some(action) = timing(key) {
                    handlers.act.emit(action);
                }
            }
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

    // The words are the loader's: another language is another page load, at this moment.
    let on_language = {
        let (session, panel) = (session.clone(), panel.clone());
        let lesson = lesson.link.clone();
        Callback::from(move |event: Event| {
            let picked = browser::field_value(&event);
            let Some((language, _)) =
                LANGUAGES.iter().find(|(key, _)| Some(*key) == picked.as_deref())
            else {
                return;
            };
            let panel = (*panel != PANELS[0].0).then(|| panel.to_string());
            let link = Link {
                panel,
                lesson: lesson.clone(),
                language: Some(*language),
                ..session.borrow().link(embed)
            };
            browser::load_page(&link.to_query());
        })
    };
    let on_protocol = {
        let start_lab = handlers.start_lab.clone();
        Callback::from(move |event: Event| {
            let chosen = browser::field_value(&event).and_then(|key| Protocol::from_key(&key));
            let Some(chosen) = chosen else { return };
            if carries(chosen) {
                start_lab.emit(Lab::Custom(LabSettings::of_protocol(chosen)));
            } else {
                browser::load_page(&format!("protocol={}", chosen.key()));
            }
        })
    };

    let session_ref = session.borrow();
    let lesson_card = lesson.card;
    let heartbeats = filter.shows(EventKind::Heartbeat);
    let frame = session_ref.run.frame(*playing, heartbeats, *inspected);
    let clock = frame.clock;
    // One cluster, or the lab's clusters side by side (one above the other when narrow).
    let sides = frame.clusters.len() > 1;
    let clusters = |interactive: bool| -> Html {
        let views = frame.clusters.iter().map(|snapshot| {
            let snapshot = snapshot.clone();
            if interactive {
                html! {
                    <ClusterView {snapshot} on_select={handlers.select.clone()}
                        on_pick_message={handlers.pick_message.clone()} batch_messages={*playing} />
                }
            } else {
                html! { <ClusterView {snapshot} batch_messages={*playing} /> }
            }
        });
        html! { <div class={classes!("clusters", sides.then_some("sides"))}>{ for views }</div> }
    };
    let caption = current_line(&narration, clock)
        .and_then(|i| narration.get(i))
        .map(|(_, line)| line.clone())
        .or_else(|| frame.latest.clone());
    let status = text_with(
        "status",
        &[
            ("protocol", &tr(frame.protocol.name())),
            ("servers", &frame.up.len().to_string()),
            ("time", &format_time(clock)),
            ("step", &frame.step.to_string()),
        ],
    );
    let (play_label, play_title) = if *playing {
        (text("pause"), text("pause.title"))
    } else {
        (text("play"), text("play.title"))
    };
    let timeline_step = text_with(
        "timeline.aria-valuetext",
        &[("step", &frame.step.to_string()), ("horizon", &frame.horizon.to_string())],
    );
    let notice_banner = notice.as_ref().map(|message| {
        html! {
            <div class="notice" role="alert">
                <span>{ message }</span>
                <button onclick={dismiss.clone()} aria-label={text("dismiss.aria-label")}>{ "×" }</button>
            </div>
        }
    });
    let replay_banner = replay
        .borrow()
        .as_ref()
        .map(|job| job.view(session_ref.run.step(), on_cancel_replay.clone()));
    let step_buttons = html! {
        <>
            <button onclick={handlers.step_back.reform(|_| ())} aria-label={text("step-back.aria-label")}
                title={text("step-back.title")}>{ text("step-back") }</button>
            <button onclick={toggle.reform(|_| ())} aria-pressed={(*playing).to_string()}
                title={play_title}>{ play_label }</button>
            <button onclick={handlers.step_forward.reform(|_| ())} aria-label={text("step-forward.aria-label")}
                title={text("step-forward.title")}>{ text("step-forward") }</button>
        </>
    };

    // While playing, the tables are redrawn a few times a second, not every frame.
    let now_ms = browser::now_ms();
    let mut drawn = tables.borrow_mut();
    // A lab's charts read the trace: they are built only while their tab is open.
    let charts = !embed && *panel == "charts" && session_ref.run.has_panel("charts");
    let fresh = drawn.as_ref().is_some_and(|t| {
        *playing
            && t.filter == *filter
            && t.charts.is_some() == charts
            && (t.drawn_at..t.drawn_at + TABLE_REFRESH_MS).contains(&now_ms)
    });
    if !fresh {
        *drawn = None;
    }
    let tables = drawn.get_or_insert_with(|| {
        session_ref.run.tables(*filter, now_ms, &session_ref.settings, charts)
    });
    let parts = |query, share_title| side_panel::Parts {
        frame: &frame,
        tables,
        handlers: &handlers,
        session: &session_ref,
        selected: *selected,
        playing: *playing,
        query,
        share_title,
        recorder: recorder.clone(),
    };
    if embed {
        // The same workspace, smaller: no header or side panel; the cluster, its caption and
        // the latest events side by side when the frame is wide, stacked when narrow.
        let full = format!("{}#{}", browser::base_url(), session_ref.link(false).to_query());
        let next = (!narration.is_empty() && lesson_card.is_none()).then(|| {
            html! {
                <button onclick={next_narration.reform(|_| ())}>{ text("narration-next") }</button>
            }
        });
        let horizon = frame.horizon;
        // A lesson's goal is reached with the lab's controls, so the embed shows them then.
        #[cfg(not(lessons))]
        let controls: Option<Html> = None;
        #[cfg(lessons)]
        let controls = lesson.acting.then(|| {
            let parts = parts(None, String::new());
            html! { <section class="side" aria-label="Faults">{ side_panel::tab("faults", &parts) }</section> }
        });
        return html! {
            <main class="embed">
                { for replay_banner.clone() }
                { for notice_banner }
                <p class="status" aria-live="polite">{ status }</p>
                <div class="controls">
                    { step_buttons }
                    { for next }
                    <label class="scrub">{ text("timeline") }{ " " }
                        <input type="range" min="0" max={horizon.to_string()} value={frame.step.to_string()}
                            oninput={on_slide.clone()} aria-valuetext={timeline_step.clone()} />
                    </label>
                </div>
                <InvariantsPanel properties={frame.properties} violations={frame.violations.clone()}
                    on_jump={handlers.seek_to.clone()} compact={true} />
                { for lesson_card.clone() }
                { for controls }
                <p class="caption" aria-live="polite">{ caption.unwrap_or_default() }</p>
                <div class="embed-stage">
                    <div class="picture">
                        { clusters(false) }
                    </div>
                    <EventList lines={tables.events.clone()} names={frame.event_names} filter={*filter}
                        on_jump={handlers.seek_to.clone()} on_filter={handlers.filter.clone()} />
                </div>
                <a class="open-full" href={full} target="_blank" rel="noopener">{ text("open-full") }</a>
            </main>
        };
    }
    let horizon = frame.horizon;
    let events = html! {
        <EventList lines={tables.events.clone()} names={frame.event_names} filter={*filter}
            on_jump={handlers.seek_to.clone()} on_filter={handlers.filter.clone()} />
    };
    let inspector = frame.inspector.clone().map(|(title, rows)| {
        let message = match *inspected {
            Some(Inspected::Message(id)) => Some(id),
            _ => None,
        };
        html! { <Inspector {title} {rows} {message} on_act={handlers.act.clone()} /> }
    });
    let until = frame.until.iter().enumerate().map(|(i, name)| {
        html! { <button onclick={handlers.run_until.reform(move |_| i)}>{ text(name) }</button> }
    });
    let forks = frame.forks;
    // While playing the link changes every frame; it is only built once the picture holds.
    let open_panel = (*panel != PANELS[0].0).then(|| panel.to_string());
    let query =
        (!*playing).then(|| Link { panel: open_panel, ..session_ref.link(false) }.to_query());
    let share_title = match &session_ref.lab {
        Lab::Scenario(name) => format!("ClusterScope: {}, {name}", tr(frame.protocol.name())),
        Lab::Custom(_) => format!("ClusterScope: {}", tr(frame.protocol.name())),
    };
    let tabs = side_panel::tabs(|key| session_ref.run.has_panel(key));
    let open = tabs.iter().find(|(key, _)| *key == *panel).map_or(PANELS[0].0, |(key, _)| *key);
    let on_panel = {
        let panel = panel.clone();
        Callback::from(move |key: &'static str| panel.set(key))
    };
    let panel_body = side_panel::body(open, &parts(query, share_title));
    html! {
        <main class="workspace">
            <header class="top">
                <h1>{ "ClusterScope" }</h1>
                <label>{ text("protocol") }{ " " }
                    <select onchange={on_protocol}>
                        { for PAGE_LABS.iter().map(|p| html! {
                            <option value={p.key()} selected={*p == frame.protocol}>{ tr(p.name()) }</option>
                        }) }
                    </select>
                </label>
                <p class="status" aria-live="polite">
                    { status }
                    if forks > 0 { <span class="forked">{ text_with("forked", &[("forks", &forks.to_string())]) }</span> }
                </p>
                <label title={text("language.title")}>{ text("language") }{ " " }
                    <select onchange={on_language}>
                        { for LANGUAGES.iter().map(|(key, name)| html! {
                            <option value={*key} selected={*key == l10n::language()}>{ *name }</option>
                        }) }
                    </select>
                </label>
                <button onclick={on_theme} aria-label={text_with("theme.aria-label", &[("theme", &*theme)])}>
                    { text_with("theme", &[("theme", &*theme)]) }</button>
                <button onclick={let help = help.clone(); Callback::from(move |_| help.set(true))}
                    aria-label={text("help-button.aria-label")} title={text("help-button.title")}>{ "?" }</button>
            </header>
            { for replay_banner }
            { for notice_banner }
            if *help {
                <Help on_close={let help = help.clone(); Callback::from(move |()| help.set(false))} />
            }
            <div class="controls">
                { step_buttons }
                { for until }
                <label>{ text("speed") }{ " " }
                    <select onchange={on_speed}>
                        { for SPEEDS.iter().enumerate().map(|(i, (_, name))| html! {
                            <option value={i.to_string()} selected={i == *speed}>{ *name }</option>
                        }) }
                    </select>
                </label>
                <label class="scrub">{ text("timeline") }{ " " }
                    <input type="range" min="0" max={horizon.to_string()} value={frame.step.to_string()}
                        oninput={on_slide} aria-valuetext={timeline_step.clone()} />
                </label>
            </div>
            <InvariantsPanel properties={frame.properties} violations={frame.violations.clone()}
                on_jump={handlers.seek_to.clone()} compact={frame.properties.len() > FOLD_ABOVE} />
            <div class="stage">
                <div class="picture">
                    if lesson_card.is_none() {
                        <Narration lab={session_ref.lab.clone()} lines={narration.clone()} {clock}
                            on_lab={handlers.start_lab.clone()} on_go={handlers.go_to_time.clone()} />
                    }
                    { clusters(true) }
                </div>
                // A lesson's card stands above the events, so the cluster keeps its room.
                if let Some(card) = lesson_card {
                    <div class="lesson-column">{ card }{ events }</div>
                } else {
                    { events }
                }
                <div class="timeline-view">
                    if let Some(snapshot) = frame.spacetime {
                        <SpaceTime {snapshot} live={*playing} />
                    } else {
                        <p class="note">{ text_with("spacetime-too-many", &[("most", &SVG_UP_TO.to_string()), ("servers", &frame.up.len().to_string())]) }</p>
                    }
                </div>
                <aside class="side" aria-label={text("panels.aria-label")}>
                    { for inspector }
                    <Tabs tabs={tabs} selected={open} on_select={on_panel}>{ panel_body }</Tabs>
                </aside>
            </div>
        </main>
    }
}
