//! The leases lab in a real browser: its lanes from the shipped scenarios, the pause and
//! clock drawn on the ring, a replicated store's leader and failover, and its settings
//! refused with the field named.

use clusterscope_core::protocols::leases::LeaseNode;
use clusterscope_core::sim::{NodeId, Timeline, MILLI};
use wasm_bindgen_test::*;

use super::lanes::{lanes_chart, Lanes};
use crate::labs::adapter::Adapter;
use crate::labs::lab::Lab;
use crate::labs::own::Value;
use crate::views::cluster_snapshot::ClusterSnapshot;

wasm_bindgen_test_configure!(run_in_browser);

const S3: NodeId = NodeId(2);
const S4: NodeId = NodeId(3);

/// A shipped scenario played to `at`.
fn played(name: &str, at: u64) -> Timeline<LeaseNode> {
    let lab = Lab::scenario(name).expect("shipped");
    let scenario = lab.parsed_scenario().expect("this lab's").expect("it parses");
    let mut timeline = Timeline::new(
        scenario.build::<LeaseNode>(LeaseNode::scenario_config(&scenario), true),
        1000u64,
    );
    timeline.advance_to(at);
    timeline
}

#[wasm_bindgen_test]
fn the_paused_holder_believes_past_its_lease_and_its_late_write_is_marked() {
    let lanes = Lanes::of(&played("leases-gc-pause", 3_100 * MILLI));
    // S3 held the lease until about 1.9 s and believed it held it until the run's end;
    // S4 has held it since about 2.03 s.
    let held = &lanes.held[S3.index()];
    let believed = &lanes.believed[S3.index()];
    assert_eq!(held.len(), 1, "{held:?}");
    assert!((1_800 * MILLI..2_000 * MILLI).contains(&held[0].1), "{held:?}");
    assert_eq!(believed.len(), 1, "{believed:?}");
    assert!(believed[0].1 >= 3_000 * MILLI, "{believed:?}");
    assert!(lanes.held[S4.index()][0].0 > 2 * clusterscope_core::sim::SECOND);
    let tokens: Vec<u64> = lanes.grants.iter().map(|g| g.2).collect();
    assert_eq!(tokens, [1, 2]);
    // The storage took S3's write after its lease ran out, and only that one.
    let late: Vec<NodeId> = lanes.stored.iter().filter(|w| w.2).map(|w| w.1).collect();
    assert_eq!(late, [S3]);
}

#[wasm_bindgen_test]
async fn fencing_turns_the_late_write_away_and_the_chart_says_so() {
    use yew::prelude::*;
    let timeline = played("leases-fencing", 3_100 * MILLI);
    let lanes = Lanes::of(&timeline);
    assert_eq!(lanes.rejected.iter().map(|r| r.1).collect::<Vec<_>>(), [S3]);
    assert!(lanes.stored.iter().all(|w| !w.2), "no write accepted after its lease ran out");

    #[derive(Properties)]
    struct Shown {
        timeline: Timeline<LeaseNode>,
    }
    impl PartialEq for Shown {
        fn eq(&self, _: &Self) -> bool {
            false
        }
    }
    #[function_component]
    fn Host(props: &Shown) -> Html {
        lanes_chart(&props.timeline)
    }
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("attached");
    yew::Renderer::<Host>::with_root_and_props(root.clone(), Shown { timeline }).render();
    gloo_timers::future::TimeoutFuture::new(0).await;
    let svg = root.query_selector(".lease-lanes svg").expect("selector").expect("drawn");
    let label = svg.get_attribute("aria-label").unwrap_or_default();
    assert_eq!(
        label,
        "Lease lanes: 2 grants, 0 writes accepted after their writer's lease ran out, 1 rejected"
    );
    let rows = root.query_selector_all(".lease-lanes rect.believes").expect("selector").length();
    assert!(rows >= 2, "S3 and S4 each believed once: {rows}");
}

#[wasm_bindgen_test]
fn a_paused_server_and_a_drifting_clock_are_drawn_on_the_ring() {
    let paused = played("leases-gc-pause", 2 * clusterscope_core::sim::SECOND);
    let ring = &ClusterSnapshot::all(&paused)[0];
    let s3 = &ring.servers[S3.index()];
    assert!(s3.paused);
    assert_eq!(s3.timing, "paused to 3s");
    let drifting = played("leases-clock-drift", 1_005 * MILLI);
    let s3 = &ClusterSnapshot::all(&drifting)[0].servers[S3.index()];
    // Half speed since 5 ms: 1.005 s of true time is 505 ms on its clock.
    assert_eq!(s3.timing, "clock 505ms");
    assert!(!s3.paused);
}

#[wasm_bindgen_test]
fn lease_settings_out_of_range_are_refused_with_the_field_named() {
    let ok = LeaseNode::defaults();
    assert!(ok.validate().is_ok());
    let with = |key: &str, value: Value| {
        let mut changed = ok.clone();
        changed.own.set(key, value);
        changed
    };
    let cases = [
        (crate::labs::settings::LabSettings { servers: 3, ..ok.clone() }, "Servers"),
        (with("ttl", Value::Time(0)), "TTL"),
        (with("renew", Value::Time(5 * clusterscope_core::sim::SECOND)), "Lease timing"),
        (with("margin", Value::Time(5 * clusterscope_core::sim::SECOND)), "Lease timing"),
        (crate::labs::settings::LabSettings { bugs: vec!["figure8_commit"], ..ok.clone() }, "Bugs"),
        // Three store replicas, a storage and two clients need six servers.
        (with("store", Value::Choice("3")), "Servers"),
    ];
    for (settings, field) in cases {
        let error = settings.validate().expect_err(field);
        assert!(error.starts_with(field), "{error}");
    }
}

#[wasm_bindgen_test]
fn a_replicated_store_shows_its_leader_and_the_lease_outlives_the_failover() {
    use crate::views::shown::Shown;
    let (s1, s2, s5) = (NodeId(0), NodeId(1), NodeId(4));
    let timeline = played("leases-replicated-store", 1_500 * MILLI);
    let ring = &ClusterSnapshot::all(&timeline)[0];
    assert!(!ring.servers[s1.index()].up, "the store's first leader crashed");
    assert_eq!(ring.servers[s2.index()].role, "store leader, term 2");
    assert_eq!(ring.servers[NodeId(2).index()].role, "store replica, term 2");
    let headline = LeaseNode::headline(timeline.sim()).expect("a lease");
    assert_eq!(headline.0, "lease 1: S5");
    let inspected = LeaseNode::inspect(timeline.sim(), s2, timeline.clock());
    assert!(inspected.iter().any(|(k, v)| k == "store log" && v.ends_with("committed")));

    // The new leader counts S5's lease from when it took over: S5 held it past 2.2 s in
    // true time, and S6's grant comes after; nobody's write landed outside its lease.
    let lanes = Lanes::of(&played("leases-replicated-store", 3_000 * MILLI));
    let held = &lanes.held[s5.index()];
    assert!(held[0].1 > 2_200 * MILLI, "{held:?}");
    let tokens: Vec<u64> = lanes.grants.iter().map(|g| g.2).collect();
    assert_eq!(tokens, [1, 2]);
    assert!(lanes.grants[1].0 >= held[0].1);
    assert!(lanes.stored.iter().all(|w| !w.2), "every accepted write was inside its lease");
}
