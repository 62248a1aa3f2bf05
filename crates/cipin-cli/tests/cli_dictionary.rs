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

#[test]
fn the_wordstat_and_lexicoder_formats_and_weights() {
    let csv = |dict: &Path| {
        stdout(&cipin(&[
            "dictionary",
            dict.to_str().unwrap(),
            SEEDS,
            "--by",
            "none",
            "--format",
            "csv",
            "-q",
        ]))
    };
    let txt = tmp(
        "same.txt",
        "政策.富裕: 共同富裕 共富\n地方: 黄岩 \"黄岩 区\"\n",
    );
    let expected = csv(&txt);
    assert!(
        expected.starts_with(
            "category,count,tokens,share
政策.富裕,"
        ),
        "{expected}"
    );
    // WordStat: nested categories named parent.child, weights all 1 (no score).
    let cat = tmp(
        "d.cat",
        "政策\n\t富裕\n\t\t共同富裕 (1)\n\t\t共富 (1)\n地方\n\t黄岩 (1)\n\t黄岩 区 (1)\n",
    );
    assert_eq!(csv(&cat), expected);
    // Lexicoder: +CATEGORY lines.
    let lc3 = tmp(
        "d.lc3",
        "+政策.富裕\n共同富裕\n共富\n+地方\n黄岩\n黄岩 区\n",
    );
    assert_eq!(csv(&lc3), expected);

    // Weights: a score column, the weighted sum of the matches.
    let weighted = tmp(
        "w.cat",
        "政策\n\t富裕\n\t\t共同富裕 (2)\n\t\t共富 (-0.5)\n地方\n\t黄岩 (1)\n\t黄岩 区 (1)\n",
    );
    let out = csv(&weighted);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("category,count,tokens,share,score"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let base: Vec<Vec<&str>> = expected
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(
        rows.iter().map(|r| &r[..4]).collect::<Vec<_>>(),
        base.iter().map(|r| &r[..]).collect::<Vec<_>>()
    );
    let matches = stdout(&cipin(&[
        "dictionary",
        weighted.to_str().unwrap(),
        SEEDS,
        "--by",
        "none",
        "--matches",
        "--format",
        "csv",
        "-q",
    ]));
    let count_of = |term: &str| -> f64 {
        matches
            .lines()
            .find(|l| l.starts_with(&format!("政策.富裕,{term},")))
            .map_or(0.0, |l| l.rsplit(',').next().unwrap().parse().unwrap())
    };
    let score: f64 = rows[0][4].parse().unwrap();
    assert!(count_of("共同富裕") > 0.0 && count_of("共富") > 0.0);
    assert_eq!(score, 2.0 * count_of("共同富裕") - 0.5 * count_of("共富"));
    // Weights 1: the score of 地方 is its count.
    assert_eq!(
        rows[1][4].parse::<f64>().unwrap(),
        rows[1][1].parse::<f64>().unwrap()
    );

    // Per article, the same scores whatever the number of threads.
    let per_article = |threads: &str| {
        stdout(&cipin(&[
            "dictionary",
            weighted.to_str().unwrap(),
            SEEDS,
            "--format",
            "csv",
            "--threads",
            threads,
            "-q",
        ]))
    };
    let one = per_article("1");
    assert_eq!(one, per_article("3"));
    assert!(
        one.starts_with("article,category,count,tokens,share,score\n"),
        "{one}"
    );

    // Bad files: errors naming the file and the line.
    for (name, text, line) in [
        ("bad.cat", "政策\n\t共同富裕 (x)\n", 2),
        ("bad.lc3", "\n共同富裕\n+政策\n", 2),
    ] {
        let bad = tmp(name, text);
        let o = cipin(&["dictionary", bad.to_str().unwrap(), SEEDS]);
        assert!(!o.status.success());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("{}:{line}: ", bad.display())),
            "{err}"
        );
    }
}
