"""Builders of real files of every supported format, for the ingestion tests."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from email.message import EmailMessage
from typing import Any

import docx
import pypdf
from fpdf import FPDF

EN_TEXT = (
    "Police in Lima arrested twelve suspected members of a criminal network on Tuesday. "
    "Prosecutors said the group ran an extortion scheme targeting bus drivers."
)
ES_TEXT = (
    "La policía de Bogotá capturó a nueve presuntos integrantes de una banda criminal el martes. "
    "La fiscalía dijo que el grupo extorsionaba a comerciantes del centro de la ciudad."
)


def pdf_bytes(pages: Sequence[str], title: str | None = None) -> bytes:
    """A PDF with one page of text per item (an empty item draws a rectangle, no text)."""
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
        else:
            pdf.rect(20, 20, 80, 60)
    return bytes(pdf.output())


def encrypted_pdf_bytes(text: str, password: str = "secret") -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_bytes([text])))
    writer.encrypt(user_password=password, owner_password=password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(
    paragraphs: Sequence[str],
    table: Sequence[Sequence[str]] = (),
    title: str | None = None,
    created: Any = None,
) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title is not None:
        document.core_properties.title = title
    if created is not None:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def eml_bytes(subject: str, date: str | None, plain: str | None = None, html: str | None = None) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = "prensa@example.org"
    message["To"] = "analyst@example.org"
    if date is not None:
        message["Date"] = date
    if plain is not None:
        message.set_content(plain)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    return message.as_bytes()


def html_page(
    title: str, body: str, published: str | None = None, meta: str = "article:published_time"
) -> str:
    date_meta = f'<meta property="{meta}" content="{published}">' if published else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{date_meta}</head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def jsonl_text(records: Sequence[dict[str, Any] | str]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
