//! Translations: every word the app shows, in zh-CN and English.
//!
//! [`Texts`] is one struct with a field per message. Each feature area keeps its messages in
//! its own file (`common`, `customers`, `insights`, `complaints`, `churn`, `satisfaction`,
//! `import`, `settings`), English and Chinese side by side; `texts.rs` gathers them into the
//! struct through a chain of macros, so a message missing in either language is a compile
//! error rather than a blank on screen. Messages with values are plain functions
//! (`(t.n_customers)(42)`). Enum labels live in `labels.rs` (`label(self, t: &Texts)`).

mod churn;
mod common;
mod complaints;
pub mod conflict;
mod customers;
pub mod explain;
mod forecast;
mod import;
mod insights;
mod labels;
mod leads;
mod pipeline;
mod products;
mod quotes;
mod satisfaction;
mod settings;
pub mod sync;
mod texts;
mod today;
mod validation;

pub use texts::{EN, Texts, ZH};

pub use crate::domain::lang::Lang;

impl Lang {
    /// The language of `t`.
    pub fn of(t: &Texts) -> Lang {
        if std::ptr::eq(t, &EN) {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The messages in this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Declares one feature's macro (`name!`), which adds the feature's messages (the `strings`
/// and `formats` blocks that follow) to the ones gathered so far and hands them on to the
/// next feature's macro; the last one, [`define_texts!`], declares [`Texts`]. Called as
/// `feature_texts! { $ name; strings { … } formats { … } }`: the `$` stands in for the one the
/// inner macro's own variables need (a macro cannot write it itself on stable Rust).
macro_rules! feature_texts {
    ($d:tt $name:ident; $($messages:tt)*) => {
        macro_rules! $name {
            ($d next:ident $d(, $d rest:ident)* ; $d($d gathered:tt)*) => {
                $d next! { $d($d rest),* ; $d($d gathered)* $($messages)* }
            };
        }
        pub(super) use $name;
    };
}
pub(crate) use feature_texts;

/// Declares [`Texts`] and both languages' values, English first, Chinese second, from the
/// messages every feature's macro gathered (see `texts.rs`).
macro_rules! define_texts {
    ( ; $(
        strings { $( $(#[$sm:meta])* $s:ident = $s_en:expr , $s_zh:expr ; )* }
        formats { $( $(#[$fm:meta])* $f:ident ( $($arg:ident : $aty:ty),* ) = $f_en:expr , $f_zh:expr ; )* }
    )* ) => {
        /// Every message of the app in one language.
        pub struct Texts {
            $( $( $(#[$sm])* pub $s: &'static str, )* )*
            $( $( $(#[$fm])* pub $f: fn($($aty),*) -> String, )* )*
        }

        /// English.
        pub static EN: Texts = Texts {
            $( $( $s: $s_en, )* )*
            $( $( $f: { fn f($($arg: $aty),*) -> String { $f_en } f }, )* )*
        };

        /// Simplified Chinese.
        pub static ZH: Texts = Texts {
            $( $( $s: $s_zh, )* )*
            $( $( $f: { fn f($($arg: $aty),*) -> String { $f_zh } f }, )* )*
        };

        impl Texts {
            /// Every plain string with its field name (for completeness tests).
            pub fn all_strings(&self) -> Vec<(&'static str, &'static str)> {
                vec![ $( $( (stringify!($s), self.$s), )* )* ]
            }
        }
    };
}
pub(crate) use define_texts;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marketing_export_names_only_the_reasons_that_left_someone_out() {
        assert_eq!((EN.exported_marketing)(12, 0, 0), "Exported 12 customers");
        assert_eq!(
            (EN.exported_marketing)(1_200, 3, 1),
            "Exported 1,200 customers; left out 3 who asked not to be contacted; left out 1 with an open complaint"
        );
        assert_eq!(
            (ZH.exported_marketing)(0, 0, 1),
            "已导出 0 位客户；1 位投诉未结的客户未导出"
        );
        assert_eq!((ZH.duration_hours)(25.0), "25.0 小时");
        assert_eq!((EN.duration_hours)(60.0), "2.5 days");
    }

    #[test]
    fn every_string_exists_and_differs_where_it_should() {
        let en = EN.all_strings();
        let zh = ZH.all_strings();
        assert_eq!(en.len(), zh.len());
        for ((name, e), (_, z)) in en.iter().zip(&zh) {
            assert!(!e.trim().is_empty(), "English {name} is empty");
            assert!(!z.trim().is_empty(), "Chinese {name} is empty");
        }
        // A Chinese string that is pure ASCII is almost always an untranslated copy.
        let allowed_ascii = [
            "app_name_short",
            "palette_shortcut",
            "wechat",
            "kb_enter",
            "kb_esc",
            "rfm_label",
        ];
        for (name, z) in &zh {
            if !allowed_ascii.contains(name) {
                assert!(!z.is_ascii(), "Chinese {name} looks untranslated: {z}");
            }
        }
    }

    #[test]
    fn formats_fill_in_values() {
        assert_eq!((EN.n_customers)(1), "1 customer");
        assert_eq!((EN.n_customers)(1200), "1,200 customers");
        assert_eq!((ZH.n_customers)(1200), "共 1,200 位客户");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("zh-TW"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(
            Lang::from_preferences(["fr-FR", "en-US", "zh-CN"]),
            Lang::En
        );
        assert_eq!(Lang::from_preferences(["de"]), Lang::Zh);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(l.other().other(), l);
        }
    }
}
