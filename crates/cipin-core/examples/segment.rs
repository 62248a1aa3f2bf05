//! Segment Chinese text with cipin-core: the default segmenter, a user
//! word, POS tags, and a user dictionary's errors.
//!
//! ```sh
//! cargo run --release -p cipin-core --example segment -- "深化新时代“千万工程”，缩小三大差距"
//! ```

use cipin_core::segment::{parse_user_dict, Segmenter};

fn main() -> Result<(), cipin_core::Error> {
    let text = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "深化新时代“千万工程”，推进共同富裕示范区建设。".to_string());

    // The default segmenter: precise mode, HMM on, quoted slogans and
    // numbered expressions kept whole, text normalised.
    let seg = Segmenter::default();
    let words: Vec<String> = seg.segment(&text).into_iter().map(|t| t.word).collect();
    println!("{}", words.join(" / "));

    // User words and POS tags.
    let tagged = Segmenter::builder()
        .user_words(["示范区建设"])
        .pos(true)
        .build()?;
    for t in tagged.segment(&text) {
        print!("{}/{} ", t.word, t.pos.unwrap_or_default());
    }
    println!();

    // A malformed user dictionary line is an error naming the file and line.
    if let Err(e) = parse_user_dict("user.txt", "千万工程 100 n\n好词 1x\n") {
        println!("error: {e}");
    }
    Ok(())
}
