//! The side panel beside the cluster: one tab at a time of faults and network, logs and server
//! state, settings, share, and the lab's own charts.

use clusterscope_core::sim::NodeId;
use yew::prelude::*;

use super::handlers::Handlers;
use super::share::SharePanel;
use crate::labs::lab::Lab;
use crate::labs::settings_form::SettingsPanel;
use crate::session::Session;
#[cfg(checks)]
use crate::views::check_panel::CheckPanel;
use crate::views::cluster_view::SVG_UP_TO;
use crate::views::faults::FaultPanel;
use crate::views::frame::{Frame, Tables};
use crate::views::log_view::LogView;
use crate::views::network_panel::NetworkPanel;
use crate::views::server_table::ServerTable;

/// The side panel's tabs: (key in the link, message id of its label, web/src/views/l10n.rs). Charts appear only for labs that have
/// some, Check only for labs the model checker runs; the first tab is the default and is left
/// out of links.
pub const PANELS: [(&str, &str); 6] = [
    ("faults", "tab-faults"),
    ("state", "tab-state"),
    ("settings", "tab-settings"),
    ("share", "tab-share"),
    ("charts", "tab-charts"),
    ("check", "tab-check"),
];

/// The tabs this lab has.
pub fn tabs(has: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    PANELS.iter().copied().filter(|(key, _)| has(key)).collect()
}

/// What the panels draw from.
pub struct Parts<'a> {
    pub frame: &'a Frame,
    pub tables: &'a Tables,
    pub handlers: &'a Handlers,
    pub session: &'a Session,
    pub selected: Option<NodeId>,
    pub playing: bool,
    /// The link to this moment, while paused.
    pub query: Option<String>,
    /// What the iframe snippet calls the lab.
    pub share_title: String,
    /// The Share tab's recording controls (`recording.rs`).
    pub recorder: Html,
}

/// The open tab's panel, and the Check tab's, which stays in the page while another tab is
/// open (hidden) so that a search keeps running.
#[cfg(checks)]
pub fn body(open: &str, parts: &Parts<'_>) -> Html {
    let session = parts.session;
    let Some(bounds) = session.run.check_bounds() else { return tab(open, parts) };
    let bug = session.settings.bugs.first().copied().unwrap_or_default();
    let protocol = session.settings.protocol;
    let symmetry = session.run.check_symmetry();
    // A counterexample the command line wrote is shipped as `check-<protocol>-<bug, dashed>`.
    let shipped = protocol
        .bug_names()
        .iter()
        .filter_map(|&bug| {
            let name = format!("check-{}-{}", protocol.key(), bug.replace('_', "-"));
            match Lab::scenario(&name)? {
                Lab::Scenario(shipped) => Some((bug, shipped)),
                _ => None,
            }
        })
        .collect::<Vec<_>>();
    html! {
        <>
            { tab(open, parts) }
            <div hidden={open != "check"}>
                <CheckPanel {protocol} {bounds} {bug} {shipped} {symmetry} />
            </div>
        </>
    }
}

/// The open tab's panel (no lab of this bundle has a Check tab).
#[cfg(not(checks))]
pub fn body(open: &str, parts: &Parts<'_>) -> Html {
    tab(open, parts)
}

/// One tab's panel; an embedded lesson shows the Faults panel alone while its goal is on.
pub(super) fn tab(open: &str, parts: &Parts<'_>) -> Html {
    let Parts { frame, tables, handlers, session, selected, playing, .. } = *parts;
    match open {
        "state" => html! {
            <>
                if let Some(log) = tables.log.clone() {
                    <LogView snapshot={log} />
                }
                <ServerTable table={tables.servers.clone()} />
            </>
        },
        "settings" => html! {
            <SettingsPanel settings={session.settings.clone()} on_apply={handlers.start_lab.reform(Lab::Custom)} />
        },
        "share" => html! {
            <SharePanel query={parts.query.clone()} title={parts.share_title.clone()}
                on_export={handlers.export.clone()} on_import={handlers.import.clone()}
                canvas={frame.up.len() > SVG_UP_TO} recorder={parts.recorder.clone()} />
        },
        "charts" => html! {
            <section class="charts" aria-label="Charts">{ tables.charts.clone().unwrap_or_default() }</section>
        },
        "check" => Html::default(),
        _ => html! {
            <>
                <FaultPanel servers={frame.up.len()} {selected} up={frame.up.clone()}
                    on_select={handlers.select.clone()} on_act={handlers.act.clone()}
                    next_write={frame.next_write.clone()} words={frame.words}
                    transfer={frame.transfer} reconfigure={frame.reconfigure} membership={frame.membership} reads={frame.reads} />
                <NetworkPanel servers={frame.up.len()} params={frame.network.clone()} split={frame.split}
                    in_flight={frame.in_flight.clone()} {playing} on_act={handlers.act.clone()} />
            </>
        },
    }
}
