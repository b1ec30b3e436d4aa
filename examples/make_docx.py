"""Generate the sample Word report in ``reports/`` (run from the repository root).

    .venv/bin/python examples/make_docx.py

The text lives here so the file can be rebuilt; the generated file is committed beside it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent / "reports" / "11-trata-y-trafico.docx"

TITLE = "Trata de personas y tráfico de migrantes: el modelo del Tren de Aragua"
PUBLISHED = datetime(2024, 9, 10, tzinfo=UTC)
SECTIONS: list[tuple[str | None, list[str]]] = [
    (
        None,
        [
            "Informe de análisis. La expansión del Tren de Aragua fuera de Venezuela se apoyó "
            "en dos negocios ligados a la migración: el tráfico de migrantes y la trata de "
            "personas con fines de explotación sexual. Este informe resume lo que han "
            "descrito públicamente las policías y fiscalías de Colombia, Perú y Chile.",
        ],
    ),
    (
        "Tráfico de migrantes",
        [
            "En la frontera entre Colombia y Venezuela, la organización cobró a los migrantes "
            "por cruzar las trochas cercanas a Cúcuta. Más al sur, sus células se beneficiaron "
            "del paso de migrantes por cruces no habilitados entre Bolivia y Chile, cerca de "
            "Colchane, en la región de Tarapacá.",
        ],
    ),
    (
        "Trata y explotación sexual",
        [
            "Las víctimas, en su mayoría mujeres venezolanas jóvenes, son captadas con ofertas "
            "de trabajo falsas difundidas por redes sociales. Al llegar a Lima, Bogotá o "
            "Santiago se les impone una deuda por el viaje, se les retienen los documentos y "
            "se las obliga a ejercer la prostitución bajo amenaza. Los Gallegos, facción del "
            "Tren de Aragua en Lima, han sido investigados por este delito, así como por la "
            "extorsión de las propias víctimas.",
        ],
    ),
    (
        "Indicadores para analistas",
        [
            "Anuncios de empleo en el extranjero con viaje pagado; deudas que crecen sin "
            "explicación; alojamiento controlado por terceros; víctimas que no conservan su "
            "pasaporte; y pagos periódicos a cobradores que también ofrecen préstamos "
            "'gota a gota'. Cuando aparecen juntos, conviene cruzar la información con las "
            "unidades especializadas en trata de personas de la policía y de la fiscalía.",
        ],
    ),
]


def build(out: Path = OUT) -> Path:
    doc = Document()
    props = doc.core_properties
    props.title = TITLE
    props.author = "Unidad de análisis"
    props.language = "es"
    props.keywords = "publisher_kind:ngo"
    props.created = PUBLISHED
    props.modified = PUBLISHED
    doc.add_heading(TITLE, level=1)
    for heading, paragraphs in SECTIONS:
        if heading:
            doc.add_heading(heading, level=2)
        for paragraph in paragraphs:
            doc.add_paragraph(paragraph)
    doc.save(str(out))
    return out


if __name__ == "__main__":
    print(build())
