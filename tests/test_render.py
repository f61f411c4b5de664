"""HTML pages: ``thaipress render``, ``batch --html`` and its index, and the seed's page
in a real browser (headless Chromium through Selenium), with a screenshot."""

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from pipeline.output.render import render_document, render_index, index_row

from .conftest import ROOT, SAMPLES, SEED


class Marks(HTMLParser):
    """The highlighted mentions (label, text) and the flags of a page."""

    def __init__(self):
        super().__init__()
        self.marks, self.flags, self.external = [], [], []
        self._stack: list[list] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe") and a.get("src") or tag == "link" and a.get("href"):
            self.external.append((tag, a))
        if tag == "mark":
            self._stack.append(["mark", a.get("data-label"), ""])
        elif tag == "span" and "tp-flag" in (a.get("class") or ""):
            self._stack.append(["flag", a.get("data-flag"), ""])
        elif tag == "span" and self._stack and self._stack[-1][0] == "mark":
            self._stack.append(["label", None, ""])

    def handle_data(self, data):
        if self._stack and self._stack[-1][0] in ("mark", "flag"):
            self._stack[-1][2] += data

    def handle_endtag(self, tag):
        if tag in ("mark", "span") and self._stack:
            kind, label, text = self._stack.pop()
            if kind == "mark":
                self.marks.append((label, text.strip()))
            elif kind == "flag":
                self.flags.append((label, text.strip(), len(self.marks)))


@pytest.fixture(scope="module")
def seed_page(seed_doc):
    return render_document(seed_doc)


def parse(page):
    p = Marks()
    p.feed(page)
    return p


def test_seed_page_highlights_items_by_kind(seed_page):
    p = parse(seed_page)
    people = [t for label, t in p.marks if label == "PERSON"]
    assert len(people) == 5 and "นายสุพรพล หนูครองสิน" in people
    assert {label for label, _ in p.marks} >= {"PERSON", "ORG", "LOC", "DATE", "TIME", "VENUE", "DATE ⚑"}


def test_flag_sits_beside_the_date_it_concerns(seed_page):
    p = parse(seed_page)
    (code, text, after) = p.flags[0]
    assert code == "date_after_document" and "2021-12-23" in text
    assert p.marks[after - 1] == ("DATE ⚑", "วันที่ 23 ธันวาคม 2565")  # the mark just before the flag


def test_page_is_self_contained_and_has_the_panel(seed_page):
    p = parse(seed_page)
    assert not p.external
    head = seed_page.split("<body>", 1)[0]
    assert not re.search(r"url\((?!data:font/woff2;base64,)|@import|https?://(?!jsonfeed)", head)
    for heading in ("People (5)", "Dates (3)", "Flags (1)", "Venues", "Resolutions"):
        assert heading in seed_page


def test_render_command_from_text_and_from_json(tmp_path):
    for src in (SEED, ROOT / "outputs" / "bma-smart-change-2565.json"):
        out = tmp_path / (src.stem + ".html")
        res = subprocess.run([sys.executable, "-m", "pipeline", "render", str(src), "-o", str(out)],
                             cwd=ROOT, capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        assert "date_after_document" in out.read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "pipeline", "render", str(bad), "-o", str(tmp_path / "x.html")],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode != 0 and "Traceback" not in res.stderr and "JSON Schema" in res.stderr


def test_batch_html_writes_pages_and_a_sortable_index(tmp_path):
    out = tmp_path / "out"
    res = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(SAMPLES), "-o", str(out), "--html",
                          "--workers", "1", "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    pages = sorted(p.name for p in out.glob("*.html") if p.name != "index.html")
    assert pages == sorted(p.stem + ".html" for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in pages:
        assert f'href="{name}"' in index
    assert "2022-01-21" in index and "date_after_document" in index
    assert 'data-sort="000005"' in index  # the seed's five people, sortable as text


def test_index_rows_escape_what_they_show():
    doc = {"source": {"path": "a<b>.txt"}, "title": {"text": "<script>x</script>"}, "people": [], "flags": []}
    page = render_index([index_row(doc, "a.html")])
    assert "<script>x</script>" not in page and "&lt;script&gt;" in page


def panel_rows(page: str, heading: str) -> list[list[str]]:
    """The cells of the panel's table under ``heading`` (tags dropped)."""
    section = page.split(f"<h2>{heading}", 1)[1].split("</section>", 1)[0]
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr data-item=[^>]*>(.*?)</tr>", section)]


def test_ranges_show_whole_in_the_tables():
    from pipeline import analyze

    # u0007: "8 - 28 ม.ค.นี้" (a range of days); a hospital's hours "08.30 - 16.30 น."
    doc = analyze("วันจันทร์ที่ 10 มกราคม 2565\n8 - 28 ม.ค.นี้ พม. เชิญชวนเด็กๆ ส่งประกวดเรียงความชิงทุนการศึกษา\n"
                  "ให้บริการทุกวันจันทร์ถึงวันศุกร์ ตั้งแต่เวลา 08.30 - 16.30 น. หากต้องการรักษา")
    page = render_document(doc)
    dates = {row[0]: row[1] for row in panel_rows(page, "วันที่ · Dates")}
    assert dates["8 - 28 ม.ค."] == "2022-01-08 – 2022-01-28"
    times = {row[0]: row[1] for row in panel_rows(page, "เวลา · Times")}
    assert times["เวลา 08.30 - 16.30 น."] == "08:30 – 16:30"
    assert 'title="2022-01-08 – 2022-01-28"' in page  # the mark's tooltip too


def test_page_bundles_a_thai_web_font(seed_page):
    import base64

    faces = re.findall(r"@font-face\s*\{(.*?)\}", seed_page, re.S)
    assert len(faces) == 2 and all('font-family: "Sarabun"' in f and "U+0E01-0E5B" in f for f in faces)
    for face in faces:
        data = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", face).group(1))
        assert data[:4] == b"wOF2" and 5_000 < len(data) < 100_000
    assert re.search(r'body \{[^}]*font-family: "Sarabun"', seed_page)
    assert (ROOT / "pipeline" / "data" / "render" / "fonts" / "OFL.txt").exists()


# -- in a browser -------------------------------------------------------------------------------
def _browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Chromium or ChromeDriver is absent (Debian: apt-get install chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1800"):
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=opts)


@pytest.fixture(scope="module")
def browser():
    b = _browser()
    yield b
    b.quit()


def test_seed_page_in_chromium(browser, seed_page, tmp_path):
    from selenium.webdriver.common.by import By

    page = tmp_path / "seed.html"
    page.write_text(seed_page, encoding="utf-8")
    browser.get(page.as_uri())
    people = browser.find_elements(By.CSS_SELECTOR, 'mark[data-label="PERSON"]')
    assert len(people) == 5 and all(m.is_displayed() and m.size["width"] > 20 for m in people)
    date = browser.find_element(By.CSS_SELECTOR, 'mark[data-label="DATE ⚑"]')
    flag = browser.find_element(By.CSS_SELECTOR, ".tp-flag")
    assert date.is_displayed() and "23 ธันวาคม 2565" in date.text
    assert flag.is_displayed() and "date_after_document" in flag.text
    # beside the date: on its line, or the next when the line is full
    assert 0 <= flag.location["y"] - date.location["y"] < 3 * date.size["height"]
    # highlighting is visible: the mark's background is not the page's
    assert date.value_of_css_property("background-color") != browser.find_element(
        By.CSS_SELECTOR, ".tp-text").value_of_css_property("background-color")
    # a click on a row of the panel shows the mention
    browser.find_element(By.CSS_SELECTOR, '.tp-panel tr[data-item="person-1"]').click()
    assert "tp-active" in browser.find_element(By.CSS_SELECTOR, 'mark[data-item="person-1"]').get_attribute("class")
    # the Thai letters are drawn in the page's own font, whatever the system has
    assert browser.execute_script("return document.fonts.check('16px Sarabun', 'ก')")
    assert browser.execute_script(
        "return [...document.fonts].some(f => f.family.replace(/\"/g, '') == 'Sarabun' && f.status == 'loaded')")
    shot = tmp_path / "seed.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_index_sorts_in_chromium(browser, tmp_path):
    from selenium.webdriver.common.by import By

    rows = [index_row({"source": {"path": f"{n}.txt"}, "title": {"text": f"ข่าว {n}"}, "people": [{}] * n,
                       "flags": [], "document_date": {"date": f"2022-01-{10 + n}"}}, f"{n}.html") for n in (2, 11, 5)]
    page = tmp_path / "index.html"
    page.write_text(render_index(rows), encoding="utf-8")
    browser.get(page.as_uri())
    people_col = browser.find_elements(By.CSS_SELECTOR, "#tp-index th")[3]
    people_col.click()
    order = [r.find_elements(By.TAG_NAME, "td")[3].text for r in browser.find_elements(By.CSS_SELECTOR, "#tp-index tbody tr")]
    assert order == ["2", "5", "11"]
    people_col.click()
    order = [r.find_elements(By.TAG_NAME, "td")[3].text for r in browser.find_elements(By.CSS_SELECTOR, "#tp-index tbody tr")]
    assert order == ["11", "5", "2"]
    browser.save_screenshot(str(tmp_path / "index.png"))
