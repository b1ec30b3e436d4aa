"""Generate the sample PDF report in ``reports/`` (run from the repository root).

    .venv/bin/python examples/make_pdf.py

The text lives here so the PDF can be rebuilt; the generated file is committed beside it.
A Unicode TrueType font (DejaVu Sans) is embedded when the system has it; otherwise the
text is written with a core PDF font after folding the characters it cannot encode.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

OUT = Path(__file__).resolve().parent / "reports" / "08-lima-factions.pdf"
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))

TITLE = "Tren de Aragua's factions compete for Lima"
PUBLISHED = datetime(2024, 11, 4, tzinfo=UTC)
PARAGRAPHS = [
    "LIMA, November 2024. Peru hosts about 1.5 million Venezuelan migrants, most of them in "
    "Lima, and the criminal groups that followed them have become a daily concern for the "
    "city's police. The Peruvian National Police (PNP) and prosecutors of the Public "
    "Ministry describe several factions in the capital that operate under the name of Tren "
    "de Aragua, the gang born in the Tocorón prison in Venezuela.",
    "The best known is Los Gallegos, a faction that the police link to extortion of bus "
    "companies, mototaxi drivers and small shops, to contract killings of those who refuse "
    "to pay, and to the sexual exploitation of Venezuelan women recruited with false job "
    "offers. Other groups described by police and the press as Tren de Aragua factions or "
    "offshoots, such as Los Hijos de Dios and Los Malditos del Tren de Aragua, have been "
    "investigated for extortion and human trafficking in the districts of northern and "
    "eastern Lima. The factions also fight each other over territory and over the market "
    "for predatory 'gota a gota' loans.",
    "In September 2023 the government declared a state of emergency in the districts of San "
    "Juan de Lurigancho and San Martín de Porres, which allowed the armed forces to support "
    "the police, and later extended it. In October 2024 transport workers in Lima went on "
    "strike to demand protection from extortion, after drivers who refused to pay were "
    "shot dead.",
    "Investigators say the factions recruit young Venezuelans and Peruvians, rotate their "
    "members between cities and receive instructions from leaders abroad, which makes "
    "arrests in Lima only part of the answer.",
]


def _font_dir() -> Path | None:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").exists() and (folder / "DejaVuSans-Bold.ttf").exists():
            return folder
    return None


def _fold(text: str) -> str:
    """Text a core (Latin-1) font can encode: typographic marks replaced, accents kept."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return "".join(
        ch if ch.encode("latin-1", "ignore") else unicodedata.normalize("NFKD", ch)[0] for ch in text
    )


def build(out: Path = OUT) -> Path:
    pdf = FPDF(format="A4")
    pdf.set_title(TITLE)
    pdf.set_author("Regional desk")
    pdf.set_subject("News report")
    pdf.set_keywords("published:2024-11-04 publisher_kind:press lang:en")
    pdf.set_creation_date(PUBLISHED)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    fonts = _font_dir()
    if fonts is not None:
        pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
        family, fix = "DejaVu", (lambda s: s)
    else:
        family, fix = "Helvetica", _fold
    pdf.set_font(family, "B", 16)
    pdf.multi_cell(0, 8, fix(TITLE), align="L")
    pdf.ln(4)
    pdf.set_font(family, "", 11)
    for paragraph in PARAGRAPHS:
        pdf.multi_cell(0, 6, fix(paragraph), align="L")
        pdf.ln(3)
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    print(build())
