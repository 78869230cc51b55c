//! The Raft paper's Figure 16 (top) in the page: five servers, the leader crashed, and the
//! time until a new leader as a cumulative distribution per election-timeout range, run in
//! the measurement worker (1,000 trials per range) and drawn as each range completes.

use clusterscope_core::protocols::raft::experiments::{ElectionCdf, FIGURE16_RANGES};
use clusterscope_core::sim::{Time, MILLI, SECOND};
use yew::prelude::*;

use crate::views::l10n::tr;
use crate::views::measuring::{use_measurement, Progress};
use crate::views::plot::{axes, polyline, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use crate::{en, tr};

/// The paper's trials per range.
const TRIALS: usize = 1000;
/// The x axis, on a log scale: the paper's runs from 100 ms; a trial stops at 10 s.
const X_FROM: Time = 100 * MILLI;
const X_TO: Time = 10 * SECOND;
const X_TICKS: [(Time, &str); 5] = [
    (100 * MILLI, "100ms"),
    (300 * MILLI, "300ms"),
    (SECOND, "1s"),
    (3 * SECOND, "3s"),
    (10 * SECOND, "10s"),
];

/// One answer line of the worker: a range's distribution.
fn read_range(value: &serde_json::Value) -> Option<ElectionCdf> {
    let cdf = value.get("range")?;
    let pair = cdf.get("range")?;
    let range = (pair.get(0)?.as_u64()?, pair.get(1)?.as_u64()?);
    let trials = cdf.get("trials")?.as_u64()? as usize;
    let times = cdf.get("elected")?.as_array()?;
    let elected = times.iter().map(|t| t.as_u64()).collect::<Option<Vec<Time>>>()?;
    Some(ElectionCdf { range, trials, elected })
}

/// A time to the millisecond below a second, to the hundredth above: what a distribution
/// over a thousand trials can say (and what fits a phone's width).
fn short_time(t: Time) -> String {
    if t < SECOND {
        format!("{} ms", t / MILLI)
    } else {
        format!("{:.2} s", t as f64 / SECOND as f64)
    }
}

fn range_name((min, max): (Time, Time)) -> String {
    format!("{}–{} ms", min / MILLI, max / MILLI)
}

/// Where `t` falls on the log-scale x axis, as a share of its width.
fn log_x(t: Time) -> f64 {
    let span = (X_TO as f64).log10() - (X_FROM as f64).log10();
    (((t.max(X_FROM) as f64).log10() - (X_FROM as f64).log10()) / span).clamp(0.0, 1.0)
}

/// A range's curve as a staircase, one step per trial that elected a leader, with steps
/// closer than half a unit merged (a thousand trials would otherwise be two thousand
/// points).
fn staircase(cdf: &ElectionCdf, x: impl Fn(Time) -> f64, y: impl Fn(f64) -> f64) -> String {
    let mut points = vec![(x(X_FROM), y(0.0))];
    let total = cdf.trials.max(1) as f64;
    for (i, &t) in cdf.elected.iter().enumerate() {
        let (at, before, after) = (x(t), y(i as f64 / total), y((i + 1) as f64 / total));
        match points.last_mut() {
            Some(last) if (last.0 - at).abs() < 0.5 => last.1 = after,
            _ => {
                points.push((at, before));
                points.push((at, after));
            }
        }
    }
    let last = y(cdf.elected.len() as f64 / total);
    points.push((x(X_TO), last));
    polyline(points.into_iter())
}

#[function_component]
pub fn Figure16Chart() -> Html {
    let measuring = use_measurement(());
    let ranges: Vec<ElectionCdf> = measuring.lines.iter().filter_map(read_range).collect();
    let done = measuring
        .lines
        .iter()
        .rev()
        .find_map(|l| Some((l.get("progress")?.as_u64()?, l.get("total")?.as_u64()?)));
    let running = measuring.running();
    let start = {
        let request = serde_json::json!({ "figure16": { "trials": TRIALS } }).to_string();
        measuring.start.reform(move |_: MouseEvent| request.clone())
    };
    let cancel = measuring.cancel.reform(|_: MouseEvent| ());
    let status = match &measuring.progress {
        Progress::Idle => String::new(),
        Progress::Stopped => tr(en!("stopped")),
        Progress::Running => {
            tr!("running… {done} of {all} ranges", done = ranges.len(), all = FIGURE16_RANGES.len())
        }
        Progress::Done => tr(en!("done")),
        Progress::Failed(e) => tr!("could not run: {e}", e),
    };
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let x = |t: Time| LEFT + w * log_x(t);
    let y = |share: f64| TOP + h * (1.0 - share);
    let x_ticks: Vec<(f64, String)> =
        X_TICKS.iter().map(|(t, label)| (log_x(*t), label.to_string())).collect();
    let y_ticks: Vec<(f64, String)> =
        [0.0, 0.5, 1.0].iter().map(|f| (*f, format!("{:.0}%", f * 100.0))).collect();
    let curves = ranges.iter().enumerate().map(|(i, cdf)| {
        html! { <polyline class={format!("r{i}")} points={staircase(cdf, x, y)} /> }
    });
    let keys = ranges.iter().enumerate().map(|(i, cdf)| {
        html! { <span class="range"><span class={format!("key r{i}")} />{ range_name(cdf.range) }</span> }
    });
    let rows = ranges.iter().map(|cdf| {
        let time = |t: Option<Time>| t.map_or_else(|| tr(en!("> 10 s")), short_time);
        let slowest = (cdf.elected.len() == cdf.trials).then(|| cdf.elected.last().copied());
        html! {
            <tr>
                <td>{ range_name(cdf.range) }</td>
                <td>{ format!("{:.1}%", 100.0 * cdf.within(SECOND)) }</td>
                <td>{ format!("{:.1}%", 100.0 * cdf.within(X_TO)) }</td>
                <td>{ time(cdf.quantile(0.5)) }</td>
                <td>{ time(slowest.flatten()) }</td>
            </tr>
        }
    });
    html! {
        <figure class="chart figure16" data-ranges={ranges.len().to_string()}>
            <figcaption>
                <strong>{ tr(en!("The Raft paper's Figure 16")) }</strong>
                { tr!(": 5 servers; the leader crashes at a random point of its heartbeat interval; how long until a new leader, for each election-timeout range ({trials} trials each, in a background worker).", trials = TRIALS) }{ " " }
                <button onclick={start} disabled={running}>{ tr(en!("Run Figure 16")) }</button>
                if running {
                    <button onclick={cancel}>{ tr(en!("Cancel")) }</button>
                    <progress max={done.map_or(1, |d| d.1).to_string()} value={done.map_or(0, |d| d.0).to_string()}
                        aria-label={tr(en!("Figure 16 trials run"))} />
                }
                <span class="status" aria-live="polite">{ format!(" {status}") }</span>
            </figcaption>
            if !ranges.is_empty() {
                <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                    aria-label={tr(en!("Share of trials with a new leader against time since the crash, one curve per election-timeout range (the table below has the numbers)"))}>
                    { axes(1.0, 1.0, en!("time without a leader (log scale)"), &y_ticks, &x_ticks) }
                    { for curves }
                </svg>
                <p class="keys">{ for keys }</p>
                <table class="nodes">
                    <thead><tr><th>{ tr(en!("Election timeout")) }</th><th>{ tr(en!("Leader within 1 s")) }</th><th>{ tr(en!("Within 10 s")) }</th><th>{ tr(en!("Median")) }</th><th>{ tr(en!("Slowest")) }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <p class="note">{ tr(en!("The paper's shape: with no spread (150–150 ms) the survivors time out together, split their votes again and again, and most trials still have no leader after 10 s; a few milliseconds of spread helps; with 150–300 ms every trial has a leader well within a second. This simulator's latency is 5–15 ms one way, its heartbeat 50 ms.")) }</p>
            }
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_staircase_climbs_one_step_per_elected_trial_and_stops_short_of_those_that_did_not() {
        let cdf = ElectionCdf { range: (1, 2), trials: 4, elected: vec![200 * MILLI, SECOND] };
        let points = staircase(&cdf, |t| log_x(t) * 100.0, |share| 100.0 - 100.0 * share);
        // From the left edge at 0%, up to 25% at 200 ms and 50% at 1 s, flat to the right.
        assert_eq!(points, "0.0,100.0 15.1,100.0 15.1,75.0 50.0,75.0 50.0,50.0 100.0,50.0");
        let line = serde_json::json!({ "range": cdf });
        assert_eq!(read_range(&line), Some(cdf));
        assert_eq!(read_range(&serde_json::json!({ "progress": 1 })), None);
    }
}
