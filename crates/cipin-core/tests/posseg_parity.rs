//! POS tags as Python's `jieba.posseg` (jieba 0.42.1).
//!
//! 1. Hand-picked sentences (unknown names, numbers, Latin letters, mixed
//!    and full-width text, rare CJK characters, whitespace, user words) must
//!    give exactly the words and tags posseg gives, HMM on and off. The
//!    expected outputs were produced with jieba 0.42.1.
//! 2. On the SIGHAN 2005 PKU and MSR test sets, `plain_line` output must be
//!    identical to posseg's (as written by `scripts/jieba_plain.py --pos`)
//!    on at least 99% of the lines, HMM on and off. The corpora are read
//!    from `../shared/corpora/sighan2005` beside the checkout (or
//!    `$CIPIN_CORPORA/sighan2005`); Python is `$CIPIN_JIEBA_PYTHON` or a venv
//!    with jieba 0.42.1 made once in the target dir. Without the corpora the
//!    test says SKIPPED and checks nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use cipin_core::normalize::Normalizer;
use cipin_core::segment::{Segmenter, UserWord};

/// (text, posseg HMM on, posseg HMM off); tokens `word/tag` joined by `|`.
const CASES: &[(&str, &str, &str)] = &[
    (
        "我爱北京天安门",
        "我/r|爱/v|北京/ns|天安门/ns",
        "我/r|爱/v|北京/ns|天安门/ns",
    ),
    (
        "韩冰说，徐烨摄影的作品在2005年获奖。",
        "韩冰/nr|说/v|，/x|徐烨/nr|摄影/n|的/uj|作品/n|在/p|2005/m|年/m|获奖/v|。/x",
        "韩/j|冰/n|说/v|，/x|徐/nr|烨/nr|摄影/n|的/uj|作品/n|在/p|2005/eng|年/m|获奖/v|。/x",
    ),
    (
        "小明硕士毕业于中国科学院计算所，后在日本京都大学深造",
        "小明/nr|硕士/n|毕业/n|于/p|中国科学院/nt|计算所/n|，/x|后在/t|日本京都大学/nt|深造/v",
        "小/a|明/a|硕士/n|毕业/n|于/p|中国科学院/nt|计算所/n|，/x|后/f|在/p|日本京都大学/nt|深造/v",
    ),
    (
        "李小福是创新办主任也是云计算方面的专家",
        "李小福/nr|是/v|创新/v|办/v|主任/b|也/d|是/v|云/n|计算/v|方面/n|的/uj|专家/n",
        "李/nr|小/a|福/ns|是/v|创新/v|办/v|主任/b|也/d|是/v|云/ns|计算/v|方面/n|的/uj|专家/n",
    ),
    (
        "他来到了网易杭研大厦",
        "他/r|来到/v|了/ul|网易/n|杭/j|研/vn|大厦/n",
        "他/r|来到/v|了/ul|网易/n|杭/nr|研/vn|大厦/n",
    ),
    (
        "工信处女干事每月经过下属科室都要亲口交代24口交换机等技术性器件的安装工作",
        "工信处/n|女干事/n|每月/r|经过/p|下属/v|科室/n|都/d|要/v|亲口/n|交代/n|24/m|口/n|交换机/n|等/u|技术性/n|器件/n|的/uj|安装/v|工作/vn",
        "工信处/n|女干事/n|每月/r|经过/p|下属/v|科室/n|都/d|要/v|亲口/n|交代/n|24/eng|口/q|交换机/n|等/u|技术性/n|器件/n|的/uj|安装/v|工作/vn",
    ),
    (
        "王军虎去广州了",
        "王军虎/nr|去/v|广州/ns|了/ul",
        "王/nr|军/n|虎/n|去/v|广州/ns|了/ul",
    ),
    (
        "在iPhone 15发布会上，Apple CEO Tim Cook说：“This is the best iPhone ever.”",
        "在/p|iPhone/eng| /x|15/m|发布会/n|上/f|，/x|Apple/eng| /x|CEO/eng| /x|Tim/eng| /x|Cook/eng|说/v|：/x|“/x|This/eng| /x|is/eng| /x|the/eng| /x|best/eng| /x|iPhone/eng| /x|ever/eng|./m|”/x",
        "在/p|iPhone/eng| /x|15/eng|发布会/n|上/f|，/x|Apple/eng| /x|CEO/eng| /x|Tim/eng| /x|Cook/eng|说/v|：/x|“/x|This/eng| /x|is/eng| /x|the/eng| /x|best/eng| /x|iPhone/eng| /x|ever/eng|./x|”/x",
    ),
    (
        "GDP增长了3.5%，CPI上涨2.1个百分点",
        "GDP/eng|增长/v|了/ul|3.5/m|%/x|，/x|CPI/eng|上涨/v|2.1/m|个/m|百分点/m",
        "GDP/eng|增长/v|了/ul|3/eng|./x|5/eng|%/x|，/x|CPI/eng|上涨/v|2/eng|./x|1/eng|个/q|百分点/m",
    ),
    (
        "价格为12,345.67元，约合US$1,800",
        "价格/n|为/p|12/m|,/x|345.67/m|元/m|，/x|约合/vn|US/eng|$/x|1/x|,/x|800/m",
        "价格/n|为/p|12/eng|,/x|345/eng|./x|67/eng|元/m|，/x|约合/vn|US/eng|$/x|1/eng|,/x|800/eng",
    ),
    (
        "1998年12月31日，江泽民主席发表了新年讲话",
        "1998/m|年/m|12/m|月/m|31/m|日/m|，/x|江泽民/nr|主席/n|发表/v|了/ul|新年/t|讲话/n",
        "1998/eng|年/m|12/eng|月/m|31/eng|日/m|，/x|江泽民/nr|主席/n|发表/v|了/ul|新年/t|讲话/n",
    ),
    (
        "c++和c#都是编程语言，AT&T是公司，B超检查",
        "c++/nz|和/c|c#/nz|都/d|是/v|编程语言/n|，/x|AT&T/nz|是/v|公司/n|，/x|B超/n|检查/vn",
        "c++/nz|和/c|c#/nz|都/d|是/v|编程语言/n|，/x|AT&T/nz|是/v|公司/n|，/x|B超/n|检查/vn",
    ),
    (
        "黄英和汤沐海在曾获奖的音乐会上演出",
        "黄英/nr|和/c|汤沐海/nr|在/p|曾/d|获奖/v|的/uj|音乐会/nt|上/f|演出/v",
        "黄/a|英/j|和/c|汤/n|沐/nz|海/n|在/p|曾/d|获奖/v|的/uj|音乐会/nt|上/f|演出/v",
    ),
    (
        "新的更大的胜利属于我们",
        "新/a|的/uj|更/d|大/a|的/uj|胜利/vn|属于/v|我们/r",
        "新/a|的/uj|更/d|大/a|的/uj|胜利/vn|属于/v|我们/r",
    ),
    (
        "他说这是v1.2版本的3.5kg装，编号A_B-C+D#E&F",
        "他/r|说/v|这/r|是/v|v1/eng|.2/m|版本/n|的/uj|3.5/m|kg/eng|装/n|，/x|编号/n|A/eng|_/x|B/eng|-/x|C/eng|+/x|D/eng|#/x|E/eng|&/x|F/eng",
        "他/r|说/v|这/r|是/v|v1/eng|./x|2/eng|版本/n|的/uj|3/eng|./x|5kg/eng|装/v|，/x|编号/n|A/eng|_/x|B/eng|-/x|C/eng|+/x|D/eng|#/x|E/eng|&/x|F/eng",
    ),
    (
        "㐀㐁的字，还有𠮷野家和鿏元素",
        "㐀/x|㐁/x|的/uj|字/n|，/x|还有/v|𠮷/x|野家和/nr|鿏/zg|元素/n",
        "㐀/x|㐁/x|的/uj|字/n|，/x|还有/v|𠮷/x|野/n|家/q|和/c|鿏/x|元素/n",
    ),
    (
        "ｈｅｌｌｏ全角ＡＢＣ１２３，全角数字１２３４",
        "ｈ/x|ｅ/x|ｌ/x|ｌ/x|ｏ/x|全角/n|Ａ/x|Ｂ/x|Ｃ/x|１/x|２/x|３/x|，/x|全角/n|数字/n|１/x|２/x|３/x|４/x",
        "ｈ/x|ｅ/x|ｌ/x|ｌ/x|ｏ/x|全角/n|Ａ/x|Ｂ/x|Ｃ/x|１/x|２/x|３/x|，/x|全角/n|数字/n|１/x|２/x|３/x|４/x",
    ),
    (
        "Ｔ恤衫和卡拉OK以及AA制",
        "Ｔ/x|恤衫/n|和/c|卡拉/nrt|OK/eng|以及/c|AA制/n",
        "Ｔ/x|恤衫/n|和/c|卡拉/nrt|OK/eng|以及/c|AA制/n",
    ),
    (
        "老王  在\t家里\r\n吃饭",
        "老王/nr| /x| /x|在/p|\t/x|家里/s|\r\n/x|吃饭/v",
        "老王/nr| /x| /x|在/p|\t/x|家里/s|\r\n/x|吃饭/v",
    ),
    (
        "“你好！”她笑着说，“欢迎来到嘉峪关。”",
        "“/x|你好/l|！/x|”/x|她/r|笑/v|着/uz|说/v|，/x|“/x|欢迎/v|来到/v|嘉峪关/ns|。/x|”/x",
        "“/x|你好/l|！/x|”/x|她/r|笑/v|着/uz|说/v|，/x|“/x|欢迎/v|来到/v|嘉峪关/ns|。/x|”/x",
    ),
    (
        "张三丰、李四光和王五等人出席了会议……",
        "张三丰/nr|、/x|李四光/nr|和/c|王/nr|五等/m|人/n|出席/v|了/ul|会议/n|…/x|…/x",
        "张三丰/nr|、/x|李四光/nr|和/c|王/nr|五等/m|人/n|出席/v|了/ul|会议/n|…/x|…/x",
    ),
    (
        "美国总统奥巴马与俄罗斯总统普京在APEC峰会上会晤",
        "美国/ns|总统/n|奥巴马/ns|与/p|俄罗斯/ns|总统/n|普京/ns|在/p|APEC/eng|峰会/n|上/f|会晤/v",
        "美国/ns|总统/n|奥巴马/ns|与/p|俄罗斯/ns|总统/n|普京/ns|在/p|APEC/eng|峰会/n|上/f|会晤/v",
    ),
    (
        "二〇〇八年北京奥运会开幕式于8月8日晚8时举行",
        "二/m|〇/x|〇/x|八年/t|北京/ns|奥运会/j|开幕式/n|于/p|8/m|月/m|8/m|日晚/t|8/m|时/n|举行/v",
        "二/m|〇/x|〇/x|八年/t|北京/ns|奥运会/j|开幕式/n|于/p|8/eng|月/m|8/eng|日/m|晚/tg|8/eng|时/n|举行/v",
    ),
    (
        "第3.5代移动通信技术，即3.5G技术",
        "第/m|3.5/m|代/n|移动/vn|通信/j|技术/n|，/x|即/c|3.5/m|G/eng|技术/n",
        "第/m|3/eng|./x|5/eng|代/q|移动/vn|通信/j|技术/n|，/x|即/v|3/eng|./x|5G/eng|技术/n",
    ),
    (
        "这件事情的发生，是谁也没有料到的",
        "这件/mq|事情/n|的/uj|发生/v|，/x|是/v|谁/r|也/d|没有/v|料到/v|的/uj",
        "这件/mq|事情/n|的/uj|发生/v|，/x|是/v|谁/r|也/d|没有/v|料到/v|的/uj",
    ),
    (
        "长春市长春节讲话",
        "长春/ns|市长/n|春节/t|讲话/n",
        "长春/ns|市长/n|春节/t|讲话/n",
    ),
    (
        "结婚的和尚未结婚的",
        "结婚/v|的/uj|和/c|尚未/d|结婚/v|的/uj",
        "结婚/v|的/uj|和/c|尚未/d|结婚/v|的/uj",
    ),
    (
        "南京市长江大桥",
        "南京市/ns|长江大桥/ns",
        "南京市/ns|长江大桥/ns",
    ),
    (
        "研究生命起源",
        "研究/vn|生命/vn|起源/n",
        "研究/vn|生命/vn|起源/n",
    ),
    (
        "欧阳修和司马光都是北宋人",
        "欧阳修/nr|和/c|司马光/nr|都/d|是/v|北宋/t|人/n",
        "欧阳修/nr|和/c|司马光/nr|都/d|是/v|北宋/t|人/n",
    ),
];

/// The same with user words `千万工程 200000 nz`, `云计算 5000`,
/// `专家 11094 nnt` and `杭 1279 ns` (Python: `jieba.add_word` of each).
const USER_CASES: &[(&str, &str, &str)] = &[
    (
        "深化新时代千万工程，云计算专家在网易杭研大厦",
        "深化/j|新/a|时代/n|千万工程/nz|，/x|云计算/x|专家/nnt|在/p|网易/n|杭/j|研/vn|大厦/n",
        "深化/j|新/a|时代/n|千万工程/nz|，/x|云计算/x|专家/nnt|在/p|网易/n|杭/ns|研/vn|大厦/n",
    ),
    (
        "杭州的专家说云计算很重要",
        "杭州/ns|的/uj|专家/nnt|说/v|云计算/x|很/zg|重要/a",
        "杭州/ns|的/uj|专家/nnt|说/v|云计算/x|很/zg|重要/a",
    ),
    ("杭", "杭/ns", "杭/ns"),
    (
        "他来到了网易杭研大厦",
        "他/r|来到/v|了/ul|网易/n|杭/j|研/vn|大厦/n",
        "他/r|来到/v|了/ul|网易/n|杭/ns|研/vn|大厦/n",
    ),
];

/// A tagging segmenter as `cipin segment --plain --pos` should use:
/// no normalisation, and quoted terms and numbers not kept whole (that
/// would tag them `nz`, `m` or `t`, which posseg never does for them).
fn segmenter(hmm: bool, user: bool) -> Segmenter {
    let mut b = Segmenter::builder()
        .pos(true)
        .hmm(hmm)
        .normalizer(Normalizer::NONE)
        .keep_terms(false)
        .keep_numbers(false);
    if user {
        let entry = |w: &str, f: usize, t: Option<&str>| UserWord {
            word: w.into(),
            freq: Some(f),
            tag: t.map(Into::into),
        };
        b = b.user_entries([
            entry("千万工程", 200_000, Some("nz")),
            entry("云计算", 5000, None),
            entry("专家", 11094, Some("nnt")),
            entry("杭", 1279, Some("ns")),
        ]);
    }
    b.build().unwrap()
}

/// Tag `text`, checking that the offsets are characters of `text` and that
/// the tokens cover it, and format the tokens as the expectations are.
fn tagged(seg: &Segmenter, text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let toks = seg.cut(text);
    let mut at = 0;
    for t in &toks {
        assert_eq!(t.start, at, "{text:?}: gap or overlap before {:?}", t.word);
        assert_eq!(
            chars[t.start..t.end].iter().collect::<String>(),
            t.word,
            "{text:?}: offsets of {:?}",
            t.word
        );
        at = t.end;
    }
    assert_eq!(at, chars.len(), "{text:?}: tokens do not cover the text");
    toks.iter()
        .map(|t| format!("{}/{}", t.word, t.pos.unwrap()))
        .collect::<Vec<_>>()
        .join("|")
}

fn check(cases: &[(&str, &str, &str)], user: bool) {
    let (on, off) = (segmenter(true, user), segmenter(false, user));
    let mut bad = Vec::new();
    for &(text, hmm, no_hmm) in cases {
        for (seg, want, mode) in [(&on, hmm, "HMM"), (&off, no_hmm, "no HMM")] {
            let got = tagged(seg, text);
            if got != want {
                bad.push(format!(
                    "{text:?} ({mode}):\n  posseg: {want}\n  cipin:  {got}"
                ));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn hand_picked_sentences_match_posseg() {
    check(CASES, false);
}

#[test]
fn user_words_match_posseg() {
    check(USER_CASES, true);
}

#[test]
fn posseg_api_matches_segmenter() {
    let jieba = cipin_core::segment::default_jieba();
    for &(text, hmm, no_hmm) in CASES {
        for (h, want) in [(true, hmm), (false, no_hmm)] {
            let got = cipin_core::posseg::Posseg::new(&jieba)
                .hmm(h)
                .cut(text)
                .iter()
                .map(|t| format!("{}/{}", t.word, t.tag))
                .collect::<Vec<_>>()
                .join("|");
            assert_eq!(got, want, "{text:?} hmm={h}");
        }
    }
}

fn corpora() -> Option<PathBuf> {
    let dir = match std::env::var_os("CIPIN_CORPORA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora"),
    };
    let sighan = dir.join("sighan2005");
    if sighan.join("pku_test.utf8").exists() && sighan.join("msr_test.utf8").exists() {
        Some(sighan)
    } else {
        eprintln!(
            "SKIPPED: SIGHAN 2005 corpora not found at {} (set CIPIN_CORPORA); posseg parity on PKU/MSR not checked",
            sighan.display()
        );
        None
    }
}

/// A Python with jieba 0.42.1: `$CIPIN_JIEBA_PYTHON`, or a venv made once in
/// the target dir (the one `cipin-cli`'s parity test uses).
fn jieba_python() -> PathBuf {
    // The tests run in parallel: make the venv once.
    static PY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PY.get_or_init(make_jieba_python).clone()
}

fn make_jieba_python() -> PathBuf {
    if let Some(p) = std::env::var_os("CIPIN_JIEBA_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("jieba-venv");
    let py = venv.join("bin/python");
    let ok = py.exists()
        && Command::new(&py)
            .args(["-c", "import jieba; assert jieba.__version__ == '0.42.1'"])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
    if !ok {
        let st = Command::new("python3")
            .args(["-m", "venv", "--clear"])
            .arg(&venv)
            .status()
            .expect("python3 -m venv");
        assert!(st.success(), "could not create a venv for jieba");
        let st = Command::new(&py)
            .args(["-m", "pip", "install", "-q", "jieba==0.42.1"])
            .status()
            .expect("pip install jieba");
        assert!(st.success(), "could not pip install jieba==0.42.1");
    }
    py
}

/// posseg's output for `input`, cached in the target dir.
fn posseg_output(input: &Path, hmm: bool) -> String {
    let name = input.file_name().unwrap().to_string_lossy();
    let tag = if hmm { "hmm" } else { "nohmm" };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.pos.{tag}.jieba"));
    if !out.exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/jieba_plain.py");
        let tmp = out.with_extension("part");
        let mut cmd = Command::new(jieba_python());
        cmd.arg(script).arg(input).arg(&tmp).arg("--pos");
        if !hmm {
            cmd.arg("--no-hmm");
        }
        let st = cmd.status().expect("run python jieba");
        assert!(
            st.success(),
            "python jieba.posseg failed on {}",
            input.display()
        );
        std::fs::rename(&tmp, &out).unwrap();
    }
    std::fs::read_to_string(out).unwrap()
}

fn parity(file: &str, hmm: bool) {
    let Some(dir) = corpora() else { return };
    let input = dir.join(file);
    let expected = posseg_output(&input, hmm);
    let text = std::fs::read_to_string(&input).unwrap();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    let seg = segmenter(hmm, false);
    let got: Vec<String> = if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(|line| seg.plain_line(line)).collect()
    };
    let e: Vec<&str> = expected.lines().collect();
    assert_eq!(e.len(), got.len(), "{file}: line counts differ");
    let same = e
        .iter()
        .zip(&got)
        .filter(|(a, b)| **a == b.as_str())
        .count();
    let share = same as f64 / e.len() as f64;
    eprintln!(
        "{file} posseg hmm={hmm}: {same}/{} identical lines ({:.3}%)",
        e.len(),
        share * 100.0
    );
    for (i, (a, b)) in e
        .iter()
        .zip(&got)
        .enumerate()
        .filter(|(_, (a, b))| **a != b.as_str())
        .take(3)
    {
        eprintln!("  line {}:\n    posseg: {a}\n    cipin:  {b}", i + 1);
    }
    assert!(
        share >= 0.99,
        "{file} hmm={hmm}: only {:.3}% identical",
        share * 100.0
    );
}

#[test]
fn pku_hmm() {
    parity("pku_test.utf8", true);
}

#[test]
fn pku_no_hmm() {
    parity("pku_test.utf8", false);
}

#[test]
fn msr_hmm() {
    parity("msr_test.utf8", true);
}

#[test]
fn msr_no_hmm() {
    parity("msr_test.utf8", false);
}
