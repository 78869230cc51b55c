//! The `?` overlay: every keyboard shortcut, and what the shapes and colours mean.

use yew::prelude::*;

use crate::views::l10n::text;

/// (keys, message id of what they do), as the overlay lists them.
pub const SHORTCUTS: [(&str, &str); 11] = [
    ("Space", "help-key-space"),
    ("→", "help-key-right"),
    ("←", "help-key-left"),
    ("Home", "help-key-home"),
    ("End", "help-key-end"),
    ("n", "help-key-n"),
    ("p", "help-key-p"),
    ("d", "help-key-d"),
    ("j", "help-key-j"),
    ("?", "help-key-help"),
    ("Esc", "help-key-esc"),
];

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<()>,
}

#[function_component]
pub fn Help(props: &HelpProps) -> Html {
    let close = props.on_close.reform(|_: MouseEvent| ());
    // Focus the close button on open, so Tab and Enter work at once.
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <div class="dialog">
                <h2 id="help-title">{ text("help-title") }</h2>
                <dl class="shortcuts">
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <><dt><kbd>{ *keys }</kbd></dt><dd>{ text(what) }</dd></>
                    }) }
                </dl>
                <h3>{ text("help-picture") }</h3>
                <ul>
                    <li>{ text("help-roles") }</li>
                    <li>{ text("help-shapes") }</li>
                    <li>{ text("help-timer") }</li>
                    <li>{ text("help-cuts") }</li>
                </ul>
                <button ref={close_button} onclick={close}>{ text("help-close") }</button>
            </div>
        </div>
    }
}
