//! Per-browser preferences: language, theme, list density and who "I" am on the team.

use crate::domain::id::Id;
use crate::domain::lang::Lang;

/// Colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Theme {
    /// Follow the operating system's light/dark setting.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in display order.
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];
    /// Stable name for storage and the `data-theme` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
    /// Parses [`Theme::as_str`].
    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }
    /// The theme after a "toggle": from whatever is shown now to the opposite.
    pub fn toggled(self, system_is_dark: bool) -> Theme {
        let dark_now = match self {
            Theme::System => system_is_dark,
            Theme::Light => false,
            Theme::Dark => true,
        };
        if dark_now { Theme::Light } else { Theme::Dark }
    }
}

/// How tightly the customer list packs its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Density {
    /// Roomy rows.
    #[default]
    Comfortable,
    /// More rows on screen.
    Compact,
}

impl Density {
    /// Both densities.
    pub const ALL: [Density; 2] = [Density::Comfortable, Density::Compact];
    /// Stable name for storage and CSS.
    pub fn as_str(self) -> &'static str {
        match self {
            Density::Comfortable => "comfortable",
            Density::Compact => "compact",
        }
    }
    /// Parses [`Density::as_str`].
    pub fn parse(s: &str) -> Option<Density> {
        Density::ALL.into_iter().find(|d| d.as_str() == s)
    }
    /// Height of one list row in CSS pixels (the virtual list needs it exactly).
    pub fn row_height(self) -> u32 {
        match self {
            Density::Comfortable => 52,
            Density::Compact => 38,
        }
    }
}

/// All preferences.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub density: Density,
    /// The team member using this browser.
    pub me: Option<Id>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_flips_what_is_shown() {
        assert_eq!(Theme::System.toggled(true), Theme::Light);
        assert_eq!(Theme::System.toggled(false), Theme::Dark);
        assert_eq!(Theme::Dark.toggled(false), Theme::Light);
        assert_eq!(Theme::Light.toggled(true), Theme::Dark);
    }

    #[test]
    fn names_round_trip() {
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), Some(t));
        }
        for d in Density::ALL {
            assert_eq!(Density::parse(d.as_str()), Some(d));
        }
        assert_eq!(Theme::parse("blue"), None);
    }
}
