//! The page's component, rendered in real headless Chromium.

use clusterscope_web::App;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_test::*;
use web_sys::wasm_bindgen::JsCast;

wasm_bindgen_test_configure!(run_in_browser);

// These tests run without index.html's loader, which brings the page's words: a message
// reads as its id. Where what matters is the values a view puts in its words, this stands
// in for the loader and writes a message as its id and its arguments (the words themselves
// are the e2e tests'). Every test in this file may install it: it writes plain messages as
// their ids too.
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export function words_as_ids() {
  globalThis.clusterscopeWords = {
    language: () => 'en',
    pinned: () => false,
    format: (id, packed) => [id, ...packed.split('\0').filter(Boolean)].join(' '),
  };
}"#)]
extern "C" {
    fn words_as_ids();
}

fn mount() -> web_sys::Element {
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("attached");
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Opens a tab of the side panel by its key in links (its label is in the page's language,
/// and these tests run without index.html's loader, which brings the words).
fn open_tab(root: &web_sys::Element, key: &str) {
    let tab = root.query_selector(&format!("#tab-{key}")).expect("valid selector");
    let tab = tab.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
    tab.unwrap_or_else(|| panic!("a tab {key}")).click();
}

fn text_of(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let found = root.query_selector_all(selector).expect("valid selector");
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn shows_five_servers_and_elects_a_leader_while_playing() {
    let root = mount();
    TimeoutFuture::new(0).await;
    // The server table is in the side panel's second tab.
    open_tab(&root, "state");
    let mut servers = Vec::new();
    for _ in 0..20 {
        TimeoutFuture::new(50).await;
        servers = text_of(&root, "table.nodes tbody th");
        if !servers.is_empty() {
            break;
        }
    }
    assert_eq!(servers, ["S1", "S2", "S3", "S4", "S5"]);

    // At a fifth of real time an election (150–300 ms virtual) finishes within ~2 s of wall time.
    let mut leaders = Vec::new();
    for _ in 0..60 {
        TimeoutFuture::new(100).await;
        leaders = text_of(&root, "tr.leader th");
        if !leaders.is_empty() {
            break;
        }
    }
    let status = text_of(&root, "p.status");
    let roles = text_of(&root, "table.nodes tbody td");
    assert_eq!(leaders.len(), 1, "exactly one leader row: {leaders:?} {status:?} {roles:?}");
    assert_eq!(text_of(&root, ".invariants li.broken"), Vec::<String>::new());
    // Raft's seven per-step properties and the linearizability of the clients' history.
    assert_eq!(text_of(&root, ".invariants li.holds").len(), 8, "eight properties, all holding");
}

#[wasm_bindgen_test]
async fn pause_stops_virtual_time() {
    let root = mount();
    TimeoutFuture::new(300).await;
    let button = root
        .query_selector("button[aria-pressed]")
        .expect("selector")
        .expect("a play/pause button");
    button.dyn_ref::<web_sys::HtmlElement>().expect("an html element").click();
    TimeoutFuture::new(50).await;
    assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("false"));
    let before = text_of(&root, "p.status");
    TimeoutFuture::new(400).await;
    assert_eq!(text_of(&root, "p.status"), before, "time moved while paused");
}

#[wasm_bindgen_test]
async fn cluster_view_draws_servers_and_messages_in_flight() {
    use clusterscope_web::{demo_cluster, ClusterSnapshot, ClusterView};
    use yew::prelude::*;

    let mut timeline = demo_cluster();
    // Just after the first election timer fires: vote requests are on the wire.
    while timeline.sim().in_flight().next().is_none() {
        timeline.step_forward();
    }
    let snapshot = ClusterSnapshot::all(&timeline).remove(0);
    let expected_messages = snapshot.messages.len();
    assert!(expected_messages >= 4, "a candidate asks the four others");

    #[derive(Properties, PartialEq)]
    struct Wrap {
        snapshot: ClusterSnapshot,
    }
    #[function_component]
    fn Host(props: &Wrap) -> Html {
        html! { <ClusterView snapshot={props.snapshot.clone()} /> }
    }

    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("attached");
    yew::Renderer::<Host>::with_root_and_props(root.clone(), Wrap { snapshot }).render();
    TimeoutFuture::new(0).await;

    assert_eq!(text_of(&root, "g[data-server] .name"), ["S1", "S2", "S3", "S4", "S5"]);
    assert_eq!(
        root.query_selector_all(".message").expect("selector").length() as usize,
        expected_messages
    );
    assert_eq!(
        root.query_selector_all(".request-vote > rect").expect("selector").length() as usize,
        expected_messages
    );
    assert_eq!(root.query_selector_all("g.candidate").expect("selector").length(), 1);
    let label =
        root.query_selector("svg").expect("selector").and_then(|s| s.get_attribute("aria-label"));
    assert!(label.is_some_and(|l| l.contains("no leader")));
}

#[wasm_bindgen_test]
async fn violation_banner_offers_a_jump_to_the_step() {
    use clusterscope_core::sim::Violation;
    use std::cell::Cell;
    use std::rc::Rc;
    use yew::prelude::*;

    thread_local! {
        static JUMPED: Rc<Cell<u64>> = Rc::new(Cell::new(0));
    }

    #[function_component]
    fn Host() -> Html {
        let violations = vec![Violation {
            property: "election safety".into(),
            step: 42,
            time: 1_500_000,
            detail: "S1 and S2 were both elected leader for term 3".into(),
        }];
        let on_jump = Callback::from(|step: u64| JUMPED.with(|j| j.set(step)));
        let properties: &'static [&'static str] = &["election safety", "log matching"];
        html! { <clusterscope_web::InvariantsPanel {properties} {violations} {on_jump} /> }
    }

    words_as_ids();
    let document = web_sys::window().and_then(|w| w.document()).expect("a document");
    let root = document.create_element("div").expect("a div");
    document.body().expect("a body").append_child(&root).expect("attached");
    yew::Renderer::<Host>::with_root(root.clone()).render();
    TimeoutFuture::new(0).await;

    let alert = text_of(&root, "[role=alert] p");
    let said = "violation property=election safety step=42 time=1.5s \
                detail=S1 and S2 were both elected leader for term 3";
    assert_eq!(alert, [said]);
    assert_eq!(text_of(&root, "li.broken .name"), ["election safety"]);
    assert_eq!(text_of(&root, "li.holds"), ["log matching property-holds"]);
    let button =
        root.query_selector(".violation button").expect("selector").expect("a jump button");
    button.dyn_ref::<web_sys::HtmlElement>().expect("html").click();
    assert_eq!(JUMPED.with(|j| j.get()), 42);
}
