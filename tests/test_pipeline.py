"""The whole pipeline on the seed, the library call, the CLI and the JSON Schema."""

import json
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from pipeline import analyze, analyze_file
from pipeline.errors import InputError, NoThaiTextError
from pipeline.output.schema import schema, validate

from .conftest import ROOT, SAMPLES, SEED


def spans_of(doc):
    for kind in ("people", "organizations", "places", "dates", "times", "venues", "resolutions", "events",
                 "fiscal_years"):
        for item in doc.get(kind, []):
            yield kind, item
    if doc["title"]:
        yield "title", doc["title"]
    for s in doc["sentences"]:
        yield "sentence", s


def test_seed_text_is_repaired(seed_doc):
    text = seed_doc["text"]
    assert "ศาลาว่าการกรุงเทพมหานคร (เสาชิงช้า)" in text
    assert "สำนักยุทธศาสตร์และประเมินผล เป็นประธาน" in text
    assert "| |" not in text and not text.rstrip().endswith("|")


def test_every_span_gives_back_its_text(seed_doc):
    text = seed_doc["text"]
    for kind, item in spans_of(seed_doc):
        s, e = item["span"]
        assert text[s:e] == item["text"], (kind, item)


def test_raw_spans_point_into_the_original(seed_doc, seed_text):
    for kind, item in spans_of(seed_doc):
        if "raw_span" not in item:
            continue
        raw = seed_text[slice(*item["raw_span"])]
        # the raw text differs from the normalized only by what normalization repaired
        assert raw.replace("- ", "").replace(" ", "") == item["text"].replace(" ", ""), (kind, item, raw)


def test_schema_is_draft_2020_12_and_outputs_validate(seed_doc):
    Draft202012Validator.check_schema(schema())
    assert schema()["$schema"].endswith("2020-12/schema")
    validate(seed_doc)
    broken = dict(seed_doc, dates=[{"date": "not a date"}])
    with pytest.raises(Exception, match="dates"):
        validate(broken)


def test_contract_top_level_fields(seed_doc):
    for key in ("schema_version", "source", "text", "title", "document_date", "sentences", "people",
                "organizations", "places", "dates", "times", "venues", "resolutions", "flags"):
        assert key in seed_doc
    assert set(seed_doc["source"]) >= {"path", "sha256", "encoding"}


def test_analyze_file_reads_each_sample():
    for path in sorted(SAMPLES.iterdir()):
        doc = analyze_file(path)
        validate(doc)
        assert doc["document_date"] is not None, path.name


def test_library_rejects_what_is_not_thai():
    with pytest.raises(NoThaiTextError):
        analyze("The Ministry of Justice held a meeting on 12 January 2022 in Bangkok. " * 3)
    with pytest.raises(InputError):
        analyze("   ")


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_cli_analyze_one_and_several():
    one = run_cli("analyze", str(SEED))
    assert one.returncode == 0, one.stderr
    assert json.loads(one.stdout)["document_date"]["date"] == "2022-01-21"
    several = run_cli("analyze", str(SEED), str(SAMPLES / "rayong-flood-command.txt"))
    assert [d["source"]["path"].split("/")[-1] for d in json.loads(several.stdout)] == [
        "bma-smart-change-2565.txt", "rayong-flood-command.txt"]


def test_cli_reports_bad_files_without_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = run_cli("analyze", str(empty), str(SEED))
    assert res.returncode == 1
    assert "empty.txt: file is empty" in res.stderr and "Traceback" not in res.stderr
    assert len(json.loads(res.stdout)) == 1  # the good file is still there


def test_cli_schema_command():
    res = run_cli("schema")
    assert json.loads(res.stdout)["title"] == "thaipress document"


def test_cli_yearless_dateline_is_analysed(tmp_path):
    # a real opening of Thai news (10 of 1,273 ThaiNER lines): a dateline without a year
    # once made analyze() raise a TypeError; now it is a year-less date, flagged
    news = tmp_path / "news.txt"
    news.write_text("วันนี้ (28 ธ.ค.) นายวิษณุ เครืองาม รองนายกรัฐมนตรี เป็นประธานการประชุม", encoding="utf-8")
    res = run_cli("analyze", str(news))
    assert res.returncode == 0, res.stderr
    codes = {f["code"] for f in json.loads(res.stdout)["flags"]}
    assert "date_without_year" in codes


def test_cli_internal_error_is_one_line_with_the_file_name(tmp_path, monkeypatch, capsys):
    # a bug met on one file: one line naming it, exit 70, the other files still analysed
    from pipeline import cli, orchestrate

    real = orchestrate.analyze_source

    def broken_on_one(source, **kw):
        if source.path and source.path.endswith("bad.txt"):
            raise TypeError("'>=' not supported between instances of 'NoneType' and 'int'")
        return real(source, **kw)

    monkeypatch.setattr(orchestrate, "analyze_source", broken_on_one)
    bad = tmp_path / "bad.txt"
    bad.write_text("วันนี้ (28 ธ.ค.) นายวิษณุ เครืองาม", encoding="utf-8")
    assert cli.main(["analyze", str(bad), str(SEED)]) == cli.EXIT_INTERNAL
    out, err = capsys.readouterr()
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert "bad.txt: internal error: TypeError" in err and "--debug" in err
    assert json.loads(out)[0]["document_date"]["date"] == "2022-01-21"
    with pytest.raises(TypeError):
        cli.main(["--debug", "analyze", str(bad)])
