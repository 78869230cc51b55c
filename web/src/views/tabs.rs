//! The side panel's tabs: one panel shown at a time, each tab a button in the tab order.
//! (The arrow keys stay the page's step keys, so tabs are not arrow-navigated.)

use yew::prelude::*;

use super::l10n::text;

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    /// (key, message id of its label) of each tab, in order.
    pub tabs: Vec<(&'static str, &'static str)>,
    pub selected: &'static str,
    pub on_select: Callback<&'static str>,
    /// The selected tab's panel.
    pub children: Html,
}

#[function_component]
pub fn Tabs(props: &TabsProps) -> Html {
    let buttons = props.tabs.iter().map(|&(key, label)| {
        let selected = key == props.selected;
        let onclick = props.on_select.reform(move |_: MouseEvent| key);
        html! {
            <button role="tab" id={format!("tab-{key}")} aria-selected={selected.to_string()}
                aria-controls="side-panel" class={classes!(selected.then_some("selected"))} {onclick}>
                { text(label) }
            </button>
        }
    });
    html! {
        <div class="tabs">
            <div role="tablist" aria-label={text("panels.aria-label")}>{ for buttons }</div>
            <div role="tabpanel" id="side-panel" class="tab-panel" tabindex="0"
                aria-labelledby={format!("tab-{}", props.selected)}>
                { props.children.clone() }
            </div>
        </div>
    }
}
