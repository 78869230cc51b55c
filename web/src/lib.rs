//! The ClusterScope page. The simulator is the single source of truth: views render a snapshot
//! of it and never keep their own copy of protocol state.
//!
//! Layers, arrows pointing down only (see `docs/architecture.md`):
//! `app` (shell: routing, keys, theme, share) → `session` (the run, stepping, links) →
//! `labs` (one folder per lab, and the registry) → `views` (shared drawing) → the core.

mod app;
mod labs;
mod session;
mod views;

#[cfg(feature = "raft")]
pub use app::demo_cluster;
pub use app::App;
pub use labs::lab::{Lab, SHIPPED};
#[cfg(lessons)]
pub use labs::lessons::shipped as shipped_lesson;
pub use labs::lessons::LESSONS;
pub use labs::registry::PAGE_LABS;
pub use labs::settings::LabSettings;
pub use session::check_job::{run_check, CheckRequest};
pub use session::counterexample::counterexample_link;
pub use session::gif_film::{GifFilm, MAX_SIDE as GIF_MAX_SIDE};
#[cfg(lessons)]
pub use session::lesson::{GoalStatus, Phase, Tutor};
pub use session::link::Link;
pub use session::Session;
pub use views::cluster_snapshot::ClusterSnapshot;
pub use views::cluster_view::ClusterView;
pub use views::invariants_panel::InvariantsPanel;
pub use views::l10n::{
    fingerprint, has_words, hole_variable, lesson_id, property_id, scenario_line_id, tr_id,
    LessonPart,
};
pub use views::log_view::{LogSnapshot, LogView};
pub use views::spacetime::{SpaceTime, SpaceTimeSnapshot};

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
