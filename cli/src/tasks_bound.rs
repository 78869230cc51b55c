//! `clusterscope bound`: how many failed servers each task cluster survives. Servers crash
//! one at a time (S1, then S2, …) while a client keeps submitting at the last server; for each
//! number of crashed servers, the share of that stretch's tasks each cluster accepted. Article
//! B writes the single leader's bound as f = n/2 − 1; a majority quorum tolerates
//! ⌊(n − 1)/2⌋, which the run shows.

use std::collections::BTreeMap;

use serde::Serialize;

use clusterscope_core::protocols::tasks::leader::LeaderTaskNode;
use clusterscope_core::protocols::tasks::leaderless::PeerTaskNode;
use clusterscope_core::protocols::tasks::measure::{Fact, TaskFacts};
use clusterscope_core::scenario::Scenario;
use clusterscope_core::sim::{RecordKind, Time, SECOND};

/// Long enough for SWIM, at its default timings, to confirm a death.
const STRETCH: Time = 10 * SECOND;

#[derive(Serialize)]
pub struct Stretch {
    pub crashed: usize,
    pub submitted: usize,
    pub single_leader_accepted: usize,
    pub leaderless_accepted: usize,
}

#[derive(Serialize)]
pub struct Bound {
    pub servers: usize,
    /// The article's formula, n/2 − 1.
    pub article_f: f64,
    /// ⌊(n − 1)/2⌋.
    pub majority_f: usize,
    pub stretches: Vec<Stretch>,
}

/// The scenario: `servers` servers, a task every 100 ms at the last one, and a crash every
/// stretch from S1 up, until only the client's server is left.
fn scenario(servers: usize, seed: u64) -> Result<Scenario, String> {
    let stretches = servers as u64;
    let mut text = format!(
        "name = \"bound\"\nprotocol = \"tasks\"\nnodes = {servers}\nseed = {seed}\n\
         end = \"{}s\"\n\n[workload]\nevery = \"100ms\"\nclient = \"S{servers}\"\n\
         command = \"job{{i}}=200ms\"\nuntil = \"{}s\"\n",
        (stretches * STRETCH + 5 * SECOND) / SECOND,
        stretches * STRETCH / SECOND,
    );
    for k in 1..servers {
        text.push_str(&format!(
            "\n[[events]]\nat = \"{}s\"\ncrash = \"S{k}\"\n",
            k as u64 * STRETCH / SECOND
        ));
    }
    Scenario::parse(&text, "bound").map_err(|e| e.to_string())
}

/// Tasks accepted, by the stretch they were submitted in.
fn accepted<N: TaskFacts>(scenario: &Scenario, config: N::Config) -> BTreeMap<u64, (usize, usize)> {
    // Tasks submitted and not yet accepted, by stretch.
    let mut submitted_in: BTreeMap<u64, u64> = BTreeMap::new();
    let mut counts: BTreeMap<u64, (usize, usize)> = BTreeMap::new();
    scenario.run_each::<N>(config, true, |sim| {
        for record in sim.records() {
            let RecordKind::Node { event, .. } = &record.kind else { continue };
            match N::fact(event) {
                Some(Fact::Submitted(task)) => {
                    let stretch = record.time / STRETCH;
                    submitted_in.insert(task, stretch);
                    counts.entry(stretch).or_default().0 += 1;
                }
                // Once a task: a reassigned one is accepted again.
                Some(Fact::Accepted(task)) => {
                    if let Some(stretch) = submitted_in.remove(&task) {
                        counts.entry(stretch).or_default().1 += 1;
                    }
                }
                _ => {}
            }
        }
    });
    counts
}

pub fn bound(servers: usize, seed: u64) -> Result<Bound, String> {
    if !(3..=15).contains(&servers) {
        return Err(format!("--servers must be from 3 to 15, not {servers}"));
    }
    let scenario = scenario(servers, seed)?;
    let leader = accepted::<LeaderTaskNode>(&scenario, scenario.tasks.leader.clone());
    let peers = accepted::<PeerTaskNode>(&scenario, scenario.tasks.leaderless.clone());
    let stretches = (0..servers as u64)
        .map(|k| Stretch {
            crashed: k as usize,
            submitted: leader.get(&k).map_or(0, |c| c.0),
            single_leader_accepted: leader.get(&k).map_or(0, |c| c.1),
            leaderless_accepted: peers.get(&k).map_or(0, |c| c.1),
        })
        .collect();
    Ok(Bound {
        servers,
        article_f: servers as f64 / 2.0 - 1.0,
        majority_f: (servers - 1) / 2,
        stretches,
    })
}

pub fn print_bound(b: &Bound) {
    println!(
        "{} servers; crashes one every {} s from S1, a task every 100 ms at S{}",
        b.servers,
        STRETCH / SECOND,
        b.servers
    );
    println!(
        "failures tolerated: article B's f = n/2 - 1 = {}; a majority quorum's floor((n - 1)/2) = {}",
        b.article_f, b.majority_f
    );
    println!("{:>8} {:>10} {:>15} {:>12}", "crashed", "submitted", "single leader", "leaderless");
    for s in &b.stretches {
        let share = |accepted: usize| {
            format!("{accepted} ({:.0}%)", 100.0 * accepted as f64 / s.submitted.max(1) as f64)
        };
        println!(
            "{:>8} {:>10} {:>15} {:>12}",
            s.crashed,
            s.submitted,
            share(s.single_leader_accepted),
            share(s.leaderless_accepted)
        );
    }
}
