//! The ClusterScope page. The simulator is the single source of truth: views render a snapshot
//! of it and never keep their own copy of protocol state.

mod app;
mod browser;
mod cluster_canvas;
mod cluster_view;
mod events;
mod faults;
mod frame_loop;
mod gossip_charts;
mod handlers;
mod help;
mod inspector;
mod invariants_panel;
mod keys;
mod lab;
mod link;
mod log_view;
mod narration;
mod network_panel;
mod protocols;
mod server_table;
mod session;
mod settings;
mod share;
mod spacetime;

pub use app::{demo_cluster, App};
pub use cluster_view::{ClusterSnapshot, ClusterView};
pub use invariants_panel::InvariantsPanel;
pub use lab::{Lab, LabSettings, SHIPPED};
pub use link::Link;
pub use log_view::{LogSnapshot, LogView};
pub use session::Session;
pub use spacetime::{SpaceTime, SpaceTimeSnapshot};

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
