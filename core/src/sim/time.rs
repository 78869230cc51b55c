//! Virtual time: integer microseconds, so arithmetic is exact and identical on every target.

/// Virtual time (or a duration) in microseconds.
pub type Time = u64;

pub const MILLI: Time = 1_000;
pub const SECOND: Time = 1_000_000;

/// Parses a duration such as `150ms`, `1.5s`, `250us` or `0` into microseconds.
///
/// Written by hand rather than with a duration crate because the result must be an exact integer
/// count of microseconds (`1.5s` → 1,500,000) and fractions must not go through floats.
pub fn parse_time(text: &str) -> Result<Time, String> {
    let text = text.trim();
    if text == "0" {
        return Ok(0);
    }
    if text.starts_with('-') {
        return Err(format!("`{text}` is negative; a duration is 0 or more"));
    }
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(|| format!("`{text}` has no unit; write e.g. `150ms`, `2s` or `500us`"))?;
    let (number, unit) = text.split_at(split);
    let scale: Time = match unit.trim() {
        "us" | "µs" => 1,
        "ms" => MILLI,
        "s" => SECOND,
        other => return Err(format!("unknown time unit `{other}` in `{text}` (use us, ms or s)")),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return Err(format!("`{text}` has no number"));
    }
    let whole: Time = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| format!("`{text}` is not a number of {unit}"))?
    };
    let mut micros = whole.checked_mul(scale).ok_or_else(|| format!("`{text}` is too large"))?;
    let mut place = scale;
    for digit in fraction.chars() {
        let digit =
            digit.to_digit(10).ok_or_else(|| format!("`{text}` is not a number of {unit}"))?;
        place /= 10;
        if place == 0 {
            if digit != 0 {
                return Err(format!("`{text}` is finer than a microsecond"));
            }
            continue;
        }
        micros += Time::from(digit) * place;
    }
    Ok(micros)
}

/// Parses a signed duration (`-3s`, `+250ms`, `1s`) into microseconds: a clock's jump.
pub fn parse_signed_time(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let (sign, magnitude) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    let micros = parse_time(magnitude)?;
    let micros = i64::try_from(micros).map_err(|_| format!("`{text}` is too large"))?;
    Ok(sign * micros)
}

/// Formats microseconds the way a person reads them: `1.25s`, `598.514ms`, `40us`. Exact:
/// parsing the text gives back the same number.
pub fn format_time(t: Time) -> String {
    let (scale, unit, places) = if t >= SECOND {
        (SECOND, "s", 6)
    } else if t >= MILLI {
        (MILLI, "ms", 3)
    } else {
        return format!("{t}us");
    };
    let fraction = format!("{:0places$}", t % scale);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{}{unit}", t / scale)
    } else {
        format!("{}.{fraction}{unit}", t / scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_fractions_exactly() {
        assert_eq!(parse_time("150ms"), Ok(150_000));
        assert_eq!(parse_time("1.5s"), Ok(1_500_000));
        assert_eq!(parse_time("0.001s"), Ok(1_000));
        assert_eq!(parse_time("250us"), Ok(250));
        assert_eq!(parse_time(" 2 s "), Ok(2_000_000));
        assert_eq!(parse_time("0"), Ok(0));
        assert_eq!(parse_time(".5ms"), Ok(500));
    }

    #[test]
    fn rejects_what_it_cannot_read() {
        for bad in ["", "ms", "10", "10 minutes", "1.2.3s", "0.0000001s", "99999999999999999999s"] {
            assert!(parse_time(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn signed_times_read_both_ways_and_plain_ones_refuse_a_sign() {
        assert_eq!(parse_signed_time("-3s"), Ok(-3_000_000));
        assert_eq!(parse_signed_time("+250ms"), Ok(250_000));
        assert_eq!(parse_signed_time("1s"), Ok(1_000_000));
        assert!(parse_time("-2s").unwrap_err().contains("negative"));
        assert!(parse_signed_time("--2s").is_err());
    }

    #[test]
    fn formats_round_trip_for_common_values() {
        for t in [0, 40, 999, 1_000, 150_000, 598_514, 1_250_000, 2_000_000, 12_340, 3_000_001] {
            assert_eq!(parse_time(&format_time(t)), Ok(t), "{}", format_time(t));
        }
    }
}
