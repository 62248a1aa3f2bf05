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

// ---- layouts without bylines (issue 11) -------------------------------------

/// A county paper: a header line, a lead story with `本报讯（记者 …）`, a
/// story with no byline at all under a kicker ending in `——`, and a slogan
/// banner at the foot.
const COUNTY_PAPER: &str = "
2025年3月12日  星期三  第2版  责任编辑：李明

春耕备耕正当时

本报讯（记者 周涛 通讯员 陈雨）连日来，我县各乡镇抢抓农时，组织农机手开展春耕作业，全县已完成早稻育秧面积三万余亩，农资储备

充足，供应平稳。

县农业农村局负责人介绍，今年将重点推广水稻机插秧技术，预计机插率提高五个百分点。

城南街道老旧小区改造全面启动——

二十个小区将换新颜

记者从城南街道获悉，今年街道计划改造老旧小区二十个，涉及居民三千余户，改造内容包括管网更新、外墙保温和加装电梯等。

据介绍，改造工程将于今年十月底前全部完工，施工期间将尽量减少对居民生活的影响。

绿水青山就是金山银山  共同建设美丽家园
";

#[test]
fn parse_county_paper_with_a_story_without_byline() {
    let recs = parse_page("county.txt", COUNTY_PAPER);
    lossless(COUNTY_PAPER, &recs);
    let kinds: Vec<RecordKind> = recs.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            RecordKind::Banner,
            RecordKind::Article,
            RecordKind::Article,
            RecordKind::Banner
        ],
        "{recs:#?}"
    );
    let a = &recs[1];
    assert_eq!(a.headline, s("春耕备耕正当时"));
    assert_eq!(a.reporters, v(&["周涛"]));
    assert_eq!(a.correspondents, v(&["陈雨"]));
    assert_eq!(a.paragraphs.len(), 2, "the column break is joined: {a:#?}");
    let b = &recs[2];
    assert_eq!(b.kicker, s("城南街道老旧小区改造全面启动——"));
    assert_eq!(b.headline, s("二十个小区将换新颜"));
    assert_eq!(b.byline, None);
    assert_eq!(b.flags, ["no_byline", "title_inferred"]);
    assert_eq!(b.paragraphs.len(), 2);
}

/// A briefs column: a label over short items, each with its own title line,
/// an agency-only byline and a credit; then an ordinary article.
const BRIEFS: &str = "
新闻速递

全省首条城际快速路通车

本报电  日前，连接两市的城际快速路正式通车，全长四十二公里，两地通行时间缩短至半小时。

（王晓）

老年食堂覆盖所有社区

本报电  记者从市民政局获悉，全市已建成老年食堂二百余家，实现城市社区全覆盖。

（刘芳）

我市发布数字经济发展规划

本报讯（记者 赵磊）市政府日前印发数字经济发展规划，提出到二〇二七年数字经济核心产业增加值占地区生产总值比重达到百分之十二。

规划明确了五方面重点任务。
";

#[test]
fn parse_briefs_column_is_one_article() {
    let recs = parse_page("briefs.txt", BRIEFS);
    lossless(BRIEFS, &recs);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    let col = &recs[0];
    assert_eq!(col.headline, s("新闻速递"));
    assert_eq!(col.kicker, None);
    // Item titles, item bylines and credits are text of the column.
    assert_eq!(col.paragraphs.len(), 6, "{col:#?}");
    assert_eq!(col.paragraphs[0], "全省首条城际快速路通车");
    assert_eq!(recs[1].headline, s("我市发布数字经济发展规划"));
    assert_eq!(recs[1].reporters, v(&["赵磊"]));
}

/// A commentary page: three pieces with column tags and no bylines, one of
/// them with in-body headings that must not split it.
const COMMENTARIES: &str = "
让城市更有温度（人民时评）

城市是人民的城市。近年来，不少地方在街区改造中注重保留老建筑、老街巷，让居民在熟悉的环境中享受更好的服务。

城市治理既要有速度，更要有温度。只有把群众的冷暖放在心上，城市才能真正成为宜居之所。

守住耕地红线不动摇（今日谈）

耕地是粮食生产的命根子。各地要严格落实耕地保护责任，坚决遏制耕地非农化。

以创新驱动高质量发展（观察者说）

创新是引领发展的第一动力。当前，新一轮科技革命和产业变革深入发展，我们必须把握机遇。

强化企业创新主体地位

企业是创新的主力军。要支持龙头企业牵头组建创新联合体，推动产学研深度融合。

营造良好创新生态

良好的创新生态是创新活力竞相迸发的土壤。要完善知识产权保护制度，激发全社会创新活力。
";

#[test]
fn parse_page_of_three_commentaries() {
    let recs = parse_page("comment.txt", COMMENTARIES);
    lossless(COMMENTARIES, &recs);
    let heads: Vec<Option<&str>> = recs.iter().map(|r| r.headline.as_deref()).collect();
    assert_eq!(
        heads,
        [
            Some("让城市更有温度（人民时评）"),
            Some("守住耕地红线不动摇（今日谈）"),
            Some("以创新驱动高质量发展（观察者说）")
        ],
        "{recs:#?}"
    );
    for r in &recs {
        assert!(r.flags.contains(&"title_inferred"), "{r:#?}");
        assert!(r.flags.contains(&"no_byline"), "{r:#?}");
    }
    // The two parallel headings stay paragraphs of the third piece.
    assert_eq!(
        recs[2].paragraphs,
        v(&[
            "创新是引领发展的第一动力。当前，新一轮科技革命和产业变革深入发展，我们必须把握机遇。",
            "强化企业创新主体地位",
            "企业是创新的主力军。要支持龙头企业牵头组建创新联合体，推动产学研深度融合。",
            "营造良好创新生态",
            "良好的创新生态是创新活力竞相迸发的土壤。要完善知识产权保护制度，激发全社会创新活力。",
        ])
    );
}

/// An interview: a title with a dash subtitle, an editor's note, then
/// question and answer paragraphs led by `记者：` and `答：`, one cut by a
/// column break.
const QA: &str = "
让更多群众享受优质医疗资源

——访省卫生健康委主任张建华

本报记者  孙丽

记者：今年我省在推进分级诊疗方面有哪些新举措？

答：我们将重点推进紧密型县域医共体建设，让群众在家门口就能看得上病、看得好病，同时加快远程医疗服务向乡镇卫生

院延伸。

记者：基层医生短缺的问题如何解决？

答：一方面扩大定向培养规模，另一方面完善基层医生薪酬激励机制，让人才愿意来、留得住。
";

#[test]
fn parse_interview_questions_and_answers() {
    let recs = parse_page("qa.txt", QA);
    lossless(QA, &recs);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    let a = &recs[0];
    assert_eq!(a.headline, s("让更多群众享受优质医疗资源"));
    assert_eq!(a.subtitle, s("——访省卫生健康委主任张建华"));
    assert_eq!(a.reporters, v(&["孙丽"]));
    assert_eq!(a.paragraphs.len(), 4, "{a:#?}");
    assert!(a.paragraphs[1].ends_with("远程医疗服务向乡镇卫生院延伸。"));
}

/// A crawled article saved as its own file, lines without blank lines
/// between them: the first line is the title.
#[test]
fn parse_one_article_per_file() {
    let text = "我国新能源汽车产销量连续九年居世界首位\n——产业链供应链韧性持续增强\n新华社北京1月10日电（记者 张华）记者10日从中国汽车工业协会获悉，去年我国新能源汽车产销量均超过一千二百万辆。\n协会有关负责人表示，新能源汽车已成为拉动汽车产业增长的主要力量。\n";
    let recs = parse_page("crawl.txt", text);
    assert_eq!(recs.len(), 1);
    let a = &recs[0];
    assert_eq!(a.headline, s("我国新能源汽车产销量连续九年居世界首位"));
    assert_eq!(a.subtitle, s("——产业链供应链韧性持续增强"));
    assert_eq!(a.byline, s("新华社北京1月10日电（记者 张华）"));
    assert_eq!(a.paragraphs.len(), 2);
    assert!(a.flags.contains(&"title_inferred"));
}

/// A feature whose sections open with lead-in headings (`…——`), closed by a
/// credit that a column break cut in two; then a dateline report right under
/// the feature's last section heading; then a feature whose title sits over a
/// `核心阅读` reading box and has no byline, closed by a credit that a column
/// break cut in two; then a short story whose title follows that credit.
const FEATURE_THEN_REPORT: &str = "
守护青山绿水的护林人

在大山深处，一支护林队伍常年坚守。他们巡山护林，守护着一方青山。

练就过硬本领——

护林员每天步行二十多公里，熟悉每一片林子。新来的队员要跟着老队员学上半年。

传承护林精神——

老队员把经验一点点教给年轻人，护林站的规矩一代代传了下来。

把好事办到群众心坎上——

全市新建口袋公园一百二十个

本报南京3月5日电  （记者陈立）记者从南京市园林局获悉，去年全市新建口袋公园一百二十个，居民出门五百米即可见绿。

园林部门表示，今年将继续推进城市绿地建设。

乡村阅览室里书香浓

“我想让孩子们有书读”

核心阅读

一位退休教师把自家小院改成阅览室，十年来接待读者上万人次。

走进阅览室，书架上摆满了各类图书，孩子们安静地坐在桌旁读书。

（本报记者 王一鸣、李晓

燕、张建华）

城东新添一座体育公园

周末的体育公园里，市民们跑步、打球，好不热闹。
";

#[test]
fn parse_report_after_feature_sections_and_reading_box() {
    let recs = parse_page("feature.txt", FEATURE_THEN_REPORT);
    lossless(FEATURE_THEN_REPORT, &recs);
    let heads: Vec<Option<&str>> = recs.iter().map(|r| r.headline.as_deref()).collect();
    assert_eq!(
        heads,
        [
            Some("守护青山绿水的护林人"),
            Some("全市新建口袋公园一百二十个"),
            Some("“我想让孩子们有书读”"),
            Some("城东新添一座体育公园"),
        ],
        "{recs:#?}"
    );
    // The section heading over the report is the feature's, not a kicker:
    // a dateline opens a report, never a section.
    let f = &recs[0];
    assert!(
        f.paragraphs.iter().any(|p| p == "把好事办到群众心坎上——"),
        "{f:#?}"
    );
    assert_eq!(recs[1].kicker, None);
    assert_eq!(recs[1].reporters, v(&["陈立"]));
    // The lines over `核心阅读` are the title; the label opens the body.
    let r = &recs[2];
    assert_eq!(r.kicker, s("乡村阅览室里书香浓"));
    assert_eq!(r.paragraphs.first().map(String::as_str), Some("核心阅读"));
    // The credit cut by a column break is one closing line, and ends it.
    assert_eq!(
        r.paragraphs.last().map(String::as_str),
        Some("（本报记者 王一鸣、李晓燕、张建华）"),
        "{r:#?}"
    );
    assert_eq!(r.paragraphs.len(), 4, "{r:#?}");
}

/// A front page of reports: a combined report (two datelines under one
/// title, `分别会见`), a dateline cut by a column break before its
/// reporters, a long `——` deck with whole sentences, a title with `！`
/// inside over a `■` deck, and a briefs column whose label follows a clause
/// ending in `；`.
const REPORTS_PAGE: &str = "
市长市委书记分别会见来访代表团

本报讯（记者 王林）市长李明3日在市政府会见来访的友好城市代表团。双方就经贸合作交换了意见。

有关部门负责人参加会见。

本报讯（记者 赵红）市委书记张强3日晚会见了代表团一行。张强表示，欢迎代表团来访。

全市安全生产大检查启动

本报南州7月6日电

（记者刘一）为深化安全生产专项整治，全市安全生产大检查日前启动，为期两个月。

检查组将深入重点企业开展现场检查。

市政府召开常务会议

——部署下半年经济工作。会议指出，要坚定信心。会议强调，要抓好项目建设，稳住经济基本盘

本报南州7月8日电  （记者钱二）市政府8日召开常务会议，部署下半年经济工作。

会议要求，各部门要各司其职，形成工作合力。

上半年旅游收入首破百亿元！夜经济亮眼

■ 夜间消费看点纷呈■ 乡村旅游持续升温

本报南州7月9日电  （记者孙三）记者9日从市文旅局获悉，上半年全市旅游收入首次突破百亿元。

各地推出的夜间文旅活动受到游客欢迎。

一是坚持规划引领，统筹城乡建设；

资讯速递

全市新增绿道五十公里

本报电  日前，全市新建成绿道五十公里，串联起十余个公园。

（李四）
";

#[test]
fn parse_page_of_reports() {
    let recs = parse_page("reports.txt", REPORTS_PAGE);
    lossless(REPORTS_PAGE, &recs);
    let heads: Vec<Option<&str>> = recs.iter().map(|r| r.headline.as_deref()).collect();
    assert_eq!(
        heads,
        [
            Some("市长市委书记分别会见来访代表团"),
            Some("全市安全生产大检查启动"),
            Some("市政府召开常务会议"),
            Some("上半年旅游收入首破百亿元！夜经济亮眼"),
            Some("资讯速递"),
        ],
        "{recs:#?}"
    );
    // The second dateline, with no title over it, stays in the article.
    let a = &recs[0];
    assert_eq!(a.paragraphs.len(), 3, "{a:#?}");
    assert!(a.paragraphs[2].starts_with("本报讯（记者 赵红）"), "{a:#?}");
    // A dateline cut before its reporters is one byline.
    let b = &recs[1];
    assert_eq!(b.byline.as_deref(), Some("本报南州7月6日电  （记者刘一）"));
    assert_eq!(b.reporters, v(&["刘一"]));
    assert_eq!(b.paragraphs.len(), 2, "{b:#?}");
    // A `——` deck with whole sentences is the subtitle.
    assert!(recs[2]
        .subtitle
        .as_deref()
        .is_some_and(|s| s.starts_with("——部署下半年经济工作。")));
    // A `■` deck under a title with `！` inside.
    assert_eq!(
        recs[3].subtitle.as_deref(),
        Some("■ 夜间消费看点纷呈■ 乡村旅游持续升温")
    );
    assert!(recs[3]
        .paragraphs
        .last()
        .unwrap()
        .ends_with("统筹城乡建设；"));
    // The briefs column: label, item title, item text, credit.
    assert_eq!(recs[4].paragraphs.len(), 3, "{:#?}", recs[4]);
}

/// A feature with parallel headings (spaced phrases; one opening with a
/// quoted word), whose last heading sits right over the next article's
/// tagged title; then an announcement whose text follows `全文如下。`; then a
/// feature ending in a comma-shaped heading, followed by an unmarked title
/// over a news lead.
const HEADINGS_PAGE: &str = "
山村的新变化（走基层）

本报记者  周  明

清晨的山村，炊烟袅袅。这几年，村里的变化一年一个样，村民们的日子越过越红火。

产业发展  收入增加

村里办起了合作社，种上了中药材，去年每户增收一万多元。

“土专家”帮忙  技术入户

农技员常年驻村，手把手教村民种植技术，大家学得认真，用得上手。

生态优先  环境改善

村里拆除了违建，种上了花草，小河又清了，游客多了起来。

村风文明  邻里和睦

大家互帮互助，村里的新风尚让人眼前一亮。

让村级服务更便民（新论）

便民服务站建在家门口，群众办事不出村，这是基层治理的好办法。

各地要总结经验，推动服务下沉，让群众少跑腿、好办事。

市政府办公室印发实施办法

本报讯  市政府办公室日前印发实施办法，对社区服务作出规定。办法全文如下。

社区服务管理实施办法

第一条  为规范社区服务，制定本办法。

第二条  本办法自印发之日起施行。

（李明）

小院里的读书声（百姓故事）

一位退休教师把自家小院改成了阅览室，十年来坚持免费开放，接待读者上万人次。

阅览室，温暖一座城

书香飘进家家户户，孩子们放学后都爱来这里读书。

小书屋，点亮大梦想

全市老旧小区改造开工

近日，全市老旧小区改造项目集中开工，涉及小区一百二十个，惠及居民三万余户。

改造将于年底前完成。
";

#[test]
fn parse_headings_over_titles_and_announced_texts() {
    let recs = parse_page("headings.txt", HEADINGS_PAGE);
    lossless(HEADINGS_PAGE, &recs);
    let heads: Vec<Option<&str>> = recs.iter().map(|r| r.headline.as_deref()).collect();
    assert_eq!(
        heads,
        [
            Some("山村的新变化（走基层）"),
            Some("让村级服务更便民（新论）"),
            Some("市政府办公室印发实施办法"),
            Some("小院里的读书声（百姓故事）"),
            Some("全市老旧小区改造开工"),
        ],
        "{recs:#?}"
    );
    // The feature keeps all four headings, the quoted-word one and the
    // last one over the next title included.
    let f = &recs[0];
    for h in [
        "产业发展  收入增加",
        "“土专家”帮忙  技术入户",
        "村风文明  邻里和睦",
    ] {
        assert!(f.paragraphs.iter().any(|p| p == h), "{h}: {f:#?}");
    }
    assert_eq!(recs[1].kicker, None);
    // `全文如下。` announces the text: its title and articles stay in.
    let a = &recs[2];
    assert!(
        a.paragraphs.iter().any(|p| p == "社区服务管理实施办法"),
        "{a:#?}"
    );
    assert_eq!(a.paragraphs.last().map(String::as_str), Some("（李明）"));
    // The last heading of the reading-room feature stays in it.
    let r = &recs[3];
    assert_eq!(
        r.paragraphs.last().map(String::as_str),
        Some("小书屋，点亮大梦想"),
        "{r:#?}"
    );
}

/// A composite feature: an editor's note signed `——编  者`, then sections
/// of `地点：…` / title / signed byline (labels of different lengths); then
/// an essay in numbered sections right after it, with no byline.
const SECTIONS_PAGE: &str = "
假日里的坚守（新春走基层）

春节假期，许多人坚守在岗位上，守护着万家团圆。本版今起推出系列报道。

——编  者

地点：城北变电站

守护万家灯火

本报记者  李明远

凌晨时分，变电站里依然灯火通明，运维人员正在逐一检查设备。

地点：市急救中心调度大厅

生命热线不停歇

本报记者  王芳菲

急救调度员接起电话，迅速记录地址，派出救护车。整个过程不到一分钟。

走进古城

一

古城的清晨是安静的。石板路上，只有早起的老人在散步。

二

午后的古城热闹起来，游人穿行在小巷之间。
";

#[test]
fn parse_composite_sections_then_numbered_essay() {
    let recs = parse_page("sections.txt", SECTIONS_PAGE);
    lossless(SECTIONS_PAGE, &recs);
    let heads: Vec<Option<&str>> = recs.iter().map(|r| r.headline.as_deref()).collect();
    assert_eq!(
        heads,
        [Some("假日里的坚守（新春走基层）"), Some("走进古城")],
        "{recs:#?}"
    );
    let f = &recs[0];
    for p in [
        "——编  者",
        "地点：城北变电站",
        "守护万家灯火",
        "地点：市急救中心调度大厅",
        "本报记者  王芳菲",
    ] {
        assert!(f.paragraphs.iter().any(|x| x == p), "{p}: {f:#?}");
    }
    assert_eq!(recs[1].paragraphs.first().map(String::as_str), Some("一"));
}
