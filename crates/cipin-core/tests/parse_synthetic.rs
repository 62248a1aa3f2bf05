//! Whole synthetic pages in the same layout as the seed, with other content:
//! a People's Daily front page, a county paper's jump page, an interview page.

use cipin_core::parse::{parse_page, Article, RecordKind};

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

fn lossless(text: &str, recs: &[Article]) {
    let strip = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let got: String = recs.iter().flat_map(|r| r.page_order_parts()).collect();
    let (got, want) = (strip(&got), strip(text));
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

const PEOPLES_DAILY: &str = "

坚持稳中求进 推动高质量发展

前4个月规模以上工业增加值同比增长6.4%

——工业经济延续回升向好态势

本报北京5月18日电 （记者 韩鑫）国家统计局18日发布数据，前4个月，全国规模以上工业增加值同比增长6.4%，增速比一季度加快0.3个百分点。分行业看，装备制造业增加值增长

7.5%，高技术制造业增加值增长8.9%。

“工业经济总体保持平稳运行。”工业和信息化部有关负责人表示，下一步将着力推动传统产业转型升级，加快培育新兴产业和未来产业，推动

制造业高端化、智能化、绿色化发展。

（下转第二版）

新华社北京5月18日电（记者张三、李四）记者18日从国家发展改革委获悉，今年以来，各地加快推进重大项目建设，一批

标志性工程相继开工。

国家发展改革委有关负责人说，将持续加强用地、用能等要素保障。

让文化遗产在新时代焕发新光彩

本报记者 王明 李华

在河南安阳殷墟博物馆新馆，一件件青铜器吸引观众驻足。

近年来，各地加大文物保护力度，推动文物活起来。

";

#[test]
fn parse_peoples_daily_page() {
    let recs = parse_page("rmrb.txt", PEOPLES_DAILY);
    lossless(PEOPLES_DAILY, &recs);
    assert_eq!(recs.len(), 3, "{recs:#?}");
    assert!(recs.iter().all(|r| r.kind == RecordKind::Article));

    let a = &recs[0];
    assert_eq!(a.kicker, s("坚持稳中求进 推动高质量发展"));
    assert_eq!(a.headline, s("前4个月规模以上工业增加值同比增长6.4%"));
    assert_eq!(a.subtitle, s("——工业经济延续回升向好态势"));
    assert_eq!(a.byline, s("本报北京5月18日电 （记者 韩鑫）"));
    assert_eq!(a.dateline, s("北京5月18日"));
    assert_eq!(a.reporters, v(&["韩鑫"]));
    assert_eq!(a.continuation, s("（下转第二版）"));
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.paragraphs[0].starts_with("国家统计局18日发布数据"));
    assert!(a.paragraphs[0].contains("装备制造业增加值增长7.5%，高技术"));
    assert!(a.paragraphs[1].contains("推动制造业高端化"));

    let b = &recs[1];
    assert_eq!(b.headline, None);
    assert_eq!(b.byline, s("新华社北京5月18日电（记者张三、李四）"));
    assert_eq!(b.dateline, s("北京5月18日"));
    assert_eq!(b.reporters, v(&["张三", "李四"]));
    assert_eq!(
        b.paragraphs,
        v(&[
            "记者18日从国家发展改革委获悉，今年以来，各地加快推进重大项目建设，一批标志性工程相继开工。",
            "国家发展改革委有关负责人说，将持续加强用地、用能等要素保障。",
        ])
    );

    let c = &recs[2];
    assert_eq!(c.headline, s("让文化遗产在新时代焕发新光彩"));
    assert_eq!(c.byline, s("本报记者 王明 李华"));
    assert_eq!(c.reporters, v(&["王明", "李华"]));
    assert_eq!(c.dateline, None);
    assert_eq!(c.paragraphs.len(), 2);
}

const JUMP_PAGE: &str = "（上接A版）

城乡融合是缩小“三大差距”的关键。近年来，黄岩持续推进基础设施向农村延伸，

公共服务向农村覆盖。

三

产业兴，则乡村兴。2024年，全区新增共富工坊20家，带动

1200余名农户增收。

（记者 施佳丽）

院桥镇：共富工坊开进村

近日，院桥镇首个共富工坊在下洋顾村挂牌。工坊负责人王某说：“我们要带着村民一起干。”

据了解，该工坊可带动30余名村民就近就业。

北城街道召开安全生产会议

本报讯（通讯员 李明）1月10日，北城街道召开安全生产工作会议，部署节前安全生产工作。会议要求，要压实

“四方责任”，坚决守牢安全底线。

春节前夕，志愿者走进社区为居民送春联。

本报记者 王某 摄

喜迎新春 奋进新征程";

#[test]
fn parse_county_jump_page() {
    let recs = parse_page("b.txt", JUMP_PAGE);
    lossless(JUMP_PAGE, &recs);
    assert_eq!(recs.len(), 4, "{recs:#?}");

    let a = &recs[0];
    assert_eq!(a.headline, None);
    assert_eq!(a.continuation, s("（上接A版）"));
    assert_eq!(a.continued_from(), Some("（上接A版）"));
    assert_eq!(a.byline, None);
    // The trailing bracket byline is a credit paragraph; its name is kept.
    assert_eq!(a.reporters, v(&["施佳丽"]));
    assert_eq!(
        a.paragraphs,
        v(&[
            "城乡融合是缩小“三大差距”的关键。近年来，黄岩持续推进基础设施向农村延伸，公共服务向农村覆盖。",
            "三",
            "产业兴，则乡村兴。2024年，全区新增共富工坊20家，带动1200余名农户增收。",
            "（记者 施佳丽）",
        ])
    );

    let b = &recs[1];
    assert_eq!(b.headline, s("院桥镇：共富工坊开进村"));
    assert_eq!(b.byline, None);
    assert_eq!(b.paragraphs.len(), 2);

    let c = &recs[2];
    assert_eq!(c.headline, s("北城街道召开安全生产会议"));
    assert_eq!(c.byline, s("本报讯（通讯员 李明）"));
    assert_eq!(c.correspondents, v(&["李明"]));
    assert_eq!(
        c.paragraphs,
        v(&[
            "1月10日，北城街道召开安全生产工作会议，部署节前安全生产工作。会议要求，要压实“四方责任”，坚决守牢安全底线。",
            "春节前夕，志愿者走进社区为居民送春联。",
            "本报记者 王某 摄",
        ])
    );

    assert_eq!(recs[3].kind, RecordKind::Banner);
    assert_eq!(recs[3].text, s("喜迎新春 奋进新征程"));
}

const INTERVIEW_PAGE: &str = "“六干”大讨论“大家谈”

以实干实绩书写高质量发展新答卷

——访区发展改革局党组书记、局长王某

■本报记者 林晓 通讯员 陈光

记者：今年区发改局的工作重点有哪些？

王某：主要有三个方面：

一是抓项目。全年计划实施重大项目100个，完成投资

200亿元。

二是抓改革。深化“最多跑一次”改革。

三是抓服务。我们将坚持——

——服务企业不打烊；

——服务群众零距离。

新时代文明实践

志愿服务暖人心

本报讯（全媒体记者 郑好）“有了志愿者帮忙，我们老人看病方便多了。”近日，家住东城街道的陈大爷说。

大力倡导“六干” 全力践行“六争”";

#[test]
fn parse_interview_page() {
    let recs = parse_page("c.txt", INTERVIEW_PAGE);
    lossless(INTERVIEW_PAGE, &recs);
    assert_eq!(recs.len(), 3, "{recs:#?}");
    let a = &recs[0];
    assert_eq!(a.kicker, s("“六干”大讨论“大家谈”"));
    assert_eq!(a.headline, s("以实干实绩书写高质量发展新答卷"));
    assert_eq!(a.subtitle, s("——访区发展改革局党组书记、局长王某"));
    assert_eq!(a.byline, s("■本报记者 林晓 通讯员 陈光"));
    assert_eq!(
        (a.reporters.clone(), a.correspondents.clone()),
        (v(&["林晓"]), v(&["陈光"]))
    );
    assert_eq!(
        a.paragraphs,
        v(&[
            "记者：今年区发改局的工作重点有哪些？",
            "王某：主要有三个方面：",
            "一是抓项目。全年计划实施重大项目100个，完成投资200亿元。",
            "二是抓改革。深化“最多跑一次”改革。",
            "三是抓服务。我们将坚持——",
            "——服务企业不打烊；",
            "——服务群众零距离。",
        ])
    );
    let b = &recs[1];
    assert_eq!(b.kicker, s("新时代文明实践"));
    assert_eq!(b.headline, s("志愿服务暖人心"));
    assert_eq!(b.reporters, v(&["郑好"]));
    assert_eq!(b.paragraphs.len(), 1);
    assert!(b.paragraphs[0].starts_with("“有了志愿者帮忙"));
    assert_eq!(recs[2].kind, RecordKind::Banner);
}
