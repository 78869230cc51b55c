//! The page's measurement worker: a measurement that runs many simulations (the SWIM
//! detection chart today) runs here, in a Web Worker, so the page stays responsive while it
//! runs and its code is not in the page's first download. The page loads this bundle when a
//! chart asks for it (`labs/gossip/charts.rs`).
//!
//! Protocol: the page posts one request as JSON text; the worker answers with one JSON line
//! per point measured, then `{"done": true}`; an unreadable request gets `{"error": "…"}`.
//!
//! ```text
//! → {"detection": {"config": {…GossipConfig…}, "members": 100, "seed": 1,
//!                  "loss": [0.0, 0.1], "warmup": 5000000, "after": 30000000}}
//! ← {"loss": 0.0, "first_confirmed": 2100000, "all_know": 2600000, "false_positives": 0}
//! ← {"done": true}
//! ```

use clusterscope_core::protocols::gossip::experiments::detection;
use clusterscope_core::protocols::gossip::GossipConfig;
use clusterscope_core::sim::Time;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The most members or loss rates one request may ask for: a request is a page's chart,
/// not a load test.
const MAX_MEMBERS: usize = 1000;
const MAX_POINTS: usize = 32;

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Request {
    Detection(DetectionRequest),
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
    }
    reply(serde_json::json!({ "done": true }).to_string());
}

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let text = event.data().as_string().unwrap_or_default();
            answer(&text, &mut |line| {
                // Posting a string to the page cannot fail while the worker lives.
                let _ = replies.post_message(&JsValue::from_str(&line));
            });
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
}
