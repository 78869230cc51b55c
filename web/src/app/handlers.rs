//! The page's callbacks, made once per page. A child component re-renders only when its
//! props change, and a callback compares by identity: one made afresh every frame would
//! re-render every panel on every frame of playback, changed or not.

use std::cell::RefCell;
use std::rc::Rc;

use clusterscope_core::sim::{Action, NodeId, Time};
use yew::prelude::*;

use super::replay::{Opened, Replay, REPLAY_AT_ONCE};
use crate::labs::lab::Lab;
use crate::labs::registry::carries;
use crate::session::link::Link;
use crate::session::Session;
use crate::views::browser::{self, Measurement};
use crate::views::events::Filter;
use crate::views::inspector::Inspected;
use crate::views::l10n::tr;
use crate::{en, tr};

/// The page state the callbacks write to.
pub struct Setters {
    pub session: Rc<RefCell<Session>>,
    pub redraw: UseForceUpdateHandle,
    pub playing: UseStateSetter<bool>,
    pub selected: UseStateSetter<Option<NodeId>>,
    pub inspected: UseStateSetter<Option<Inspected>>,
    pub notice: UseStateSetter<Option<String>>,
    pub filter: UseStateSetter<Filter>,
    /// A replay too long to run at once, continued a chunk per frame (see `replay.rs`).
    pub replay: Rc<RefCell<Option<Replay>>>,
    pub replaying: UseStateSetter<bool>,
}

/// Where a trace file waits while the page loads the bundle of its lab (tab storage).
pub const PENDING_IMPORT: &str = "clusterscope-pending-import";

pub struct Handlers {
    pub step_forward: Callback<()>,
    pub step_back: Callback<()>,
    pub seek_to: Callback<u64>,
    /// To the moment a scheduled action at this virtual time has just run.
    pub go_to_time: Callback<Time>,
    /// The protocol's "Run until …" buttons, by index into `Shown::UNTIL`.
    pub run_until: Callback<usize>,
    /// A fault or a client request (its command as text), at the playhead; it does not
    /// pause, so a crash can be watched playing out.
    pub act: Callback<Action<String>>,
    pub start_lab: Callback<Lab>,
    pub select: Callback<NodeId>,
    pub pick_message: Callback<u64>,
    pub filter: Callback<Filter>,
    pub export: Callback<()>,
    pub import: Callback<String>,
}

impl Handlers {
    pub fn new(s: Setters) -> Self {
        // The measurement worker that writes or checks a trace file, while it does.
        let worker = Rc::new(RefCell::new(None::<Measurement>));
        Handlers {
            step_forward: pausing(&s, |session, ()| {
                session.run.step_forward();
            }),
            step_back: pausing(&s, |session, ()| {
                let back = session.run.step().saturating_sub(1);
                session.run.seek(back);
            }),
            seek_to: pausing(&s, |session, step| session.run.seek(step)),
            go_to_time: pausing(&s, |session, at| session.run.go_to(at)),
            run_until: pausing(&s, |session, which| session.run.run_until(which)),
            act: {
                let (session, redraw, notice) =
                    (s.session.clone(), s.redraw.clone(), s.notice.clone());
                Callback::from(move |action| {
                    if let Err(e) = session.borrow_mut().run.act(action) {
                        notice.set(Some(tr!("That client request was not sent: {e}.", e)));
                    }
                    redraw.force_update();
                })
            },
            start_lab: {
                let (session, redraw) = (s.session.clone(), s.redraw.clone());
                let (selected, inspected, notice, playing) =
                    (s.selected.clone(), s.inspected.clone(), s.notice.clone(), s.playing.clone());
                Callback::from(move |lab: Lab| {
                    // A scenario of a lab that this bundle does not carry opens in its own.
                    if lab.scenario_protocol().is_some_and(|p| !carries(p)) {
                        browser::load_page(&Link { lab, ..Link::default() }.to_query());
                        return;
                    }
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
                        Err(e) => notice.set(Some(tr!("Could not start that lab: {e}", e))),
                    }
                    redraw.force_update();
                })
            },
            select: {
                let (selected, inspected) = (s.selected.clone(), s.inspected.clone());
                Callback::from(move |id: NodeId| {
                    selected.set(Some(id));
                    inspected.set(Some(Inspected::Server(id)));
                })
            },
            pick_message: {
                let inspected = s.inspected.clone();
                Callback::from(move |id: u64| inspected.set(Some(Inspected::Message(id))))
            },
            filter: {
                let filter = s.filter.clone();
                Callback::from(move |next: Filter| filter.set(next))
            },
            export: export(&s, worker.clone()),
            import: import(&s, worker),
        }
    }
}

/// The worker's one answer that matters (the line holding `key`), or its error; `None` for
/// the rest (`done`).
fn answer(line: &str, key: &str) -> Option<Result<serde_json::Value, String>> {
    let value = serde_json::from_str::<serde_json::Value>(line).ok()?;
    if let Some(error) = value.get("error") {
        return Some(Err(error.as_str().unwrap_or_default().to_string()));
    }
    value.get(key).cloned().map(Ok)
}

/// `text` as a JSON string. (Requests are written by hand: `json!` builds a whole value
/// first, and that code is in every bundle.)
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// Writes the trace file in the measurement worker (which replays the link; the page's
/// bundle has no record serializer) and downloads it.
fn export(s: &Setters, worker: Rc<RefCell<Option<Measurement>>>) -> Callback<()> {
    let (session, notice) = (s.session.clone(), s.notice.clone());
    Callback::from(move |()| {
        let (link, step) = {
            let session = session.borrow();
            (session.link(false).to_query(), session.run.step())
        };
        let name = format!("clusterscope-step-{step}.trace.json");
        let on_line = {
            let (notice, worker) = (notice.clone(), worker.clone());
            Callback::from(move |line: String| match answer(&line, "file") {
                Some(Ok(file)) => {
                    browser::download(&name, "application/json", file.as_str().unwrap_or_default());
                    notice.set(None);
                    worker.borrow_mut().take();
                }
                Some(Err(e)) => {
                    notice.set(Some(tr!("Could not export the trace: {e}.", e)));
                    worker.borrow_mut().take();
                }
                None => {}
            })
        };
        let on_error = {
            let notice = notice.clone();
            Callback::from(move |e: String| {
                notice.set(Some(tr!("Could not export the trace: {e}.", e)))
            })
        };
        let request = format!("{{\"export\":{{\"link\":{}}}}}", quoted(&link));
        notice.set(Some(tr(en!("Writing the trace file…"))));
        match Measurement::start(&request, on_line, on_error.clone()) {
            Ok(started) => *worker.borrow_mut() = Some(started),
            Err(e) => on_error.emit(e),
        }
    })
}

/// Reads a trace file: refuses a broken one at once; else has the worker replay it and
/// compare the records, then opens its link (a long one under the replay's progress bar),
/// saying where the file and this version's replay differ.
fn import(s: &Setters, worker: Rc<RefCell<Option<Measurement>>>) -> Callback<String> {
    let (session, redraw) = (s.session.clone(), s.redraw.clone());
    let (notice, playing) = (s.notice.clone(), s.playing.clone());
    let (replay, replaying) = (s.replay.clone(), s.replaying.clone());
    let open = Callback::from(move |(text, earlier): (String, Vec<String>)| {
        match Session::begin_import(&text, REPLAY_AT_ONCE) {
            Ok((imported, pending)) => {
                *session.borrow_mut() = imported;
                playing.set(false);
                let job = Replay { pending, kind: Opened::Trace, earlier };
                match job.finish_if_there(&mut session.borrow_mut()) {
                    Ok(message) => notice.set(message),
                    Err(job) => {
                        *replay.borrow_mut() = Some(job);
                        replaying.set(true);
                    }
                }
            }
            Err(e) => notice.set(Some(tr!("Could not import the trace: {e}", e))),
        }
        redraw.force_update();
    });
    let notice = s.notice.clone();
    Callback::from(move |text: String| {
        // A trace of a lab this bundle does not carry opens in that lab's: the file waits in
        // the tab's storage while the page loads it.
        if let Some((link, protocol)) = Session::trace_elsewhere(&text) {
            if browser::keep_for_tab(PENDING_IMPORT, &text) {
                browser::load_page(&link);
            } else {
                notice.set(Some(tr!(
                    "This trace is a {lab} run, too large to hand to that lab's part of the \
                     page: choose {lab} in the protocol menu, then import it.",
                    lab = tr(protocol.name())
                )));
            }
            return;
        }
        // A file that is not a trace, or whose link is broken, is refused before any work.
        if let Err(e) = Session::begin_import(&text, 0) {
            notice.set(Some(tr!("Could not import the trace: {e}", e)));
            return;
        }
        let on_line = {
            let (open, worker, text) = (open.clone(), worker.clone(), text.clone());
            Callback::from(move |line: String| {
                let earlier = match answer(&line, "verified") {
                    None => return,
                    Some(Ok(verified)) => {
                        let difference = verified.get("difference").and_then(|d| d.as_str());
                        difference.map(str::to_string).into_iter().collect()
                    }
                    Some(Err(e)) => vec![tr!("its records were not checked: {e}", e)],
                };
                worker.borrow_mut().take();
                open.emit((text.clone(), earlier));
            })
        };
        let on_error = {
            let (open, text) = (open.clone(), text.clone());
            Callback::from(move |e: String| {
                open.emit((text.clone(), vec![tr!("its records were not checked: {e}", e)]))
            })
        };
        let request = format!("{{\"verify\":{{\"text\":{}}}}}", quoted(&text));
        notice.set(Some(tr(en!("Checking the trace file against a replay…"))));
        match Measurement::start(&request, on_line, on_error.clone()) {
            Ok(started) => *worker.borrow_mut() = Some(started),
            Err(e) => on_error.emit(e),
        }
    })
}

/// A callback that pauses (a person stepping wants the picture to hold still), changes the
/// session and redraws.
fn pausing<T: 'static>(s: &Setters, change: impl Fn(&mut Session, T) + 'static) -> Callback<T> {
    let (session, playing, redraw) = (s.session.clone(), s.playing.clone(), s.redraw.clone());
    Callback::from(move |value: T| {
        playing.set(false);
        change(&mut session.borrow_mut(), value);
        redraw.force_update();
    })
}
