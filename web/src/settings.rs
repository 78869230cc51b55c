//! Lab settings (cluster size, seed, bug toggles) and the panel that edits them. Applying
//! settings starts a fresh timeline; bad input is reported next to the field and changes
//! nothing.

use clusterscope_core::protocols::raft::{Bugs, Command, RaftConfig, RaftNode};
use clusterscope_core::sim::{Action, Sim, SimConfig, Target, Timeline, MILLI};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The cluster view is drawn for 3–9 servers, as RaftScope's are.
pub const MIN_SERVERS: usize = 3;
pub const MAX_SERVERS: usize = 9;
/// Steps between checkpoints: seeking replays at most this many events.
const CHECKPOINT_INTERVAL: u64 = 1000;

#[derive(Clone, Debug, PartialEq)]
pub struct LabSettings {
    pub servers: usize,
    pub seed: u64,
    pub bugs: Bugs,
}

impl Default for LabSettings {
    fn default() -> Self {
        LabSettings { servers: 5, seed: 1, bugs: Bugs::default() }
    }
}

/// A fresh cluster for `settings`, with a client writing through the leader every half second.
pub fn build_timeline(settings: &LabSettings) -> Timeline<RaftNode> {
    let protocol = RaftConfig { bugs: settings.bugs, ..RaftConfig::default() };
    let mut sim = Sim::new(SimConfig::new(settings.servers, settings.seed), protocol);
    for i in 1..=600u64 {
        let command =
            Command::Set { key: format!("k{}", i % 5).into(), value: i.to_string().into() };
        sim.schedule(i * 500 * MILLI, Action::Client { node: Target::LEADER, command }, None);
    }
    Timeline::new(sim, CHECKPOINT_INTERVAL)
}

/// Reads the form into settings, or says what is wrong with it.
fn parse(servers: &str, seed: &str, bugs: Bugs) -> Result<LabSettings, String> {
    let servers: usize = servers
        .trim()
        .parse()
        .ok()
        .filter(|n| (MIN_SERVERS..=MAX_SERVERS).contains(n))
        .ok_or_else(|| {
            format!("Servers must be a whole number from {MIN_SERVERS} to {MAX_SERVERS}.")
        })?;
    let seed: u64 =
        seed.trim().parse().map_err(|_| "Seed must be a whole number (0 or more).".to_string())?;
    Ok(LabSettings { servers, seed, bugs })
}

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub settings: LabSettings,
    pub on_apply: Callback<LabSettings>,
}

#[function_component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let servers = use_state(|| props.settings.servers.to_string());
    let seed = use_state(|| props.settings.seed.to_string());
    let bugs = use_state(|| props.settings.bugs);
    let error = use_state(|| None::<String>);

    let text_input = |state: UseStateHandle<String>| {
        Callback::from(move |event: InputEvent| {
            if let Some(input) =
                event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                state.set(input.value());
            }
        })
    };
    let bug_box = |name: &'static str, on: bool| {
        let bugs = bugs.clone();
        let toggle = Callback::from(move |_: Event| {
            let mut next = Bugs::default();
            for enabled in bugs.enabled().into_iter().filter(|b| *b != name) {
                let _ = next.enable(enabled);
            }
            if !on {
                let _ = next.enable(name);
            }
            bugs.set(next);
        });
        html! {
            <label><input type="checkbox" checked={on} onchange={toggle} />{ name }</label>
        }
    };
    let apply = {
        let (servers, seed, bugs, error) =
            (servers.clone(), seed.clone(), bugs.clone(), error.clone());
        let on_apply = props.on_apply.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match parse(&servers, &seed, *bugs) {
                Ok(settings) => {
                    error.set(None);
                    on_apply.emit(settings);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let enabled = bugs.enabled();
    html! {
        <form class="settings" onsubmit={apply} aria-label="Cluster settings" novalidate=true>
            <label>{ "Servers " }
                <input type="number" min={MIN_SERVERS.to_string()} max={MAX_SERVERS.to_string()}
                    value={(*servers).clone()} oninput={text_input(servers.clone())} /></label>
            <label>{ "Seed " }
                <input type="number" min="0" value={(*seed).clone()} oninput={text_input(seed.clone())} /></label>
            <fieldset>
                <legend>{ "Deliberate bugs" }</legend>
                { for Bugs::NAMES.iter().map(|name| bug_box(name, enabled.contains(name))) }
            </fieldset>
            <button type="submit">{ "Reset with these settings" }</button>
            { for error.as_ref().map(|message| html! { <p class="error" role="alert">{ message }</p> }) }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn parse_rejects_out_of_range_and_garbage() {
        assert!(parse("5", "7", Bugs::default()).is_ok());
        assert!(parse("2", "7", Bugs::default()).is_err());
        assert!(parse("10", "7", Bugs::default()).is_err());
        assert!(parse("five", "7", Bugs::default()).is_err());
        assert!(parse("5", "-1", Bugs::default()).is_err());
        assert!(parse("5", "99999999999999999999999", Bugs::default()).is_err());
    }
}
