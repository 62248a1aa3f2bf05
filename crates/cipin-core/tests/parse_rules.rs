//! The parser's rules, one at a time: bylines, datelines, continuation marks,
//! subtitles, legitimate paragraph ends, column breaks, section numerals,
//! documents with no page structure, empty documents.

use cipin_core::parse::{is_section_numeral, parse_page, Article, RecordKind};

fn page(blocks: &[&str]) -> Vec<Article> {
    parse_page("t", &blocks.join("\n\n"))
}

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|x| x.to_string()).collect()
}

fn s(x: &str) -> Option<String> {
    Some(x.to_string())
}

/// A headline, a byline block or a paragraph opened by a byline, and a body.
fn one(byline_block: &str) -> Article {
    let recs = page(&[
        "某某工程顺利通过验收",
        byline_block,
        "工程总投资约3亿元，将于年底投用。",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(recs[0].headline, s("某某工程顺利通过验收"));
    recs.into_iter().next().unwrap()
}

#[test]
fn parse_byline_benbaoxun_reporter() {
    let a = one("本报讯（记者 陈舒心）1月14日上午，工程通过验收。");
    assert_eq!(a.byline, s("本报讯（记者 陈舒心）"));
    assert_eq!(a.reporters, v(&["陈舒心"]));
    assert_eq!(a.dateline, None);
    assert_eq!(a.paragraphs[0], "1月14日上午，工程通过验收。");
}

#[test]
fn parse_byline_benbaoxun_reporter_and_correspondent() {
    let a = one("本报讯（记者 黄一馨 通讯员 章露允）近日，工程通过验收。");
    assert_eq!(a.byline, s("本报讯（记者 黄一馨 通讯员 章露允）"));
    assert_eq!(a.reporters, v(&["黄一馨"]));
    assert_eq!(a.correspondents, v(&["章露允"]));
    assert_eq!(
        a.paragraphs,
        v(&["近日，工程通过验收。", "工程总投资约3亿元，将于年底投用。"])
    );
}

#[test]
fn parse_byline_ascii_brackets_and_wide_spaces() {
    let a = one("本报讯 (记者　王小明　李华 通讯员 张三、李四) 近日，工程通过验收。");
    assert_eq!(a.byline, s("本报讯 (记者　王小明　李华 通讯员 张三、李四)"));
    assert_eq!(a.reporters, v(&["王小明", "李华"]));
    assert_eq!(a.correspondents, v(&["张三", "李四"]));
    assert_eq!(a.paragraphs[0], "近日，工程通过验收。");
}

#[test]
fn parse_byline_benbaoxun_without_names() {
    let a = one("本报讯 近日，工程通过验收。");
    assert_eq!(a.byline, s("本报讯"));
    assert!(a.reporters.is_empty());
    assert_eq!(a.paragraphs[0], "近日，工程通过验收。");
}

#[test]
fn parse_byline_correspondent_only() {
    let a = one("本报讯（通讯员 林海）近日，工程通过验收。");
    assert_eq!(a.correspondents, v(&["林海"]));
    assert!(a.reporters.is_empty());
}

#[test]
fn parse_byline_national_people_daily_dateline() {
    let a = one("本报北京5月18日电（记者 韩鑫）工业和信息化部18日介绍，工程通过验收。");
    assert_eq!(a.byline, s("本报北京5月18日电（记者 韩鑫）"));
    assert_eq!(a.dateline, s("北京5月18日"));
    assert_eq!(a.reporters, v(&["韩鑫"]));
    assert_eq!(a.paragraphs[0], "工业和信息化部18日介绍，工程通过验收。");
}

#[test]
fn parse_byline_national_xinhua_dateline_names_glued() {
    let a = one("新华社北京1月2日电（记者张三、李四）记者2日从国家发展改革委获悉，工程通过验收。");
    assert_eq!(a.byline, s("新华社北京1月2日电（记者张三、李四）"));
    assert_eq!(a.dateline, s("北京1月2日"));
    assert_eq!(a.reporters, v(&["张三", "李四"]));
    assert!(a.paragraphs[0].starts_with("记者2日从"));
}

#[test]
fn parse_byline_xinhua_full_width_digits_and_space() {
    let a = one("新华社乌鲁木齐１月２日电 （记者 阿依古丽·买买提）工程通过验收。");
    assert_eq!(a.dateline, s("乌鲁木齐１月２日"));
    assert_eq!(a.reporters, v(&["阿依古丽·买买提"]));
}

#[test]
fn parse_byline_dateline_without_names() {
    let a = one("新华社北京1月2日电 国务院新闻办公室2日发布，工程通过验收。");
    assert_eq!(a.byline, s("新华社北京1月2日电"));
    assert_eq!(a.dateline, s("北京1月2日"));
    assert!(a.reporters.is_empty());
    assert!(a.paragraphs[0].starts_with("国务院新闻办公室"));
}

#[test]
fn parse_byline_benbao_place_xun() {
    let a = one("本报杭州1月3日讯（记者 周一 通讯员 吴二）工程通过验收。");
    assert_eq!(a.dateline, s("杭州1月3日"));
    assert_eq!(
        (a.reporters, a.correspondents),
        (v(&["周一"]), v(&["吴二"]))
    );
}

#[test]
fn parse_byline_signed_reporter() {
    let a = one("■本报记者 施佳丽");
    assert_eq!(a.byline, s("■本报记者 施佳丽"));
    assert_eq!(a.reporters, v(&["施佳丽"]));
    assert!(a.authors.is_empty());
    assert_eq!(a.paragraphs, v(&["工程总投资约3亿元，将于年底投用。"]));
}

#[test]
fn parse_byline_signed_officials() {
    let a = one("■区住房和城乡建设局党委书记、局长 杨文广");
    assert_eq!(a.authors, v(&["杨文广"]));
    let a = one("■澄江街道党工委书记 曾程耀");
    assert_eq!(a.authors, v(&["曾程耀"]));
    assert_eq!(a.byline, s("■澄江街道党工委书记 曾程耀"));
    let a = one("■本报评论员 欧阳明");
    assert_eq!(a.authors, v(&["欧阳明"]));
}

#[test]
fn parse_byline_role_lines() {
    let a = one("本报记者 王某 李某");
    assert_eq!(a.byline, s("本报记者 王某 李某"));
    assert_eq!(a.reporters, v(&["王某", "李某"]));
    let a = one("通讯员 何晓");
    assert_eq!(a.correspondents, v(&["何晓"]));
    let a = one("本报记者 王某 通讯员 赵六");
    assert_eq!(
        (a.reporters, a.correspondents),
        (v(&["王某"]), v(&["赵六"]))
    );
    let a = one("新华社记者 刘洋 陈曦");
    assert_eq!(a.reporters, v(&["刘洋", "陈曦"]));
    let a = one("（记者 张三 通讯员 李四）");
    assert_eq!(a.byline, s("（记者 张三 通讯员 李四）"));
    assert_eq!(
        (a.reporters, a.correspondents),
        (v(&["张三"]), v(&["李四"]))
    );
    let a = one("(记者 张三)近日，工程通过验收。");
    assert_eq!(a.byline, s("(记者 张三)"));
    assert_eq!(a.paragraphs[0], "近日，工程通过验收。");
}

#[test]
fn parse_not_bylines() {
    // A subhead led by ■, a credit, a sentence starting with 记者: paragraphs.
    let recs = page(&[
        "某某工程顺利通过验收",
        "本报讯（记者 王某）工程通过验收。",
        "■聚焦产业 做强实体",
        "记者从区住建局获悉，工程将于年底投用。",
        "本报记者 王某 摄",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(
        recs[0].paragraphs,
        v(&[
            "工程通过验收。",
            "■聚焦产业 做强实体",
            "记者从区住建局获悉，工程将于年底投用。",
            "本报记者 王某 摄"
        ])
    );
}

#[test]
fn parse_trailing_bracket_credit_stays_a_paragraph() {
    let recs = page(&[
        "（上接第1版）",
        "城乡融合是关键。",
        "（记者 施佳丽）",
        "北城街道召开安全生产会议",
        "本报讯（通讯员 李明）1月10日，会议召开。",
    ]);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    assert_eq!(
        recs[0].paragraphs,
        v(&["城乡融合是关键。", "（记者 施佳丽）"])
    );
    assert_eq!(recs[0].byline, None);
    assert_eq!(recs[0].reporters, v(&["施佳丽"]));
    assert_eq!(recs[1].headline, s("北城街道召开安全生产会议"));
}

#[test]
fn parse_continuation_marks() {
    for mark in [
        "（下转B版）",
        "（下转第2版）",
        "(转2版)",
        "（转第四版）",
        "（转下版）",
    ] {
        let recs = page(&[
            "标题一则新闻",
            "本报讯（记者 王某）正文。",
            mark,
            "另一则新闻的标题",
            "本报讯（记者 李某）正文。",
        ]);
        assert_eq!(recs.len(), 2, "{mark}: {recs:#?}");
        assert_eq!(recs[0].continuation.as_deref(), Some(mark));
        assert_eq!(recs[0].continued_on(), Some(mark));
        assert_eq!(recs[0].paragraphs, v(&["正文。"]));
        assert_eq!(recs[1].continuation, None);
    }
    // "Continued from" opens an article, even printed at a paragraph start.
    for (blocks, mark) in [
        (vec!["（上接第1版）", "正文接着写。"], "（上接第1版）"),
        (vec!["（紧接第一版）正文接着写。"], "（紧接第一版）"),
    ] {
        let mut bs = vec!["某标题", "本报讯（记者 王某）正文。"];
        bs.extend(blocks);
        let recs = page(&bs);
        assert_eq!(recs.len(), 2, "{recs:#?}");
        assert_eq!(recs[1].continued_from(), Some(mark));
        assert_eq!(recs[1].paragraphs, v(&["正文接着写。"]));
    }
    // A mark at the end of the last paragraph is split off.
    let recs = page(&[
        "某标题",
        "本报讯（记者 王某）正文。取得了丰硕的成果。（下转第2版）",
    ]);
    assert_eq!(recs[0].paragraphs, v(&["正文。取得了丰硕的成果。"]));
    assert_eq!(recs[0].continuation, s("（下转第2版）"));
    // Both marks in one record: from first.
    let recs = page(&["（上接第1版）", "正文接着写，", "还没写完", "（下转第4版）"]);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].continuation, s("（上接第1版）（下转第4版）"));
    assert_eq!(recs[0].continued_from(), Some("（上接第1版）"));
    assert_eq!(recs[0].continued_on(), Some("（下转第4版）"));
    assert_eq!(recs[0].paragraphs, v(&["正文接着写，还没写完"]));
}

#[test]
fn parse_subtitle_with_dashes() {
    let recs = page(&[
        "“六干”大讨论“大家谈”",
        "以实干实绩书写高质量发展新答卷",
        "——访区发展改革局党组书记、局长王某",
        "■本报记者 林晓",
        "今年区发改局的工作重点有哪些？",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    let a = &recs[0];
    assert_eq!(a.kicker, s("“六干”大讨论“大家谈”"));
    assert_eq!(a.headline, s("以实干实绩书写高质量发展新答卷"));
    assert_eq!(a.subtitle, s("——访区发展改革局党组书记、局长王某"));
    assert_eq!(a.reporters, v(&["林晓"]));
    // Without a byline too.
    let recs = page(&[
        "某标题",
        "本报讯（记者 王某）正文。",
        "一座小院的新生",
        "——记黄岩区十佳乡村工匠李某",
        "走进院桥镇，小院里传来阵阵笑声。",
    ]);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    assert_eq!(recs[1].headline, s("一座小院的新生"));
    assert_eq!(recs[1].subtitle, s("——记黄岩区十佳乡村工匠李某"));
    assert_eq!(recs[1].paragraphs, v(&["走进院桥镇，小院里传来阵阵笑声。"]));
}

#[test]
fn parse_dash_and_colon_are_legitimate_paragraph_ends() {
    let recs = page(&[
        "某标题",
        "■区委书记 张三",
        "具体而言，就是抓好五个“落实”——",
        "一是在能级提升上抓落实。",
        "主要做法如下：",
        "坚持规划引领，统筹推进城乡建设。",
        "我们将坚持——",
        "——服务企业不打烊；",
        "——服务群众零距离。",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(recs[0].paragraphs.len(), 7, "{:#?}", recs[0].paragraphs);
    assert_eq!(recs[0].paragraphs[0], "具体而言，就是抓好五个“落实”——");
    assert_eq!(recs[0].paragraphs[2], "主要做法如下：");
}

#[test]
fn parse_column_breaks_are_joined() {
    let recs = page(&[
        "某标题",
        "本报讯（记者 王某）会议要求，要全面把握“高举高打谋、蹄疾步稳干”四个总体原",
        "则，按照工作安排，分阶段协同推进。",
        "时间回到本世纪之初，大坝将其分为泾渭分明",
        "的两个板块。",
        "宁溪镇乌岩头村、北洋镇潮济村、富山乡半山村",
        "……类似这样的村庄不胜枚举。",
        "“我们要加快推进工程建设，拓宽社区集体经济增收渠",
        "道。”工作人员表示。",
        "按照“全域规划、板块",
        "联动”原则推进。",
        "黄岩走出了一条新型城镇化与新农村建设双轮驱动的",
        "融合发展之路。",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(
        recs[0].paragraphs,
        v(&[
            "会议要求，要全面把握“高举高打谋、蹄疾步稳干”四个总体原则，按照工作安排，分阶段协同推进。",
            "时间回到本世纪之初，大坝将其分为泾渭分明的两个板块。",
            "宁溪镇乌岩头村、北洋镇潮济村、富山乡半山村……类似这样的村庄不胜枚举。",
            "“我们要加快推进工程建设，拓宽社区集体经济增收渠道。”工作人员表示。",
            "按照“全域规划、板块联动”原则推进。",
            "黄岩走出了一条新型城镇化与新农村建设双轮驱动的融合发展之路。",
        ])
    );
}

#[test]
fn parse_headline_is_never_joined_to_the_text_after_it() {
    // No bylines for the second and third articles: headline shape
    // (spaces, `地名：`, news lead) tells them from cut paragraphs.
    let recs = page(&[
        "某标题",
        "本报讯（记者 王某）正文。",
        "院桥镇：共富工坊开进村",
        "近日，院桥镇首个共富工坊在下洋顾村挂牌。",
        "以实干求实绩 加快高质量发展",
        "澄江街道将认真贯彻落实“六干”要求。",
        "黄岩蜜橘喜获丰收",
        "1月5日，记者走进澄江街道的橘园。",
    ]);
    // Spaced phrases mark a headline with no byline; a one-paragraph
    // article is too short to tell the other two titles from headings, so
    // they stay paragraphs of their own, never glued to the text after them.
    let heads: Vec<Option<&str>> = recs.iter().map(|r| r.headline.as_deref()).collect();
    assert_eq!(
        heads,
        vec![Some("某标题"), Some("以实干求实绩 加快高质量发展")]
    );
    let lines = [
        "正文。",
        "院桥镇：共富工坊开进村",
        "近日，院桥镇首个共富工坊在下洋顾村挂牌。",
        "澄江街道将认真贯彻落实“六干”要求。",
        "黄岩蜜橘喜获丰收",
        "1月5日，记者走进澄江街道的橘园。",
    ];
    for r in &recs {
        for p in &r.paragraphs {
            assert!(
                lines.contains(&p.as_str()),
                "{p} was joined to another block"
            );
        }
    }
}

#[test]
fn parse_headings_that_are_not_headlines_stay_paragraphs() {
    // A subhead and a label inside an article: their own paragraphs, neither
    // joined to the text after them nor starting an article. A one-line
    // fragment with no punctuation is still joined.
    let recs = page(&[
        "某标题",
        "■本报记者 施佳丽",
        "城乡融合是缩小差距的关键。",
        "“强城”：把县城做强",
        "县城是城乡融合发展的关键支撑。",
        "图片新闻",
        "春节临近，院桥镇的村民忙着写春联。",
        "作为连接城乡的中间环",
        "节，县城的作用日益凸显。",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(
        recs[0].paragraphs,
        v(&[
            "城乡融合是缩小差距的关键。",
            "“强城”：把县城做强",
            "县城是城乡融合发展的关键支撑。",
            "图片新闻",
            "春节临近，院桥镇的村民忙着写春联。",
            "作为连接城乡的中间环节，县城的作用日益凸显。",
        ])
    );
}

#[test]
fn parse_section_numerals_do_not_start_articles() {
    let recs = page(&[
        "某标题",
        "■本报记者 施佳丽",
        "第一部分正文。",
        "二",
        "第二部分正文。",
        "（三）",
        "坚持创新驱动",
        "第三部分正文。",
    ]);
    assert_eq!(recs.len(), 1, "{recs:#?}");
    assert_eq!(
        recs[0].paragraphs,
        v(&[
            "第一部分正文。",
            "二",
            "第二部分正文。",
            "（三）",
            "坚持创新驱动",
            "第三部分正文。"
        ])
    );
    assert!(is_section_numeral(&recs[0].paragraphs[1]));
    assert!(!is_section_numeral(&recs[0].paragraphs[2]));
}

#[test]
fn parse_banner_at_page_end_only() {
    let recs = page(&[
        "某标题",
        "本报讯（记者 王某）正文。",
        "喜迎新春 奋进新征程！ 共建美好家园",
    ]);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1].kind, RecordKind::Banner);
    assert_eq!(recs[1].text, s("喜迎新春 奋进新征程！ 共建美好家园"));
    // A last paragraph with punctuation is not a banner.
    let recs = page(&[
        "某标题",
        "本报讯（记者 王某）正文。",
        "该工程完工后，出行将更方便。",
    ]);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].paragraphs.len(), 2);
}

#[test]
fn parse_page_header_banner() {
    let recs = page(&[
        "2025年1月15日 星期三 责任编辑：王某",
        "某标题",
        "本报讯（记者 王某）正文。",
    ]);
    assert_eq!(recs.len(), 2, "{recs:#?}");
    assert_eq!(recs[0].kind, RecordKind::Banner);
    assert_eq!(recs[1].headline, s("某标题"));
    assert_eq!(recs[1].kicker, None);
}

// ---- documents with no page structure --------------------------------------

#[test]
fn parse_plain_novel_is_one_article() {
    let novel = "第一章 初见\n\n“你来了？”\n\n他点点头，没有说话。\n\n窗外下着雨\n\n“进来坐吧。”\n\n他走了进来，雨水顺着衣角滴落。\n";
    let recs = parse_page("novel.txt", novel);
    assert_eq!(recs.len(), 1);
    let a = &recs[0];
    assert_eq!(
        (a.kind, a.headline.as_deref(), a.byline.as_deref()),
        (RecordKind::Article, None, None)
    );
    assert_eq!(
        a.paragraphs,
        v(&[
            "第一章 初见",
            "“你来了？”",
            "他点点头，没有说话。",
            "窗外下着雨",
            "“进来坐吧。”",
            "他走了进来，雨水顺着衣角滴落。"
        ])
    );
}

#[test]
fn parse_plain_report_is_one_article() {
    let report = "政府工作报告\n\n一、2024年工作回顾\n\n过去一年，我们坚持稳中求进\n\n二、2025年主要任务\n\n（一）着力扩大有效投资。\n";
    let recs = parse_page("r.txt", report);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].paragraphs.len(), 5);
    assert_eq!(recs[0].headline, None);
}

#[test]
fn parse_single_line_is_one_article() {
    let recs = parse_page(
        "l.txt",
        "  本报讯（记者 陈舒心）1月14日上午，我区召开推进会。 ",
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0].paragraphs,
        v(&["本报讯（记者 陈舒心）1月14日上午，我区召开推进会。"])
    );
    assert_eq!(recs[0].byline, None);
}

#[test]
fn parse_lines_without_blank_lines_are_one_article() {
    // One sentence per line (SIGHAN-like), even with news datelines in it.
    let text = "迈向充满希望的新世纪\n新华社北京１２月３１日电（记者 张三）\n中共中央总书记发表讲话。\n北京\n新年好\n";
    // The first line has a title's shape and body text follows: it is the
    // headline of the one article (a crawled article saved as a file), and
    // the byline line after it is its byline; the other lines are unchanged.
    let recs = parse_page("pku.txt", text);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].headline.as_deref(), Some("迈向充满希望的新世纪"));
    assert_eq!(
        recs[0].byline.as_deref(),
        Some("新华社北京１２月３１日电（记者 张三）")
    );
    assert_eq!(recs[0].paragraphs.len(), 3);
}

#[test]
fn parse_empty_documents_are_one_empty_article() {
    for text in ["", "\n", " \n\t\n\u{3000}\n", "\r\n\r\n"] {
        let recs = parse_page("e.txt", text);
        assert_eq!(recs.len(), 1, "{text:?}");
        assert_eq!(recs[0].article, 0);
        assert_eq!(recs[0].kind, RecordKind::Article);
        assert!(recs[0].paragraphs.is_empty() && recs[0].headline.is_none());
    }
}

#[test]
fn parse_leading_and_trailing_blank_lines_and_spaces() {
    let recs = parse_page(
        "t",
        "\n\n\n  某标题  \n\n\t本报讯（记者 王某）正文。 \n\n\n",
    );
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].headline, s("某标题"));
    assert_eq!(recs[0].paragraphs, v(&["正文。"]));
}

#[test]
fn parse_huge_inputs_do_not_blow_up() {
    let line = "长".repeat(2_000_000);
    let recs = parse_page("h", &line);
    assert_eq!(recs[0].paragraphs[0].len(), line.len());
    let page_text = format!("标题\n\n本报讯（记者 王某）{line}\n\n{line}\n\n（下转第2版）\n");
    let recs = parse_page("h", &page_text);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0].paragraphs.len(), 1);
    assert_eq!(recs[0].paragraphs[0].len(), 2 * line.len());
    let many = "短句\n\n".repeat(200_000) + "本报讯（记者 王某）正文。";
    let recs = parse_page("m", &many);
    assert!(!recs.is_empty());
}
