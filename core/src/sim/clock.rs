//! Each node's own clock. The simulator keeps true time; a node reads its clock (`Out::now`)
//! and sets its timers on it. A clock can run fast or slow (drift, in parts per million) and
//! can be stepped (a jump, as NTP steps a wall clock).
//!
//! Timers measure elapsed time at the clock's rate, the way a monotonic timer does: drift
//! stretches or shrinks them, a jump moves only what the node reads. So a protocol that
//! compares readings (a lease's expiry) sees a jump, and one that only sets timers does not.

use super::time::Time;

/// Parts per million in 100 %. The arithmetic is in `i64` (no 128-bit division in the
/// page): a rate of at most 1.5 million times a span of up to 60 days of virtual time fits.
const MILLION: i64 = 1_000_000;
/// The fastest or slowest a clock may run: ±50 %.
pub const MAX_DRIFT_PPM: i32 = 500_000;
/// The largest jump or pause an action may ask for: an hour of virtual time.
pub const MAX_CLOCK_STEP: Time = 3_600_000_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    /// How much faster than true time the clock runs, in parts per million.
    drift_ppm: i32,
    /// A true time and the reading at that time, from which the clock runs at its rate.
    base_true: Time,
    base_local: Time,
}

impl Clock {
    /// The reading at true time `now`; never below zero.
    pub fn local(&self, now: Time) -> Time {
        let elapsed = now.saturating_sub(self.base_true);
        if self.drift_ppm == 0 {
            return self.base_local.saturating_add(elapsed);
        }
        let elapsed = i64::try_from(elapsed).unwrap_or(i64::MAX);
        let counted = elapsed.saturating_mul(MILLION + i64::from(self.drift_ppm)) / MILLION;
        self.base_local.saturating_add_signed(counted)
    }

    /// The true duration in which this clock counts `local` microseconds.
    pub fn true_duration(&self, local: Time) -> Time {
        if self.drift_ppm == 0 {
            return local;
        }
        let rate = MILLION + i64::from(self.drift_ppm);
        let local = i64::try_from(local).unwrap_or(i64::MAX);
        // Rounded up, so a timer never fires before its clock has counted its delay.
        let duration = local.saturating_mul(MILLION).saturating_add(rate - 1) / rate;
        duration.max(0) as Time
    }

    pub fn drift_ppm(&self) -> i32 {
        self.drift_ppm
    }

    /// Whether the reading differs from true time at `now`, or will.
    pub fn is_off(&self, now: Time) -> bool {
        self.drift_ppm != 0 || self.local(now) != now
    }

    /// Runs at `drift_ppm` from true time `now` on, from the reading it has then.
    pub fn set_drift(&mut self, now: Time, drift_ppm: i32) {
        self.base_local = self.local(now);
        self.base_true = now;
        self.drift_ppm = drift_ppm.clamp(-MAX_DRIFT_PPM, MAX_DRIFT_PPM);
    }

    /// Steps the reading by `by` microseconds (back if negative), never below zero.
    pub fn jump(&mut self, now: Time, by: i64) {
        let local = self.local(now);
        self.base_local = local.saturating_add_signed(by);
        self.base_true = now;
    }
}

/// `+200ppm`, `-20%`, `0`: a drift rate as a person writes it, in parts per million.
pub fn parse_drift(text: &str) -> Result<i32, String> {
    let text = text.trim();
    let (number, scale) = if let Some(n) = text.strip_suffix("ppm") {
        (n, 1.0)
    } else if let Some(n) = text.strip_suffix('%') {
        (n, 10_000.0)
    } else if text == "0" {
        (text, 1.0)
    } else {
        return Err(format!("`{text}` has no unit; write a drift as e.g. `+200ppm` or `-20%`"));
    };
    let value = super::decimal::parse_decimal(number)
        .ok_or_else(|| format!("`{text}` is not a drift rate"))?;
    let ppm = (value * scale).round();
    if ppm.abs() > f64::from(MAX_DRIFT_PPM) {
        return Err(format!(
            "a drift of `{text}` is beyond ±50%: a clock that far off is broken, not drifting"
        ));
    }
    Ok(ppm as i32)
}

/// A drift as `parse_drift` reads it: `+200ppm`, `-20%`.
pub fn format_drift(ppm: i32) -> String {
    if ppm != 0 && ppm % 10_000 == 0 {
        format!("{:+}%", ppm / 10_000)
    } else {
        format!("{ppm:+}ppm")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_perfect_clock_reads_true_time() {
        let clock = Clock::default();
        assert_eq!(clock.local(1_234), 1_234);
        assert_eq!(clock.true_duration(500), 500);
        assert!(!clock.is_off(99));
    }

    #[test]
    fn a_slow_clock_counts_less_and_stretches_timers() {
        let mut clock = Clock::default();
        clock.set_drift(1_000, -500_000);
        assert_eq!(clock.local(3_000), 2_000);
        assert_eq!(clock.true_duration(1_000), 2_000);
        clock.set_drift(3_000, 250_000);
        assert_eq!(clock.local(7_000), 7_000);
        assert_eq!(clock.true_duration(1_250), 1_000);
    }

    #[test]
    fn a_jump_moves_the_reading_and_never_below_zero() {
        let mut clock = Clock::default();
        clock.jump(10, 5_000);
        assert_eq!(clock.local(20), 5_020);
        clock.jump(20, -1_000_000);
        assert_eq!(clock.local(30), 10);
        assert!(clock.is_off(30));
    }

    #[test]
    fn drift_reads_in_ppm_and_percent_and_refuses_the_absurd() {
        assert_eq!(parse_drift("+200ppm"), Ok(200));
        assert_eq!(parse_drift("-20%"), Ok(-200_000));
        assert_eq!(parse_drift("0"), Ok(0));
        assert_eq!(parse_drift("50%"), Ok(500_000));
        for bad in ["51%", "NaN%", "inf%", "fast", "20", "-600000ppm", ""] {
            assert!(parse_drift(bad).is_err(), "{bad:?} should be refused");
        }
        for ppm in [200, -200_000, 123_456, 0, -1] {
            assert_eq!(parse_drift(&format_drift(ppm)), Ok(ppm));
        }
    }
}
