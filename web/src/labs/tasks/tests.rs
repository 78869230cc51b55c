//! The Tasks lab in a real browser: both clusters drawn side by side, a coordinator and a
//! ring from the shipped scenarios, the settings' bounds, and the lab's own event lines.

use super::*;
use crate::labs::adapter::Adapter;
use crate::views::cluster_snapshot::ClusterSnapshot;
use clusterscope_core::sim::SECOND;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The default lab played for 3 s of virtual time.
fn played() -> Timeline<TwinNode> {
    let mut timeline = Timeline::new(TwinNode::start(&TwinNode::defaults()), 1000u64);
    timeline.advance_to(3 * SECOND);
    timeline
}

#[wasm_bindgen_test]
fn both_clusters_are_drawn_apart_on_one_clock() {
    let timeline = played();
    let [single, leaderless] = &ClusterSnapshot::all(&timeline)[..] else { panic!("two clusters") };
    assert_eq!((single.caption, leaderless.caption), ("Single leader", "Leaderless"));
    assert_eq!(single.servers.len(), 5);
    assert_eq!(leaderless.servers.len(), 5);
    // Each ring carries its own cluster's messages, and together they are all of them.
    let in_flight = timeline.sim().in_flight().count();
    assert_eq!(single.messages.len() + leaderless.messages.len(), in_flight);
    assert_eq!(single.servers.iter().filter(|s| s.leads).count(), 1, "one coordinator");
    let (first, _) = single.headline.clone().expect("a headline");
    assert!(first.ends_with("coordinates (term 1)"), "{first}");
    // Workers carry the coordinator's α·T_hb deadline; the coordinator does not.
    let deadlines = single.servers.iter().filter(|s| s.timer_left.is_some()).count();
    assert_eq!(deadlines, 4);
    assert!(leaderless.servers.iter().all(|s| !s.leads && s.timer_left.is_none()));
}

#[wasm_bindgen_test]
fn a_few_single_leader_servers_sit_beside_a_large_leaderless_cluster() {
    use crate::labs::own::Value;
    let mut settings = TwinNode::defaults();
    settings.servers = 40;
    settings.own.set("leader_servers", Value::Count(5));
    assert_eq!(TwinNode::validate(&settings), Ok(()));
    let mut timeline = Timeline::new(TwinNode::start(&settings), 1000u64);
    timeline.advance_to(3 * SECOND);
    let [single, leaderless] = &ClusterSnapshot::all(&timeline)[..] else { panic!("two clusters") };
    assert_eq!((single.servers.len(), leaderless.servers.len()), (5, 40));
    assert_eq!(single.servers.iter().filter(|s| s.leads).count(), 1, "one coordinator");
    let outside = |id: NodeId| id.index() >= 5;
    assert!(single.messages.iter().all(|m| !outside(m.from) && !outside(m.to)));
    assert!(leaderless.messages.iter().any(|m| outside(m.from) || outside(m.to)));
    let (_, ring) = charts::ring_headline(timeline.sim());
    assert!(ring.contains("done (as gossiped)"), "{ring}");
    let inspected = TwinNode::inspect(timeline.sim(), NodeId(30), timeline.clock());
    assert!(inspected[0].1.starts_with("not a member"), "{inspected:?}");
    // Too many single-leader servers for the page, or more than there are, is refused.
    settings.own.set("leader_servers", Value::Empty);
    assert!(TwinNode::validate(&settings).is_ok(), "40 are within the page's 64");
    settings.servers = 200;
    let refused = TwinNode::validate(&settings).expect_err("200 Raft servers");
    assert!(refused.contains("at most 64"), "{refused}");
    settings.own.set("leader_servers", Value::Count(201));
    assert!(TwinNode::validate(&settings).is_err());
}

#[wasm_bindgen_test]
fn each_record_is_told_as_its_clusters() {
    let timeline = played();
    let told: Vec<String> =
        timeline.trace().iter().filter_map(told).map(|line| line.to_string()).collect();
    assert!(told.iter().any(|t| t.starts_with("single leader: ") && t.contains("leader")));
    assert!(told.iter().any(|t| t.starts_with("leaderless: ")));
    assert!(told.iter().any(|t| t.contains("gets task 1 from a client")));
}

#[wasm_bindgen_test]
fn a_member_that_joins_is_drawn_outside_then_in_both_pools() {
    use crate::labs::lab::Lab;
    let lab = Lab::scenario("tasks-member-join").expect("shipped");
    let scenario = lab.parsed_scenario().expect("this lab's").expect("it parses");
    let mut timeline = Timeline::new(
        scenario.build::<TwinNode>(TwinNode::scenario_config(&scenario), true),
        1000u64,
    );
    let s6 = |timeline: &Timeline<TwinNode>| {
        let clusters = ClusterSnapshot::all(timeline);
        let dots = clusters.iter().map(|c| c.servers[5].clone());
        dots.map(|dot| format!("{} {}", dot.role, dot.detail)).collect::<Vec<_>>()
    };
    timeline.advance_to(5 * SECOND);
    let outside = s6(&timeline);
    assert!(outside[0].contains("left the pool"), "{outside:?}");
    assert!(outside[1].contains("left the pool"), "{outside:?}");
    assert_eq!(charts::ring_headline(timeline.sim()).0, "all agree on a ring of 5");
    timeline.advance_to(12 * SECOND);
    let inside = s6(&timeline);
    assert!(inside.iter().all(|s| !s.contains("left")), "{inside:?}");
    assert_eq!(charts::ring_headline(timeline.sim()).0, "all agree on a ring of 6");
    let told: Vec<String> =
        timeline.trace().iter().filter_map(told).map(|line| line.to_string()).collect();
    assert!(told.iter().any(|t| t.contains("S6 joins. Watch")), "the scenario's own line");
    assert!(told.iter().any(|t| t.contains("ring gains S6") && t.contains("change owner")));
    assert!(told.iter().any(|t| t.contains("S6 joins the pool of workers")));
}

/// Renders the Charts tab of `timeline` into the document; returns its root.
async fn rendered_charts(timeline: Timeline<TwinNode>) -> web_sys::Element {
    use yew::prelude::*;
    #[derive(Properties)]
    struct Shown {
        timeline: Timeline<TwinNode>,
    }
    impl PartialEq for Shown {
        fn eq(&self, _: &Self) -> bool {
            false
        }
    }
    #[function_component]
    fn Host(props: &Shown) -> Html {
        charts::view(&props.timeline)
    }
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("attached");
    yew::Renderer::<Host>::with_root_and_props(root.clone(), Shown { timeline }).render();
    gloo_timers::future::TimeoutFuture::new(0).await;
    root
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).expect("a valid selector");
    let nodes = (0..found.length()).filter_map(|i| found.item(i));
    nodes.map(|n| n.text_content().unwrap_or_default().trim().to_string()).collect()
}

#[wasm_bindgen_test]
async fn the_task_timeline_shows_a_stalled_workers_task_run_twice() {
    use crate::labs::lab::Lab;
    let lab = Lab::scenario("tasks-worker-stall").expect("shipped");
    let scenario = lab.parsed_scenario().expect("this lab's").expect("it parses");
    let mut timeline = Timeline::new(
        scenario.build::<TwinNode>(TwinNode::scenario_config(&scenario), true),
        1000u64,
    );
    // S4 was cut off at 3 s mid-task; the coordinator has declared it failed and given
    // its tasks to others, while S4 still runs them.
    timeline.advance_to(3_500 * MILLI);
    let root = rendered_charts(timeline).await;
    let rows = texts(&root, ".task-timeline text.task");
    assert_eq!(rows.len(), task_timeline::ROWS, "{rows:?}");
    assert_eq!(rows[0], "task 6", "the newest twelve of seventeen: {rows:?}");
    let standings = texts(&root, ".task-timeline .lane > text");
    assert_eq!(standings.len(), 2 * task_timeline::ROWS);
    let single: Vec<&str> = standings.iter().step_by(2).map(String::as_str).collect();
    let leaderless: Vec<&str> = standings.iter().skip(1).step_by(2).map(String::as_str).collect();
    // S4 and the worker that took its task over, both running it.
    assert!(single.iter().any(|s| s.starts_with("twice: S4 S")), "{single:?}");
    assert!(single.contains(&"done"), "{single:?}");
    let calm = |s: &&str| *s == "done" || s.starts_with("running: S");
    assert!(leaderless.iter().all(calm), "{leaderless:?}");
    let bad = root.query_selector_all(".task-timeline .tick.bad").expect("selector").length();
    assert_eq!(bad as usize, single.iter().filter(|s| s.starts_with("twice")).count());
    let svg = root.query_selector(".task-timeline svg").expect("selector").expect("drawn");
    let label = svg.get_attribute("aria-label").unwrap_or_default();
    assert!(label.ends_with(&format!(", {bad} lanes lost or run twice")), "{label}");
    // Each run is a bar titled with its worker.
    let runs = texts(&root, ".task-timeline rect.bar title");
    assert!(runs.iter().any(|t| t.starts_with("S4 runs it now")), "{runs:?}");
}

#[wasm_bindgen_test]
fn the_charts_measure_the_run_so_far() {
    let timeline = played();
    let settings = TwinNode::defaults();
    assert!(TwinNode::charts(&timeline, &settings).is_some());
    let (first, second) = charts::ring_headline(timeline.sim());
    assert_eq!(first, "all agree on a ring of 5");
    assert!(second.contains("done (as gossiped)"), "{second}");
}
