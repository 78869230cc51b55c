//! The settings panel: cluster size, seed, the lab's own settings (one control each, by
//! kind), latency, the client and bug toggles. Applying starts a fresh timeline of the same
//! protocol; bad input is reported next to the form and changes nothing.

use clusterscope_core::sim::{parse_decimal, Time, MILLI};
use yew::prelude::*;

use super::own::{decimal, Kind, Own, Param, Value};
use super::registry::about;
use super::settings::{LabSettings, MAX_SERVERS, MIN_SERVERS};
use crate::views::l10n::tr;
use crate::{en, tr};
use clusterscope_core::scenario::Protocol;

/// The form's text, field by field (times in milliseconds).
#[derive(Clone, Debug, PartialEq)]
struct Form {
    servers: String,
    seed: String,
    latency_min: String,
    latency_max: String,
    write_every: String,
    /// The lab's own settings, in its order: the text (a range's min; "1" for a flag that is
    /// on; a choice's key) and a range's max.
    own: Vec<(String, String)>,
}

/// Writes one field's text into the form.
type SetField = Box<dyn Fn(&mut Form, String)>;

fn millis(t: Time) -> String {
    let whole = t / MILLI;
    match t % MILLI {
        0 => whole.to_string(),
        part => format!("{whole}.{part:03}").trim_end_matches('0').to_string(),
    }
}

fn whole(text: &str, name: &str) -> Result<u64, String> {
    text.trim()
        .parse()
        .map_err(|_| tr!("{name} must be a whole number (0 or more).", name = tr(name)))
}

fn ms(text: &str, name: &str) -> Result<Time, String> {
    let value: f64 = parse_decimal(text)
        .filter(|v: &f64| *v >= 0.0 && *v <= 3_600_000.0)
        .ok_or_else(|| tr!("{name} must be a number of milliseconds.", name = tr(name)))?;
    Ok((value * MILLI as f64).round() as Time)
}

/// A lab setting's value as the form shows it.
fn texts(value: Value) -> (String, String) {
    match value {
        Value::Count(n) => (n.to_string(), String::new()),
        Value::Number(x) => (x.to_string(), String::new()),
        Value::Empty => (String::new(), String::new()),
        Value::Time(t) => (millis(t), String::new()),
        Value::Range(min, max) => (millis(min), millis(max)),
        Value::Flag(on) => ((if on { "1" } else { "" }).into(), String::new()),
        Value::Choice(key) => (key.into(), String::new()),
    }
}

/// Reads a lab setting from the form, or says what is wrong with it.
fn read(param: &Param, (text, max): &(String, String)) -> Result<Value, String> {
    let label = param.label;
    Ok(match param.kind {
        Kind::Count => Value::Count(whole(text, label)?),
        Kind::Number => Value::Number(decimal(label, text).map_err(|e| format!("{e}."))?),
        Kind::OptionalCount if text.trim().is_empty() => Value::Empty,
        Kind::OptionalCount => Value::Count(whole(text, label)?),
        Kind::Time => Value::Time(ms(text, label)?),
        Kind::Range => Value::Range(ms(text, label)?, ms(max, label)?),
        Kind::Flag => Value::Flag(text == "1"),
        Kind::Choice(choices) => Value::Choice(param.choose(choices, text)?),
    })
}

impl Form {
    fn of(settings: &LabSettings) -> Form {
        Form {
            servers: settings.servers.to_string(),
            seed: settings.seed.to_string(),
            latency_min: millis(settings.latency.0),
            latency_max: millis(settings.latency.1),
            write_every: millis(settings.write_every),
            own: settings.own.iter().map(|(_, value)| texts(value)).collect(),
        }
    }

    /// Reads the form into settings, or says which field is wrong.
    fn parse(
        &self,
        protocol: Protocol,
        params: &'static [Param],
        bugs: Vec<&'static str>,
    ) -> Result<LabSettings, String> {
        let own = params.iter().zip(&self.own).map(|(param, text)| read(param, text));
        let settings = LabSettings {
            protocol,
            servers: usize::try_from(whole(&self.servers, "Servers")?).unwrap_or(usize::MAX),
            seed: whole(&self.seed, "Seed")?,
            bugs,
            latency: (ms(&self.latency_min, "Latency")?, ms(&self.latency_max, "Latency")?),
            write_every: ms(&self.write_every, "Client requests every")?,
            own: Own::new(params, own.collect::<Result<_, _>>()?),
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

    let field = |label: &str, unit: &str, value: &str, set: SetField| {
        let form = form.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            if let Some(value) = crate::views::browser::field_value(&event) {
                let mut next = (*form).clone();
                set(&mut next, value);
                form.set(next);
            }
        });
        html! {
            <label>{ format!("{} ", tr(label)) }
                <input type="text" inputmode="decimal" size="5" value={value.to_string()} {oninput} />
                { if unit.is_empty() { String::new() } else { format!(" {}", tr(unit)) } }
            </label>
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
                <code>{ name }</code><span class="what">{ tr(what) }</span></label>
        }
    };
    let apply = {
        let (form, bugs, error) = (form.clone(), bugs.clone(), error.clone());
        let on_apply = props.on_apply.clone();
        let protocol = props.settings.protocol;
        let params = props.settings.own.params();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            // The protocol's own order, whatever order the boxes were ticked in.
            let bugs = protocol.bug_names().iter().copied().filter(|b| bugs.contains(b)).collect();
            match form.parse(protocol, params, bugs) {
                Ok(settings) => {
                    error.set(None);
                    on_apply.emit(settings);
                }
                Err(message) => error.set(Some(message)),
            }
        })
    };
    let protocol = props.settings.protocol;
    let params = props.settings.own.params();
    let (client, max_servers) = about(protocol)
        .map_or((en!("Client writes every"), MAX_SERVERS), |lab| (lab.client, lab.max_servers));
    let f = &*form;
    // One control per lab setting, by its kind.
    let own_field = |at: usize, param: &'static Param| -> Html {
        let (text, max) = f.own.get(at).cloned().unwrap_or_default();
        let set_min = Box::new(move |f: &mut Form, v: String| f.own[at].0 = v);
        match param.kind {
            Kind::Count | Kind::Number | Kind::OptionalCount | Kind::Time => {
                field(param.label, param.note, &text, set_min)
            }
            Kind::Range => {
                let set_max = Box::new(move |f: &mut Form, v: String| f.own[at].1 = v);
                let note = if param.note.is_empty() {
                    String::new()
                } else {
                    format!("; {}", tr(param.note))
                };
                html! {
                    <fieldset>
                        <legend>{ format!("{} (ms){note}", tr(param.label)) }</legend>
                        { field(en!("min"), "", &text, set_min) }
                        { field(en!("max"), "", &max, set_max) }
                    </fieldset>
                }
            }
            Kind::Flag => {
                let form = form.clone();
                let on = text == "1";
                let onchange = Callback::from(move |_: Event| {
                    let mut next = (*form).clone();
                    next.own[at].0 = (if on { "" } else { "1" }).into();
                    form.set(next);
                });
                html! {
                    <label><input type="checkbox" checked={on} {onchange} />
                        { format!(" {} ({})", tr(param.label), tr(param.note)) }</label>
                }
            }
            Kind::Choice(choices) => {
                let form = form.clone();
                let onchange = Callback::from(move |event: Event| {
                    if let Some(value) = crate::views::browser::field_value(&event) {
                        let mut next = (*form).clone();
                        next.own[at].0 = value;
                        form.set(next);
                    }
                });
                html! {
                    <label>{ format!("{} ", tr(param.label)) }
                        <select {onchange}>
                            { for choices.iter().map(|(key, name)| html! {
                                <option value={*key} selected={text == *key}>{ tr(name) }</option>
                            }) }
                        </select>
                    </label>
                }
            }
        }
    };
    html! {
        <form class="settings" onsubmit={apply} aria-label={tr(en!("Cluster settings"))} novalidate=true>
            <h2>{ tr!("Settings: {protocol}", protocol = tr(protocol.name())) }</h2>
            { field(&tr!("Servers ({least}–{most})", least = MIN_SERVERS, most = max_servers), "", &f.servers, Box::new(|f, v| f.servers = v)) }
            { field(en!("Seed"), "", &f.seed, Box::new(|f, v| f.seed = v)) }
            { for params.iter().enumerate().map(|(at, param)| own_field(at, param)) }
            <fieldset>
                <legend>{ tr(en!("Latency (ms)")) }</legend>
                { field(en!("min"), "", &f.latency_min, Box::new(|f, v| f.latency_min = v)) }
                { field(en!("max"), "", &f.latency_max, Box::new(|f, v| f.latency_max = v)) }
            </fieldset>
            { field(client, en!("ms (0 = off)"), &f.write_every, Box::new(|f, v| f.write_every = v)) }
            <fieldset>
                <legend>{ tr(en!("Deliberate bugs")) }</legend>
                { for protocol.bug_names().iter().zip(protocol.bug_descriptions())
                    .map(|(name, what)| bug_box(name, what, bugs.contains(name))) }
            </fieldset>
            <button type="submit">{ tr(en!("Reset with these settings")) }</button>
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
        let raft = LabSettings::default();
        let params = raft.own.params();
        let good = Form::of(&raft);
        assert_eq!(good.parse(Protocol::Raft, params, Vec::new()), Ok(raft.clone()));
        let broken: [fn(&mut Form); 8] = [
            |f| f.servers = "2".into(),
            |f| f.servers = "10".into(),
            |f| f.servers = "five".into(),
            |f| f.seed = "-1".into(),
            |f| f.seed = "99999999999999999999999".into(),
            |f| f.own[1].0 = "NaN".into(),
            |f| f.own[0].0 = "1e300".into(),
            |f| f.latency_max = "0.5".into(),
        ];
        for (i, breaks) in broken.iter().enumerate() {
            let mut form = good.clone();
            breaks(&mut form);
            assert!(form.parse(Protocol::Raft, params, Vec::new()).is_err(), "case {i}: {form:?}");
        }
        let mut fractional = good.clone();
        fractional.latency_min = "0.25".into();
        fractional.latency_max = "2.5".into();
        let parsed = fractional
            .parse(Protocol::Raft, params, Vec::new())
            .expect("fractions of a ms are fine");
        assert_eq!(parsed.latency, (250, 2500));
        assert_eq!(Form::of(&parsed).latency_max, "2.5");
    }
}
