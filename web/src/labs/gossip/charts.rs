//! The two classic charts of a leaderless cluster, next to its picture:
//!
//! - how the newest rumor spread, round by round since it was written, against the epidemic
//!   model for the lab's mode and fanout (the formula is printed under the chart);
//! - how long SWIM takes to confirm a crash, and how many live members it wrongly confirms
//!   dead, as message loss rises: measured on demand with the lab's own settings, in the
//!   measurement worker (a Web Worker bundle loaded then), so the page stays responsive and
//!   its first download does not carry the measurement.

use clusterscope_core::protocols::gossip::experiments::{epidemic_model, Detection};
use clusterscope_core::protocols::gossip::{GossipConfig, Mode};
use clusterscope_core::sim::{format_time, Time, SECOND};
use yew::prelude::*;

use crate::views::l10n::tr;
use crate::views::measuring::{use_measurement, Progress};
use crate::views::plot::{axes, polyline, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use crate::{en, tr};

/// The loss rates the detection chart measures.
const LOSS_RATES: [f64; 7] = [0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4];
/// Detection is measured on at most this many members: a thousand would take the worker
/// several seconds per loss rate.
pub const DETECTION_MEMBERS: usize = 100;
const DETECTION_WARMUP: Time = 5 * SECOND;
const DETECTION_AFTER: Time = 30 * SECOND;
/// The chart shows at least the rounds the model needs to reach this fraction.
const MODEL_NEARLY_ALL: f64 = 0.999;
const MAX_ROUNDS: usize = 30;

/// The newest rumor's spread so far.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    /// `key=value`.
    pub rumor: String,
    pub mode: Mode,
    pub fanout: usize,
    pub members: usize,
    pub interval: Time,
    /// The fraction of live members holding it after each round since it was written
    /// (round 0: the writer alone), up to the playhead.
    pub measured: Vec<f64>,
}

impl Spread {
    /// Counts members informed by each round from the times they learned the rumor.
    pub fn from_learned(
        rumor: String,
        config: &GossipConfig,
        members: usize,
        written_at: Time,
        learned_at: impl Iterator<Item = Time>,
        now: Time,
    ) -> Spread {
        let interval = config.gossip_interval.max(1);
        let rounds = (now.saturating_sub(written_at) / interval) as usize;
        let mut newly = vec![0usize; rounds + 1];
        newly[0] = 1;
        for at in learned_at {
            let round = at.saturating_sub(written_at).div_ceil(interval) as usize;
            if let Some(count) = newly.get_mut(round) {
                *count += 1;
            }
        }
        let mut informed = 0;
        let mut measured: Vec<f64> = newly
            .iter()
            .map(|n| {
                informed += n;
                (informed as f64 / members.max(1) as f64).min(1.0)
            })
            .collect();
        // Once everyone knows, two more rounds say so; the chart ends there.
        if let Some(all) = measured.iter().position(|f| *f >= 1.0) {
            measured.truncate(all + 3);
        }
        measured.truncate(MAX_ROUNDS + 1);
        Spread { rumor, mode: config.mode, fanout: config.fanout, members, interval, measured }
    }

    fn model(&self) -> Vec<f64> {
        let needed = epidemic_model(self.mode, self.fanout, self.members, MAX_ROUNDS)
            .iter()
            .position(|f| *f >= MODEL_NEARLY_ALL)
            .unwrap_or(MAX_ROUNDS);
        let rounds = needed.max(self.measured.len().saturating_sub(1)).min(MAX_ROUNDS);
        epidemic_model(self.mode, self.fanout, self.members, rounds)
    }
}

/// The recurrence plotted for a mode, with i the informed fraction and f the fanout.
pub fn formula(mode: Mode) -> &'static str {
    match mode {
        Mode::Push => "push: 1 − i′ = (1 − i) · e^(−f·i)",
        Mode::Pull => "pull: 1 − i′ = (1 − i)^(f+1)",
        Mode::PushPull => "push-pull: 1 − i′ = (1 − i)^(f+1) · e^(−f·i)",
    }
}

#[derive(Properties, PartialEq)]
pub struct SpreadChartProps {
    pub spread: Option<Spread>,
}

#[function_component]
pub fn SpreadChart(props: &SpreadChartProps) -> Html {
    let Some(spread) = &props.spread else {
        return html! {
            <figure class="chart spread">
                <figcaption>{ tr(en!("Spread of the newest rumor: none written yet (or its write is older than the kept trace). Send a client write to a member.")) }</figcaption>
            </figure>
        };
    };
    let model = spread.model();
    let rounds = model.len().max(spread.measured.len()).saturating_sub(1).max(1);
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let x = |round: usize| LEFT + w * round as f64 / rounds as f64;
    let y = |fraction: f64| TOP + h * (1.0 - fraction);
    let model_line = polyline(model.iter().enumerate().map(|(r, f)| (x(r), y(*f))));
    let measured_line = polyline(spread.measured.iter().enumerate().map(|(r, f)| (x(r), y(*f))));
    let y_ticks: Vec<(f64, String)> =
        [0.0, 0.25, 0.5, 0.75, 1.0].iter().map(|v| (*v, format!("{:.0}%", v * 100.0))).collect();
    let step = rounds.div_ceil(10).max(1);
    let x_ticks: Vec<(f64, String)> =
        (0..=rounds).step_by(step).map(|r| (r as f64, r.to_string())).collect();
    let last = spread.measured.len() - 1;
    let now = spread.measured[last];
    let predicted = model.get(last).copied().unwrap_or(1.0);
    let summary = tr!(
        "{rumor}: {informed}% of {members} members informed by round {rounds} (a round is {interval}); the model predicts {predicted}%",
        rumor = spread.rumor,
        informed = format!("{:.1}", now * 100.0),
        members = spread.members,
        rounds = last,
        interval = format_time(spread.interval),
        predicted = format!("{:.1}", predicted * 100.0)
    );
    html! {
        <figure class="chart spread" data-rounds={last.to_string()} data-informed={format!("{now:.4}")}>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={summary.clone()}>
                { axes(rounds as f64, 1.0, en!("rounds since the write"), &y_ticks, &x_ticks) }
                <polyline class="model" points={model_line} />
                <polyline class="measured" points={measured_line} />
                { for spread.measured.iter().enumerate().map(|(r, f)| html! {
                    <circle class="measured" cx={x(r).to_string()} cy={y(*f).to_string()} r="2.5" />
                }) }
            </svg>
            <figcaption>
                <strong>{ summary }</strong><br />
                <span class="key measured" />{ tr(en!("measured")) }{ " " }<span class="key model" />
                { tr!("model, {mode} with fanout f = {fanout}, one member informed at round 0: {formula}",
                    mode = spread.mode.name(), fanout = spread.fanout, formula = formula(spread.mode)) }
                <br />{ tr(en!("The model assumes every member gossips once per round at the same instant; with free-running rounds a member informed early in a round passes it on within that round, so the measured curve runs ahead (turn on aligned rounds in the settings to compare like with like).")) }
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetectionChartProps {
    /// The lab's configuration, members and seed, which the measurement reuses.
    pub config: GossipConfig,
    pub members: usize,
    pub seed: u64,
}

/// One answer line of the measurement worker: a point measured.
fn read_point(value: &serde_json::Value) -> Detection {
    let time = |key: &str| value.get(key).and_then(|v| v.as_u64());
    Detection {
        loss: value.get("loss").and_then(|v| v.as_f64()).unwrap_or_default(),
        first_confirmed: time("first_confirmed"),
        all_know: time("all_know"),
        false_positives: time("false_positives").unwrap_or_default(),
    }
}

#[function_component]
pub fn DetectionChart(props: &DetectionChartProps) -> Html {
    let members = props.members.clamp(3, DETECTION_MEMBERS);
    let measuring = use_measurement((props.config.clone(), members, props.seed));
    let results: Vec<Detection> = measuring.lines.iter().map(read_point).collect();
    let running = measuring.running();
    let start = {
        let request = serde_json::json!({ "detection": {
            "config": props.config, "members": members, "seed": props.seed,
            "loss": LOSS_RATES, "warmup": DETECTION_WARMUP, "after": DETECTION_AFTER,
        } })
        .to_string();
        measuring.start.reform(move |_: MouseEvent| request.clone())
    };
    let cancel = measuring.cancel.reform(|_: MouseEvent| ());
    let seconds = |t: Option<Time>| t.map(|t| t as f64 / SECOND as f64);
    let longest = results
        .iter()
        .filter_map(|d| seconds(d.all_know).or(seconds(d.first_confirmed)))
        .fold(1.0, f64::max)
        .ceil();
    let most_false = results.iter().map(|d| d.false_positives).max().unwrap_or(0).max(1) as f64;
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let max_loss = LOSS_RATES[LOSS_RATES.len() - 1];
    let x = |loss: f64| LEFT + w * loss / max_loss;
    let y = |v: f64, max: f64| TOP + h * (1.0 - v / max);
    let line = |pick: fn(&Detection) -> Option<Time>| {
        polyline(results.iter().filter_map(|d| Some((x(d.loss), y(seconds(pick(d))?, longest)))))
    };
    let bars = results.iter().map(|d| {
        let top = y(d.false_positives as f64, most_false);
        html! {
            <rect class="false-positives" x={(x(d.loss) - 5.0).to_string()} y={top.to_string()}
                width="10" height={(TOP + h - top).to_string()} />
        }
    });
    let loss_ticks: Vec<(f64, String)> =
        LOSS_RATES.iter().map(|l| (*l, format!("{:.0}%", l * 100.0))).collect();
    let time_ticks: Vec<(f64, String)> =
        [0.0, 0.5, 1.0].iter().map(|f| (f * longest, format!("{:.0}s", f * longest))).collect();
    let rows = results.iter().map(|d| {
        // Tenths of a millisecond say nothing about a detection that takes seconds.
        let shown = |t: Option<Time>| {
            t.map_or("never".to_string(), |t| format!("{:.2} s", t as f64 / SECOND as f64))
        };
        html! {
            <tr>
                <td>{ format!("{:.0}%", d.loss * 100.0) }</td>
                <td>{ shown(d.first_confirmed) }</td>
                <td>{ shown(d.all_know) }</td>
                <td>{ d.false_positives }</td>
            </tr>
        }
    });
    let status = match &measuring.progress {
        Progress::Idle => String::new(),
        Progress::Stopped => tr(en!("stopped")),
        Progress::Running => {
            tr!(
                "measuring… {done} of {all} loss rates",
                done = results.len(),
                all = LOSS_RATES.len()
            )
        }
        Progress::Done => tr(en!("done")),
        Progress::Failed(e) => tr!("could not measure: {e}", e),
    };
    html! {
        <figure class="chart detection" data-points={results.len().to_string()}>
            <figcaption>
                <strong>{ tr(en!("SWIM under message loss")) }</strong>
                { tr!(": {members} members with this lab's timings; the last one crashes {warmup} in, and the run goes on {after} more, once per loss rate.",
                    members, warmup = format_time(DETECTION_WARMUP), after = format_time(DETECTION_AFTER)) }{ " " }
                <button onclick={start} disabled={running}>{ tr(en!("Measure detection vs loss")) }</button>
                if running {
                    <button onclick={cancel}>{ tr(en!("Cancel")) }</button>
                }
                <span class="status" aria-live="polite">{ format!(" {status}") }</span>
            </figcaption>
            if !results.is_empty() {
                <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                    aria-label={tr(en!("Detection time and false positives as loss rises (the table below has the numbers)"))}>
                    { axes(max_loss, longest, en!("message loss"), &time_ticks, &loss_ticks) }
                    { for bars }
                    <polyline class="first-confirmed" points={line(|d| d.first_confirmed)} />
                    <polyline class="all-know" points={line(|d| d.all_know)} />
                    <text class="tick" x={(WIDTH - RIGHT).to_string()} y={(TOP + 8.0).to_string()} text-anchor="end">
                        { tr!("bars: false positives (tallest {most})", most = format!("{most_false:.0}")) }</text>
                </svg>
                <p class="keys"><span class="key first-confirmed" />{ tr(en!("first member confirms the crash")) }{ " " }
                    <span class="key all-know" />{ tr(en!("every live member knows")) }{ " " }
                    <span class="key false-positives" />{ tr(en!("live members wrongly confirmed dead")) }</p>
                <table class="nodes">
                    <thead><tr><th>{ tr(en!("Loss")) }</th><th>{ tr(en!("First confirmed")) }</th><th>{ tr(en!("All know")) }</th><th>{ tr(en!("False positives")) }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </figure>
    }
}
