//! Split text into sentences.
//!
//! A sentence ends after `。！？；…` (and their ASCII forms `!?;`), after a
//! run of such marks (`？！`, `……`), or at a line break. Closing quotes and
//! brackets that follow the mark stay with the sentence they close
//! (`……的政治嘱托。”` is one sentence). The sentences are slices that cover
//! the text exactly: concatenated they give the text back, so nothing is
//! lost and offsets add up.
//!
//! ```
//! use cipin_core::sentences::split_sentences;
//!
//! let s: Vec<&str> = split_sentences("他说：“好！”我们走吧。还有吗？？\n下一行").collect();
//! assert_eq!(s, vec!["他说：“好！”", "我们走吧。", "还有吗？？\n", "下一行"]);
//! ```

/// Characters that end a sentence.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '…' | '!' | '?' | ';' | '｡' | '︒'
    )
}

/// Closing quotes and brackets that stay with the sentence before them.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’'
            | '」'
            | '』'
            | '）'
            | ')'
            | '】'
            | '》'
            | '〉'
            | '"'
            | '\''
            | '］'
            | ']'
            | '〕'
            | '｝'
    )
}

/// Iterator over the sentences of a text; see the module docs.
#[derive(Debug, Clone)]
pub struct Sentences<'a> {
    rest: &'a str,
}

/// Split `text` into sentences (see the module docs).
pub fn split_sentences(text: &str) -> Sentences<'_> {
    Sentences { rest: text }
}

impl<'a> Iterator for Sentences<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let end = sentence_end(self.rest);
        let (head, tail) = self.rest.split_at(end);
        self.rest = tail;
        Some(head)
    }
}

/// Byte length of the first sentence of a non-empty `text`.
fn sentence_end(text: &str) -> usize {
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '\n' {
            return i + 1;
        }
        if is_terminal(c) {
            let mut end = i + c.len_utf8();
            // A run of marks, then closing quotes/brackets (and more marks
            // inside them, as in `！”？`), then one line break.
            while let Some(&(j, d)) = iter.peek() {
                if is_terminal(d) || is_closing(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            if let Some(&(j, '\n')) = iter.peek() {
                end = j + 1;
            }
            return end;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        split_sentences(s).collect()
    }

    #[test]
    fn closing_quotes_stay() {
        assert_eq!(
            split("“强社公司的成立是延伸。”西城街道表示。"),
            vec!["“强社公司的成立是延伸。”", "西城街道表示。"]
        );
        assert_eq!(split("（见附件。）然后"), vec!["（见附件。）", "然后"]);
    }

    #[test]
    fn ellipsis_and_semicolon() {
        assert_eq!(split("半山村……类似；好"), vec!["半山村……", "类似；", "好"]);
    }

    #[test]
    fn empty_and_no_terminal() {
        assert!(split("").is_empty());
        assert_eq!(split("没有标点"), vec!["没有标点"]);
    }

    proptest::proptest! {
        #[test]
        fn sentences_cover_text(s in "[。！？；…”）\\n甲乙a ]{0,60}") {
            let parts = split(&s);
            proptest::prop_assert_eq!(parts.concat(), s.clone());
            proptest::prop_assert!(parts.iter().all(|p| !p.is_empty()));
        }
    }
}
