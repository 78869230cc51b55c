//! The action log, written compactly for links: about 15 characters an action instead of
//! about 150 as JSON, so a 500-action session stays a few kilobytes.
//!
//! Entries are joined by `_`. Each is `STEP.TIME` as base-36 deltas from the previous entry
//! (the log only moves forward), then one upper-case letter and its arguments:
//!
//! ```text
//! C3  crash S3        CL  crash the leader      R3  restart S3     I3 / IL  isolate
//! T3  time out S3     H   heal                  N   a note
//! P1.2-3.4            partition into {S1,S2} and {S3,S4}
//! Ga4 / Gl4 / Gr4     the leader adds S4 as a voter / as a learner / removes it
//! K1.2                cut S1 → S2               D7f / U7f  drop / duplicate message 0x7f (base 36)
//! Yd1.2.{…}           deliver now S1's message {…} (JSON, escaped) to S2; Yl lose, Yc copy
//! F2.retry            fire S2's `retry` timer (the name escaped like a command)
//! W3.x%3D1            client writes `x=1` at S3 (WL.… via the leader); `%`, `_` escaped
//! XL0.05D0.1A5000.15000E1.2   network: loss, duplication, latency (µs) on link S1 → S2
//! Z3.2000000          pause S3 for 2 s (µs; ZL… pauses the leader)
//! Q3F-200000J-5000    S3's clock: drift −20 % (ppm), then a jump back 5 ms (µs); each optional
//! ```
//!
//! Only `*-._` and alphanumerics survive form encoding unescaped, so the grammar uses only
//! those as separators.

use super::{parse_decimal, Action, Fate, LoggedAction, MemberChange, NodeId, Target, Time};

pub fn encode(actions: &[LoggedAction<String>]) -> String {
    let mut out = String::new();
    let (mut step, mut time) = (0u64, 0 as Time);
    for (i, logged) in actions.iter().enumerate() {
        if i > 0 {
            out.push('_');
        }
        out.push_str(&base36(logged.step.saturating_sub(step)));
        out.push('.');
        out.push_str(&base36(logged.time.saturating_sub(time)));
        (step, time) = (logged.step, logged.time);
        verb(&mut out, &logged.action);
    }
    out
}

/// One action as an entry writes it after its step and time (`C3`, `W2.x%3D1`): how the
/// page's build carries the events of its shipped scenarios.
pub fn encode_action(action: &Action<String>) -> String {
    let mut out = String::new();
    verb(&mut out, action);
    out
}

fn verb(out: &mut String, action: &Action<String>) {
    let node = |id: NodeId| (id.index() + 1).to_string();
    let target = |t: &Target| match t {
        Target::Node(id) => node(*id),
        Target::Leader(_) => "L".into(),
    };
    let text = match action {
        Action::Crash { node: t } => format!("C{}", target(t)),
        Action::Restart { node: id } => format!("R{}", node(*id)),
        Action::Isolate { node: t } => format!("I{}", target(t)),
        Action::Timeout { node: t } => format!("T{}", target(t)),
        Action::Transfer { to } => format!("M{}", node(*to)),
        Action::Membership { change, node: id } => {
            let kind = match change {
                MemberChange::AddServer => 'a',
                MemberChange::AddLearner => 'l',
                MemberChange::RemoveServer => 'r',
            };
            format!("G{kind}{}", node(*id))
        }
        Action::Heal => "H".into(),
        Action::Note => "N".into(),
        Action::Partition { groups } => {
            let groups: Vec<String> = groups
                .iter()
                .map(|g| g.iter().map(|id| node(*id)).collect::<Vec<_>>().join("."))
                .collect();
            format!("P{}", groups.join("-"))
        }
        Action::Cut { from, to } => format!("K{}.{}", node(*from), node(*to)),
        Action::DropMessage { id } => format!("D{}", base36(*id)),
        Action::DuplicateMessage { id } => format!("U{}", base36(*id)),
        Action::Message { from, to, message, fate } => {
            let fate = match fate {
                Fate::Deliver => 'd',
                Fate::Lose => 'l',
                Fate::Copy => 'c',
            };
            format!("Y{fate}{}.{}.{}", node(*from), node(*to), escape(message))
        }
        Action::Fire { node: id, timer } => format!("F{}.{}", node(*id), escape(timer)),
        Action::Client { node: t, command } => format!("W{}.{}", target(t), escape(command)),
        Action::Network { loss, duplicate, latency, link } => {
            let mut text = String::from("X");
            if let Some(p) = loss {
                text.push_str(&format!("L{p}"));
            }
            if let Some(p) = duplicate {
                text.push_str(&format!("D{p}"));
            }
            if let Some((min, max)) = latency {
                text.push_str(&format!("A{min}.{max}"));
            }
            if let Some((from, to)) = link {
                text.push_str(&format!("E{}.{}", node(*from), node(*to)));
            }
            text
        }
        Action::Pause { node: t, duration } => format!("Z{}.{duration}", target(t)),
        Action::Clock { node: id, drift_ppm, jump } => {
            let mut text = format!("Q{}", node(*id));
            if let Some(ppm) = drift_ppm {
                text.push_str(&format!("F{ppm}"));
            }
            if let Some(by) = jump {
                text.push_str(&format!("J{by}"));
            }
            text
        }
    };
    out.push_str(&text);
}

/// Reads a compact log back; every problem names the entry (from 1) and what is wrong.
pub fn decode(text: &str) -> Result<Vec<LoggedAction<String>>, String> {
    let mut actions = Vec::new();
    let (mut step, mut time) = (0u64, 0 as Time);
    for (i, entry) in text.split('_').enumerate().filter(|(_, e)| !e.is_empty()) {
        let at = |e: String| format!("entry {} (`{}`): {e}", i + 1, clip(entry));
        let (dstep, rest) = entry.split_once('.').ok_or_else(|| at("no step".into()))?;
        let split =
            rest.find(|c: char| c.is_ascii_uppercase()).ok_or_else(|| at("no action".into()))?;
        let (dtime, action) = rest.split_at(split);
        step = step
            .checked_add(from_base36(dstep).map_err(at)?)
            .ok_or_else(|| at("step overflows".into()))?;
        time = time
            .checked_add(from_base36(dtime).map_err(at)?)
            .ok_or_else(|| at("time overflows".into()))?;
        actions.push(LoggedAction { step, time, action: action_of(action).map_err(at)? });
    }
    Ok(actions)
}

/// One action written by [`encode_action`].
pub fn decode_action(text: &str) -> Result<Action<String>, String> {
    if !text.starts_with(|c: char| c.is_ascii_uppercase()) {
        return Err(format!("`{}` does not start with an action's letter", clip(text)));
    }
    action_of(text)
}

fn action_of(text: &str) -> Result<Action<String>, String> {
    let (letter, args) = text.split_at(1);
    let node = |s: &str| -> Result<NodeId, String> {
        match s.parse::<u32>() {
            Ok(n) if n >= 1 => Ok(NodeId(n - 1)),
            _ => Err(format!("`{}` is not a server number", clip(s))),
        }
    };
    let target = |s: &str| if s == "L" { Ok(Target::LEADER) } else { node(s).map(Target::Node) };
    let pair = |s: &str| -> Result<(NodeId, NodeId), String> {
        let (a, b) = s.split_once('.').ok_or("a link is two servers, like 1.2")?;
        Ok((node(a)?, node(b)?))
    };
    Ok(match letter {
        "C" => Action::Crash { node: target(args)? },
        "R" => Action::Restart { node: node(args)? },
        "I" => Action::Isolate { node: target(args)? },
        "T" => Action::Timeout { node: target(args)? },
        "M" => Action::Transfer { to: node(args)? },
        "G" => {
            let change = match args.get(..1) {
                Some("a") => MemberChange::AddServer,
                Some("l") => MemberChange::AddLearner,
                Some("r") => MemberChange::RemoveServer,
                _ => return Err("a membership change is Ga, Gl or Gr and a server".into()),
            };
            Action::Membership { change, node: node(&args[1..])? }
        }
        "H" if args.is_empty() => Action::Heal,
        "N" if args.is_empty() => Action::Note,
        "P" => Action::Partition {
            groups: args
                .split('-')
                .map(|g| g.split('.').map(node).collect::<Result<Vec<_>, _>>())
                .collect::<Result<_, _>>()?,
        },
        "K" => {
            let (from, to) = pair(args)?;
            Action::Cut { from, to }
        }
        "D" => Action::DropMessage { id: from_base36(args)? },
        "U" => Action::DuplicateMessage { id: from_base36(args)? },
        "Y" => {
            let fate = match args.get(..1) {
                Some("d") => Fate::Deliver,
                Some("l") => Fate::Lose,
                Some("c") => Fate::Copy,
                _ => return Err("a picked message is Yd, Yl or Yc, two servers and JSON".into()),
            };
            let mut parts = args[1..].splitn(3, '.');
            let (Some(from), Some(to), Some(message)) = (parts.next(), parts.next(), parts.next())
            else {
                return Err("a picked message is Y<fate><from>.<to>.<JSON>".into());
            };
            Action::Message { from: node(from)?, to: node(to)?, message: unescape(message)?, fate }
        }
        "F" => {
            let (who, timer) = args.split_once('.').ok_or("a timer is F<server>.<name>")?;
            Action::Fire { node: node(who)?, timer: unescape(timer)? }
        }
        "W" => {
            let (who, command) = args.split_once('.').ok_or("a write is W<server>.<command>")?;
            Action::Client { node: target(who)?, command: unescape(command)? }
        }
        "X" => network(args)?,
        "Z" => {
            let (who, micros) = args.split_once('.').ok_or("a pause is Z<server>.<µs>")?;
            let duration = micros.parse().map_err(|_| format!("`{}` is not µs", clip(micros)))?;
            Action::Pause { node: target(who)?, duration }
        }
        "Q" => clock(args)?,
        _ => return Err(format!("`{}` is not an action", clip(text))),
    })
}

/// `3F-200000J-5000`: the server, then its drift (ppm) and jump (µs), each optional.
fn clock(args: &str) -> Result<Action<String>, String> {
    let end = args.find(|c: char| !c.is_ascii_digit()).unwrap_or(args.len());
    let node = match args[..end].parse::<u32>() {
        Ok(n) if n >= 1 => NodeId(n - 1),
        _ => return Err(format!("`{}` is not a server number", clip(&args[..end]))),
    };
    let (mut drift_ppm, mut jump) = (None, None);
    for (tag, body) in tagged(&args[end..]) {
        let bad = || format!("`{}` is not a number", clip(body));
        match tag {
            'F' => drift_ppm = Some(body.parse().map_err(|_| bad())?),
            'J' => jump = Some(body.parse().map_err(|_| bad())?),
            _ => return Err(format!("`{tag}` is not part of a clock change (F drift, J jump)")),
        }
    }
    Ok(Action::Clock { node, drift_ppm, jump })
}

/// `L0.05D0.1`: each upper-case tag with the text up to the next.
fn tagged(mut rest: &str) -> Vec<(char, &str)> {
    let mut parts = Vec::new();
    while let Some(tag) = rest.chars().next() {
        let body = &rest[tag.len_utf8()..];
        let end = body.find(|c: char| c.is_ascii_uppercase()).unwrap_or(body.len());
        parts.push((tag, &body[..end]));
        rest = &body[end..];
    }
    parts
}

/// `L0.05D0.1A5000.15000E1.2`, each part optional, in that order.
fn network(args: &str) -> Result<Action<String>, String> {
    let parts = tagged(args);
    let number = |s: &str| parse_decimal(s).ok_or_else(|| format!("`{}` is not a number", clip(s)));
    let (mut loss, mut duplicate, mut latency, mut link) = (None, None, None, None);
    for (tag, body) in parts {
        let (a, b) = body.split_once('.').unwrap_or((body, ""));
        match tag {
            'L' => loss = Some(number(body)?),
            'D' => duplicate = Some(number(body)?),
            'A' => {
                let bound =
                    |s: &str| s.parse::<Time>().map_err(|_| format!("`{}` is not µs", clip(s)));
                latency = Some((bound(a)?, bound(b)?));
            }
            'E' => {
                let node = |s: &str| match s.parse::<u32>() {
                    Ok(n) if n >= 1 => Ok(NodeId(n - 1)),
                    _ => Err(format!("`{}` is not a server number", clip(s))),
                };
                link = Some((node(a)?, node(b)?));
            }
            other => return Err(format!("`{other}` is not a network setting")),
        }
    }
    Ok(Action::Network { loss, duplicate, latency, link })
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

fn from_base36(text: &str) -> Result<u64, String> {
    if text.is_empty() || text.len() > 13 {
        return Err(format!("`{}` is not a base-36 number", clip(text)));
    }
    u64::from_str_radix(text, 36).map_err(|_| format!("`{}` is not a base-36 number", clip(text)))
}

/// A command's `%` and `_` are written `%25` and `%5F`, so no command can end an entry.
fn escape(command: &str) -> String {
    command.replace('%', "%25").replace('_', "%5F")
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        match rest.get(at + 1..at + 3) {
            Some("25") => out.push('%'),
            Some("5F") => out.push('_'),
            _ => return Err("a `%` in a command must be %25 or %5F".into()),
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

/// At most 24 characters of a value, for error messages: a link can be megabytes long.
pub fn clip(text: &str) -> String {
    const MOST: usize = 24;
    match text.char_indices().nth(MOST) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}
