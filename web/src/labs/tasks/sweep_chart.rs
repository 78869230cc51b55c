//! A small sweep in the page: one parameter of a shipped Tasks scenario varied over a few
//! values, a few seeds each, both clusters side by side, run in the measurement worker with a
//! progress bar and a cancel button, and plotted as each cluster's mean. The same sweeps, with
//! more seeds, are `clusterscope sweep` (BENCHMARKS.md, "Task clusters").

use std::fmt::Write;

use clusterscope_core::protocols::tasks::sweep::Param;
use serde_json::Value;
use yew::prelude::*;

use crate::views::l10n::tr;
use crate::views::markup::escaped;
use crate::views::measuring::{use_measurement, Progress};
use crate::views::plot::{axes, polyline, BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH};
use crate::{en, tr};

const SEEDS: u64 = 4;

/// A sweep the page offers: the articles' claims, one curve each.
struct Preset {
    title: &'static str,
    scenario: &'static str,
    param: Param,
    values: &'static [&'static str],
    x_label: &'static str,
    y_label: &'static str,
    /// The field of the worker's means (`sweep::Means`) plotted, and its scale. (Read from
    /// the worker's JSON by name: a derived reader cost the page more than the chart.)
    metric: (&'static str, f64),
    why: &'static str,
}

const PRESETS: [Preset; 3] = [
    Preset {
        title: en!("Slowest task vs α"),
        scenario: "tasks-worker-crash",
        param: Param::Alpha,
        values: &["1.5", "2", "3", "5", "8"],
        x_label: en!("α (a worker is declared failed after α·T_hb of silence)"),
        y_label: en!("ms"),
        metric: ("latency_max_ms", 1.0),
        why: en!("A crashed worker's tasks wait α·T_hb before the coordinator moves them, so the \
             single leader's slowest task grows with α; the leaderless cluster waits for SWIM \
             to confirm the death, whatever α is."),
    },
    Preset {
        title: en!("Load imbalance vs V"),
        scenario: "tasks-worker-crash",
        param: Param::Vnodes,
        values: &["1", "4", "16", "64", "256"],
        x_label: en!("V, points per member on the ring"),
        y_label: "max/mean",
        metric: ("load_max_over_mean", 1.0),
        why: en!("Tasks run by the busiest server over the mean. With few points per member the \
             ring's arcs are uneven; more points even them out. The single leader's policy does \
             not depend on V."),
    },
    Preset {
        title: en!("Busiest server's share of messages vs n"),
        scenario: "tasks-worker-crash",
        param: Param::Servers,
        values: &["5", "7", "9", "13"],
        x_label: en!("servers"),
        y_label: "%",
        metric: ("busiest_share", 100.0),
        why: en!("Every worker reports to the coordinator, so it carries a large share of all \
             messages however many servers there are: the scalability bottleneck the article \
             names. Leaderless members share the traffic."),
    },
];

#[function_component]
pub fn SweepChart() -> Html {
    let chosen = use_state(|| 0usize);
    let preset = &PRESETS[*chosen % PRESETS.len()];
    let measuring = use_measurement(*chosen);
    let (field, scale) = preset.metric;
    let metric = |means: &Value| Some(means.get(field)?.as_f64()? * scale);
    // Each value measured: the value, and each cluster's mean of the metric.
    let points: Vec<(&str, f64, f64)> = measuring
        .lines
        .iter()
        .filter_map(|line| {
            let point = line.get("point")?;
            let value = point.get("value")?.as_str()?;
            Some((value, metric(point.get("single_leader")?)?, metric(point.get("leaderless")?)?))
        })
        .collect();
    let (done, total) = measuring
        .lines
        .iter()
        .rev()
        .find_map(|line| Some((line.get("progress")?.as_u64()?, line.get("total")?.as_u64()?)))
        .unwrap_or((0, preset.values.len() as u64 * SEEDS));
    let on_choose = {
        let chosen = chosen.clone();
        Callback::from(move |event: Event| {
            let picked = crate::views::browser::field_value(&event).and_then(|v| v.parse().ok());
            if let Some(at) = picked {
                chosen.set(at);
            }
        })
    };
    let start = {
        let values = serde_json::to_string(preset.values).unwrap_or_default();
        let request = format!(
            "{{\"sweep\":{{\"scenario\":\"{}\",\"param\":\"{}\",\"values\":{values},\"seeds\":{SEEDS}}}}}",
            preset.scenario,
            preset.param.key()
        );
        measuring.start.reform(move |_: MouseEvent| request.clone())
    };
    let status = match &measuring.progress {
        Progress::Idle => String::new(),
        Progress::Running => tr!("running {done} of {total}", done, total),
        Progress::Stopped => tr!("cancelled after {done} of {total} runs", done, total),
        Progress::Done => tr!("done: {total} runs", total),
        Progress::Failed(e) => tr!("could not sweep: {e}", e),
    };
    let highest = points
        .iter()
        .flat_map(|&(_, single, leaderless)| [single, leaderless])
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let last = (preset.values.len() - 1).max(1) as f64;
    let (w, h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let x = |i: usize| LEFT + w * i as f64 / last;
    let y = |v: f64| TOP + h * (1.0 - v / highest);
    let line = |pick: fn(&(&str, f64, f64)) -> f64| {
        polyline(points.iter().enumerate().map(|(i, p)| (x(i), y(pick(p)))))
    };
    let x_ticks: Vec<(f64, String)> =
        preset.values.iter().enumerate().map(|(i, v)| (i as f64, v.to_string())).collect();
    let y_ticks: Vec<(f64, String)> = [0.0, 0.5, 1.0]
        .iter()
        .map(|f| (f * highest, format!("{:.*}", if highest < 10.0 { 2 } else { 0 }, f * highest)))
        .collect();
    // The numbers' table, as markup rather than `html!` (see `markup`).
    let mut table = format!(
        "<table class=\"nodes\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        tr(en!("Value")),
        tr(en!("Single leader")),
        tr(en!("Leaderless"))
    );
    for (value, single, leaderless) in &points {
        let _ = write!(
            table,
            "<tr><td>{}</td><td>{single:.2}</td><td>{leaderless:.2}</td></tr>",
            escaped(value)
        );
    }
    table.push_str("</tbody></table>");
    html! {
        <figure class="chart sweep" data-points={points.len().to_string()}>
            <figcaption>
                <strong>{ tr(en!("Sweep")) }</strong>
                { tr!(": scenario {scenario}, {seeds} seeds per value, both clusters on each run.", scenario = preset.scenario, seeds = SEEDS) }{ " " }
                <label>{ tr(en!("Sweep")) }{ " " }
                    <select onchange={on_choose} disabled={measuring.running()}>
                        { for PRESETS.iter().enumerate().map(|(i, p)| html! {
                            <option value={i.to_string()} selected={i == *chosen}>{ tr(p.title) }</option>
                        }) }
                    </select>
                </label>
                <button onclick={start} disabled={measuring.running()}>{ tr(en!("Run sweep")) }</button>
                if measuring.running() {
                    <button onclick={measuring.cancel.reform(|_: MouseEvent| ())}>{ tr(en!("Cancel")) }</button>
                    <progress max={total.to_string()} value={done.to_string()} aria-label={tr(en!("Sweep progress"))} />
                }
                <span class="status" aria-live="polite">{ format!(" {status}") }</span>
            </figcaption>
            if !points.is_empty() {
                <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                    aria-label={tr!("{title}: each cluster's mean (the table below has the numbers)", title = tr(preset.title))}>
                    { axes(last, highest, preset.x_label, &y_ticks, &x_ticks) }
                    <polyline class="single-leader" points={line(|p| p.1)} />
                    <polyline class="leaderless" points={line(|p| p.2)} />
                    <text class="tick" x={(LEFT + 4.0).to_string()} y={(TOP + 8.0).to_string()}>{ tr(preset.y_label) }</text>
                </svg>
                <p class="keys"><span class="key single-leader" />{ tr(en!("single leader")) }{ " " }
                    <span class="key leaderless" />{ tr(en!("leaderless")) }</p>
                <p class="note">{ tr(preset.why) }</p>
                { Html::from_html_unchecked(table.into()) }
            }
        </figure>
    }
}
