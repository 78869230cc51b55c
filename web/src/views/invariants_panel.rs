//! The invariants panel: each of the protocol's safety properties with its status, and a
//! banner with a jump to the step where one first broke.

use clusterscope_core::sim::{format_time, Violation};
use yew::prelude::*;

use super::l10n::{self, text, text_with};

#[derive(Properties, PartialEq)]
pub struct InvariantsPanelProps {
    /// The names of the properties the protocol's checker watches.
    pub properties: &'static [&'static str],
    pub violations: Vec<Violation>,
    pub on_jump: Callback<u64>,
    /// Folds the list into one line while every property holds (an embed, or a lab with
    /// many properties); a broken one always shows the whole list.
    #[prop_or_default]
    pub compact: bool,
}

/// A lab with more properties than this folds them while they all hold.
pub const FOLD_ABOVE: usize = 8;

#[function_component]
pub fn InvariantsPanel(props: &InvariantsPanelProps) -> Html {
    let rows = props.properties.iter().map(|property| {
        let broken = props.violations.iter().find(|v| v.property == *property);
        let (class, status) = match broken {
            None => ("holds", text("property-holds")),
            Some(v) => ("broken", text_with("property-broken", &[("step", &v.step.to_string())])),
        };
        html! { <li class={class}><span class="name">{ l10n::property(property) }</span>{ " " }<span>{ status }</span></li> }
    });
    let banner = props.violations.first().map(|v| {
        let on_jump = props.on_jump.clone();
        let step = v.step;
        html! {
            <div class="violation" role="alert">
                <p>{ text_with("violation", &[
                    ("property", &l10n::property(&v.property)),
                    ("step", &v.step.to_string()),
                    ("time", &format_time(v.time)),
                    ("detail", v.detail.as_str()),
                ]) }</p>
                <button onclick={Callback::from(move |_| on_jump.emit(step))}>{ text_with("jump-to-step", &[("step", &step.to_string())]) }</button>
            </div>
        }
    });
    let list = html! { <ul>{ for rows }</ul> };
    let folded = props.compact && props.violations.is_empty();
    html! {
        <section class="invariants" aria-label={text("properties.aria-label")}>
            { for banner }
            if folded {
                <details>
                    <summary class="holds">{ text_with("properties-all-hold", &[("count", &props.properties.len().to_string())]) }</summary>
                    { list }
                </details>
            } else {
                { list }
            }
        </section>
    }
}
