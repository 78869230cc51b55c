//! A session is a lab and the run of it (`run.rs`), stepped by the frame loop
//! (`frame_loop.rs`). It opens from a link (`link.rs`), writes its link,
//! and exports its trace as a JSON file that imports back.
//!
//! A trace file carries the link that produced it next to the records. Importing replays the
//! link (the simulator is deterministic) and compares the replay with the records in the
//! file, so a file from another version, or one edited by hand, is flagged rather than
//! silently trusted.

pub mod check_job;
#[cfg(feature = "traces")]
mod compare;
pub mod counterexample;
pub mod frame_loop;
pub mod gif_film;
mod legacy_log;
#[cfg(lessons)]
pub mod lesson;
pub mod link;
pub mod opening;
pub mod run;
mod trace_file;

use clusterscope_core::sim::Time;

use crate::labs::lab::Lab;
use crate::labs::settings::LabSettings;
use crate::views::l10n;
use link::Link;
use run::Run;

/// Files above this size are refused before reading: a browser tab would stall on them.
pub const MAX_TRACE_BYTES: f64 = 64.0 * 1024.0 * 1024.0;

pub struct Session {
    pub lab: Lab,
    pub run: Run,
    /// The lab's narration and settings, worked out once (a scenario's come from parsing
    /// its file, which is too slow to repeat every frame).
    pub narration: Vec<(Time, String)>,
    pub settings: LabSettings,
}

impl Default for Session {
    /// The default lab, which needs no validation.
    fn default() -> Self {
        let settings = LabSettings::default();
        let run = run::of_settings(&settings)
            .unwrap_or_else(|_| unreachable!("a bundle carries its home lab"));
        Session::with(Lab::Custom(settings.clone()), run)
    }
}

impl Session {
    pub fn new(lab: Lab) -> Result<Session, String> {
        Ok(Session::with(lab.clone(), run::start(&lab)?))
    }

    fn with(lab: Lab, run: Run) -> Session {
        Session { narration: lab.narration(), settings: lab.settings(), lab, run }
    }

    /// The link to exactly this moment.
    pub fn link(&self, embed: bool) -> Link {
        Link {
            lab: self.lab.clone(),
            actions: self.run.actions(),
            step: self.run.step(),
            clock: Some(self.run.clock()),
            embed,
            panel: None,
            lesson: None,
            language: l10n::pinned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterscope_core::sim::{Action, NodeId, Target};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn crashed_session() -> Session {
        let mut session = Session::new(Lab::default()).expect("default lab");
        session.run.seek(300);
        session.run.act(Action::Crash { node: Target::LEADER }).expect("no command");
        session.run.seek(700);
        session.run.act(Action::Cut { from: NodeId(1), to: NodeId(2) }).expect("no command");
        session.run.seek(900);
        session
    }

    #[wasm_bindgen_test]
    fn an_exported_trace_imports_to_the_same_moment() {
        let session = crashed_session();
        let (imported, warning) = Session::import(&session.export()).expect("imports");
        assert_eq!(warning, None);
        assert_eq!(imported.run.step(), 900);
        assert_eq!(imported.run.actions(), session.run.actions());
        assert_eq!(imported.export(), session.export());
    }

    #[wasm_bindgen_test]
    fn broken_trace_files_are_refused_or_flagged() {
        for text in ["", "{", "[1,2]", r#"{"format":"other","version":1,"link":"","records":[]}"#] {
            assert!(Session::import(text).is_err(), "{text}");
        }
        let bad_link =
            r#"{"format":"clusterscope-trace","version":1,"link":"servers=99","records":[]}"#;
        let error = Session::import(bad_link).err().expect("bad link refused");
        assert!(error.contains("Servers"), "{error}");
        // Edit one record: the import still opens, with a warning naming the step.
        let exported = crashed_session().export();
        let edited = exported.replacen("\"step\": 5,", "\"step\": 6,", 1);
        assert_ne!(edited, exported);
        let (_, warning) = Session::import(&edited).expect("still opens");
        assert!(warning.expect("flagged").contains("from step 6"));
    }

    #[wasm_bindgen_test]
    fn opening_a_link_says_what_it_could_not_show() {
        use crate::labs::settings::LabSettings;
        use clusterscope_core::scenario::Protocol;
        use clusterscope_core::sim::{LoggedAction, MILLI};
        // Basic Paxos with no client after the value is chosen: the run ends.
        let paxos = Lab::Custom(LabSettings::of_protocol(Protocol::Paxos));
        let link = Link { lab: paxos, step: 1_000_000, ..Link::default() };
        let (session, notes) = Session::open_noting(&link).expect("opens");
        let end = session.run.step();
        assert!(end < 1_000_000);
        assert_eq!(
            notes,
            [format!(
                "the link asks for step 1000000, but this run ends at step {end}; showing that"
            )]
        );

        let log = vec![
            LoggedAction {
                step: 5,
                time: 0,
                action: Action::Crash { node: Target::Node(NodeId(98)) },
            },
            LoggedAction {
                step: 9,
                time: 0,
                action: Action::Network {
                    loss: None,
                    duplicate: None,
                    latency: Some((9 * MILLI, MILLI)),
                    link: None,
                },
            },
        ];
        let link = Link { actions: log, step: 20, clock: Some(3_600_000_000), ..Link::default() };
        let (session, notes) = Session::open_noting(&link).expect("opens");
        assert_eq!(session.run.step(), 20);
        assert!(
            notes[0].starts_with(
                "action 1 at step 5 names S99, which a 5-server cluster does not have"
            ),
            "{notes:?}"
        );
        assert!(notes[1].starts_with("action 2 at step 9 is refused (latency"), "{notes:?}");
        assert!(notes[2].starts_with("time 3600s is not within step 20; showing"), "{notes:?}");
    }
}
