"""Each reader turns a real file of its format into raw records with text and metadata."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest
from ingest_samples import EN_TEXT, ES_TEXT, docx_bytes, eml_bytes, html_page, jsonl_text, pdf_bytes

from pista.errors import IngestError
from pista.ingest import (
    BadRecord,
    IngestOptions,
    RawRecord,
    iter_records,
    known_suffixes,
    normalize_date,
    reader_for,
)
from pista.ingest.readers import html as html_reader
from pista.ingest.readers.lines import read_lines


def one(path: Path, **options: object) -> RawRecord:
    items = list(iter_records(path, IngestOptions(**options)))  # type: ignore[arg-type]
    assert len(items) == 1
    assert isinstance(items[0], RawRecord)
    return items[0]


def test_registry_knows_every_format_by_suffix_in_any_case() -> None:
    for suffix in (".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".eml", ".jsonl", ".csv"):
        assert suffix in known_suffixes()
    assert reader_for(Path("A.PDF")).name == "pdf"
    assert reader_for(Path("x.jsonl")).streaming
    assert not reader_for(Path("x.html")).streaming


def test_txt_keeps_text_and_takes_first_line_as_title(write) -> None:
    record = one(write("a.txt", f"Raid in Lima\n\n{EN_TEXT}\n"))
    assert record.title == "Raid in Lima"
    assert EN_TEXT in record.text
    assert record.origin == str(write("a.txt", "x").absolute())


def test_markdown_title_is_the_first_heading(write) -> None:
    record = one(write("b.md", f"Intro line\n\n# Operativo en Bogotá\n\n{ES_TEXT}\n"))
    assert record.title == "Operativo en Bogotá"


def test_markdown_front_matter_gives_metadata_and_markup_is_dropped(write) -> None:
    page = (
        "---\ntitle: Operativo en Bogotá\npublished: 2024-03-07\npublisher_kind: police\nlang: es\n---\n\n"
        f"# Operativo\n\n**Comunicado.** Según la [Policía](https://example.org), *ayer*:\n\n- {ES_TEXT}\n"
    )
    record = one(write("c.md", page))
    assert (record.title, record.published, record.publisher_kind, record.lang) == (
        "Operativo en Bogotá",
        "2024-03-07",
        "police",
        "es",
    )
    assert record.text.startswith("\nOperativo\n\nComunicado. Según la Policía, ayer:")
    assert "---" not in record.text and "#" not in record.text and "https" not in record.text
    assert ES_TEXT in record.text


def test_markdown_front_matter_that_is_not_yaml_is_ignored_with_a_warning(write) -> None:
    record = one(write("d.md", f"---\ntitle: [unclosed\n---\n{ES_TEXT}\n"))
    assert record.title is None
    assert record.warnings == ("front matter is not valid YAML; ignored",)


def test_txt_with_utf8_bom_and_utf16_decodes(write) -> None:
    assert one(write("bom.txt", "\ufeffHola mundo".encode())).text == "Hola mundo"
    assert one(write("wide.txt", "Operación en Perú".encode("utf-16"))).text == "Operación en Perú"


def test_html_main_text_title_and_published_meta(write) -> None:
    page = html_page("Raid in Lima", EN_TEXT + "\n" + EN_TEXT.upper(), published="2024-03-07T09:30:00-05:00")
    record = one(write("page.html", page))
    assert record.title == "Raid in Lima"
    assert record.published is not None and record.published.startswith("2024-03-07")
    assert "extortion scheme" in record.text
    assert "Contact us" not in record.text


def test_html_meta_date_in_day_first_form_is_read(write) -> None:
    page = (
        "<html><head><title>Short note</title><meta name='date' content='07/03/2024'></head>"
        "<body><p>Arrest in Quito.</p></body></html>"
    )
    record = one(write("short.htm", page))
    assert record.title == "Short note"
    assert normalize_date(record.published) == "2024-03-07"
    assert "Arrest in Quito." in record.text


def test_html_falls_back_to_title_tag_meta_and_body_text(write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", lambda *a, **k: None)
    page = (
        "<html><head><title>Short note</title><meta name='date' content='2024-03-07'>"
        "<link rel='canonical' href='https://example.org/n/1'><script>var x = 1;</script></head>"
        "<body><p>Arrest in Quito.</p><p>Second line.</p></body></html>"
    )
    record = one(write("fallback.html", page))
    assert (record.title, record.published, record.url) == (
        "Short note",
        "2024-03-07",
        "https://example.org/n/1",
    )
    assert record.text == "Arrest in Quito.\nSecond line."


def test_html_charset_meta_is_honoured(write) -> None:
    page = f"<html><head><meta charset='iso-8859-1'><title>Operación</title></head><body><p>{ES_TEXT}</p></body></html>"
    record = one(write("latin.html", page.encode("latin-1")))
    assert record.title == "Operación"
    assert "policía" in record.text


def test_pdf_text_layer_and_title(write) -> None:
    record = one(write("release.pdf", pdf_bytes([EN_TEXT, ES_TEXT], title="Press release 12")))
    assert record.title == "Press release 12"
    assert "extortion" in record.text and "fiscalía" in record.text


def test_docx_paragraphs_tables_and_core_properties(write) -> None:
    data = docx_bytes(
        [EN_TEXT, ES_TEXT],
        table=[["Name", "Role"], ["Alias El Gocho", "leader"]],
        title="Brief 7",
        created=datetime(2024, 2, 1, 12, 0),
    )
    record = one(write("brief.docx", data))
    assert record.title == "Brief 7"
    assert record.published == "2024-02-01"
    assert "Alias El Gocho | leader" in record.text
    assert record.text.index("Police in Lima") < record.text.index("Alias El Gocho")


def test_docx_without_properties_has_no_template_date(write) -> None:
    record = one(write("plain.docx", docx_bytes([EN_TEXT])))
    assert record.published is None
    assert record.title is None


def test_eml_plain_subject_and_date(write) -> None:
    data = eml_bytes("Capturan a cabecilla", "Tue, 05 Mar 2024 10:00:00 -0500", plain=ES_TEXT)
    record = one(write("note.eml", data))
    assert record.title == "Capturan a cabecilla"
    assert record.published == "Tue, 05 Mar 2024 10:00:00 -0500"
    assert "extorsionaba" in record.text


def test_eml_prefers_plain_over_html_part(write) -> None:
    data = eml_bytes("Both", None, plain="Plain body " + EN_TEXT, html="<p>HTML body</p>")
    assert one(write("both.eml", data)).text.startswith("Plain body")


def test_eml_html_only_goes_through_html_extraction(write) -> None:
    data = eml_bytes("Solo HTML", "5 Mar 2024 10:00:00 +0000", html=html_page("Ignored", ES_TEXT))
    record = one(write("html.eml", data))
    assert record.title == "Solo HTML"
    assert "fiscalía" in record.text
    assert "<p>" not in record.text


def test_jsonl_records_with_fields_and_origins(write) -> None:
    path = write(
        "feed.jsonl",
        jsonl_text(
            [
                {"id": "a1", "text": EN_TEXT, "title": "T", "url": "https://example.org/a", "lang": "en"},
                "",
                {"text": ES_TEXT, "source": "wire", "published": "2024-01"},
            ]
        ),
    )
    first, second = iter_records(path)
    assert isinstance(first, RawRecord) and isinstance(second, RawRecord)
    assert first.origin.endswith("feed.jsonl#a1")
    assert (first.title, first.url, first.lang) == ("T", "https://example.org/a", "en")
    assert second.origin.endswith("feed.jsonl#line 3")
    assert (second.source, second.published) == ("wire", "2024-01")


def test_jsonl_bad_records_do_not_stop_the_file(write) -> None:
    path = write(
        "mixed.jsonl",
        jsonl_text(
            [
                {"id": "ok1", "text": EN_TEXT},
                "{not json",
                "[1, 2]",
                {"id": "x", "title": "no text"},
                {"id": "y", "text": 42},
                {"id": "ok2", "text": ES_TEXT},
            ]
        ),
    )
    items = list(iter_records(path))
    reasons = [(i.origin.rsplit("#", 1)[1], i.reason) for i in items if isinstance(i, BadRecord)]
    assert [r[0] for r in reasons] == ["line 2", "line 3", "line 4", "line 5"]
    assert "invalid JSON" in reasons[0][1]
    assert "not a JSON object" in reasons[1][1]
    assert "no 'text' field" in reasons[2][1]
    assert "must be a string" in reasons[3][1]
    assert [i.origin.rsplit("#", 1)[1] for i in items if isinstance(i, RawRecord)] == ["ok1", "ok2"]


def test_jsonl_undecodable_line_names_its_byte_offset(write) -> None:
    good = jsonl_text([{"id": "a", "text": EN_TEXT}]).encode()
    path = write("enc.jsonl", good + b'{"id": "b", "text": "caf\xe9"}\n' + good)
    items = list(iter_records(path))
    bad = [i for i in items if isinstance(i, BadRecord)]
    assert len(items) == 3 and len(bad) == 1
    assert f"byte offset {len(good) + 24}" in bad[0].reason
    assert "--encoding" in bad[0].reason


def test_jsonl_record_over_the_limit_is_skipped_not_loaded(write) -> None:
    big = {"id": "big", "text": "x " * 5000}
    path = write(
        "big.jsonl", jsonl_text([{"id": "a", "text": "short one"}, big, {"id": "c", "text": "after"}])
    )
    items = list(iter_records(path, IngestOptions(max_bytes=1000)))
    assert [type(i).__name__ for i in items] == ["RawRecord", "BadRecord", "RawRecord"]
    assert isinstance(items[1], BadRecord) and "over the limit of 1000 bytes" in items[1].reason


def test_read_lines_reads_an_oversize_line_in_bounded_pieces() -> None:
    class Counting(io.BytesIO):
        largest = 0

        def readline(self, size: int | None = -1) -> bytes:
            data = super().readline(size)
            Counting.largest = max(Counting.largest, len(data))
            return data

    stream = Counting(b"a\n" + b"y" * (3 << 20) + b"\nlast")
    lines = list(read_lines(stream, max_bytes=100))
    assert [(line.number, line.data) for line in lines] == [(1, b"a\n"), (2, None), (3, b"last")]
    assert lines[2].offset == 2 + (3 << 20) + 1
    assert Counting.largest <= 1 << 20


def test_jsonl_streams_record_by_record(write) -> None:
    path = write("lazy.jsonl", jsonl_text([{"id": "a", "text": "first"}]))
    items = iter_records(path)
    first = next(items)
    assert isinstance(first, RawRecord) and first.text == "first"
    with path.open("a", encoding="utf-8") as f:  # the file is read only as records are asked for
        f.write(jsonl_text([{"id": "b", "text": "appended"}]))
    assert [i.text for i in items if isinstance(i, RawRecord)] == ["appended"]


def test_csv_rows_with_semicolons_quotes_and_newlines(write) -> None:
    content = (
        "id;title;text;published;lang\n"
        f'r1;Uno;"{ES_TEXT}";05/03/2024;es\n'
        'r2;Dos;"Primera línea\nsegunda; con punto y coma";2024-03-06;es\n'
    )
    items = list(iter_records(write("rows.csv", content)))
    assert all(isinstance(i, RawRecord) for i in items)
    first, second = items
    assert isinstance(first, RawRecord) and isinstance(second, RawRecord)
    assert first.origin.endswith("rows.csv#r1") and first.published == "05/03/2024"
    assert second.text == "Primera línea\nsegunda; con punto y coma"


def test_csv_bad_rows_are_named_by_line(write) -> None:
    content = f'id,text\n,\n"a2",""\nr3,"{EN_TEXT}"\nr4\n'
    items = list(iter_records(write("bad.csv", content)))
    good = [i for i in items if isinstance(i, RawRecord)]
    bad = [i for i in items if isinstance(i, BadRecord)]
    assert [g.origin.rsplit("#", 1)[1] for g in good] == ["r3"]
    assert [(b.origin.rsplit("#", 1)[1], b.reason) for b in bad] == [
        ("line 3", "record has an empty 'text' field"),
        ("line 5", "record has no 'text' field"),
    ]


def test_csv_without_text_column_is_a_file_error(write) -> None:
    with pytest.raises(IngestError, match=r"no 'text' column in the header \(columns: id, body\)"):
        list(iter_records(write("cols.csv", "id,body\n1,hello\n")))


def test_csv_undecodable_line_stops_the_file_keeping_rows_before(write) -> None:
    path = write("enc.csv", b"id,text\na,first row\nb,caf\xe9\nc,third\n")
    items = iter_records(path)
    first = next(items)
    assert isinstance(first, RawRecord) and first.text == "first row"
    with pytest.raises(IngestError, match=r"line 3: not valid UTF-8 at byte offset 25 \(0xE9\)"):
        next(items)
    ok = list(iter_records(path, IngestOptions(encoding="latin-1")))
    assert [i.text for i in ok if isinstance(i, RawRecord)] == ["first row", "café", "third"]


def test_txt_hard_wrapped_paragraph_has_no_title(write) -> None:
    record = one(write("wrapped.txt", "Police in Lima arrested twelve\nsuspected members of a network.\n"))
    assert record.title is None
