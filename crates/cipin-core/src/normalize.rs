//! Normalise text before segmenting.
//!
//! Every rule maps one character to exactly one character, so a token's
//! character offsets in normalised text are its offsets in the original
//! text, and contexts (KWIC) can always be cut from the original.
//!
//! * **Full-width forms**: full-width digits, Latin letters and the symbols
//!   that go with numbers (`％＋－．／＠＃＆＿`) become ASCII (`１７％` → `17%`).
//!   Chinese punctuation (`，。（）：；！？`) is left alone: it is the normal
//!   form in Chinese text and jieba's dictionary expects it.
//! * **Traditional to simplified**: OpenCC's `t2s` tables (phrases, then
//!   characters), via the pure-Rust `ferrous-opencc` crate. Only runs of
//!   ideographs that hold at least one character the tables convert on its
//!   own (`書`, `記`, `萬`) are passed through OpenCC, so simplified text
//!   costs one table lookup per character and a long line is not converted
//!   whole for one traditional name. A phrase made only of characters that
//!   are also simplified (`藉口`) is left as it is, wherever it stands.
//! * **Spaces**: the ideographic space U+3000, no-break spaces and the
//!   zero-width characters (U+200B–U+200D, U+2060, U+FEFF) become an ASCII
//!   space; they are whitespace tokens afterwards, which counting drops.
//!
//! ```
//! use cipin_core::normalize::Normalizer;
//!
//! let n = Normalizer::default();
//! assert_eq!(n.normalize("時任浙江省委書記，增长１７％\u{3000}ＧＤＰ"), "时任浙江省委书记，增长17% GDP");
//! let off = Normalizer { t2s: false, ..Normalizer::default() };
//! assert_eq!(off.normalize("書記"), "書記");
//! ```

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// Which normalisations to apply. All are on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Normalizer {
    /// Full-width digits, letters and number symbols to ASCII.
    pub fullwidth: bool,
    /// Traditional characters to simplified (OpenCC t2s).
    pub t2s: bool,
    /// Ideographic, no-break and zero-width spaces to an ASCII space.
    pub spaces: bool,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer {
            fullwidth: true,
            t2s: true,
            spaces: true,
        }
    }
}

impl Normalizer {
    /// No normalisation at all.
    pub const NONE: Normalizer = Normalizer {
        fullwidth: false,
        t2s: false,
        spaces: false,
    };

    /// Whether any rule is on.
    pub fn is_active(&self) -> bool {
        self.fullwidth || self.t2s || self.spaces
    }

    /// Normalise `text`; borrowed when nothing changes. The result has as
    /// many characters as `text`.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if !self.is_active() {
            return Cow::Borrowed(text);
        }
        // One bitset probe per non-ASCII character finds the first character
        // any rule could touch; plain simplified text is never copied.
        let set = special_chars();
        let first = text
            .char_indices()
            .find(|&(_, c)| (c as u32) >= 0x80 && set.contains(c) && self.touches(c));
        let Some((at, _)) = first else {
            return Cow::Borrowed(text);
        };
        let mut needs_t2s = false;
        let mut out = String::with_capacity(text.len());
        out.push_str(&text[..at]);
        let trad = traditional_chars();
        for c in text[at..].chars() {
            if (c as u32) < 0x80 {
                out.push(c);
                continue;
            }
            if self.t2s && !needs_t2s && trad.contains(c) {
                needs_t2s = true;
            }
            out.push(map_char(c, *self));
        }
        if needs_t2s {
            out = convert_runs(out, trad);
        }
        if out == text {
            return Cow::Borrowed(text);
        }
        Cow::Owned(out)
    }

    /// Whether some active rule may change `c`.
    fn touches(&self, c: char) -> bool {
        (self.t2s && traditional_chars().contains(c)) || map_char(c, *self) != c
    }
}

/// Whether `c` is a CJK ideograph (the characters OpenCC's phrase tables
/// are made of).
fn is_ideograph(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// Convert with OpenCC only the runs of ideographs that hold a traditional
/// character. A phrase of the tables never spans anything but ideographs,
/// so this gives the same text as converting all of it, at a fraction of
/// the cost on long lines with one traditional name in them.
fn convert_runs(text: String, trad: &CharSet) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0; // bytes of `text` copied to `out`
    let mut run: Option<usize> = None; // start of the current run of ideographs
    let mut has_trad = false;
    let flush = |start: usize, end: usize, out: &mut String, done: &mut usize| {
        out.push_str(&text[*done..start]);
        let piece = &text[start..end];
        let converted = opencc().convert(piece);
        // OpenCC's t2s tables map one character to one; keep that a guarantee.
        if converted.chars().count() == piece.chars().count() {
            out.push_str(&converted);
        } else {
            out.push_str(piece);
        }
        *done = end;
    };
    for (i, c) in text.char_indices() {
        if is_ideograph(c) {
            if run.is_none() {
                run = Some(i);
                has_trad = false;
            }
            has_trad |= trad.contains(c);
        } else if let Some(start) = run.take() {
            if has_trad {
                flush(start, i, &mut out, &mut done);
            }
        }
    }
    if let Some(start) = run {
        if has_trad {
            flush(start, text.len(), &mut out, &mut done);
        }
    }
    out.push_str(&text[done..]);
    out
}

/// The character-level rules (everything but t2s).
fn map_char(c: char, n: Normalizer) -> char {
    let u = c as u32;
    if n.fullwidth && (0xFF01..=0xFF5E).contains(&u) {
        let ascii = char::from_u32(u - 0xFF01 + 0x21).unwrap_or(c);
        if ascii.is_ascii_alphanumeric() || "%+-./@#&_".contains(ascii) {
            return ascii;
        }
        return c;
    }
    if n.spaces
        && matches!(
            u,
            0x3000 | 0x00A0 | 0x202F | 0x200B..=0x200D | 0x2060 | 0xFEFF
        )
    {
        return ' ';
    }
    c
}

fn opencc() -> &'static OpenCC {
    static CC: OnceLock<OpenCC> = OnceLock::new();
    CC.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).expect("embedded OpenCC t2s config"))
}

/// The set of characters that OpenCC's t2s tables change, derived once from
/// the tables themselves (each CJK character converted on its own).
struct CharSet {
    bmp: Vec<u64>,
    astral: HashSet<char>,
}

impl CharSet {
    fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u >> 6] |= 1u64 << (u & 63);
        } else {
            self.astral.insert(c);
        }
    }

    fn contains(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u >> 6] & (1u64 << (u & 63)) != 0
        } else {
            self.astral.contains(&c)
        }
    }
}

/// Every character some rule may change: the traditional characters, the
/// full-width forms and the odd spaces.
fn special_chars() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = CharSet {
            bmp: traditional_chars().bmp.clone(),
            astral: traditional_chars().astral.clone(),
        };
        let all = Normalizer::default();
        for u in (0x80u32..0x10000).filter(|u| !(0xD800..0xE000).contains(u)) {
            if let Some(c) = char::from_u32(u) {
                if map_char(c, all) != c {
                    set.bmp[(u >> 6) as usize] |= 1u64 << (u & 63);
                }
            }
        }
        set
    })
}

/// The characters OpenCC's t2s tables change, one after another: derived
/// from the tables (see [`derive_traditional_chars`]) and embedded, so that
/// loading OpenCC (and converting some 90,000 characters to find them) is
/// not paid by every run; a test checks the list against the tables.
const TRADITIONAL_CHARS: &str = include_str!("../data/t2s_chars.txt");

fn traditional_chars() -> &'static CharSet {
    static SET: OnceLock<CharSet> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = CharSet {
            bmp: vec![0; 0x10000 / 64],
            astral: HashSet::new(),
        };
        for c in TRADITIONAL_CHARS.chars().filter(|c| !c.is_whitespace()) {
            set.insert(c);
        }
        set
    })
}

/// Every CJK character (unified ideographs, extension A and B,
/// compatibility ideographs) that OpenCC's t2s tables convert on its own,
/// in code point order: what `data/t2s_chars.txt` holds.
#[cfg(test)]
fn derive_traditional_chars() -> Vec<char> {
    let ranges = [
        0x3400u32..=0x4DBF,
        0x4E00..=0x9FFF,
        0xF900..=0xFAFF,
        0x20000..=0x2A6DF,
        0x2F800..=0x2FA1F,
    ];
    let cc = opencc();
    let mut out = Vec::new();
    for range in ranges {
        let chars: Vec<char> = range.filter_map(char::from_u32).collect();
        let joined: String = chars.iter().flat_map(|&c| [c, '\n']).collect();
        let converted = cc.convert(&joined);
        for (orig, conv) in chars.iter().zip(converted.split('\n')) {
            if !conv.starts_with(*orig) {
                out.push(*orig);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded list is exactly what OpenCC's tables convert. After an
    /// OpenCC upgrade, `CIPIN_BLESS=1 cargo test -p cipin-core t2s_chars`
    /// rewrites it.
    #[test]
    fn t2s_chars_match_opencc() {
        let derived: String = derive_traditional_chars().into_iter().collect();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/t2s_chars.txt");
        if std::env::var_os("CIPIN_BLESS").is_some() {
            let mut lines = String::new();
            for (i, c) in derived.chars().enumerate() {
                lines.push(c);
                if i % 64 == 63 {
                    lines.push('\n');
                }
            }
            lines.push('\n');
            std::fs::write(path, lines).unwrap();
            return;
        }
        let embedded: String = TRADITIONAL_CHARS
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            embedded == derived,
            "data/t2s_chars.txt is stale: rerun with CIPIN_BLESS=1"
        );
    }

    #[test]
    fn fullwidth_digits_letters_symbols() {
        let n = Normalizer::default();
        assert_eq!(
            n.normalize("１９９８年ＡＢＣｘｙｚ３．５％"),
            "1998年ABCxyz3.5%"
        );
        // Chinese punctuation stays.
        assert_eq!(n.normalize("（一），：；！？"), "（一），：；！？");
    }

    #[test]
    fn traditional_to_simplified() {
        let n = Normalizer::default();
        assert_eq!(
            n.normalize("時任浙江省委書記習近平"),
            "时任浙江省委书记习近平"
        );
        assert_eq!(n.normalize("乾隆皇帝"), "乾隆皇帝");
        // Simplified text is not copied.
        assert!(matches!(n.normalize("时任浙江省委书记"), Cow::Borrowed(_)));
    }

    #[test]
    fn spaces() {
        let n = Normalizer::default();
        assert_eq!(n.normalize("甲\u{3000}乙\u{200B}丙\u{FEFF}"), "甲 乙 丙 ");
        assert_eq!(Normalizer::NONE.normalize("甲\u{3000}"), "甲\u{3000}");
    }

    #[test]
    fn runs_convert_like_whole_text() {
        let text = "時任浙江省委書記，在「千萬工程」中說：乾隆皇帝與後來的發展ABC後面1隻";
        let whole = opencc().convert(text);
        assert_eq!(convert_runs(text.to_string(), traditional_chars()), whole);
    }

    proptest::proptest! {
        /// Converting only the runs of ideographs that hold a traditional
        /// character gives what converting the whole text gives.
        #[test]
        fn runs_equal_whole(s in "[時書記萬後發與隻乾隆皇帝一个的了，。「」 a1]{0,40}") {
            let whole = opencc().convert(&s);
            proptest::prop_assert_eq!(convert_runs(s.clone(), traditional_chars()), whole);
        }

        #[test]
        fn one_char_for_one(s in "\\PC{0,60}") {
            let n = Normalizer::default();
            proptest::prop_assert_eq!(n.normalize(&s).chars().count(), s.chars().count());
        }

        #[test]
        // The character rules are idempotent; OpenCC's t2s table is not
        // (it maps 薴 to 苧 and 苧 to 苎), so it is left out here.
        fn character_rules_idempotent(s in "[\\u{3000}-\\u{9fff}\\u{ff01}-\\u{ff5e}a-z ]{0,40}") {
            let n = Normalizer { t2s: false, ..Normalizer::default() };
            let once = n.normalize(&s).into_owned();
            proptest::prop_assert_eq!(n.normalize(&once).into_owned(), once.clone());
        }
    }
}
