//! Shared views: the cluster picture (SVG and canvas), the space-time diagram, logs, events,
//! the inspector, the network and fault panels. They draw snapshots and see a lab only
//! through [`shown::Shown`] and the plain data in [`model`]; none of them names a lab.

pub mod browser;
pub mod camera;
#[cfg(checks)]
pub mod check_panel;
pub mod cluster_canvas;
pub mod cluster_snapshot;
pub mod cluster_view;
pub mod events;
pub mod faults;
pub mod frame;
pub mod geometry;
pub mod history_view;
pub mod inspector;
pub mod invariants_panel;
pub mod l10n;
#[cfg(lessons)]
pub mod lesson_card;
pub mod log_view;
pub mod markup;
pub mod measuring;
pub mod model;
pub mod network_panel;
pub mod plot;
pub mod server_table;
pub mod shown;
pub mod spacetime;
pub mod tabs;
