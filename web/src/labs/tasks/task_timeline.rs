//! The task timeline: the newest tasks, one row each, with a lane per cluster. A lane shows
//! the wait from submission to acceptance (a thin line), every run of the task as a bar on
//! its worker (faded and crossed when the worker crashed or left mid-run), and a diamond
//! where its result counted; at the right, where the task stands in that cluster now.

use std::fmt::Write;

use clusterscope_core::protocols::tasks::measure::{Life, Run, RunEnd};
use clusterscope_core::protocols::tasks::task::TaskId;
use clusterscope_core::protocols::tasks::twin::TwinMeasure;
use clusterscope_core::sim::{format_time, Time, MILLI};
use yew::prelude::*;

use crate::views::l10n::tr;
use crate::{en, tr};

/// Tasks drawn, the newest.
pub const ROWS: usize = 12;
const ROW: f64 = 30.0;
const LANE: f64 = 12.0;
/// Where the bars' time axis starts and ends, in SVG units of a 420-wide chart.
const LEFT: f64 = 44.0;
const RIGHT: f64 = 318.0;
const TOP: f64 = 4.0;

/// Where a task stands in one cluster, in the words of its lane's right-hand label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// This cluster never heard of it (it was sent to a server this cluster is not on).
    Absent,
    Waiting,
    Refused,
    /// Accepted, and no worker has started it yet.
    Assigned,
    Running,
    /// Accepted and no worker runs it now: lost, unless the cluster runs it again.
    Lost,
    Done,
    /// It ran on two workers at once, or to the end twice.
    Twice,
}

impl Standing {
    pub fn of(life: Option<&Life>) -> Standing {
        let Some(life) = life else { return Standing::Absent };
        match () {
            _ if life.overlapping() || life.finishes() > 1 => Standing::Twice,
            _ if life.completed.is_some() => Standing::Done,
            _ if life.runs.iter().any(|run| run.end.is_none()) => Standing::Running,
            _ if life.stranded() && !life.runs.is_empty() => Standing::Lost,
            _ if life.accepted.is_some() => Standing::Assigned,
            _ if life.refused.is_some() => Standing::Refused,
            _ => Standing::Waiting,
        }
    }

    /// The lane's right-hand label: the standing, and the workers that make it so.
    pub fn label(self, life: &Life) -> String {
        // At most two names fit beside the lane; the rest are counted.
        let workers = |runs: &mut dyn Iterator<Item = &Run>| {
            let mut names: Vec<String> = Vec::new();
            for run in runs {
                let name = run.worker.to_string();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            let more = names.len().saturating_sub(2);
            names.truncate(2);
            let names = names.join(" ");
            if more > 0 {
                format!("{names} +{more}")
            } else {
                names
            }
        };
        match self {
            Standing::Absent => "—".into(),
            Standing::Waiting => tr(en!("waiting")),
            Standing::Refused => tr(en!("refused")),
            Standing::Assigned => tr(en!("assigned")),
            Standing::Running => {
                let running = workers(&mut life.runs.iter().filter(|r| r.end.is_none()));
                tr!("running: {workers}", workers = running)
            }
            Standing::Lost => {
                tr!("lost ({workers})", workers = workers(&mut life.runs.iter().rev().take(1)))
            }
            Standing::Done => tr(en!("done")),
            Standing::Twice => tr!("twice: {workers}", workers = workers(&mut life.runs.iter())),
        }
    }

    fn bad(self) -> bool {
        matches!(self, Standing::Lost | Standing::Twice)
    }
}

/// The newest tasks either cluster heard of, oldest first.
fn newest(measure: &TwinMeasure) -> Vec<TaskId> {
    let [leader, peer] = [measure.leader.lives(), measure.peer.lives()];
    let mut ids: Vec<TaskId> =
        leader.keys().rev().take(ROWS).chain(peer.keys().rev().take(ROWS)).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    ids.split_off(ids.len().saturating_sub(ROWS))
}

/// When a task's first record in either cluster was.
fn first_seen(life: &Life) -> Option<Time> {
    life.submitted.or(life.accepted).or(life.runs.first().map(|run| run.start))
}

/// When the last thing happened to a task that has settled (done, or refused, with no run
/// going on); `None` while it may still change.
fn settled(life: &Life) -> Option<Time> {
    let runs_over = life.runs.iter().all(|run| run.end.is_some());
    let over = life.completed.is_some() || life.refused.is_some() && life.accepted.is_none();
    if !(over && runs_over) {
        return None;
    }
    let ends = life.runs.iter().filter_map(|run| run.end.map(|(end, _)| end));
    ends.chain(life.completed).chain(life.refused).max()
}

/// The chart, written as SVG markup: a few hundred elements through `html!` cost the page
/// several KiB of code, as text a fraction of that. Everything written is numbers, server
/// names and fixed words (with their shipped translations, which hold no markup), so nothing
/// needs escaping.
pub fn view(measure: &TwinMeasure, now: Time) -> Html {
    let tasks = newest(measure);
    if tasks.is_empty() {
        return html! { <p class="note">{ tr(en!("The task timeline starts with the first task submitted.")) }</p> };
    }
    let lanes = [("single-leader", measure.leader.lives()), ("leaderless", measure.peer.lives())];
    let from = tasks
        .iter()
        .flat_map(|id| lanes.iter().filter_map(|(_, lives)| first_seen(lives.get(id)?)))
        .min()
        .unwrap_or(now);
    // The axis ends now, or where the last shown task settled if all have.
    let until = tasks
        .iter()
        .flat_map(|id| lanes.iter().filter_map(|(_, lives)| lives.get(id)))
        .map(|life| settled(life).unwrap_or(now))
        .max()
        .unwrap_or(now)
        .max(from);
    let span = until.saturating_sub(from).max(1) as f64;
    let x = |t: Time| LEFT + (RIGHT - LEFT) * t.saturating_sub(from) as f64 / span;
    let height = TOP + ROW * tasks.len() as f64 + 14.0;
    let mut troubled = 0;
    let mut svg = format!(
        r#"<text class="tick" x="{LEFT}" y="{axis}">{}</text><text class="tick end" x="{RIGHT}" y="{axis}">{}</text>"#,
        // To the millisecond: the axis is seconds long.
        format_time(from / MILLI * MILLI),
        format_time(until / MILLI * MILLI),
        axis = height - 3.0,
    );
    for (row, id) in tasks.iter().enumerate() {
        let top = TOP + ROW * row as f64;
        let _ = write!(
            svg,
            r#"<text class="tick task" x="0" y="{}">{}</text>"#,
            top + LANE + 5.0,
            tr!("task {id}", id)
        );
        for (i, (kind, lives)) in lanes.iter().enumerate() {
            let y = top + (LANE + 2.0) * i as f64;
            let life = lives.get(id);
            let standing = Standing::of(life);
            let label = life.map_or_else(|| "—".to_string(), |life| standing.label(life));
            svg.push_str(r#"<g class="lane">"#);
            if let Some(life) = life {
                lane(&mut svg, life, kind, y, now, &x);
            }
            troubled += usize::from(standing.bad());
            let bad = if standing.bad() { " bad" } else { "" };
            let _ = write!(
                svg,
                r#"<text class="tick{bad}" x="{}" y="{}">{}</text></g>"#,
                RIGHT + 6.0,
                y + LANE / 2.0 + 3.5,
                label
            );
        }
    }
    let shown = tasks.len();
    Html::from_html_unchecked(
        format!(
            r#"<figure class="chart task-timeline"><svg viewBox="0 0 420 {height}" role="img" aria-label="{}">{svg}</svg><figcaption>{} <span class="key single-leader"></span>{} <span class="key leaderless"></span>{}</figcaption></figure>"#,
            tr!(
                "Task timeline: the newest {shown} tasks in each cluster, {troubled} lanes lost or run twice",
                shown,
                troubled
            ),
            tr!("The newest {shown} tasks: in each row", shown),
            tr(en!("single leader above,")),
            tr(en!("leaderless below. A thin line is the wait to be accepted, a bar a run (faded and crossed where its worker crashed or left), a diamond the result counted.")),
        )
        .into(),
    )
}

/// One cluster's lane of one task, between `y` and `y + LANE`.
fn lane(svg: &mut String, life: &Life, kind: &str, y: f64, now: Time, x: &dyn Fn(Time) -> f64) {
    let mid = y + LANE / 2.0;
    if let Some(from) = life.submitted {
        let until = life.accepted.or(life.refused).unwrap_or(now);
        let _ = write!(
            svg,
            r#"<line class="wait" x1="{:.1}" x2="{:.1}" y1="{mid}" y2="{mid}"/>"#,
            x(from),
            x(until)
        );
    }
    // A run that starts while earlier ones go on is drawn beneath them: the lane splits.
    let ends = |run: &Run| run.end.map_or(Time::MAX, |(end, _)| end);
    let levels: Vec<usize> = (0..life.runs.len())
        .map(|i| life.runs[..i].iter().filter(|e| ends(e) > life.runs[i].start).count())
        .collect();
    let height = LANE / (levels.iter().max().map_or(1, |most| most + 1)) as f64;
    for (run, level) in life.runs.iter().zip(levels) {
        let y = y + height * level as f64;
        let end = run.end.map_or(now, |(end, _)| end);
        let (x1, x2) = (x(run.start), x(end).max(x(run.start) + 1.0));
        let (stopped, how) = match run.end {
            None => ("", en!("runs it now")),
            Some((_, RunEnd::Finished)) => ("", en!("ran it to the end")),
            Some((_, RunEnd::Crashed)) => (" stopped", en!("crashed while running it")),
            Some((_, RunEnd::Dropped)) => (" stopped", en!("left the pool while running it")),
        };
        let _ = write!(
            svg,
            r#"<rect class="bar {kind}{stopped}" x="{x1:.1}" y="{y}" width="{:.1}" height="{height}"><title>{}</title></rect>"#,
            x2 - x1,
            tr!(
                "{worker} {how} (from {from} to {to})",
                worker = run.worker,
                how = tr(how),
                from = format_time(run.start),
                to = format_time(end)
            )
        );
        if !stopped.is_empty() {
            let _ = write!(
                svg,
                r#"<path class="cut" d="M{:.1} {y}l6 {height}m0 -{height}l-6 {height}"/>"#,
                x2 - 3.0
            );
        }
    }
    if let Some(at) = life.completed {
        let _ = write!(
            svg,
            r#"<path class="done" d="M{:.1} {y}l5 6-5 6-5-6z"><title>{}</title></path>"#,
            x(at),
            tr!("its result counted at {time}", time = format_time(at))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clusterscope_core::sim::NodeId;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn run(worker: u32, start: Time, end: Option<(Time, RunEnd)>) -> Run {
        Run { worker: NodeId(worker), start, end }
    }

    #[wasm_bindgen_test]
    fn a_lane_says_where_its_task_stands() {
        let accepted = Life { submitted: Some(0), accepted: Some(5), ..Life::default() };
        let stand = |runs: Vec<Run>, completed: Option<Time>| {
            Standing::of(Some(&Life { runs, completed, ..accepted.clone() }))
        };
        assert_eq!(Standing::of(None), Standing::Absent);
        assert_eq!(
            Standing::of(Some(&Life { submitted: Some(0), ..Life::default() })),
            Standing::Waiting
        );
        let refused = Life { submitted: Some(0), refused: Some(3), ..Life::default() };
        assert_eq!(Standing::of(Some(&refused)), Standing::Refused);
        assert_eq!(stand(vec![], None), Standing::Assigned);
        assert_eq!(stand(vec![run(1, 5, None)], None), Standing::Running);
        assert_eq!(stand(vec![run(1, 5, Some((9, RunEnd::Crashed)))], None), Standing::Lost);
        let crashed_then_again = vec![run(1, 5, Some((9, RunEnd::Crashed))), run(2, 20, None)];
        assert_eq!(stand(crashed_then_again, None), Standing::Running);
        assert_eq!(stand(vec![run(1, 5, Some((9, RunEnd::Finished)))], Some(10)), Standing::Done);
        let side_by_side = vec![run(1, 5, None), run(2, 8, None)];
        assert_eq!(stand(side_by_side, None), Standing::Twice);
        let one_after_another =
            vec![run(1, 5, Some((9, RunEnd::Finished))), run(2, 20, Some((24, RunEnd::Finished)))];
        assert_eq!(stand(one_after_another.clone(), Some(10)), Standing::Twice);
        let life = Life { runs: one_after_another, ..accepted.clone() };
        assert_eq!(Standing::Twice.label(&life), "twice: S2 S3");
        let four = (1..=4).map(|w| run(w, 5 + u64::from(w), None)).collect();
        let life = Life { runs: four, ..accepted.clone() };
        assert_eq!(Standing::of(Some(&life)).label(&life), "twice: S2 S3 +2");
        let life = Life { runs: vec![run(3, 5, Some((9, RunEnd::Crashed)))], ..accepted };
        assert_eq!(Standing::of(Some(&life)).label(&life), "lost (S4)");
    }
}
