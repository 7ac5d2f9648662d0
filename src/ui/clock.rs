//! The browser's clock and time zone, for the pure date functions of the domain.

use crate::domain::time::Timestamp;
use chrono::NaiveDate;

/// Now, in Unix milliseconds.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// The local offset east of UTC, in minutes (Beijing: 480).
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Today's local date.
pub fn today() -> NaiveDate {
    now().local_date(offset_minutes())
}
