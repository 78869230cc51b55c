//! The ClusterScope page. The simulator is the single source of truth: views render a snapshot
//! of it and never keep their own copy of protocol state.

mod app;
mod cluster_view;
mod events;
mod faults;
mod inspector;
mod invariants_panel;
mod log_view;
mod settings;
mod spacetime;

pub use app::{demo_cluster, App};
pub use cluster_view::{ClusterSnapshot, ClusterView};
pub use invariants_panel::InvariantsPanel;
pub use log_view::{LogSnapshot, LogView};
pub use settings::{build_timeline, LabSettings};
pub use spacetime::{SpaceTime, SpaceTimeSnapshot};

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
