//! The page's measurement worker: a long computation (the SWIM detection chart, the Tasks
//! lab's sweep, the Raft lab's Figure 16, the Check tab's model checker) runs here, in a Web
//! Worker, so the page stays responsive while it runs and its code is not in the page's first
//! download. The page loads this bundle when a chart or the Check tab asks for it
//! (`views/measuring.rs`). It is built for speed, not size (Cargo.toml, `wasm-worker`).
//!
//! Protocol: the page posts one request as JSON text; the worker answers with one JSON line
//! per point measured, then `{"done": true}`; an unreadable request gets `{"error": "…"}`.
//!
//! ```text
//! → {"detection": {"config": {…GossipConfig…}, "members": 100, "seed": 1,
//!                  "loss": [0.0, 0.1], "warmup": 5000000, "after": 30000000}}
//! ← {"loss": 0.0, "first_confirmed": 2100000, "all_know": 2600000, "false_positives": 0}
//! ← {"done": true}
//!
//! → {"sweep": {"scenario": "tasks-worker-crash", "param": "alpha",
//!              "values": ["1.5", "3", "8"], "seeds": 4}}
//! ← {"progress": 1, "total": 12}                       (after each run)
//! ← {"point": {"value": "1.5", "single_leader": {…means…}, "leaderless": {…}}}
//! ← {"done": true}
//!
//! → {"figure16": {"trials": 1000}}
//! ← {"progress": 100, "total": 6000}                    (every 100 trials)
//! ← {"range": {"range": [150000, 150000], "trials": 1000, "elected": [sorted times]}}
//! ← {"done": true}
//!
//! → {"check": {…}}                                      (the Check panel; see
//!                                                         `session/check_job.rs`)
//! ← {"searching": {…counters…}}, then {"checked": {…}}
//! ← {"done": true}
//!
//! → {"export": {"link": "protocol=raft&…&step=40"}}    (the Share tab's trace file)
//! ← {"file": "…the trace file's text…"}, then {"done": true}
//!
//! → {"verify": {"text": "…a trace file…"}}              (before the page opens one)
//! ← {"verified": {"difference": null}}                   (or where the replay differs)
//! ← {"done": true}
//!
//! → {"gif": {"width": 480, "height": 480}}               (a recording, `app/recording.rs`)
//! → {after: 10, rgba: Uint8ClampedArray}                 (a picture, not JSON; `after` in
//!                                                         centiseconds since the last one)
//! ← {"encoded": 1}                                       (after each picture)
//! → {"gif_end": {"hold": 150}}
//! ← Uint8Array (the GIF file), then {"done": true}
//! ```

use clusterscope_core::protocols::gossip::experiments::detection;
use clusterscope_core::protocols::gossip::GossipConfig;
use clusterscope_core::protocols::raft::experiments::{
    figure16_trial, ElectionCdf, FIGURE16_RANGES,
};
use clusterscope_core::protocols::tasks::sweep::{self, Point};
use clusterscope_core::scenario::{Protocol, Scenario};
use clusterscope_core::sim::Time;
use clusterscope_web::{run_check, CheckRequest, GifFilm, Link, Session};
use serde::Deserialize;
use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The most members or loss rates one request may ask for: a request is a page's chart,
/// not a load test.
const MAX_MEMBERS: usize = 1000;
const MAX_POINTS: usize = 32;
/// A sweep in the page is a few values over a few seeds; the CLI runs the large ones.
const MAX_SWEEP_VALUES: usize = 12;
const MAX_SWEEP_SEEDS: u64 = 20;
/// Figure 16 in the page is the paper's 1,000 trials per range; the CLI runs more.
const MAX_FIGURE16_TRIALS: usize = 1000;
/// Trials between two progress lines.
const FIGURE16_PROGRESS_EVERY: usize = 100;

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Request {
    Detection(DetectionRequest),
    Sweep(SweepRequest),
    Figure16(Figure16Request),
    Check(CheckRequest),
    Export { link: String },
    Verify { text: String },
}

#[derive(Deserialize)]
struct Figure16Request {
    trials: usize,
}

/// Runs the Raft paper's Figure 16, range after range, telling `reply` of its progress and
/// of each range's distribution once it is complete.
fn run_figure16(r: Figure16Request, reply: &mut dyn FnMut(String)) -> Result<(), String> {
    if !(1..=MAX_FIGURE16_TRIALS).contains(&r.trials) {
        return Err(format!("Figure 16 takes 1 to {MAX_FIGURE16_TRIALS} trials per range"));
    }
    let total = r.trials * FIGURE16_RANGES.len();
    let mut done = 0;
    for range in FIGURE16_RANGES {
        let mut outcomes = Vec::with_capacity(r.trials);
        for seed in 0..r.trials as u64 {
            outcomes.push(figure16_trial(range, seed));
            done += 1;
            if done % FIGURE16_PROGRESS_EVERY == 0 {
                reply(serde_json::json!({ "progress": done, "total": total }).to_string());
            }
        }
        let cdf = ElectionCdf::new(range, outcomes);
        reply(serde_json::json!({ "range": cdf }).to_string());
    }
    Ok(())
}

#[derive(Deserialize)]
struct SweepRequest {
    /// A shipped Tasks scenario, by name.
    scenario: String,
    param: sweep::Param,
    values: Vec<String>,
    seeds: u64,
}

/// The shipped Tasks scenario a sweep varies.
fn tasks_scenario(name: &str) -> Result<Scenario, String> {
    let lab = clusterscope_web::Lab::scenario(name)
        .ok_or_else(|| format!("no shipped scenario is called `{name}`"))?;
    let scenario = lab.parsed_scenario().ok_or("not a scenario")??;
    if scenario.protocol != Protocol::Tasks {
        return Err(format!("{name} is not a Tasks scenario"));
    }
    Ok(scenario)
}

/// Runs a sweep, one seed at a time, telling `reply` of each run and each value's means.
fn run_sweep(r: SweepRequest, reply: &mut dyn FnMut(String)) -> Result<(), String> {
    if r.values.is_empty() || r.values.len() > MAX_SWEEP_VALUES {
        return Err(format!("a sweep takes 1 to {MAX_SWEEP_VALUES} values"));
    }
    if !(1..=MAX_SWEEP_SEEDS).contains(&r.seeds) {
        return Err(format!("a sweep takes 1 to {MAX_SWEEP_SEEDS} seeds per value"));
    }
    let scenario = tasks_scenario(&r.scenario)?;
    // Every value is checked before the first run, so a bad one fails at once.
    let runs: Vec<Vec<Scenario>> = r
        .values
        .iter()
        .map(|value| (0..r.seeds).map(|n| sweep::variant(&scenario, r.param, value, n)).collect())
        .collect::<Result<_, _>>()?;
    let total = runs.len() as u64 * r.seeds;
    let mut done = 0;
    for (value, scenarios) in r.values.iter().zip(runs) {
        let mut measured = Vec::new();
        for scenario in &scenarios {
            measured.push(sweep::run(scenario));
            done += 1;
            reply(serde_json::json!({ "progress": done, "total": total }).to_string());
        }
        let point = Point::of(value, &measured.iter().collect::<Vec<_>>());
        reply(serde_json::json!({ "point": point }).to_string());
    }
    Ok(())
}

#[derive(Deserialize)]
struct DetectionRequest {
    config: GossipConfig,
    members: usize,
    seed: u64,
    loss: Vec<f64>,
    warmup: Time,
    after: Time,
}

/// Reads a request and measures it, passing each answer line to `reply` as it is ready.
fn answer(text: &str, reply: &mut dyn FnMut(String)) {
    let error = |e: String| serde_json::json!({ "error": e }).to_string();
    let request = match serde_json::from_str::<Request>(text) {
        Ok(request) => request,
        Err(e) => return reply(error(format!("the request is not readable: {e}"))),
    };
    match request {
        Request::Detection(r) => {
            if !(3..=MAX_MEMBERS).contains(&r.members) || r.loss.len() > MAX_POINTS {
                return reply(error(format!(
                    "a detection run takes 3 to {MAX_MEMBERS} members and at most \
                     {MAX_POINTS} loss rates"
                )));
            }
            if let Err(e) = r.config.validate() {
                return reply(error(format!("the gossip settings are not usable: {e}")));
            }
            for loss in r.loss {
                if !(0.0..=1.0).contains(&loss) {
                    return reply(error(format!("a loss rate is between 0 and 1, not {loss}")));
                }
                let point = detection(r.members, &r.config, r.seed, loss, r.warmup, r.after);
                reply(serde_json::to_string(&point).unwrap_or_default());
            }
        }
        Request::Sweep(r) => {
            if let Err(e) = run_sweep(r, reply) {
                return reply(error(e));
            }
        }
        Request::Figure16(r) => {
            if let Err(e) = run_figure16(r, reply) {
                return reply(error(e));
            }
        }
        Request::Check(r) => {
            if let Err(e) = run_check(&r, &js_sys::Date::now, reply) {
                return reply(error(e));
            }
        }
        Request::Export { link } => {
            let opened = Link::parse(&link).and_then(|link| Session::open(&link));
            match opened {
                Ok(session) => reply(serde_json::json!({ "file": session.export() }).to_string()),
                Err(e) => return reply(error(format!("the trace cannot be written: {e}"))),
            }
        }
        Request::Verify { text } => match Session::import(&text) {
            Ok((_, difference)) => {
                reply(serde_json::json!({ "verified": { "difference": difference } }).to_string())
            }
            Err(e) => return reply(error(e)),
        },
    }
    reply(serde_json::json!({ "done": true }).to_string());
}

/// A recording's messages: its GIF film lives from `gif` to `gif_end`, across messages.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FilmRequest {
    Gif { width: u16, height: u16 },
    GifEnd { hold: u32 },
}

type Reply<'a> = &'a dyn Fn(&JsValue);

fn error_line(e: &str) -> JsValue {
    JsValue::from_str(&serde_json::json!({ "error": e }).to_string())
}

/// Starts or ends the film.
fn direct_film(request: FilmRequest, film: &RefCell<Option<GifFilm>>, reply: Reply) {
    match request {
        FilmRequest::Gif { width, height } => match GifFilm::new(width, height) {
            Ok(started) => *film.borrow_mut() = Some(started),
            Err(e) => reply(&error_line(&e)),
        },
        FilmRequest::GifEnd { hold } => {
            let Some(ended) = film.borrow_mut().take() else {
                return reply(&error_line("no GIF was started"));
            };
            match ended.finish(hold) {
                Ok(bytes) => {
                    reply(&js_sys::Uint8Array::from(bytes.as_slice()).into());
                    reply(&JsValue::from_str(&serde_json::json!({ "done": true }).to_string()));
                }
                Err(e) => reply(&error_line(&e)),
            }
        }
    }
}

/// Adds a picture (`{after, rgba}`) to the film.
fn add_picture(
    picture: &JsValue,
    film: &RefCell<Option<GifFilm>>,
    pictures: &mut usize,
    reply: Reply,
) {
    let field = |name: &str| js_sys::Reflect::get(picture, &JsValue::from_str(name)).ok();
    let after = field("after").and_then(|a| a.as_f64()).unwrap_or(0.0);
    let Some(rgba) = field("rgba").and_then(|r| r.dyn_into::<js_sys::Uint8ClampedArray>().ok())
    else {
        return reply(&error_line("a picture is {after, rgba: Uint8ClampedArray}"));
    };
    let mut film = film.borrow_mut();
    let Some(film) = film.as_mut() else { return reply(&error_line("no GIF was started")) };
    if let Err(e) = film.add(&rgba.to_vec(), after.clamp(0.0, 1e6) as u32) {
        return reply(&error_line(&e));
    }
    *pictures += 1;
    reply(&JsValue::from_str(&serde_json::json!({ "encoded": *pictures }).to_string()));
}

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let film = RefCell::new(None::<GifFilm>);
    let mut pictures = 0;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            // Posting to the page cannot fail while the worker lives.
            let reply = |value: &JsValue| drop(replies.post_message(value));
            let data = event.data();
            let Some(text) = data.as_string() else {
                return add_picture(&data, &film, &mut pictures, &reply);
            };
            if let Ok(request) = serde_json::from_str::<FilmRequest>(&text) {
                pictures = 0;
                return direct_film(request, &film, &reply);
            }
            answer(&text, &mut |line| reply(&JsValue::from_str(&line)));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}
