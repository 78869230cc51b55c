//! Plain decimal numbers as people and links write them (`0.05`, `12`, `-3.5`, `.5`).
//!
//! The page reads its few decimal numbers (loss and duplication rates, the Tasks lab's α, a
//! setting in milliseconds) with this instead of `str::parse::<f64>`: the standard parser's
//! code and tables cost every page several KiB gzipped (BENCHMARKS.md, "Page size", session
//! 17). For what it accepts it gives exactly what `parse` gives: the digits make an integer
//! below 2^53 and at most 22 of them follow the point, so both the integer and the power of
//! ten are exact and one correctly rounded division yields the nearest `f64`.

/// Powers of ten that are exact in an `f64`.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Reads an optional sign, digits and at most one point; no exponent, `inf` or `NaN`. `None`
/// for anything else, and for more significant digits than an `f64` holds exactly.
pub fn parse_decimal(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let mut mantissa: u64 = 0;
    for byte in whole.bytes().chain(fraction.bytes()) {
        if !byte.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(byte - b'0'))?;
    }
    if mantissa >= 1 << 53 {
        return None;
    }
    let value = mantissa as f64 / POWERS.get(fraction.len())?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_people_and_links_write_exactly_as_parse_does() {
        let texts = [
            "0",
            "0.05",
            "12",
            "-3.5",
            ".5",
            "5.",
            "+7",
            "0.1",
            "0.3",
            "0.07",
            "99.99",
            "3600000",
            "0.0001",
            "1.5",
            "  2.25 ",
            "0.333333333333333",
            "123456789.123456",
        ];
        for text in texts {
            assert_eq!(parse_decimal(text), text.trim().parse::<f64>().ok(), "{text}");
        }
        for probability in 0..=1000u32 {
            let text = (f64::from(probability) / 1000.0).to_string();
            assert_eq!(parse_decimal(&text), text.parse::<f64>().ok(), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for bad in
            ["", "-", ".", "1e5", "NaN", "inf", "1.2.3", "0x10", "1,5", "12345678901234567890"]
        {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }
}
