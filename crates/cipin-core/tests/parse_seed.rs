//! Golden test: the seed page (黄岩, 2025-01), expectations written by hand
//! from reading the page.

use cipin_core::parse::{parse_page, Article, RecordKind};

const SEED: &str = include_str!("../../../seeds/000_320ca5e1e6839a8b.txt");

fn parse() -> Vec<Article> {
    parse_page("seeds/000_320ca5e1e6839a8b.txt", SEED)
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

/// Each paragraph as (how it starts, how it ends).
fn check_paragraphs(a: &Article, expected: &[(&str, &str)]) {
    let got: Vec<&str> = a.paragraphs.iter().map(String::as_str).collect();
    assert_eq!(
        got.len(),
        expected.len(),
        "record {} ({:?}): paragraph count; got {:#?}",
        a.article,
        a.headline,
        got
    );
    for (k, (p, (start, end))) in got.iter().zip(expected).enumerate() {
        assert!(
            p.starts_with(start),
            "record {} paragraph {k} starts {start:?}: {p:?}",
            a.article
        );
        assert!(
            p.ends_with(end),
            "record {} paragraph {k} ends {end:?}: {p:?}",
            a.article
        );
    }
}

#[test]
fn parse_seed_records() {
    let recs = parse();
    let kinds: Vec<RecordKind> = recs.iter().map(|r| r.kind).collect();
    use RecordKind::{Article as A, Banner as B};
    assert_eq!(kinds, vec![A, A, A, A, A, A, B]);
    for (k, r) in recs.iter().enumerate() {
        assert_eq!(r.article, k);
        assert_eq!(r.doc_id, "seeds/000_320ca5e1e6839a8b.txt");
    }
}

#[test]
fn parse_seed_meeting_article() {
    let a = &parse()[0];
    assert_eq!(a.kicker, None);
    assert_eq!(
        a.headline,
        s("黄岩区深化新时代“千万工程”暨缩小“三大差距”工作推进会召开")
    );
    assert_eq!(a.subtitle, None);
    assert_eq!(a.byline, s("本报讯（记者 陈舒心）"));
    assert_eq!(a.reporters, v(&["陈舒心"]));
    assert!(a.correspondents.is_empty() && a.authors.is_empty());
    assert_eq!(a.dateline, None);
    assert_eq!(a.continuation, None);
    check_paragraphs(
        a,
        &[
            ("1月14日上午，我区召开", "杨帅等出席。"),
            ("会议指出，高质量发展", "黄岩经验和黄岩模式。"),
            ("会议强调，要大力推进新型城镇化", "增强农业农村发展活力。"),
            ("会议强调，要把党的领导", "高分答卷。"),
            ("会议对《关于以“千万工程”", "作表态发言。"),
        ],
    );
}

#[test]
fn parse_seed_xicheng_article() {
    let a = &parse()[1];
    assert_eq!(a.kicker, s("全面建设共同富裕区域标杆"));
    assert_eq!(a.headline, s("西城：“小橘灯”共富小屋迎来社区“合伙人”"));
    assert_eq!(a.byline, s("本报讯（记者 童伟璐）"));
    assert_eq!(a.reporters, v(&["童伟璐"]));
    check_paragraphs(
        a,
        &[
            ("近日，“小橘灯”共富小屋", "公司“合伙人”。"),
            ("此举是西城街道", "党工委委员辛央表示。"),
            ("2024年，西城街道积极探索", "进入企业食堂。"),
            ("据统计，西城街道2024年", "增收60万元以上。"),
        ],
    );
}

#[test]
fn parse_seed_signed_piece_zhujian() {
    let a = &parse()[2];
    assert_eq!(a.kicker, s("“六干”大讨论“大家谈”"));
    assert_eq!(
        a.headline,
        s("区住建局：力行“六干” 敢作善为 以实干实绩助推现代化都市建设")
    );
    assert_eq!(a.byline, s("■区住房和城乡建设局党委书记、局长 杨文广"));
    assert_eq!(a.authors, v(&["杨文广"]));
    assert!(a.reporters.is_empty() && a.correspondents.is_empty());
    check_paragraphs(
        a,
        &[
            ("区委积极响应省委", "助推现代化都市建设。"),
            (
                "具体而言，就是抓好五个“落实”——",
                "具体而言，就是抓好五个“落实”——",
            ),
            ("一是在能级提升上抓落实。", "转化为发展动力。"),
            ("二是在空间焕新上抓落实。", "优化产业空间。"),
            ("三是在“两业”发展上抓落实。", "助推建筑业高质量发展。"),
            ("四是在民生保障上抓落实。", "居有所安。"),
            ("五是在队伍建设上抓落实。", "住建铁军。"),
        ],
    );
}

#[test]
fn parse_seed_signed_piece_chengjiang() {
    let a = &parse()[3];
    // The column label above the two pieces is printed once: the second
    // piece has no kicker block of its own.
    assert_eq!(a.kicker, None);
    assert_eq!(a.headline, s("澄江：以实干求实绩 加快澄江高质量发展"));
    assert_eq!(a.byline, s("■澄江街道党工委书记 曾程耀"));
    assert_eq!(a.authors, v(&["曾程耀"]));
    check_paragraphs(
        a,
        &[
            ("澄江街道将认真贯彻", "作出应有贡献。"),
            ("坚持创建牵引", "百亩以上。"),
            ("坚持三大载体", "国家级研学基地。"),
            ("坚持项目为王", "聚焦项目干。"),
        ],
    );
}

#[test]
fn parse_seed_feature_with_section_numeral_and_continuation() {
    let a = &parse()[4];
    assert_eq!(a.kicker, None);
    assert_eq!(a.headline, s("缩小“三大差距”，黄岩如何再出发？"));
    assert_eq!(a.byline, s("■本报记者 施佳丽"));
    assert_eq!(a.reporters, v(&["施佳丽"]));
    assert!(a.authors.is_empty());
    assert_eq!(a.continuation, s("（下转B版）"));
    assert_eq!(a.continued_on(), Some("（下转B版）"));
    assert_eq!(a.continued_from(), None);
    check_paragraphs(
        a,
        &[
            ("跨越时光的门槛", "使命和担当。"),
            ("“高质量发展建设共同富裕示范区”", "和“任务书”。"),
            ("缩小“三大差距”，对于", "蓬勃向上的热土。"),
            ("作为连接城乡的中间环节", "一对重要关系。"),
            (
                "时间回到本世纪之初，此时的黄岩，长潭水库大坝将其分为泾渭分明的两个板块。",
                "泾渭分明的两个板块。",
            ),
            ("西部山区的宁溪镇", "经济总量。"),
            ("“城乡二元”是一道", "战略打法。"),
            ("2003年，时任浙江省委書記", "齿轮开始转动。"),
            ("黄岩顺势而为", "双轮驱动的融合发展之路。"),
            ("屿头乡沙滩村", "列入报告。"),
            ("环抱佛岭水库", "荣誉称号。"),
            ("修建游步道", "村民幸福生活。"),
            ("宁溪镇乌岩头村、北洋镇潮济村、上郑乡圣堂村、富山乡半山村……类似这样的村庄不胜枚举。", "铺陈开来。"),
            // The section numeral is kept as its own paragraph.
            ("二", "二"),
            ("既要仰望星空", "均衡图景。"),
            ("习近平同志在浙江工作期间", "高质量发展。"),
            ("近年来，黄岩聚焦", "丰硕的成果。"),
        ],
    );
    assert_eq!(a.paragraphs[13], "二");
}

#[test]
fn parse_seed_road_article() {
    let a = &parse()[5];
    assert_eq!(a.kicker, None);
    assert_eq!(a.headline, s("双桂路道路提升改造工程将于春节前完工"));
    assert_eq!(a.byline, s("本报讯（记者 黄一馨 通讯员 章露允）"));
    assert_eq!(a.reporters, v(&["黄一馨"]));
    assert_eq!(a.correspondents, v(&["章露允"]));
    assert_eq!(a.continuation, None);
    check_paragraphs(
        a,
        &[
            ("近日，在双桂路道路提升改造工程施工现场", "加速推进中。"),
            ("“在路基填筑完成之后", "告诉记者。"),
            ("为减轻老城区道路通行压力", "如期完工。"),
            ("除此之外，双桂路还作为", "出行将更方便。"),
        ],
    );
}

#[test]
fn parse_seed_banner() {
    let b = &parse()[6];
    assert_eq!(b.kind, RecordKind::Banner);
    assert_eq!(
        b.text,
        s("大力倡导“六干” 全力践行“六争” 坚定不移主攻“一千双百” 实施“六大战略” 以创造性张力谱写全面建设共同富裕区域标杆新篇章")
    );
    assert!(b.headline.is_none() && b.paragraphs.is_empty() && b.byline.is_none());
}

/// The eleven column breaks of the page, each repaired with nothing in between.
#[test]
fn parse_seed_column_breaks_repaired() {
    let recs = parse();
    let all: Vec<&str> = recs
        .iter()
        .flat_map(|r| r.paragraphs.iter().map(String::as_str))
        .collect();
    let joins = [
        "四个总体原则，按照",
        "持续深化共富工坊“三提三富”改革",
        "加快建立租购并举的住房制度",
        "拓宽社区集体经济增收渠道。”西城",
        "按照“全域规划、板块联动、试点先行”原则",
        "保持战略定力，做到精准发力",
        "分为泾渭分明的两个板块。",
        "双轮驱动的融合发展之路。",
        "富山乡半山村……类似这样的村庄",
        "水泥稳定层、沥青和人行道的施工",
        "总投资约190万元。双桂路位于东城街道",
    ];
    for j in joins {
        assert_eq!(
            all.iter().filter(|p| p.contains(j)).count(),
            1,
            "join {j:?}"
        );
    }
    // No paragraph starts with the second half of a cut one.
    let fragments = [
        "则，",
        "“三提三富”改革",
        "的住房制度",
        "道。”",
        "联动、",
        "力，做到",
        "的两个板块",
        "融合发展之路",
        "……类似",
        "青和人行道",
        "路位于",
    ];
    for p in &all {
        for f in fragments {
            assert!(!p.starts_with(f), "paragraph starts with a fragment: {p:?}");
        }
        assert!(!p.starts_with(['，', '。', '、', '”', '…', '）']), "{p:?}");
    }
    // 65 non-blank blocks: 6 headlines, 2 kickers, 3 standalone bylines, 1
    // mark, 1 banner, 11 second halves of cut paragraphs; the other 41
    // (the numeral included) are paragraphs.
    let paragraphs: usize = recs.iter().map(|r| r.paragraphs.len()).sum();
    assert_eq!(paragraphs, 5 + 4 + 7 + 4 + 17 + 4);
}

/// Nothing is lost: all fields, in page order, give back the page.
#[test]
fn parse_seed_is_lossless() {
    let recs = parse();
    let got: String = recs
        .iter()
        .flat_map(|r| r.page_order_parts())
        .collect::<String>();
    let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let (got, want) = (strip(&got), strip(SEED));
    let k = got
        .chars()
        .zip(want.chars())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        got == want,
        "text lost or moved at char {k}: …{}…",
        want.chars()
            .skip(k.saturating_sub(10))
            .take(30)
            .collect::<String>()
    );
}

#[test]
fn parse_seed_serialises_to_jsonl_contract() {
    let recs = parse();
    let j = serde_json::to_value(&recs[4]).unwrap();
    assert_eq!(j["kind"], "article");
    assert_eq!(j["continuation"], "（下转B版）");
    assert!(j.get("text").is_none());
    let j = serde_json::to_value(&recs[6]).unwrap();
    assert_eq!(j["kind"], "banner");
    assert!(j["text"].as_str().unwrap().starts_with("大力倡导"));
}
