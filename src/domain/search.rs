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

/// Appends the plain pinyin of a character (ü written as `v`, as people type it) to `full` and
/// its first letter to `initials`; `false` when the character has no reading.
fn push_reading(ch: char, full: &mut String, initials: &mut String) -> bool {
    let Some(p) = ch.to_pinyin() else {
        return false;
    };
    let plain = p.plain();
    for (i, c) in plain.chars().enumerate() {
        let c = if c == 'ü' { 'v' } else { c };
        if i == 0 {
            initials.push(c);
        }
        full.push(c);
    }
    true
}

/// Writes the full pinyin and initials of `text` into the buffers (cleared first): `张三` →
/// `zhangsan`, `zs`. Characters without a reading (Latin letters, digits) are kept, lowercased,
/// in both. Returns whether the text had any Chinese character.
pub fn pinyin_into(text: &str, full: &mut String, initials: &mut String) -> bool {
    full.clear();
    initials.clear();
    let mut has_cjk = false;
    for ch in text.chars() {
        if push_reading(ch, full, initials) {
            has_cjk = true;
        } else if ch.is_alphanumeric() {
            for lower in ch.to_lowercase() {
                full.push(lower);
                initials.push(lower);
            }
        }
    }
    has_cjk
}

/// The surname reading of a name's first character when it differs from the common one.
fn surname_reading(text: &str) -> Option<&'static str> {
    let first = text.trim_start().chars().next()?;
    let (_, surname) = SURNAME_READINGS.iter().find(|(c, _)| *c == first)?;
    let common = first.to_pinyin().map(|p| p.plain());
    (common != Some(*surname)).then_some(*surname)
}

/// Full pinyin and initials of a text: `张三` → (`zhangsan`, `zs`). Empty for text without
/// Chinese characters. When the first character has a distinct surname reading (曾, 单...), a
/// second pair with that reading follows.
pub fn pinyin_keys(text: &str) -> Vec<(String, String)> {
    let mut full = String::new();
    let mut initials = String::new();
    if !pinyin_into(text, &mut full, &mut initials) {
        return Vec::new();
    }
    let mut keys = vec![(full, initials)];
    if let Some(surname) = surname_reading(text) {
        let rest: String = text.trim_start().chars().skip(1).collect();
        let (mut rest_full, mut rest_initials) = (String::new(), String::new());
        pinyin_into(&rest, &mut rest_full, &mut rest_initials);
        keys.push((
            format!("{surname}{rest_full}"),
            format!("{}{rest_initials}", &surname[..1]),
        ));
    }
    keys
}

/// The syllables of a name, lowercase: each Chinese character's plain pinyin (the surname
/// reading for a first character that has one: 曾 → `zeng`), each run of letters or digits as
/// one word; everything else separates. `张伟`, `Zhang Wei` and `ZHANG-wei` all give
/// `["zhang", "wei"]`, which is how a business card in pinyin finds the customer in characters.
pub fn syllables(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    let text = text.trim();
    let surname = surname_reading(text);
    for (i, ch) in text.chars().enumerate() {
        let reading = match (i, surname) {
            (0, Some(s)) => Some(s.to_string()),
            _ => ch.to_pinyin().map(|p| p.plain().replace('ü', "v")),
        };
        if let Some(r) = reading {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(r);
        } else if ch.is_alphanumeric() {
            word.extend(ch.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Separates the fields of a search key so a query never matches across two fields.
pub const FIELD_SEPARATOR: char = '\u{1f}';

/// Builds a lowercase search key field by field, reusing its buffers: names get their pinyin
/// (full and initials), phones their digits.
#[derive(Default)]
pub struct KeyBuilder {
    key: String,
    full: String,
    initials: String,
}

impl KeyBuilder {
    /// Starts a new key (buffers are kept).
    pub fn start(&mut self) {
        self.key.clear();
    }

    fn push_field(&mut self, text: &str) {
        if !text.is_empty() {
            self.key.push(FIELD_SEPARATOR);
            self.key.push_str(text);
        }
    }

    /// Adds a name with its pinyin; returns the range of its full pinyin in the key (or of the
    /// lowercased name when it has no Chinese), by which names sort in pinyin order.
    pub fn name(&mut self, name: &str) -> (u32, u32) {
        let start = self.key.len() + 1;
        self.key.push(FIELD_SEPARATOR);
        push_normalised(&mut self.key, name);
        let mut sort_range = (start as u32, self.key.len() as u32);
        let mut full = std::mem::take(&mut self.full);
        let mut initials = std::mem::take(&mut self.initials);
        if pinyin_into(name, &mut full, &mut initials) {
            let start = self.key.len() + 1;
            self.push_field(&full);
            sort_range = (start as u32, self.key.len() as u32);
            self.push_field(&initials);
            // Rare: a surname read differently (曾 Zēng) also gets its own pair.
            if surname_reading(name).is_some() {
                for (f, i) in pinyin_keys(name).into_iter().skip(1) {
                    self.push_field(&f);
                    self.push_field(&i);
                }
            }
        }
        self.full = full;
        self.initials = initials;
        sort_range
    }

    /// Adds a phone number as its digits.
    pub fn phone(&mut self, phone: &str) {
        self.key.push(FIELD_SEPARATOR);
        self.key.extend(phone.chars().filter(char::is_ascii_digit));
    }

    /// Adds any other text, lowercased.
    pub fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.key.push(FIELD_SEPARATOR);
            push_normalised(&mut self.key, text);
        }
    }

    /// Length of the key so far (to remember where a part ends).
    pub fn len(&self) -> usize {
        self.key.len()
    }

    /// Whether nothing was added yet.
    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// The finished key.
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// Builds the lowercase search key of a customer from its searchable texts: names (with their
/// pinyin), phones (as digits), e-mails and ids.
pub fn build_key<'a>(
    names: impl IntoIterator<Item = &'a str>,
    phones: impl IntoIterator<Item = &'a str>,
    others: impl IntoIterator<Item = &'a str>,
) -> String {
    let mut b = KeyBuilder::default();
    for name in names {
        if !name.is_empty() {
            b.name(name);
        }
    }
    for phone in phones {
        b.phone(phone);
    }
    for other in others {
        b.text(other);
    }
    b.key
}

fn push_normalised(out: &mut String, text: &str) {
    for ch in text.chars() {
        let ch = match ch {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(ch as u32 - 0xfee0).unwrap_or(ch),
            '\u{3000}' => ' ',
            _ => ch,
        };
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

/// Lowercases and folds full-width ASCII (from Chinese input methods) to plain ASCII.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_normalised(&mut out, text);
    out
}

/// The bit of a character in a [`KeyMasks`] mask: one bit each for `a`–`z` and `0`–`9`, four
/// shared by the other ASCII characters, 24 shared by all others (Chinese characters spread
/// over them by a hash). A text lacking a bit of a query lacks one of its characters, so it
/// cannot contain the query.
pub fn char_bit(c: char) -> u64 {
    let n = c as u32;
    let bit = match c {
        'a'..='z' => n - 'a' as u32,
        '0'..='9' => 26 + n - '0' as u32,
        _ if c.is_ascii() => 36 + n % 4,
        _ => 40 + (n.wrapping_mul(0x9e37_79b9) >> 16) % 24,
    };
    1 << bit
}

/// The bits of every character of `text`.
pub fn char_mask(text: &str) -> u64 {
    text.chars().fold(0, |m, c| m | char_bit(c))
}

/// What a search key holds, in two words: which characters occur anywhere in it, and which
/// begin a part of the customer's name (the name, its pinyin and its initials). A query first
/// checks these: a customer whose masks lack a bit of the query is passed over without
/// reading its key, and most customers need no string work to rank.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyMasks {
    pub all: u64,
    pub name_starts: u64,
}

impl KeyMasks {
    /// The masks of `key`, whose first `name_end` bytes are the name's part.
    pub fn of(key: &str, name_end: usize) -> Self {
        let name_starts = key[..name_end]
            .split(FIELD_SEPARATOR)
            .filter_map(|part| part.chars().next())
            .fold(0, |m, c| m | char_bit(c));
        KeyMasks {
            all: char_mask(key),
            name_starts,
        }
    }
}

/// A parsed search query: lowercase tokens that must all occur in a customer's key, each with
/// a substring searcher built once and reused over every key.
#[derive(Clone, Debug, Default)]
pub struct Query {
    tokens: Vec<String>,
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// The bits of every character of every token.
    mask: u64,
    /// The bit of the first token's first character.
    first_bit: u64,
    /// Whether the masks alone decide a match: every token is one letter or digit, each of
    /// which has a bit of its own, so a key holds it exactly when its mask has the bit (the
    /// first keystroke of most searches, and the one that matches the most keys).
    mask_decides: bool,
}

impl Query {
    /// Parses what the user typed. Phone-like tokens (`138-0013-8000`) lose their punctuation.
    pub fn parse(text: &str) -> Self {
        let tokens: Vec<String> = normalise(text)
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
        let finders = tokens
            .iter()
            .map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned())
            .collect();
        let mask = tokens.iter().fold(0, |m, t| m | char_mask(t));
        let first_bit = tokens
            .first()
            .and_then(|t| t.chars().next())
            .map_or(0, char_bit);
        let mask_decides = tokens.iter().all(|t| {
            let mut chars = t.chars();
            matches!(
                (chars.next(), chars.next()),
                (Some('a'..='z' | '0'..='9'), None)
            )
        });
        Query {
            tokens,
            finders,
            mask,
            first_bit,
            mask_decides,
        }
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether every token occurs in the key.
    pub fn matches(&self, key: &str) -> bool {
        let key = key.as_bytes();
        self.finders.iter().all(|f| f.find(key).is_some())
    }

    /// Whether a key with masks `masks` could match: it holds every character of the query
    /// (by [`char_bit`]). `false` is certain; `true` still needs [`Query::matches`].
    pub fn could_match(&self, masks: KeyMasks) -> bool {
        masks.all & self.mask == self.mask
    }

    /// [`Query::matches`] for a key with masks `masks`, reading the key only when the masks
    /// hold every character of the query.
    pub fn matches_masked(&self, key: &str, masks: KeyMasks) -> bool {
        self.could_match(masks) && self.matches_could(key)
    }

    /// [`Query::matches`] for a key whose masks [`Query::could_match`]: without reading the
    /// key when the masks decide.
    pub fn matches_could(&self, key: &str) -> bool {
        self.mask_decides || self.matches(key)
    }

    /// Whether every key matching `self` matches `other`: each of `other`'s words is part of
    /// one of `self`'s.
    pub fn implies(&self, other: &Query) -> bool {
        other
            .tokens
            .iter()
            .all(|t| self.tokens.iter().any(|s| s.contains(t.as_str())))
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

    /// [`Query::rank`] of a matching key's name part, skipping the string work the masks
    /// answer: no name part begins with the first token's first character, so the rank is 1
    /// or 2 by whether the name contains the token.
    pub fn rank_masked(&self, name_key: &str, masks: KeyMasks) -> u8 {
        let Some(first) = self.tokens.first() else {
            return 2;
        };
        if masks.name_starts & self.first_bit != 0 {
            self.rank(name_key)
        } else if name_key.contains(first.as_str()) {
            1
        } else {
            2
        }
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
    fn masks_hold_every_character_and_the_name_initials() {
        let key = build_key(["张三", "Acme"], ["138"], ["a@b.cn"]);
        let name_end = build_key(["张三"], [], []).len();
        let m = KeyMasks::of(&key, name_end);
        for c in "张三zhangsaacme138@.bn".chars() {
            assert_ne!(m.all & char_bit(c), 0, "{c}");
        }
        // Name parts: 张三, zhangsan, zs; Acme is the company's, not the name's.
        assert_eq!(m.name_starts, char_bit('张') | char_bit('z'));
        assert_eq!(char_bit('a') | char_bit('b'), 0b11);
        assert_eq!(char_bit('9'), 1 << 35);
        assert!((40..64).contains(&char_bit('王').trailing_zeros()));
    }

    #[test]
    fn masked_matching_and_ranking_agree_with_the_plain_ones() {
        let names = ["张三", "李四", "王小明", "Zoe", "曾国藩", "欧阳娜娜"];
        let keys: Vec<(String, usize)> = names
            .iter()
            .map(|n| {
                let name_end = build_key([*n], [], []).len();
                (
                    build_key([*n, "上海振华科技"], ["13912345678"], ["zoe@x.cn"]),
                    name_end,
                )
            })
            .collect();
        for q in [
            "z",
            "zs",
            "zh",
            "三",
            "s",
            "x",
            "xm",
            "ming",
            "王",
            "上海",
            "h",
            "139",
            "@x",
            "oe",
            "q",
            "zeng",
            "zgf",
            "娜",
            "nana",
            "yang",
            "无",
            "zhang 139",
            "kj",
            "a 1",
        ]
        .into_iter()
        .map(String::from)
        // Every single letter and digit, which the masks alone decide.
        .chain(('a'..='z').chain('0'..='9').map(String::from))
        {
            let q = Query::parse(&q);
            for (key, name_end) in &keys {
                let m = KeyMasks::of(key, *name_end);
                assert_eq!(q.matches_masked(key, m), q.matches(key), "{q:?} {key}");
                if q.matches(key) {
                    let name = &key[..*name_end];
                    assert_eq!(q.rank_masked(name, m), q.rank(name), "{q:?} {key}");
                }
            }
        }
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

/// Keys of a list's records (search keys, pinyin sort names) built when first needed: a
/// slice at a time between frames after the list is painted ([`step`](Self::step)), or all at
/// once by the first query that needs them ([`all`](Self::all)). A record changed before its
/// key is built gets it from the changed record later.
#[derive(Debug, Default)]
pub struct LazyKeys(std::sync::Mutex<Vec<String>>);

impl LazyKeys {
    fn keys(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Builds the keys of up to `n` more of the `len` records (`key(i)` of record `i`);
    /// `true` once all have one.
    pub fn step(&self, len: usize, n: usize, key: impl Fn(usize) -> String) -> bool {
        let mut keys = self.keys();
        let to = keys.len().saturating_add(n).min(len);
        for i in keys.len()..to {
            keys.push(key(i));
        }
        keys.len() >= len
    }

    /// Every key, the missing ones built now.
    pub fn all(
        &self,
        len: usize,
        key: impl Fn(usize) -> String,
    ) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.step(len, usize::MAX, key);
        self.keys()
    }

    /// Record `i` changed (or was added as the last): its key, if built by now, is `key()`.
    pub fn set(&self, i: usize, key: impl FnOnce() -> String) {
        let mut keys = self.keys();
        match i.cmp(&keys.len()) {
            std::cmp::Ordering::Less => keys[i] = key(),
            // The next to build and the record is there: built now, in order.
            std::cmp::Ordering::Equal => keys.push(key()),
            std::cmp::Ordering::Greater => {}
        }
    }
}
