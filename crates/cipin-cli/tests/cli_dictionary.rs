//! `cipin dictionary` on the seed page.

use std::path::{Path, PathBuf};
mod common;
use common::{cipin, stdout};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds");

fn tmp(name: &str, content: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_dictionary");
    std::fs::create_dir_all(&d).unwrap();
    let p = d.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

const YAML: &str =
    "发展: [发展*]\n政策:\n  富裕: [共同富裕, 共富]\n  差距: ['*差距']\n空: [不存在的词]\n";

#[test]
fn counts_every_article_and_category_as_csv() {
    let dict = tmp("d.yaml", YAML);
    let out = stdout(&cipin(&[
        "dictionary",
        dict.to_str().unwrap(),
        SEEDS,
        "--format",
        "csv",
        "-q",
    ]));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("article,category,count,tokens,share"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    // 7 documents (6 articles and the banner) × 4 categories, zeros included.
    assert_eq!(rows.len(), 28);
    let cats: Vec<&str> = rows[..4].iter().map(|r| r[1]).collect();
    assert_eq!(cats, ["发展", "政策.富裕", "政策.差距", "空"]);
    assert!(rows.iter().filter(|r| r[1] == "空").all(|r| r[2] == "0"));
    let total = |cat: &str| -> u64 {
        rows.iter()
            .filter(|r| r[1] == cat)
            .map(|r| r[2].parse::<u64>().unwrap())
            .sum()
    };
    assert!(total("发展") > 0 && total("政策.富裕") > 0 && total("政策.差距") > 0);
    for r in &rows {
        let (count, tokens): (u64, u64) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        let share: f64 = r[4].parse().unwrap();
        assert!(count <= tokens && (share - count as f64 / tokens.max(1) as f64).abs() < 1e-9);
    }

    // The whole corpus, and the matched words, in JSON lines; 1 or 2 threads.
    let none = |threads: &str| {
        stdout(&cipin(&[
            "dictionary",
            dict.to_str().unwrap(),
            SEEDS,
            "--by",
            "none",
            "--format",
            "jsonl",
            "--threads",
            threads,
            "-q",
        ]))
    };
    let corpus = none("1");
    assert_eq!(corpus, none("2"));
    assert_eq!(corpus.lines().count(), 4);
    assert!(corpus.contains(&format!(
        "\"category\":\"发展\",\"count\":{},",
        total("发展")
    )));
    let matches = stdout(&cipin(&[
        "dictionary",
        dict.to_str().unwrap(),
        SEEDS,
        "--by",
        "none",
        "--matches",
        "--format",
        "csv",
        "-q",
    ]));
    assert!(
        matches.starts_with("category,term,count\n发展,发展,"),
        "{matches}"
    );
}

#[test]
fn the_text_and_liwc_formats_and_errors() {
    let txt = tmp(
        "d.txt",
        "# 政策\n富裕: 共同富裕 共富\n地方: 黄岩 \"黄岩 区\"\n",
    );
    let out = stdout(&cipin(&[
        "dictionary",
        txt.to_str().unwrap(),
        SEEDS,
        "--by",
        "none",
        "--format",
        "csv",
    ]));
    assert!(
        out.starts_with("category,count,tokens,share\n富裕,"),
        "{out}"
    );
    let dic = tmp(
        "d.dic",
        "%\n1\t富裕\n2\t地方\n%\n共同富裕\t1\n共富\t1\n黄岩\t2\n黄岩 区\t2\n",
    );
    let out2 = stdout(&cipin(&[
        "dictionary",
        dic.to_str().unwrap(),
        SEEDS,
        "--by",
        "none",
        "--format",
        "csv",
        "-q",
    ]));
    assert_eq!(out2, out);

    // A bad file: an error naming it and the line.
    let bad = tmp("bad.json", "{\n  \"a\": [\"x\",\n   \"re:(\"]\n}\n");
    let o = cipin(&["dictionary", bad.to_str().unwrap(), SEEDS]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("{}:3: category `a`", bad.display())),
        "{err}"
    );
}
