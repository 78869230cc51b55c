//! What the page opens with: the session its address asks for (replayed in part if it is far
//! into a run), or the default lab and a message saying why the link could not be opened.

use std::cell::RefCell;
use std::rc::Rc;

#[cfg(lessons)]
use super::lesson::panel_of;
use super::replay::{Opened, Replay, REPLAY_AT_ONCE};
use super::side_panel::PANELS;
use crate::labs::lab::Lab;
#[cfg(lessons)]
use crate::session::lesson::Tutor;
use crate::session::link::Link;
use crate::session::Session;
use crate::tr;
use crate::views::browser;
use crate::views::l10n::text;

/// What the page opens with: the session in the address bar, or the default lab and a
/// message saying why the link could not be opened.
pub struct Opening {
    pub session: Rc<RefCell<Session>>,
    pub embed: bool,
    /// Play at once: the bare page (or a link that failed) shows a cluster running; a link
    /// to a moment, or a scenario, waits for the reader.
    pub play: bool,
    pub notice: Option<String>,
    /// The side panel's tab.
    pub panel: &'static str,
    /// The rest of a replay too long to run before the first picture.
    pub replay: RefCell<Option<Replay>>,
    /// The lesson the link opens, at its step.
    #[cfg(lessons)]
    pub tutor: RefCell<Option<Tutor>>,
}

pub fn opening() -> Opening {
    let link = Link::parse_noting(&browser::link_text());
    #[cfg(lessons)]
    if let Ok((Link { lesson: Some((name, step)), embed, .. }, notes)) = &link {
        return open_lesson(name, *step, *embed, notes);
    }
    #[cfg(not(lessons))]
    let link = link.and_then(|(link, notes)| match &link.lesson {
        Some((name, _)) => Err(tr!(
            "this lab's page has no lessons yet; `clusterscope lesson lessons/{name}.toml` plays it in a terminal",
            name
        )),
        None => Ok((link, notes)),
    });
    let embed = link.as_ref().is_ok_and(|(l, _)| l.embed);
    let panel = link
        .as_ref()
        .ok()
        .and_then(|(l, _)| PANELS.iter().find(|(key, _)| Some(*key) == l.panel.as_deref()));
    let panel = panel.map_or(PANELS[0].0, |(key, _)| *key);
    let play = link.as_ref().map_or(true, |(l, _)| {
        l.step == 0 && l.actions.is_empty() && matches!(l.lab, Lab::Custom(_))
    });
    let asked_panel = link.as_ref().ok().and_then(|(l, _)| l.panel.clone());
    let mut replay = None;
    let opened = link.and_then(|(link, mut notes)| {
        let (mut session, pending) = Session::begin(&link, REPLAY_AT_ONCE)?;
        // A tab the page has, but not for this lab (Charts, for a lab without charts).
        let missing =
            asked_panel.filter(|asked| asked.as_str() != panel || !session.run.has_panel(panel));
        if let Some(asked) = missing {
            let shown = text(PANELS[0].1);
            notes.push(tr!("there is no `{asked}` panel here; showing {shown}", asked, shown));
        }
        let job = Replay { pending, kind: Opened::Link, earlier: notes };
        let notice = match job.finish_if_there(&mut session) {
            Ok(notice) => notice,
            Err(job) => {
                replay = Some(job);
                None
            }
        };
        Ok((session, notice))
    });
    let (session, notice) = match opened {
        Ok(opened) => opened,
        Err(e) => (
            Session::default(),
            Some(tr!("This link could not be opened: {e}. Showing the default lab instead.", e)),
        ),
    };
    let play = play && replay.is_none();
    Opening {
        session: Rc::new(RefCell::new(session)),
        embed,
        play,
        notice,
        panel,
        replay: RefCell::new(replay),
        #[cfg(lessons)]
        tutor: RefCell::new(None),
    }
}

/// A lesson at one of its steps, or the default lab and why the lesson could not be shown.
#[cfg(lessons)]
fn open_lesson(name: &str, step: usize, embed: bool, notes: &[String]) -> Opening {
    let (tutor, session, notice) = match Tutor::open(name, step) {
        Ok((tutor, session)) => {
            (Some(tutor), session, (!notes.is_empty()).then(|| notes.join("; ")))
        }
        Err(e) => (
            None,
            Session::default(),
            Some(tr!("This lesson could not be opened: {e}. Showing the default lab instead.", e)),
        ),
    };
    Opening {
        session: Rc::new(RefCell::new(session)),
        embed,
        // A lesson waits for the student; the default lab, shown instead, runs.
        play: tutor.is_none(),
        notice,
        panel: tutor.as_ref().and_then(panel_of).unwrap_or(PANELS[0].0),
        replay: RefCell::new(None),
        tutor: RefCell::new(tutor),
    }
}
