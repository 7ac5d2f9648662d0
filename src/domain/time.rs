//! Instants, calendar dates and their display in each language.
//!
//! Instants are Unix milliseconds (what `Date.now()` gives); calendar dates are
//! [`chrono::NaiveDate`]. The browser supplies "now" and the local UTC offset, so everything here
//! is a pure function and can be tested natively.

use crate::domain::lang::Lang;
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// A point in time, in milliseconds since the Unix epoch (UTC).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

const MS_PER_DAY: i64 = 86_400_000;

/// How the user's wall clock maps to instants: one fixed offset east of UTC in minutes (tests,
/// a zone without daylight saving), or a zone's rules as the browser knows them, where a July
/// instant and a December one can have different offsets.
#[derive(Clone, Copy)]
pub enum Zone {
    Fixed(i32),
    Rules {
        /// The offset in force at an instant.
        at: fn(Timestamp) -> i32,
        /// The offset in force at a local wall-clock time.
        for_local: fn(NaiveDateTime) -> i32,
    },
}

impl Zone {
    /// The offset in force at `t`.
    pub fn offset_at(self, t: Timestamp) -> i32 {
        match self {
            Zone::Fixed(o) => o,
            Zone::Rules { at, .. } => at(t),
        }
    }

    /// The offset in force at the local time `local`.
    pub fn offset_for_local(self, local: NaiveDateTime) -> i32 {
        match self {
            Zone::Fixed(o) => o,
            Zone::Rules { for_local, .. } => for_local(local),
        }
    }

    /// The local wall-clock time of `t`.
    pub fn local(self, t: Timestamp) -> NaiveDateTime {
        t.local_datetime(self.offset_at(t))
    }
}

impl From<i32> for Zone {
    fn from(offset_minutes: i32) -> Self {
        Zone::Fixed(offset_minutes)
    }
}

impl Timestamp {
    /// The local calendar date of this instant, given the local offset east of UTC in minutes.
    pub fn local_date(self, offset_minutes: i32) -> NaiveDate {
        self.local_datetime(offset_minutes).date()
    }

    /// The local wall-clock date and time of this instant.
    pub fn local_datetime(self, offset_minutes: i32) -> NaiveDateTime {
        let local_ms = self.0 + i64::from(offset_minutes) * 60_000;
        DateTime::from_timestamp_millis(local_ms)
            .map(|d| d.naive_utc())
            .unwrap_or_default()
    }

    /// The instant at which the given local wall-clock time occurs.
    pub fn from_local(datetime: NaiveDateTime, offset_minutes: i32) -> Timestamp {
        Timestamp(datetime.and_utc().timestamp_millis() - i64::from(offset_minutes) * 60_000)
    }
}

/// Days since 1970-01-01 of a calendar date: a compact, sortable form used in summaries.
pub fn epoch_day(date: NaiveDate) -> i32 {
    // The result fits an i32 for every date chrono can represent (±262,143 years).
    date.num_days_from_ce() - EPOCH_CE_DAYS
}

/// The calendar date of a day number produced by [`epoch_day`].
pub fn from_epoch_day(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + EPOCH_CE_DAYS).unwrap_or_default()
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const EPOCH_CE_DAYS: i32 = 719_163;

/// Parses a date as typed or as an `<input type="date">` gives it: `YYYY-MM-DD`, also with `/`
/// or `.` as separators and without leading zeros. `None` for anything that is not a real day
/// (for example 2025-02-30).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let mut parts = text.split(['-', '/', '.']);
    let year: i32 = parts.next()?.trim().parse().ok()?;
    let month: u32 = parts.next()?.trim().parse().ok()?;
    let day: u32 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() || !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Parses the value of an `<input type="datetime-local">` (`YYYY-MM-DDTHH:MM`, seconds optional).
pub fn parse_datetime_local(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = text.trim().split_once(['T', ' '])?;
    let date = parse_date(date)?;
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M:%S"))
        .ok()?;
    Some(date.and_time(time))
}

/// The value an `<input type="date">` expects.
pub fn date_input_value(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The value an `<input type="datetime-local">` expects.
pub fn datetime_input_value(datetime: NaiveDateTime) -> String {
    datetime.format("%Y-%m-%dT%H:%M").to_string()
}

const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar date the way each language writes it: `2026年11月23日` / `23 Nov 2026`.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
        Lang::En => format!(
            "{} {} {}",
            date.day(),
            EN_MONTHS[date.month0() as usize],
            date.year()
        ),
    }
}

/// A date and time of day: `2026年11月23日 14:05` / `23 Nov 2026, 14:05`.
pub fn format_datetime(datetime: NaiveDateTime, lang: Lang) -> String {
    let date = format_date(datetime.date(), lang);
    let (h, m) = (datetime.hour(), datetime.minute());
    match lang {
        Lang::Zh => format!("{date} {h:02}:{m:02}"),
        Lang::En => format!("{date}, {h:02}:{m:02}"),
    }
}

/// How long ago (or ahead) a day is relative to today, in words: "today", "3 days ago",
/// "in 2 days", "5 months ago"; Chinese "今天", "3天前", "2天后", "5个月前".
pub fn format_relative_day(day: NaiveDate, today: NaiveDate, lang: Lang) -> String {
    let diff = (day - today).num_days();
    let ahead = diff > 0;
    let n = diff.unsigned_abs();
    let (count, unit) = if n < 45 {
        (n, Unit::Day)
    } else if n < 365 {
        ((n + 15) / 30, Unit::Month)
    } else {
        ((n + 182) / 365, Unit::Year)
    };
    match lang {
        Lang::Zh => match (diff, ahead) {
            (0, _) => "今天".into(),
            (-1, _) => "昨天".into(),
            (1, _) => "明天".into(),
            _ => {
                let unit = match unit {
                    Unit::Day => "天",
                    Unit::Month => "个月",
                    Unit::Year => "年",
                };
                format!("{count}{unit}{}", if ahead { "后" } else { "前" })
            }
        },
        Lang::En => match diff {
            0 => "today".into(),
            -1 => "yesterday".into(),
            1 => "tomorrow".into(),
            _ => {
                let unit = match (unit, count == 1) {
                    (Unit::Day, true) => "day",
                    (Unit::Day, false) => "days",
                    (Unit::Month, true) => "month",
                    (Unit::Month, false) => "months",
                    (Unit::Year, true) => "year",
                    (Unit::Year, false) => "years",
                };
                if ahead {
                    format!("in {count} {unit}")
                } else {
                    format!("{count} {unit} ago")
                }
            }
        },
    }
}

enum Unit {
    Day,
    Month,
    Year,
}

/// Whole days from `a` to `b` in Unix milliseconds, rounded down.
pub fn days_between(a: Timestamp, b: Timestamp) -> i64 {
    (b.0 - a.0).div_euclid(MS_PER_DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_real_dates_and_refuses_impossible_ones() {
        assert_eq!(parse_date("2026-11-23"), Some(d(2026, 11, 23)));
        assert_eq!(parse_date(" 2026/1/5 "), Some(d(2026, 1, 5)));
        assert_eq!(parse_date("2024.02.29"), Some(d(2024, 2, 29)));
        assert_eq!(parse_date("2025-02-29"), None, "2025 is not a leap year");
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("2025-00-10"), None);
        assert_eq!(
            parse_date("1800-01-01"),
            None,
            "outside the plausible range"
        );
        assert_eq!(parse_date("2025-1-1-1"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn parses_datetime_local_values() {
        let dt = parse_datetime_local("2026-11-23T09:30").unwrap();
        assert_eq!((dt.hour(), dt.minute()), (9, 30));
        assert!(parse_datetime_local("2026-11-23T25:00").is_none());
        assert!(parse_datetime_local("2026-11-23").is_none());
        assert_eq!(datetime_input_value(dt), "2026-11-23T09:30");
    }

    #[test]
    fn epoch_days_match_known_values() {
        assert_eq!(epoch_day(d(1970, 1, 1)), 0);
        assert_eq!(epoch_day(d(1970, 1, 2)), 1);
        // 2000-01-01 is day 10,957 of the Unix epoch (30 years with 7 leap days).
        assert_eq!(epoch_day(d(2000, 1, 1)), 10_957);
        assert_eq!(epoch_day(d(1969, 12, 31)), -1);
        assert_eq!(from_epoch_day(10_957), d(2000, 1, 1));
    }

    #[test]
    fn local_dates_follow_the_offset() {
        // 2026-11-23T20:00Z is already the 24th in Beijing (UTC+8) but still the 23rd in New York.
        let t = Timestamp(
            d(2026, 11, 23)
                .and_hms_opt(20, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis(),
        );
        assert_eq!(t.local_date(480), d(2026, 11, 24));
        assert_eq!(t.local_date(-300), d(2026, 11, 23));
        let local = t.local_datetime(480);
        assert_eq!(Timestamp::from_local(local, 480), t);
    }

    #[test]
    fn formats_dates_per_language() {
        assert_eq!(format_date(d(2026, 11, 3), Lang::Zh), "2026年11月3日");
        assert_eq!(format_date(d(2026, 11, 3), Lang::En), "3 Nov 2026");
        let dt = d(2026, 1, 9).and_hms_opt(8, 5, 0).unwrap();
        assert_eq!(format_datetime(dt, Lang::Zh), "2026年1月9日 08:05");
        assert_eq!(format_datetime(dt, Lang::En), "9 Jan 2026, 08:05");
    }

    #[test]
    fn relative_days_in_words() {
        let today = d(2026, 11, 23);
        let rel = |day, lang| format_relative_day(day, today, lang);
        assert_eq!(rel(today, Lang::En), "today");
        assert_eq!(rel(d(2026, 11, 22), Lang::Zh), "昨天");
        assert_eq!(rel(d(2026, 11, 20), Lang::En), "3 days ago");
        assert_eq!(rel(d(2026, 11, 20), Lang::Zh), "3天前");
        assert_eq!(rel(d(2026, 11, 25), Lang::En), "in 2 days");
        assert_eq!(rel(d(2026, 11, 25), Lang::Zh), "2天后");
        assert_eq!(rel(d(2026, 6, 23), Lang::En), "5 months ago");
        assert_eq!(rel(d(2025, 11, 23), Lang::En), "1 year ago");
        assert_eq!(rel(d(2023, 11, 23), Lang::Zh), "3年前");
    }

    #[test]
    fn days_between_rounds_down() {
        assert_eq!(days_between(Timestamp(0), Timestamp(MS_PER_DAY * 2 + 5)), 2);
        assert_eq!(days_between(Timestamp(MS_PER_DAY), Timestamp(0)), -1);
    }
}
