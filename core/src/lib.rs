//! ClusterScope's protocol core: a deterministic discrete-event simulator (`sim`) and
//! sans-IO protocol state machines (`protocols`). Nothing here touches a clock, the OS,
//! or the page; the same inputs give byte-identical traces natively and in wasm.

pub mod history;
pub mod lesson;
pub mod model;
pub mod protocols;
pub mod scenario;
pub mod sim;
pub mod workloads;
