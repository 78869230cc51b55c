//! The lessons in `lessons/`, checked and written into the page by build.rs (like the
//! scenarios): each bundle builds those of its own lab, and knows every lesson's lab so that
//! a link to another lab's lesson opens in that lab's bundle.

#[cfg(lessons)]
use clusterscope_core::lesson::Lesson;
use clusterscope_core::scenario::Protocol;

// `LESSONS` (name, lab) and `build_lesson`, written by build.rs.
include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

/// The lab a shipped lesson plays in.
pub fn lesson_protocol(name: &str) -> Option<Protocol> {
    LESSONS.iter().find(|(known, _)| *known == name).map(|(_, protocol)| *protocol)
}

/// The shipped lesson `name`, or why it cannot be shown.
#[cfg(lessons)]
pub fn shipped(name: &str) -> Result<Lesson, String> {
    match build_lesson(name) {
        Some(built) => built.map_err(|e| format!("lesson `{name}` is damaged ({e})")),
        None => {
            let names: Vec<&str> = LESSONS.iter().map(|(n, _)| *n).collect();
            Err(match lesson_protocol(name) {
                Some(p) => format!("lesson `{name}` is in the {} lab", p.name()),
                None => format!("there is no lesson `{name}`; there are {}", names.join(", ")),
            })
        }
    }
}
