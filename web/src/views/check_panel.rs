//! The Check tab: the model checker over this lab's protocol, in the measurement worker (so
//! the page stays responsive), with its bounds in a form, a live readout while it searches, a
//! cancel, and on a violation the moves in words and a button that opens the counterexample
//! in the lab at the step where the property breaks. The job itself is
//! `session/check_job.rs`.

use clusterscope_core::model::{change_name, Bounds, Change, Order};
use clusterscope_core::scenario::Protocol;
use serde_json::Value;
use yew::prelude::*;

use super::browser;
use super::l10n::{self, text, text_with, tr};
use super::measuring::{use_measurement, Progress};
use crate::{en, tr};

/// The form's text, field by field.
#[derive(Clone, Debug, Default, PartialEq)]
struct Form {
    servers: String,
    clients: String,
    reads: String,
    depth: String,
    crashes: String,
    losses: String,
    duplicates: String,
    timers: String,
    /// A bug toggle's name, or empty for the correct protocol.
    bug: String,
    /// Membership changes the bounds for the bug ask of the leader (shown, not edited).
    changes: &'static [Change],
    order: Order,
    /// Symmetry reduction (offered where the protocol's servers are interchangeable).
    symmetry: bool,
    /// Whether the protocol's clients read: only such a protocol declares bounds with reads
    /// (Basic Paxos's clients propose). The form then has a reads field, and calls the
    /// requests writes.
    reads_too: bool,
}

impl Form {
    /// The form for `bug` (empty: the correct protocol), at the bounds the protocol declares
    /// for it.
    fn of(all: &[(&'static str, Bounds)], bug: &str) -> Form {
        let wanted = all.iter().find(|(b, _)| *b == bug).or(all.first());
        let Some((bug, bounds)) = wanted.copied() else {
            return Form::default();
        };
        let faults = bounds.faults;
        let reads_too = all.iter().any(|(_, b)| b.reads > 0);
        Form {
            servers: bounds.servers.to_string(),
            clients: bounds.clients.to_string(),
            reads: bounds.reads.to_string(),
            depth: bounds.depth.to_string(),
            crashes: faults.crashes.to_string(),
            losses: faults.losses.to_string(),
            duplicates: faults.duplicates.to_string(),
            timers: faults.timers.to_string(),
            bug: bug.to_string(),
            changes: bounds.changes,
            order: bounds.order,
            symmetry: false,
            reads_too,
        }
    }

    /// The message id of the requests field's name.
    fn clients_label(&self) -> &'static str {
        if self.reads_too {
            "check-writes"
        } else {
            "check-clients"
        }
    }

    fn changes_named(&self) -> Vec<String> {
        self.changes.iter().map(|&change| change_name(change)).collect()
    }

    /// The worker's request; the worker checks the ranges and says what is wrong.
    fn request(&self, protocol: Protocol) -> Result<String, String> {
        // `name` is the field's message id.
        fn number(typed: &str, name: &str) -> Result<u64, String> {
            let whole = |_| text_with("check-whole-number", &[("field", &text(name))]);
            typed.trim().parse().map_err(whole)
        }
        fn budget(typed: &str, name: &str) -> Result<u8, String> {
            let most = |_| text_with("check-at-most", &[("field", &text(name)), ("most", "255")]);
            number(typed, name)?.try_into().map_err(most)
        }
        let bugs: Vec<&str> =
            Some(self.bug.as_str()).filter(|b| !b.is_empty()).into_iter().collect();
        let request = serde_json::json!({ "check": {
            "protocol": protocol.key(),
            "servers": number(&self.servers, "check-servers")?,
            "clients": number(&self.clients, self.clients_label())?,
            "reads": number(&self.reads, "check-reads")?,
            "max_depth": number(&self.depth, "check-depth")?,
            "crashes": budget(&self.crashes, "check-crashes")?,
            "losses": budget(&self.losses, "check-losses")?,
            "duplicates": budget(&self.duplicates, "check-duplicates")?,
            "timers": budget(&self.timers, "check-timers")?,
            "bugs": bugs,
            "changes": self.changes_named(),
            "order": self.order.name(),
            "symmetry": self.symmetry,
        }});
        Ok(request.to_string())
    }
}

/// A search's name in the form.
fn order_label(order: Order) -> String {
    match order {
        Order::Bfs => text("check-bfs"),
        Order::Dfs => text("check-dfs"),
        Order::Shortest => text("check-shortest"),
    }
}

/// `n` with thin spaces between thousands, as the readout shows counts.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{2009}');
        }
        out.push(c);
    }
    out
}

/// States, distinct states, depth and rate, from a `searching` or `checked` line.
fn counters(line: &Value) -> String {
    let count = |key: &str| line[key].as_u64().unwrap_or(0);
    let seconds = line["ms"].as_f64().unwrap_or(0.0) / 1000.0;
    let rate = if seconds > 0.0 { count("unique") as f64 / seconds } else { 0.0 };
    let counted = text_with(
        "check-counters",
        &[
            ("states", &grouped(count("states"))),
            ("distinct", &grouped(count("unique"))),
            ("depth", &count("depth").to_string()),
            ("seconds", &format!("{seconds:.1}")),
            ("rate", &grouped(rate as u64)),
        ],
    );
    match line["memory_mb"].as_u64() {
        Some(mb) => {
            text_with("check-counters-memory", &[("counted", &counted), ("mb", &mb.to_string())])
        }
        None => counted,
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckPanelProps {
    pub protocol: Protocol,
    /// The bounds the protocol declares for the correct protocol (`""`, first) and for each of
    /// its bugs; picking a bug puts its bounds in the form.
    pub bounds: Vec<(&'static str, Bounds)>,
    /// The bug the form starts with (the lab's first toggle that is on, or `""`).
    pub bug: &'static str,
    /// (bug, shipped scenario): the counterexamples the command line found and the page
    /// carries, some beyond what a search in the page may keep (Raft's figure8_commit).
    pub shipped: Vec<(&'static str, &'static str)>,
    /// Whether to offer symmetry reduction (the protocol's servers are interchangeable).
    pub symmetry: bool,
}

#[function_component]
pub fn CheckPanel(props: &CheckPanelProps) -> Html {
    let form = {
        let (bounds, bug) = (props.bounds.clone(), props.bug);
        use_state(move || Form::of(&bounds, bug))
    };
    let error = use_state(|| None::<String>);
    let measuring = use_measurement(props.protocol);
    let start = {
        let (form, error, start) = (form.clone(), error.clone(), measuring.start.clone());
        let protocol = props.protocol;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match form.request(protocol) {
                Ok(request) => {
                    error.set(None);
                    start.emit(request);
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let cancel = measuring.cancel.reform(|_: MouseEvent| ());
    // `label` is the field's message id.
    let field = |label: &'static str, value: &str, set: fn(&mut Form, String)| {
        let form = form.clone();
        let oninput = Callback::from(move |event: InputEvent| {
            if let Some(typed) = browser::field_value(&event) {
                let mut next = (*form).clone();
                set(&mut next, typed);
                form.set(next);
            }
        });
        html! {
            <label>{ text(label) }{ " " }<input type="number" min="0" value={value.to_string()} {oninput} /></label>
        }
    };
    let on_bug = {
        let (form, bounds) = (form.clone(), props.bounds.clone());
        Callback::from(move |event: Event| {
            if let Some(bug) = browser::field_value(&event) {
                form.set(Form { symmetry: form.symmetry, ..Form::of(&bounds, &bug) });
            }
        })
    };
    let on_order = {
        let form = form.clone();
        Callback::from(move |event: Event| {
            if let Some(order) = browser::field_value(&event) {
                let order = Order::from_name(&order).unwrap_or_default();
                form.set(Form { order, ..(*form).clone() });
            }
        })
    };
    let on_symmetry = {
        let form = form.clone();
        Callback::from(move |_: Event| {
            form.set(Form { symmetry: !form.symmetry, ..(*form).clone() })
        })
    };
    let f = &*form;
    let last = measuring.lines.last();
    let checked = last.and_then(|l| l.get("checked"));
    // The answer can arrive a moment before the worker's `done`.
    let running = measuring.running() && checked.is_none();
    let status = match (&measuring.progress, checked) {
        (Progress::Failed(e), _) => text_with("check-failed", &[("error", e)]),
        (Progress::Stopped, _) => text("check-cancelled"),
        (_, Some(c)) => {
            // The worker says how the search ended in the core's words (`Stop::outcome`).
            let outcome = match c["outcome"].as_str().unwrap_or_default() {
                "exhausted" => en!("Exhausted"),
                "no violation up to the depth bound" => en!("No violation up to the depth bound"),
                "violation" => en!("Violation"),
                "stopped at the state bound" => en!("Stopped at the state bound"),
                _ => en!("Done"),
            };
            tr!("{outcome}: {counted}.", outcome = tr(outcome), counted = counters(c))
        }
        (Progress::Running, None) => match last.and_then(|l| l.get("searching")) {
            Some(line) => text_with("check-searching", &[("counted", &counters(line))]),
            None => text("check-starting"),
        },
        (Progress::Idle | Progress::Done, None) => String::new(),
    };
    let goals = checked.and_then(|c| c["goals"].as_array()).map(|goals| {
        let items = goals.iter().map(|g| {
            // A goal's name in the core's English (`Checkable::GOALS`).
            let name = &tr(g["goal"].as_str().unwrap_or_default());
            match g["depth"].as_u64() {
                Some(depth) => html! { <li>{ text_with("check-goal-reached", &[("goal", name), ("depth", &depth.to_string())]) }</li> },
                None => html! { <li>{ text_with("check-goal-not-reached", &[("goal", name)]) }</li> },
            }
        });
        html! { <ul class="goals">{ for items }</ul> }
    });
    // What an "exhausted" or a "shortest" rests on: no two states shared a fingerprint.
    let collision = checked.and_then(|c| c["collision_chance"].as_f64()).map(|chance| {
        html! { <p class="collision">{ text_with("check-collision", &[("chance", &format!("{chance:.1e}"))]) }</p> }
    });
    let violation = checked.map(|c| &c["violation"]).filter(|v| v.is_object()).map(|v| {
        let answer = |key: &str| v[key].as_str().unwrap_or_default().to_string();
        // A search for the shortest that stopped at its bound: shorter paths may remain.
        let shortest_unproven = checked.is_some_and(|c| c["outcome"] != "violation");
        let open = {
            let link = answer("link");
            Callback::from(move |_: MouseEvent| browser::load_page(&link))
        };
        let download = {
            let scenario = answer("scenario");
            Callback::from(move |_: MouseEvent| {
                browser::download("counterexample.toml", "application/toml", &scenario)
            })
        };
        let moves = v["moves"].as_array().cloned().unwrap_or_default();
        html! {
            <div class="violation" role="alert">
                <p><strong>{ text_with("check-breaks", &[("property", &l10n::property(&answer("property"))), ("moves", &moves.len().to_string())]) }</strong>
                    { format!(": {}", answer("detail")) }</p>
                if shortest_unproven {
                    <p class="unproven">{ text("check-unproven") }</p>
                }
                <button onclick={open}>{ text("check-open") }</button>
                <button onclick={download}>{ text("check-download") }</button>
                <ol class="moves" tabindex="0" aria-label={text("check-moves.aria-label")}>{ for moves.iter().map(|m| html! { <li>{ m.as_str().unwrap_or_default() }</li> }) }</ol>
            </div>
        }
    });
    let shipped = props.shipped.iter().find(|(bug, _)| *bug == f.bug).map(|&(bug, scenario)| {
        let open = Callback::from(move |_: MouseEvent| {
            browser::load_page(&format!("scenario={scenario}"))
        });
        html! {
            <p class="shipped">{ text_with("check-shipped", &[("bug", bug)]) }{ " " }
                <button type="button" onclick={open}>{ scenario }</button></p>
        }
    });
    html! {
        <section class="check" aria-label={text("check.aria-label")}>
            <p class="note">{ text_with("check-note", &[("protocol", &tr(props.protocol.name()))]) }</p>
            <form class="check-bounds" onsubmit={start} aria-label={text("check-bounds.aria-label")} novalidate=true>
                { field("check-servers", &f.servers, |f, v| f.servers = v) }
                { field(f.clients_label(), &f.clients, |f, v| f.clients = v) }
                if f.reads_too {
                    { field("check-reads", &f.reads, |f, v| f.reads = v) }
                }
                { field("check-depth", &f.depth, |f, v| f.depth = v) }
                <fieldset>
                    <legend>{ text("check-faults") }</legend>
                    { field("check-crashes", &f.crashes, |f, v| f.crashes = v) }
                    { field("check-losses", &f.losses, |f, v| f.losses = v) }
                    { field("check-duplicated", &f.duplicates, |f, v| f.duplicates = v) }
                    { field("check-timers", &f.timers, |f, v| f.timers = v) }
                </fieldset>
                <label>{ text("check-bug") }{ " " }
                    <select onchange={on_bug}>
                        <option value="" selected={f.bug.is_empty()}>{ text("check-no-bug") }</option>
                        { for props.protocol.bug_names().iter().map(|b| html! {
                            <option value={*b} selected={f.bug == *b}>{ *b }</option>
                        }) }
                    </select>
                </label>
                if !f.changes.is_empty() {
                    <p class="changes">{ text_with("check-changes", &[("changes", &f.changes_named().join(", "))]) }</p>
                }
                <label>{ text("check-search") }{ " " }
                    <select onchange={on_order}>
                        { for Order::ALL.iter().map(|&order| html! {
                            <option value={order.name()} selected={f.order == order}>{ order_label(order) }</option>
                        }) }
                    </select>
                </label>
                if props.symmetry {
                    <label title={text("check-symmetry.title")}>
                        <input type="checkbox" checked={f.symmetry} onchange={on_symmetry} />
                        { " " }{ text("check-symmetry") }
                    </label>
                }
                <button type="submit" disabled={running}>{ text("check-start") }</button>
                if running {
                    <button type="button" onclick={cancel}>{ text("check-cancel") }</button>
                }
                { for error.as_ref().map(|message| html! { <p class="error" role="alert">{ message }</p> }) }
            </form>
            { for shipped }
            <p class="outcome" aria-live="polite">{ status }</p>
            { for goals }
            { for collision }
            { for violation }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterscope_core::sim::{MemberChange, NodeId};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn counts_are_grouped_by_thousands_and_bad_numbers_are_refused() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_194_428), "1\u{2009}194\u{2009}428");
        let correct = Bounds {
            servers: 3,
            clients: 2,
            reads: 0,
            changes: &[],
            faults: clusterscope_core::model::Faults::default(),
            depth: 15,
            order: Order::Bfs,
        };
        let five = Bounds { servers: 5, order: Order::Dfs, ..correct };
        let bounds = [("", correct), ("forget_promise", correct), ("stale", five)];
        assert!(!Form::of(&bounds, "").reads_too, "no bounds read: no reads field");
        let reading = [("", correct), ("local_reads", Bounds { reads: 1, ..correct })];
        let form = Form::of(&reading, "");
        assert_eq!((form.reads_too, form.reads.as_str()), (true, "0"));
        let form = Form::of(&reading, "local_reads");
        let request: Value = serde_json::from_str(&form.request(Protocol::Raft).unwrap()).unwrap();
        assert_eq!(
            (&request["check"]["clients"], &request["check"]["reads"]),
            (&2.into(), &1.into())
        );
        let bad = Form { clients: "many".into(), ..form };
        assert_eq!(bad.request(Protocol::Raft), Err("check-whole-number".into()));
        assert_eq!(
            (Form::of(&bounds, "stale").servers.as_str(), Form::of(&bounds, "stale").order),
            ("5", Order::Dfs)
        );
        assert_eq!(Form::of(&bounds, "unknown").bug, "");
        let form = Form::of(&bounds, "forget_promise");
        let request: Value = serde_json::from_str(&form.request(Protocol::Paxos).unwrap()).unwrap();
        assert_eq!(request["check"]["bugs"], serde_json::json!(["forget_promise"]));
        assert_eq!(request["check"]["max_depth"], 15);
        // Without index.html's loader a message reads as its id (the words are checked in
        // the page: tests/e2e/check.test.mjs).
        assert_eq!(request["check"]["changes"], serde_json::json!([]));
        const REMOVAL: [Change; 1] = [(MemberChange::RemoveServer, NodeId(3))];
        let changing = [("", correct), ("early", Bounds { changes: &REMOVAL, ..correct })];
        let asked = Form::of(&changing, "early").request(Protocol::Raft).unwrap();
        let asked: Value = serde_json::from_str(&asked).unwrap();
        assert_eq!(asked["check"]["changes"], serde_json::json!(["remove_server:S4"]));
        let bad = Form { crashes: "300".into(), ..form.clone() };
        assert_eq!(bad.request(Protocol::Paxos), Err("check-at-most".into()));
        let bad = Form { depth: "deep".into(), ..form };
        assert_eq!(bad.request(Protocol::Paxos), Err("check-whole-number".into()));
    }
}
