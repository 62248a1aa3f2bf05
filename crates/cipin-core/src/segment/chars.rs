//! Character classes shared by the keep-whole rules: bitmaps over the Basic
//! Multilingual Plane (one load per character) and the Chinese numerals.

/// A bitmap over the Basic Multilingual Plane of the characters of
/// `lists` (characters of one to three bytes of UTF-8).
pub(super) const fn bitmap(lists: &[&str]) -> [u64; 1024] {
    let mut t = [0u64; 1024];
    let mut l = 0;
    while l < lists.len() {
        let s = lists[l].as_bytes();
        let mut i = 0;
        while i < s.len() {
            let (u, n) = if s[i] < 0x80 {
                (s[i] as usize, 1)
            } else if s[i] < 0xE0 {
                (
                    ((s[i] as usize & 0x1F) << 6) | (s[i + 1] as usize & 0x3F),
                    2,
                )
            } else {
                assert!(
                    s[i] < 0xF0,
                    "characters of the Basic Multilingual Plane only"
                );
                let u = ((s[i] as usize & 0x0F) << 12)
                    | ((s[i + 1] as usize & 0x3F) << 6)
                    | (s[i + 2] as usize & 0x3F);
                (u, 3)
            };
            t[u >> 6] |= 1 << (u & 63);
            i += n;
        }
        l += 1;
    }
    t
}

/// Whether `c` is in the bitmap `t` made by [`bitmap`].
#[inline]
pub(super) fn in_bitmap(t: &[u64; 1024], c: char) -> bool {
    let u = c as u32;
    u < 0x10000 && (t[(u >> 6) as usize] >> (u & 63)) & 1 != 0
}

/// Chinese numeral characters.
pub(crate) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '两'
            | '〇'
            | '零'
    )
}

/// ASCII or full-width digits.
pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}
