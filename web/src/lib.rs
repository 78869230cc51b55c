//! The ClusterScope page. The simulator is the single source of truth: views render a snapshot
//! of it and never keep their own copy of protocol state.

mod app;

pub use app::{demo_cluster, App};

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
