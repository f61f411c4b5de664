"""``thaipress eval``: the scoring of GOLD.md, on a hand-made case and on the corpus."""

from pipeline.evaluate import Report, evaluate, format_table, norm, score_document


def test_comparison_key_ignores_spaces_zero_width_and_sara_am_forms():
    assert norm("กองยุทธศาสตร์สาธารณสุข และสิ่งแวดล้อม") == norm("กองยุทธศาสตร์สาธารณสุขและ\u200bสิ่งแวดล้อม")
    assert norm("คณะทํางาน") == norm("คณะทำงาน")


def test_scoring_counts_sets_and_multisets():
    gold = {
        "file": "x.txt", "document_date": "2022-01-21",
        "people": [{"honorific": "นาย", "name": "ก ข", "position": "ผู้อำนวยการ", "organization": None, "chair": True}],
        "organizations": ["กรุงเทพมหานคร"], "places": ["จ.ระยอง"],
        "dates": [{"date": "2022-01-21"}, {"date": "2022-01-21"}, {"date": "2022-12-23", "flag": "date_after_document",
                                                                    "suggested": "2021-12-23"}],
        "times": ["13:30"], "venues": [{"text": "ห้อง 1"}], "resolutions": ["เห็นชอบแผนงานของกรุงเทพมหานคร"],
    }
    out = {
        "document_date": {"date": "2022-01-21"},
        "people": [{"name": "ก ข", "honorific": "นาย", "position": "ผู้อำนวยการ", "organization": None, "roles": ["chair"]},
                   {"name": "ค ง", "honorific": None, "position": None, "organization": None, "roles": []}],
        "organizations": [{"text": "กทม.", "name": "กรุงเทพมหานคร"}],
        "places": [{"text": "จ.ระยอง", "name": "จังหวัดระยอง"}],
        "dates": [{"date": "2022-01-21", "flags": []},
                  {"date": "2022-12-23", "flags": ["date_after_document"], "suggested": "2021-12-23"}],
        "times": [{"time": "13:30"}], "venues": [{"text": "ห้อง  1"}],
        "resolutions": [{"text": "เห็นชอบแผนงานของกรุงเทพมหานครเพื่อดำเนินการต่อ"}, {"text": "รับทราบ"}],
    }
    r = Report()
    score_document(gold, out, r)
    assert (r.fields["people"].tp, r.fields["people"].fp, r.fields["people"].fn) == (1, 1, 0)
    assert r.fields["organizations"].f1 == 1.0 and r.fields["places"].f1 == 1.0
    assert (r.fields["dates"].tp, r.fields["dates"].fn) == (2, 1)  # one of the two 21 January mentions missed
    assert r.fields["date_flags"].f1 == 1.0 and r.accuracies["suggested"].value == 1.0
    assert r.fields["venues"].f1 == 1.0
    # similar (ratio 0.78 >= 0.6) is a match; the exact tally, reported beside, has none
    res, exact = r.fields["resolutions"], r.fields["resolutions_exact"]
    assert (res.tp, res.fp, res.fn) == (1, 1, 0) and (exact.tp, exact.fp, exact.fn) == (0, 2, 1)
    assert r.fields["chair"].f1 == 1.0 and r.accuracies["document_date"].value == 1.0
    assert "macro F1" in format_table(r)


def test_eval_runs_on_the_shared_corpus(corpus_dir):
    report = evaluate(corpus_dir)
    assert report.documents >= 20 and not report.errors
    table = format_table(report)
    for field in ("people", "organizations", "places", "dates", "times", "venues", "resolutions", "macro F1"):
        assert field in table


def test_gold_md_keys_aliases_place_prefixes_and_thai_digits():
    from pipeline.evaluate import org_key, place_key

    # abbreviations and ฯ forms are aliases, left out on both sides
    assert [org_key(x) for x in ("ครม.", "ป.ป.ช.", "ธ.ก.ส.", "BOI", "กระทรวงสาธารณสุขฯ")] == [""] * 5
    assert org_key("คณะรัฐมนตรี") == "คณะรัฐมนตรี"
    assert place_key("จ.ระยอง") == place_key("จังหวัดระยอง") == place_key("ระยอง")
    assert place_key("กทม.") == place_key("กรุงเทพฯ") == "กรุงเทพมหานคร"
    # ำ is ํ + า after NFKC: อำเภอ and ตำบล are prefixes all the same (gold "ถลาง", "อำเภอถลาง" written)
    assert place_key("อำเภอถลาง") == place_key("อ.ถลาง") == place_key("ถลาง")
    assert place_key("ตำบลป่าตอง") == place_key("ป่าตอง")
    assert norm("ชั้น ๕") == norm("ชั้น5")


def test_a_body_written_only_as_an_abbreviation_is_an_alias_on_the_pipelines_side_too():
    # tg-006 writes only "ครม.": the gold lists ครม. (an alias), the pipeline names it
    # คณะรัฐมนตรี; neither is counted.  Written in full once, it counts.
    gold = {"organizations": ["ครม.", "กระทรวงคมนาคม"]}
    only_abbreviated = {"name": "คณะรัฐมนตรี", "aliases": ["ครม."]}
    written = {"name": "กระทรวงคมนาคม", "aliases": ["คค.", "กระทรวงคมนาคม"]}
    report = Report()
    score_document(gold, {"organizations": [only_abbreviated, written]}, report)
    assert report.tally("organizations").to_dict()["tp"] == 1 and report.tally("organizations").to_dict()["fp"] == 0
    report = Report()
    score_document(gold, {"organizations": [dict(only_abbreviated, aliases=["ครม.", "คณะรัฐมนตรี"]), written]}, report)
    assert report.tally("organizations").to_dict()["fp"] == 1


def test_macro_f1_leaves_out_fields_without_gold():
    gold = {"file": "x.txt", "people": [{"name": "ก ข"}], "dates": [{"date": "2022-01-21"}]}
    out = {"people": [{"name": "ก ข", "roles": []}], "dates": [{"date": "2022-01-21", "flags": []}],
           "venues": [{"text": "ห้อง 1"}]}
    r = Report()
    score_document(gold, out, r)
    # people and dates have gold; venues (a prediction, no gold) and the rest do not count
    assert r.macro_fields == ["people", "dates"] and r.macro_f1 == 1.0
