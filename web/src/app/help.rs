//! The `?` overlay: every keyboard shortcut, and what the shapes and colours mean.

use yew::prelude::*;

/// (keys, what they do), as the overlay lists them.
pub const SHORTCUTS: [(&str, &str); 11] = [
    ("Space", "play or pause"),
    ("→", "step forward one event"),
    ("←", "step back one event"),
    ("Home", "go to the start"),
    ("End", "go to the furthest step computed"),
    ("n", "next narrated moment (scenarios)"),
    ("p", "stop (pause) the selected server, or the leader, for 2 s"),
    ("d", "the selected server's clock runs at half speed"),
    ("j", "the selected server's clock jumps back 500 ms"),
    ("?", "show or hide this help"),
    ("Esc", "close this help"),
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
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <dl class="shortcuts">
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <><dt><kbd>{ *keys }</kbd></dt><dd>{ *what }</dd></>
                    }) }
                </dl>
                <h3>{ "Reading the picture" }</h3>
                <ul>
                    <li>{ "Leaders are orange with a thick border, candidates blue with a dashed border, followers plain; every server is also labelled." }</li>
                    <li>{ "Squares are requests, circles are replies; a thick dotted outline marks a duplicate." }</li>
                    <li>{ "The green arc around a server is the time left on its election timer." }</li>
                    <li>{ "A dashed red link with a cross is cut in the direction of the cross; a red cross on its own is a message just lost." }</li>
                </ul>
                <button ref={close_button} onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
