"""thaipress inside spaCy: the ``thaipress`` factory on a user's ``spacy.blank("th")``
pipeline, and the ents and spans of thaipress's own pipeline (``pipeline.load()``)."""

import json

import pytest
import spacy
from spacy.tokens import DocBin

from pipeline import load
from pipeline.output.schema import validate

SEED_PEOPLE = {
    "นายสุพรพล หนูครองสิน", "นางสาวพรรณราย จริงจิตร", "นางนทีทิพย์ จึงสมประสงค์", "นายกิรทัต เจิมจรุง",
    "นางรสสุคนธ์ ชาติประเสริฐ",
}
SEED_DATES = ["วันศุกร์ที่ 21 มกราคม พ.ศ. 2565", "วันพฤหัสบดีที่ 20 มกราคม 2565", "วันที่ 23 ธันวาคม 2565"]


@pytest.fixture(scope="module")
def user_nlp():
    nlp = spacy.blank("th")
    nlp.add_pipe("thaipress")  # found through the spacy_factories entry point
    return nlp


@pytest.fixture(scope="module")
def user_doc(user_nlp, seed_text):
    return user_nlp(seed_text)


def as_json_value(value):
    return json.loads(json.dumps(value, ensure_ascii=False))


def ents_of(doc, label):
    return [e.text for e in doc.ents if e.label_ == label]


def test_factory_on_a_blank_thai_pipeline(user_doc, seed_text):
    assert user_doc.text == seed_text  # the user's text and tokens are left as they are
    assert set(ents_of(user_doc, "PERSON")) == SEED_PEOPLE
    assert ents_of(user_doc, "DATE") == SEED_DATES
    assert ents_of(user_doc, "TIME") == ["เวลา 13.30 น."]
    assert "กรุงเบอร์ลิน" in ents_of(user_doc, "LOC")
    assert "สำนักยุทธศาสตร์และประเมินผล" in ents_of(user_doc, "ORG")
    venues = [s.text for s in user_doc.spans["thaipress"] if s.label_ == "VENUE"]
    assert any(v.startswith("ห้องนพรัตน์ ชั้น 5") for v in venues)
    assert ents_of(user_doc, "VENUE") == []  # a venue holds entities: it is a span, not an entity
    validate(user_doc._.thaipress)
    assert user_doc._.thaipress_error is None


def test_spans_carry_item_ids_and_resolutions(user_doc):
    spans = user_doc.spans["thaipress"]
    labels = {s.label_ for s in spans}
    assert {"PERSON", "ORG", "LOC", "DATE", "TIME", "VENUE", "RESOLUTION"} <= labels
    chair = next(p for p in user_doc._.thaipress["people"] if "chair" in p["roles"])
    assert any(s.kb_id_ == chair["id"] and s.text == "นายสุพรพล หนูครองสิน" for s in spans)


def test_entities_map_through_normalization(user_nlp):
    # the raw text has a wrapped word ("ศาลาว่าการ- กรุงเทพมหานคร") and table debris:
    # entities still land on the raw characters
    raw = ("วันศุกร์ที่ 21 มกราคม 2565\nการประชุม ณ ห้องนพรัตน์ ชั้น 5 ศาลาว่าการ- กรุงเทพมหานคร | |\n"
           "นายสุพรพล หนูครองสิน รองผู้อำนวยการสำนักยุทธศาสตร์และประเมินผล เป็นประธาน\n")
    doc = user_nlp(raw)
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert raw[person.start_char : person.end_char] == "นายสุพรพล หนูครองสิน"
    venue = next(s for s in doc.spans["thaipress"] if s.label_ == "VENUE")
    assert "ศาลาว่าการ- กรุงเทพมหานคร" in venue.text


def test_the_places_and_bodies_inside_a_venue_are_entities(user_nlp):
    # ThaiNER val: the venue spans the hotel, the district and the province
    doc = user_nlp("การประชุมประจำปี ระหว่างวันที่ 23 - 25 สิงหาคม พ.ศ. 2561 ณ โรงแรมดุสิตธานี หัวหิน อำเภอชะอำ จังหวัดเพชรบุรี")
    assert {"อำเภอชะอำ", "จังหวัดเพชรบุรี"} <= {e.text for e in doc.ents if e.label_ == "LOC"}
    assert any(s.label_ == "VENUE" and s.text.endswith("จังหวัดเพชรบุรี") for s in doc.spans["thaipress"])


def test_docbin_and_to_json_round_trip(user_nlp, user_doc):
    data = DocBin(store_user_data=True, docs=[user_doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(user_nlp.vocab)
    assert [(e.start_char, e.end_char, e.label_) for e in back.ents] == [
        (e.start_char, e.end_char, e.label_) for e in user_doc.ents
    ]
    assert [(s.start, s.end, s.label_, s.kb_id_) for s in back.spans["thaipress"]] == [
        (s.start, s.end, s.label_, s.kb_id_) for s in user_doc.spans["thaipress"]
    ]
    assert as_json_value(back._.thaipress) == user_doc._.thaipress  # msgpack gives arrays back as tuples
    as_json = user_doc.to_json()
    json.dumps(as_json, ensure_ascii=False)
    assert sum(1 for e in as_json["ents"] if e["label"] == "PERSON") == 5


def test_text_without_thai_is_left_alone(user_nlp):
    doc = user_nlp("A press release in English only.")
    assert doc._.thaipress is None and not doc.ents
    assert doc._.thaipress_error["code"] == "no_thai"


def test_own_pipeline_sets_ents_too(seed_text):
    nlp = load()
    doc = nlp(seed_text)
    assert set(ents_of(doc, "PERSON")) == SEED_PEOPLE
    assert ents_of(doc, "DATE") == SEED_DATES
    (back,) = DocBin(store_user_data=True, docs=[doc]).get_docs(nlp.vocab)
    assert ents_of(back, "PERSON") == ents_of(doc, "PERSON")
    assert as_json_value(back._.thaipress) == doc._.thaipress


# -- the same ents and spans on raw text as through pipeline.load() -------------------------
def _mapped(nlp_doc):
    """pipeline.load()'s ents and spans, in the raw text's offsets."""
    from pipeline.document import offset_map

    to_raw = offset_map(nlp_doc).span_to_raw
    ents = [(*to_raw(e.start_char, e.end_char), e.label_) for e in nlp_doc.ents]
    spans = sorted((*to_raw(s.start_char, s.end_char), s.label_, s.kb_id_) for s in nlp_doc.spans["thaipress"])
    return ents, spans


def _raw(user_doc):
    ents = [(e.start_char, e.end_char, e.label_) for e in user_doc.ents]
    spans = sorted((s.start_char, s.end_char, s.label_, s.kb_id_) for s in user_doc.spans["thaipress"])
    return ents, spans


@pytest.fixture(scope="module")
def own_nlp():
    return load()


def test_brackets_stay_out_of_the_ents_on_raw_text(user_nlp, own_nlp):
    # u0001, u0006 of the unlabeled corpus: spaCy's Thai tokenizer glues "(6" and "ดย.)"
    raw = ("วันนี้ (6 มกราคม 2565) นายจุรินทร์ ลักษณวิศิษฏ์ รองนายกรัฐมนตรีและรัฐมนตรีว่าการกระทรวงพาณิชย์ "
           "ประชุมร่วมกับกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (พม.) ที่จังหวัดพิษณุโลก")
    doc = user_nlp(raw)
    assert not [e.text for e in doc.ents if e.text.startswith("(") or e.text.endswith(")")]
    assert "6 มกราคม 2565" in [e.text for e in doc.ents if e.label_ == "DATE"]
    assert _raw(doc) == _mapped(own_nlp(raw))


def test_two_repairs_in_one_phrase_keep_the_offsets_between_them(user_nlp, own_nlp):
    # u0069: ตําบล (NIKHAHIT + SARA AA) twice in one run of Thai letters; normalization once
    # replaced the whole stretch between the two, and the entities in it lost their offsets
    raw = "ศูนย์ช่วยเหลือสังคมตําบลบ้านกร่างและศูนย์ช่วยเหลือสังคมตําบลบึงพระ จังหวัดพิษณุโลก"
    assert _raw(user_nlp(raw)) == _mapped(own_nlp(raw))
    repairs = own_nlp(raw)._.thaipress["normalization"]["repairs"]
    assert [(r["raw_span"], r["raw_text"]) for r in repairs] == [([20, 22], "ํา"), ([56, 58], "ํา")]


def test_samples_give_the_same_ents_and_spans(user_nlp, own_nlp):
    from pipeline.loading import load_file

    from .conftest import SAMPLES

    for path in sorted(SAMPLES.iterdir()):
        raw = load_file(path).text
        assert _raw(user_nlp(raw)) == _mapped(own_nlp(raw)), path.name


def test_real_releases_give_the_same_ents_and_spans(user_nlp, own_nlp):
    from .conftest import SHARED, shared_or_skip

    folder = shared_or_skip(SHARED / "corpus" / "unlabeled")
    differ = []
    for path in sorted(folder.glob("*.txt"))[:100]:
        raw = path.read_text(encoding="utf-8")
        if _raw(user_nlp(raw)) != _mapped(own_nlp(raw)):
            differ.append(path.name)
    assert not differ
