//! `clusterscope spread` and `clusterscope detect`: the gossip measurements of
//! `clusterscope_core::protocols::gossip::experiments`, as tables or JSON.

use clusterscope_core::protocols::gossip::experiments::{detection, spread, Detection};
use clusterscope_core::protocols::gossip::{GossipConfig, Mode};
use clusterscope_core::sim::{format_time, Time, SECOND};

/// The largest cluster the experiments accept: the page's goal is 1,000 nodes.
pub const MAX_NODES: usize = 10_000;

pub fn parse_mode(text: &str) -> Result<Mode, String> {
    Mode::from_key(text)
}

fn check_nodes(nodes: usize) -> Result<(), String> {
    if (2..=MAX_NODES).contains(&nodes) {
        Ok(())
    } else {
        Err(format!("--nodes must be from 2 to {MAX_NODES}"))
    }
}

pub fn spread_command(
    nodes: usize,
    mode: Mode,
    fanout: usize,
    seed: u64,
    rounds: usize,
    json: bool,
) -> Result<(), String> {
    check_nodes(nodes)?;
    if !(1..nodes).contains(&fanout) || rounds > 1000 {
        return Err("--fanout must be from 1 to nodes - 1, and --rounds at most 1000".into());
    }
    let config = GossipConfig { mode, fanout, ..GossipConfig::default() };
    let rounds = spread(nodes, &config, seed, rounds);
    if json {
        let text = serde_json::to_string_pretty(&rounds).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "{nodes} nodes, {mode:?}, fanout {fanout}, gossip every {}, seed {seed}",
        format_time(config.gossip_interval)
    );
    println!("round  model  aligned rounds  free-running");
    for r in rounds {
        println!("{:>5}  {:>5.3}  {:>14.3}  {:>12.3}", r.round, r.model, r.aligned, r.free);
    }
    Ok(())
}

pub fn detect_command(nodes: usize, losses: &[f64], seeds: u64, json: bool) -> Result<(), String> {
    check_nodes(nodes)?;
    if losses.iter().any(|p| !(0.0..=0.9).contains(p)) || !(1..=100).contains(&seeds) {
        return Err("--loss values must be from 0 to 0.9, and --seeds from 1 to 100".into());
    }
    let config = GossipConfig::default();
    let (warmup, after) = (5 * SECOND, 60 * SECOND);
    let mut rows = Vec::new();
    for &loss in losses {
        let runs: Vec<Detection> =
            (0..seeds).map(|seed| detection(nodes, &config, seed, loss, warmup, after)).collect();
        rows.push(Summary::of(loss, &runs));
    }
    if json {
        let text = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
        println!("{text}");
        return Ok(());
    }
    println!(
        "{nodes} nodes, probe every {}, suspicion timeout {}, {seeds} seeds per loss rate",
        format_time(config.probe_interval),
        format_time(config.suspicion_timeout(nodes))
    );
    println!("loss  first confirms (median)  all know (median)  undetected  false positives");
    let show = |t: Option<Time>| t.map_or("-".into(), format_time);
    for row in rows {
        println!(
            "{:>4.2}  {:>23}  {:>17}  {:>10}  {:>15}",
            row.loss,
            show(row.first_confirmed),
            show(row.all_know),
            row.undetected,
            row.false_positives
        );
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct Summary {
    loss: f64,
    first_confirmed: Option<Time>,
    all_know: Option<Time>,
    /// Runs in which not every live member learned of the crash in time.
    undetected: usize,
    false_positives: u64,
}

impl Summary {
    fn of(loss: f64, runs: &[Detection]) -> Summary {
        let median = |mut times: Vec<Time>| {
            times.sort_unstable();
            times.get(times.len() / 2).copied()
        };
        Summary {
            loss,
            first_confirmed: median(runs.iter().filter_map(|r| r.first_confirmed).collect()),
            all_know: median(runs.iter().filter_map(|r| r.all_know).collect()),
            undetected: runs.iter().filter(|r| r.all_know.is_none()).count(),
            false_positives: runs.iter().map(|r| r.false_positives).sum(),
        }
    }
}
