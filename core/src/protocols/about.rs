//! What the rest of the program needs to know of a protocol by name: each protocol's folder
//! declares its [`About`], and `scenario/protocol.rs` lists them.

/// Largest cluster a consensus scenario may ask for.
pub const MAX_CONSENSUS_NODES: usize = 64;
/// Largest task cluster: the sweep runs n up to 200, and the page draws a
/// leaderless cluster that size beside a few single-leader servers.
pub const MAX_TASK_NODES: usize = 200;
/// Largest gossip cluster: the size the page is built to draw and play.
pub const MAX_GOSSIP_NODES: usize = 1000;

/// A protocol's fixed facts.
pub struct About {
    /// The name in scenario files, links and the CLI.
    pub key: &'static str,
    /// The name for people.
    pub name: &'static str,
    /// The largest cluster a scenario may ask for.
    pub max_nodes: usize,
    /// The deliberate bugs it can be run with, by name.
    pub bugs: &'static [&'static str],
    /// What each of `bugs` does, in the same order.
    pub bugs_do: &'static [&'static str],
    /// Whether a text is a client command it reads, and if not, why.
    pub check_command: fn(&str) -> Result<(), String>,
}
