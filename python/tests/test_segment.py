"""cipin.segment and cipin.Segmenter."""

from __future__ import annotations

import pickle

import polars as pl
import pytest

import cipin


def test_single_text():
    t = cipin.segment("我来到北京清华大学")
    assert t.columns == ["sentence", "position", "token", "start", "end"]
    assert t["token"].to_list() == ["我", "来到", "北京", "清华大学"]
    assert t["start"].to_list() == [0, 1, 3, 5]
    assert t["end"].to_list() == [1, 3, 5, 9]


def test_list_and_series_get_doc_index():
    t = cipin.segment(["我们", "发展经济"])
    assert t["doc"].to_list() == [0, 1, 1]
    s = cipin.segment(pl.Series(["我们", "发展经济"]))
    assert s.equals(t)


def test_dataframe_ids(articles):
    t = cipin.segment(articles)
    assert t.columns[:2] == ["doc_id", "article"]
    assert t["article"].n_unique() == articles.filter(pl.col("text") != "").height
    custom = cipin.segment(articles, id="kind")
    assert custom.columns[0] == "kind"
    plain = cipin.segment(pl.DataFrame({"body": ["甲乙", "丙"]}), text="body")
    assert plain.columns[0] == "doc"


def test_tokens_rebuild_text(articles):
    seg = cipin.Segmenter(normalize=False)
    t = cipin.segment(articles, segmenter=seg)
    rebuilt = t.group_by("article", maintain_order=True).agg(pl.col("token").str.join(""))
    for art, text in zip(rebuilt["article"], rebuilt["token"]):
        original = articles.filter(article=art)["text"][0]
        assert text == "".join(original.split())


def test_offsets_point_into_original_text():
    text = "增长１７％，時任書記\n第二行"
    t = cipin.segment(text)
    for tok, a, b in t.select("token", "start", "end").iter_rows():
        original = text[a:b]
        assert len(original) == len(tok)
        assert cipin.Segmenter().normalize_text(original) == tok
    assert "17%" in t["token"].to_list() or "17" in t["token"].to_list()
    assert "书记" in t["token"].to_list()


def test_pos_and_modes():
    t = cipin.segment("我们发展经济", pos=True)
    assert t.columns == ["sentence", "position", "token", "pos", "start", "end"]
    assert t["pos"].to_list()[0] == "r"
    full = cipin.segment("清华大学", mode="full")
    assert full.height > 1
    search = cipin.segment("中国科学院计算所", mode="search")
    assert {"科学", "中国科学院"} <= set(search["token"])
    with pytest.raises(ValueError, match="precise"):
        cipin.segment("x", mode="full", pos=True)
    with pytest.raises(ValueError, match="mode"):
        cipin.segment("x", mode="fast")


def test_no_filtering_in_segment():
    t = cipin.segment("的，了。")
    assert t["token"].to_list() == ["的", "，", "了", "。"]


def test_sentence_column():
    t = cipin.segment("第一句。第二句！第三句")
    assert t["sentence"].unique().sort().to_list() == [0, 1, 2]


def test_user_words_and_dict(tmp_path):
    seg = cipin.Segmenter(user_words=["三大差距", ("千万工程", 100000, "nz")], pos=True)
    t = seg.segment("缩小三大差距，深化千万工程")
    assert "三大差距" in t["token"].to_list()
    row = t.filter(token="千万工程")
    assert row["pos"].to_list() == ["nz"]
    d = tmp_path / "dict.txt"
    d.write_text("三大差距 100 n\n# comment\n共富工坊\n", encoding="utf-8")
    seg2 = cipin.Segmenter(user_dict=d)
    assert seg2.cut("共富工坊和三大差距") == ["共富工坊", "和", "三大差距"]
    assert ("三大差距", 100, "n") in seg2.user_words


def test_dictionary_errors(tmp_path):
    d = tmp_path / "bad.txt"
    d.write_text("好词\n好词 1x\n", encoding="utf-8")
    with pytest.raises(cipin.DictionaryError) as info:
        cipin.Segmenter(user_dict=d)
    assert info.value.line == 2 and info.value.file == str(d)
    assert isinstance(info.value, ValueError)
    with pytest.raises(FileNotFoundError):
        cipin.Segmenter(user_dict=tmp_path / "missing.txt")
    with pytest.raises(ValueError, match="whitespace"):
        cipin.Segmenter(user_words=["两个 词"])
    with pytest.raises(TypeError):
        cipin.Segmenter(user_words="三大差距")


def test_argument_errors(articles):
    with pytest.raises(TypeError):
        cipin.segment(42)
    with pytest.raises(TypeError):
        cipin.segment(["ok", 3])
    with pytest.raises(ValueError, match="no column 'body'"):
        cipin.segment(articles, text="body")
    with pytest.raises(TypeError):
        cipin.segment(articles, text="article")
    with pytest.raises(ValueError, match="either segmenter"):
        cipin.segment("x", segmenter=cipin.Segmenter(), mode="search")
    with pytest.raises(TypeError):
        cipin.segment("x", segmenter="jieba")
    with pytest.raises(TypeError):
        cipin.Segmenter(hmm="yes")


def test_segmenter_pickle_roundtrip(tmp_path):
    d = tmp_path / "dict.txt"
    d.write_text("共富工坊 5000 nz\n", encoding="utf-8")
    seg = cipin.Segmenter(
        "precise",
        hmm=False,
        pos=True,
        user_dict=d,
        user_words={"三大差距": None},
        stopwords=["黄岩"],
        normalize={"t2s": False},
    )
    d.unlink()  # the dictionary travels as data, not as a path
    back = pickle.loads(pickle.dumps(seg))
    assert back == seg
    assert back.stopwords == ("黄岩",)
    assert back.normalize == {"fullwidth": True, "t2s": False, "spaces": True}
    text = "共富工坊缩小三大差距書記"
    assert back.segment(text).equals(seg.segment(text))


def test_equal_segmenters_share_the_dictionary():
    a = cipin.Segmenter(user_words=["三大差距"])
    b = cipin.Segmenter(user_words=["三大差距"])
    assert a == b and hash(a) == hash(b)
    assert "三大差距" in repr(a._native) or "user words=1" in repr(a._native)


def test_empty_and_odd_inputs():
    assert cipin.segment("").height == 0
    assert cipin.segment([]).height == 0
    assert cipin.segment(["", "   \n\t"]).height == 0
    t = cipin.segment("\u3000\u200b\ufeff好")
    assert t["token"].to_list() == ["好"]
    emoji = cipin.segment("发展🙂经济")
    assert "🙂" in "".join(emoji["token"])


def test_keep_terms():
    text = "缩小“三大差距”，落实五个“落实”"
    kept = cipin.segment(text)["token"].to_list()
    assert "三大差距" in kept and "“" in kept
    split = cipin.segment(text, keep_terms=False)["token"].to_list()
    assert "三大差距" not in split
    seg = cipin.Segmenter(keep_terms=False)
    back = pickle.loads(pickle.dumps(seg))
    assert back.keep_terms is False and back.cut(text) == split
    # Either way the tokens rebuild the text.
    assert "".join(kept) == "".join(split) == text


def test_keep_quoted_is_the_old_name_of_keep_terms():
    text = "缩小“三大差距”"
    split = cipin.segment(text, keep_terms=False)["token"].to_list()
    with pytest.warns(FutureWarning, match="keep_quoted= is now keep_terms="):
        assert cipin.segment(text, keep_quoted=False)["token"].to_list() == split
    with pytest.warns(FutureWarning, match="keep_quoted= is now keep_terms="):
        seg = cipin.Segmenter(keep_quoted=False)
    assert seg == cipin.Segmenter(keep_terms=False)
    with pytest.warns(FutureWarning):
        assert cipin.frequency(text, keep_quoted=False).equals(
            cipin.frequency(text, keep_terms=False)
        )
    with pytest.raises(TypeError, match="not also its old name"):
        cipin.segment(text, keep_terms=False, keep_quoted=False)
    # A Segmenter pickled before the rename still loads.
    old = {**seg.__getstate__()}
    old["keep_quoted"] = old.pop("keep_terms")
    back = cipin.Segmenter.__new__(cipin.Segmenter)
    back.__setstate__(old)
    assert back == seg


def test_keep_numbers():
    text = "2023年增长17%，这一计划投资350万元"
    kept = cipin.Segmenter().cut(text)
    assert "2023年" in kept and "17%" in kept and "350万" in kept
    # The HMM's 这一 is cut back.
    assert "这一" not in kept
    seg = cipin.Segmenter(keep_numbers=False)
    split = seg.cut(text)
    assert "2023年" not in split
    back = pickle.loads(pickle.dumps(seg))
    assert back.keep_numbers is False and back.cut(text) == split
    assert "keep_numbers=False" in repr(seg)
    # jieba's own segmentation: neither terms nor numbers.
    jieba_like = cipin.Segmenter(keep_terms=False, keep_numbers=False)
    assert jieba_like.cut("这一计划") == ["这一", "计划"]
    # A table with the segmenter counts numbers as jieba does.
    f = cipin.frequency([text], segmenter=seg)
    assert "2023年" not in f["term"].to_list()
    assert "".join(kept) == "".join(split) == text


def test_keep_numbers_in_table_functions():
    text = ["2023年增长17%，投资350万元。"]
    assert "2023年" in cipin.frequency(text)["term"].to_list()
    off = cipin.frequency(text, keep_numbers=False)["term"].to_list()
    assert "2023年" not in off and "2023" in off
    assert "2023年" not in cipin.segment(text, keep_numbers=False)["token"].to_list()
    with pytest.raises(ValueError, match="keep_numbers"):
        cipin.frequency(text, segmenter=cipin.Segmenter(), keep_numbers=False)
