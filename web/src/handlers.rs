//! The page's callbacks, made once per page. A child component re-renders only when its
//! props change, and a callback compares by identity: one made afresh every frame would
//! re-render every panel on every frame of playback, changed or not.

use std::cell::RefCell;
use std::rc::Rc;

use clusterscope_core::protocols::raft::{Command, Event as RaftEvent, RaftNode, Role};
use clusterscope_core::sim::{Action, NodeId, RecordKind, Time, Timeline};
use yew::prelude::*;

use crate::browser;
use crate::events::Filter;
use crate::inspector::Inspected;
use crate::lab::Lab;
use crate::session::Session;

/// "Run until …" gives up after this many steps, so a cluster that never elects cannot hang
/// the page.
const RUN_UNTIL_LIMIT: u64 = 100_000;

/// The page state the callbacks write to.
pub struct Setters {
    pub session: Rc<RefCell<Session>>,
    pub redraw: UseForceUpdateHandle,
    pub playing: UseStateSetter<bool>,
    pub selected: UseStateSetter<Option<NodeId>>,
    pub inspected: UseStateSetter<Option<Inspected>>,
    pub notice: UseStateSetter<Option<String>>,
    pub filter: UseStateSetter<Filter>,
}

pub struct Handlers {
    pub step_forward: Callback<()>,
    pub step_back: Callback<()>,
    pub seek_to: Callback<u64>,
    /// To the moment a scheduled action at this virtual time has just run.
    pub go_to_time: Callback<Time>,
    pub until_leader: Callback<()>,
    pub until_commit: Callback<()>,
    /// A fault or a client request, at the playhead; it does not pause, so a crash can be
    /// watched playing out.
    pub act: Callback<Action<Command>>,
    pub start_lab: Callback<Lab>,
    pub select: Callback<NodeId>,
    pub pick_message: Callback<u64>,
    pub filter: Callback<Filter>,
    pub export: Callback<()>,
    pub import: Callback<String>,
}

impl Handlers {
    pub fn new(s: Setters) -> Self {
        let run_until = |wanted: fn(&RecordKind<RaftNode>) -> bool| {
            pausing(&s, move |session, ()| run_until_record(&mut session.timeline, wanted))
        };
        Handlers {
            step_forward: pausing(&s, |session, ()| {
                session.timeline.step_forward();
            }),
            step_back: pausing(&s, |session, ()| {
                let back = session.timeline.step().saturating_sub(1);
                session.timeline.seek(back);
            }),
            seek_to: pausing(&s, |session, step| session.timeline.seek(step)),
            go_to_time: pausing(&s, |session, at| go_to(&mut session.timeline, at)),
            until_leader: run_until(|kind| {
                matches!(
                    kind,
                    RecordKind::Node { event: RaftEvent::Role { role: Role::Leader, .. }, .. }
                )
            }),
            until_commit: run_until(|kind| {
                matches!(kind, RecordKind::Node { event: RaftEvent::Commit { .. }, .. })
            }),
            act: {
                let (session, redraw) = (s.session.clone(), s.redraw.clone());
                Callback::from(move |action| {
                    session.borrow_mut().timeline.act(action);
                    redraw.force_update();
                })
            },
            start_lab: {
                let (session, redraw) = (s.session.clone(), s.redraw.clone());
                let (selected, inspected, notice, playing) =
                    (s.selected.clone(), s.inspected.clone(), s.notice.clone(), s.playing.clone());
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
            export: {
                let session = s.session.clone();
                Callback::from(move |()| {
                    let session = session.borrow();
                    let name = format!("clusterscope-step-{}.trace.json", session.timeline.step());
                    browser::download(&name, "application/json", &session.export());
                })
            },
            import: {
                let (session, redraw) = (s.session.clone(), s.redraw.clone());
                let (notice, playing) = (s.notice.clone(), s.playing.clone());
                Callback::from(move |text: String| {
                    match Session::import(&text) {
                        Ok((imported, warning)) => {
                            let step = imported.timeline.step();
                            *session.borrow_mut() = imported;
                            playing.set(false);
                            notice
                                .set(Some(warning.unwrap_or_else(|| {
                                    format!("Trace imported; at step {step}.")
                                })));
                        }
                        Err(e) => notice.set(Some(format!("Could not import the trace: {e}"))),
                    }
                    redraw.force_update();
                })
            },
        }
    }
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
