//! Text search over customers: lowercase keys with pinyin so `zs` and `zhangsan` find 张三,
//! and query parsing that tolerates full-width input and phone-number punctuation.

use pinyin::ToPinyin;

/// Surname readings that differ from a character's most common reading (the `pinyin` crate
/// gives the common one): 曾 is Zēng as a surname, not céng; 单 is Shàn, not dān.
const SURNAME_READINGS: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('仇', "qiu"),
    ('解', "xie"),
    ('朴', "piao"),
    ('区', "ou"),
    ('查', "zha"),
    ('盖', "ge"),
    ('乐', "yue"),
    ('覃', "qin"),
    ('尉', "yu"),
    ('召', "shao"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('种', "chong"),
    ('秘', "bi"),
    ('繁', "po"),
    ('员', "yun"),
    ('折', "she"),
    ('黑', "he"),
    ('长', "chang"),
    ('重', "chong"),
    ('沈', "shen"),
    ('石', "shi"),
    ('柏', "bai"),
    ('薄', "bo"),
    ('贾', "jia"),
    ('纪', "ji"),
    ('任', "ren"),
    ('宁', "ning"),
    ('阚', "kan"),
];

/// The reading of one character in plain pinyin (ü written as `v`, as people type it).
fn reading(ch: char) -> Option<String> {
    ch.to_pinyin().map(|p| p.plain().replace('ü', "v"))
}

/// Full pinyin and initials of a text: `张三` → (`zhangsan`, `zs`). Characters without a reading
/// (Latin letters, digits) are kept, lowercased, in both. When the first character has a
/// distinct surname reading, a second pair with that reading is returned too.
pub fn pinyin_keys(text: &str) -> Vec<(String, String)> {
    let mut full = String::new();
    let mut initials = String::new();
    let mut has_cjk = false;
    for ch in text.chars() {
        match reading(ch) {
            Some(r) => {
                has_cjk = true;
                initials.push_str(&r[..1]);
                full.push_str(&r);
            }
            None if ch.is_alphanumeric() => {
                for lower in ch.to_lowercase() {
                    full.push(lower);
                    initials.push(lower);
                }
            }
            None => {}
        }
    }
    if !has_cjk {
        return Vec::new();
    }
    let mut keys = vec![(full, initials)];
    let mut chars = text.trim().chars();
    if let Some(first) = chars.next()
        && let Some(&(_, surname)) = SURNAME_READINGS.iter().find(|(c, _)| *c == first)
        && reading(first).as_deref() != Some(surname)
    {
        let (rest_full, rest_initials) = pinyin_keys(chars.as_str())
            .into_iter()
            .next()
            .unwrap_or_default();
        keys.push((
            format!("{surname}{rest_full}"),
            format!("{}{rest_initials}", &surname[..1]),
        ));
    }
    keys
}

/// Separates the fields of a search key so a query never matches across two fields.
pub const FIELD_SEPARATOR: char = '\u{1f}';

/// Builds the lowercase search key of a customer from its searchable texts: names (with their
/// pinyin), phones (as digits), e-mails and ids.
pub fn build_key<'a>(
    names: impl IntoIterator<Item = &'a str>,
    phones: impl IntoIterator<Item = &'a str>,
    others: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut key = String::new();
    let mut push = |s: &str| {
        if !s.is_empty() {
            key.push(FIELD_SEPARATOR);
            key.push_str(s);
        }
    };
    for name in names {
        push(&normalise(name));
        for (full, initials) in pinyin_keys(name) {
            push(&full);
            push(&initials);
        }
    }
    for phone in phones {
        push(&crate::domain::validate::phone_digits(phone));
    }
    for other in others {
        push(&normalise(other));
    }
    key
}

/// Lowercases and folds full-width ASCII (from Chinese input methods) to plain ASCII.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let ch = match ch {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
            '\u{3000}' => ' ',
            _ => ch,
        };
        out.extend(ch.to_lowercase());
    }
    out
}

/// A parsed search query: lowercase tokens that must all occur in a customer's key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    tokens: Vec<String>,
}

impl Query {
    /// Parses what the user typed. Phone-like tokens (`138-0013-8000`) lose their punctuation.
    pub fn parse(text: &str) -> Self {
        let tokens = normalise(text)
            .split_whitespace()
            .map(|t| {
                let phone_like = t.chars().any(|c| c.is_ascii_digit())
                    && t.chars().all(|c| c.is_ascii_digit() || "+-().".contains(c));
                if phone_like {
                    t.chars().filter(char::is_ascii_digit).collect()
                } else {
                    t.to_string()
                }
            })
            .filter(|t: &String| !t.is_empty())
            .collect();
        Query { tokens }
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether every token occurs in the key.
    pub fn matches(&self, key: &str) -> bool {
        self.tokens.iter().all(|t| key.contains(t.as_str()))
    }

    /// How well a match fits, lower is better: 0 when the name (or its pinyin) starts with the
    /// first token, 1 when the name contains it, 2 for a match elsewhere.
    pub fn rank(&self, name_key: &str) -> u8 {
        let Some(first) = self.tokens.first() else {
            return 2;
        };
        let mut best = 2;
        for part in name_key.split(FIELD_SEPARATOR) {
            if part.starts_with(first.as_str()) {
                return 0;
            }
            if part.contains(first.as_str()) {
                best = 1;
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_full_and_initials() {
        assert_eq!(pinyin_keys("张三"), vec![("zhangsan".into(), "zs".into())]);
        assert_eq!(
            pinyin_keys("ABC贸易"),
            vec![("abcmaoyi".into(), "abcmy".into())]
        );
        assert_eq!(pinyin_keys("吕布")[0].0, "lvbu", "ü is typed as v");
        assert!(
            pinyin_keys("Acme Ltd").is_empty(),
            "nothing to add for Latin text"
        );
    }

    #[test]
    fn surnames_get_their_surname_reading_too() {
        let keys = pinyin_keys("曾国藩");
        assert!(
            keys.iter().any(|(f, i)| f == "zengguofan" && i == "zgf"),
            "{keys:?}"
        );
        let keys = pinyin_keys("单田芳");
        assert!(keys.iter().any(|(f, _)| f == "shantianfang"), "{keys:?}");
        let keys = pinyin_keys("仇英");
        assert!(
            keys.iter().any(|(f, i)| f == "qiuying" && i == "qy"),
            "{keys:?}"
        );
    }

    #[test]
    fn queries_find_names_by_pinyin_phone_and_email() {
        let key = build_key(
            ["张三", "杭州西湖茶业有限公司"],
            ["+86 138-0013-8000"],
            ["Zhang.San@XiHuTea.cn"],
        );
        for q in [
            "zs",
            "zhangsan",
            "zhang san",
            "张",
            "西湖",
            "xihu",
            "hzxh",
            "138 0013",
            "13800138000",
            "138-0013-8000",
            "zhang.san@",
            "ＸＩＨＵ",
        ] {
            assert!(Query::parse(q).matches(&key), "{q} should match");
        }
        for q in ["ls", "lisi", "139", "zhangsan@xihutea.com"] {
            assert!(!Query::parse(q).matches(&key), "{q} should not match");
        }
    }

    #[test]
    fn tokens_do_not_match_across_fields() {
        let key = build_key(["ab"], [], ["cd"]);
        assert!(!Query::parse("bc").matches(&key));
    }

    #[test]
    fn empty_query_matches_everything() {
        let q = Query::parse("   ");
        assert!(q.is_empty());
        assert!(q.matches(""));
    }

    #[test]
    fn ranking_prefers_name_prefixes() {
        let name_key = build_key(["张三"], [], []);
        assert_eq!(Query::parse("zs").rank(&name_key), 0);
        assert_eq!(Query::parse("张").rank(&name_key), 0);
        assert_eq!(Query::parse("三").rank(&name_key), 1);
        assert_eq!(Query::parse("x").rank(&name_key), 2);
    }
}
