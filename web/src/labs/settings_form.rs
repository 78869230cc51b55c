//! The settings panel: cluster size, seed, the protocol's timeouts (and Paxos's proposer
//! count), latency, the client and bug toggles. Applying starts a fresh timeline of the same
//! protocol; bad input is reported next to the form and changes nothing.

use clusterscope_core::sim::{Time, MILLI};
use yew::prelude::*;

use clusterscope_core::protocols::gossip::{GossipConfig, Mode};

use super::settings::{max_servers, LabSettings, MIN_SERVERS};
use clusterscope_core::scenario::Protocol;

/// The form's text, field by field (times in milliseconds).
#[derive(Clone, Debug, PartialEq)]
struct Form {
    servers: String,
    seed: String,
    election_min: String,
    election_max: String,
    heartbeat: String,
    pre_vote: bool,
    check_quorum: bool,
    proposers: String,
    acceptors: String,
    retry_min: String,
    retry_max: String,
    latency_min: String,
    latency_max: String,
    write_every: String,
    mode: String,
    fanout: String,
    gossip_interval: String,
    probe_interval: String,
    probe_timeout: String,
    suspicion_mult: String,
    aligned: bool,
}

fn millis(t: Time) -> String {
    let whole = t / MILLI;
    match t % MILLI {
        0 => whole.to_string(),
        part => format!("{whole}.{part:03}").trim_end_matches('0').to_string(),
    }
}

impl Form {
    fn of(settings: &LabSettings) -> Form {
        Form {
            servers: settings.servers.to_string(),
            seed: settings.seed.to_string(),
            election_min: millis(settings.election_timeout.0),
            election_max: millis(settings.election_timeout.1),
            heartbeat: millis(settings.heartbeat),
            pre_vote: settings.pre_vote,
            check_quorum: settings.check_quorum,
            proposers: settings.proposers.to_string(),
            acceptors: settings.acceptors.map_or(String::new(), |a| a.to_string()),
            retry_min: millis(settings.retry_timeout.0),
            retry_max: millis(settings.retry_timeout.1),
            latency_min: millis(settings.latency.0),
            latency_max: millis(settings.latency.1),
            write_every: millis(settings.write_every),
            mode: settings.gossip.mode.key().into(),
            fanout: settings.gossip.fanout.to_string(),
            gossip_interval: millis(settings.gossip.gossip_interval),
            probe_interval: millis(settings.gossip.probe_interval),
            probe_timeout: millis(settings.gossip.probe_timeout),
            suspicion_mult: settings.gossip.suspicion_mult.to_string(),
            aligned: settings.gossip.aligned_rounds,
        }
    }

    /// Reads the form into settings, or says which field is wrong.
    fn parse(&self, protocol: Protocol, bugs: Vec<&'static str>) -> Result<LabSettings, String> {
        let whole = |text: &str, name: &str| -> Result<u64, String> {
            text.trim().parse().map_err(|_| format!("{name} must be a whole number (0 or more)."))
        };
        let ms = |text: &str, name: &str| -> Result<Time, String> {
            let value: f64 = text
                .trim()
                .parse()
                .ok()
                .filter(|v: &f64| v.is_finite() && *v >= 0.0 && *v <= 3_600_000.0)
                .ok_or_else(|| format!("{name} must be a number of milliseconds."))?;
            Ok((value * MILLI as f64).round() as Time)
        };
        let count = |text: &str, name: &str| {
            whole(text, name).map(|n| usize::try_from(n).unwrap_or(usize::MAX))
        };
        let settings = LabSettings {
            protocol,
            servers: count(&self.servers, "Servers")?,
            seed: whole(&self.seed, "Seed")?,
            bugs,
            election_timeout: (
                ms(&self.election_min, "Election timeout")?,
                ms(&self.election_max, "Election timeout")?,
            ),
            heartbeat: ms(&self.heartbeat, "Heartbeat")?,
            pre_vote: self.pre_vote,
            check_quorum: self.check_quorum,
            proposers: count(&self.proposers, "Proposers")?,
            acceptors: match self.acceptors.trim() {
                "" => None,
                text => Some(count(text, "Acceptors")?),
            },
            retry_timeout: (
                ms(&self.retry_min, "Retry timeout")?,
                ms(&self.retry_max, "Retry timeout")?,
            ),
            latency: (ms(&self.latency_min, "Latency")?, ms(&self.latency_max, "Latency")?),
            write_every: ms(&self.write_every, "Client requests every")?,
            gossip: GossipConfig {
                // A select fills it, so it is always one of the keys.
                mode: Mode::from_key(&self.mode).unwrap_or_default(),
                fanout: count(&self.fanout, "Fanout")?,
                gossip_interval: ms(&self.gossip_interval, "Gossip interval")?,
                probe_interval: ms(&self.probe_interval, "Probe interval")?,
                probe_timeout: ms(&self.probe_timeout, "Probe timeout")?,
                suspicion_mult: whole(&self.suspicion_mult, "Suspicion multiplier")?,
                aligned_rounds: self.aligned,
                ..GossipConfig::default()
            },
        };
        settings.validate()?;
        Ok(settings)
    }
}

#[derive(Properties, PartialEq)]
pub struct SettingsPanelProps {
    pub settings: LabSettings,
    pub on_apply: Callback<LabSettings>,
}

#[function_component]
pub fn SettingsPanel(props: &SettingsPanelProps) -> Html {
    let form = use_state(|| Form::of(&props.settings));
    let bugs = use_state(|| props.settings.bugs.clone());
    let error = use_state(|| None::<String>);
    // A new lab (a scenario loaded, a link opened) refills the form.
    {
        let (form, bugs) = (form.clone(), bugs.clone());
        use_effect_with(props.settings.clone(), move |settings| {
            form.set(Form::of(settings));
            bugs.set(settings.bugs.clone());
        });
    }

    let field = |label: &str, unit: &str, value: &str, set: fn(&mut Form, String)| {
        let form = form.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            if let Some(value) = crate::views::browser::field_value(&event) {
                let mut next = (*form).clone();
                set(&mut next, value);
                form.set(next);
            }
        });
        html! {
            <label>{ format!("{label} ") }
                <input type="text" inputmode="decimal" size="5" value={value.to_string()} {oninput} />
                { if unit.is_empty() { String::new() } else { format!(" {unit}") } }
            </label>
        }
    };
    let toggle = |label: &str, on: bool, flip: fn(&mut Form)| {
        let form = form.clone();
        let onchange = Callback::from(move |_: Event| {
            let mut next = (*form).clone();
            flip(&mut next);
            form.set(next);
        });
        html! {
            <label><input type="checkbox" checked={on} {onchange} />{ format!(" {label}") }</label>
        }
    };
    let bug_box = |name: &'static str, what: &'static str, on: bool| {
        let bugs = bugs.clone();
        let toggle = Callback::from(move |_: Event| {
            let mut next: Vec<&'static str> = bugs.iter().copied().filter(|b| *b != name).collect();
            if !on {
                next.push(name);
            }
            bugs.set(next);
        });
        html! {
            <label class="bug"><input type="checkbox" checked={on} onchange={toggle} />
                <code>{ name }</code><span class="what">{ what }</span></label>
        }
    };
    let apply = {
        let (form, bugs, error) = (form.clone(), bugs.clone(), error.clone());
        let on_apply = props.on_apply.clone();
        let protocol = props.settings.protocol;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // The protocol's own order, whatever order the boxes were ticked in.
            let bugs = protocol.bug_names().iter().copied().filter(|b| bugs.contains(b)).collect();
            match form.parse(protocol, bugs) {
                Ok(settings) => {
                    error.set(None);
                    on_apply.emit(settings);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let protocol = props.settings.protocol;
    let f = &*form;
    let timing = match protocol {
        Protocol::Raft | Protocol::MultiPaxos => html! {
            <>
                <fieldset>
                    <legend>{ if protocol == Protocol::Raft { "Election timeout (ms)" } else { "Leader timeout (ms)" } }</legend>
                    { field("min", "", &f.election_min, |f, v| f.election_min = v) }
                    { field("max", "", &f.election_max, |f, v| f.election_max = v) }
                </fieldset>
                { field("Heartbeat", "ms", &f.heartbeat, |f, v| f.heartbeat = v) }
                if protocol == Protocol::Raft {
                    { toggle("Pre-vote (a server asks whether it could win before raising its term)",
                        f.pre_vote, |f| f.pre_vote = !f.pre_vote) }
                    { toggle("Check-quorum (a leader that hears from no majority steps down)",
                        f.check_quorum, |f| f.check_quorum = !f.check_quorum) }
                }
            </>
        },
        Protocol::Gossip => {
            let set_mode = {
                let form = form.clone();
                Callback::from(move |event: Event| {
                    if let Some(value) = crate::views::browser::field_value(&event) {
                        form.set(Form { mode: value, ..(*form).clone() });
                    }
                })
            };
            html! {
                <>
                    <label>{ "Mode " }
                        <select onchange={set_mode}>
                            { for Mode::ALL.iter().map(|mode| html! {
                                <option value={mode.key()} selected={f.mode == mode.key()}>{ mode.name() }</option>
                            }) }
                        </select>
                    </label>
                    { field("Fanout", "", &f.fanout, |f, v| f.fanout = v) }
                    { field("Gossip interval", "ms", &f.gossip_interval, |f, v| f.gossip_interval = v) }
                    { toggle("Aligned rounds (every member gossips at the same instants, as the model assumes)",
                        f.aligned, |f| f.aligned = !f.aligned) }
                    { field("Probe interval", "ms", &f.probe_interval, |f, v| f.probe_interval = v) }
                    { field("Probe timeout", "ms", &f.probe_timeout, |f, v| f.probe_timeout = v) }
                    { field("Suspicion multiplier", "", &f.suspicion_mult, |f, v| f.suspicion_mult = v) }
                </>
            }
        }
        Protocol::Paxos => html! {
            <>
                { field("Proposers (the first servers)", "", &f.proposers, |f, v| f.proposers = v) }
                { field("Acceptors (the last servers)", "empty = all", &f.acceptors, |f, v| f.acceptors = v) }
                <fieldset>
                    <legend>{ "Retry timeout (ms); min = max makes eager proposers" }</legend>
                    { field("min", "", &f.retry_min, |f, v| f.retry_min = v) }
                    { field("max", "", &f.retry_max, |f, v| f.retry_max = v) }
                </fieldset>
            </>
        },
    };
    let client = match protocol {
        Protocol::Raft | Protocol::MultiPaxos => "Client writes every",
        Protocol::Paxos => "Proposer k's client asks at k ×",
        Protocol::Gossip => "A client writes a rumor every",
    };
    html! {
        <form class="settings" onsubmit={apply} aria-label="Cluster settings" novalidate=true>
            <h2>{ format!("Settings: {}", protocol.name()) }</h2>
            { field(&format!("Servers ({MIN_SERVERS}–{})", max_servers(protocol)), "", &f.servers, |f, v| f.servers = v) }
            { field("Seed", "", &f.seed, |f, v| f.seed = v) }
            { timing }
            <fieldset>
                <legend>{ "Latency (ms)" }</legend>
                { field("min", "", &f.latency_min, |f, v| f.latency_min = v) }
                { field("max", "", &f.latency_max, |f, v| f.latency_max = v) }
            </fieldset>
            { field(client, "ms (0 = off)", &f.write_every, |f, v| f.write_every = v) }
            <fieldset>
                <legend>{ "Deliberate bugs" }</legend>
                { for protocol.bug_names().iter().zip(protocol.bug_descriptions())
                    .map(|(name, what)| bug_box(name, what, bugs.contains(name))) }
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
    fn the_form_refuses_out_of_range_and_garbage() {
        let good = Form::of(&LabSettings::default());
        assert_eq!(good.parse(Protocol::Raft, Vec::new()), Ok(LabSettings::default()));
        let broken: [fn(&mut Form); 8] = [
            |f| f.servers = "2".into(),
            |f| f.servers = "10".into(),
            |f| f.servers = "five".into(),
            |f| f.seed = "-1".into(),
            |f| f.seed = "99999999999999999999999".into(),
            |f| f.heartbeat = "NaN".into(),
            |f| f.election_min = "1e300".into(),
            |f| f.latency_max = "0.5".into(),
        ];
        for (i, breaks) in broken.iter().enumerate() {
            let mut form = good.clone();
            breaks(&mut form);
            assert!(form.parse(Protocol::Raft, Vec::new()).is_err(), "case {i}: {form:?}");
        }
        let mut fractional = good.clone();
        fractional.latency_min = "0.25".into();
        fractional.latency_max = "2.5".into();
        let parsed =
            fractional.parse(Protocol::Raft, Vec::new()).expect("fractions of a ms are fine");
        assert_eq!(parsed.latency, (250, 2500));
        assert_eq!(Form::of(&parsed).latency_max, "2.5");
    }
}
