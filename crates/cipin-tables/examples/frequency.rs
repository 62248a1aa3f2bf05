//! A term-frequency table by year with cipin-tables, printed aligned.
//!
//! ```sh
//! cargo run --release -p cipin-tables --example frequency
//! ```

use cipin_tables::corpus::{Corpus, Doc, GroupBy};
use cipin_tables::io::format_table;
use cipin_tables::tables::{frequency, Options};

fn main() -> Result<(), cipin_tables::Error> {
    let corpus = Corpus::from_docs(vec![
        Doc::new("a", "深化新时代“千万工程”，推进共同富裕。").with_meta("year", "2023"),
        Doc::new("b", "缩小“三大差距”，推进共同富裕示范区建设。").with_meta("year", "2024"),
    ]);
    let opts = Options {
        by: GroupBy::Column("year".into()),
        top: Some(5),
        ..Options::default()
    };
    let table = frequency(&corpus, &opts)?;
    print!("{}", format_table(&table.frame));
    Ok(())
}
