"""Small hand-written inputs for the interoperability tests."""

from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model

MESSY_CSV = """record_no,full_name,alias,dob,nationality,charges,station,arrest_date,place
R1,HECTOR RUSTENFORD GUERRERO FLORES,Niño Guerrero; El Viejo / Viejo Hector,01/12/1983,VE,Extorsión; Homicidio,COMISARIA ZARATE,15/03/2024,LIMA
R2,MARIA DEL CARMEN DE LA CRUZ,La Flaca | Carmencita,1990-07-22,Venezuela,Tráfico ilícito de drogas,Comisaría Zárate,2024-04-02,San Juan de Lurigancho
R3,Jose Luis Ramirez,,,PE,Robo agravado,Comisaría Los Olivos,,Los Olivos
R4,,El Chino,12/05/1995,VE,Extorsión,Comisaría Zárate,03/05/2024,Lima
R5,ANDERSON JOSE PEREZ,Gocho,31/02/1998,VE,Sicariato,Comisaría Independencia,10/05/2024,Independencia
"""

MAPPING = """kind: arrest
source: arrests
publisher_kind: police
country: PE
id: record_no
fields:
  name: full_name
  aliases: alias
  birth_date: dob
  nationality: nationality
  charges: charges
  agency: station
  date: arrest_date
  place: place
date_formats: ["%d/%m/%Y", "%Y-%m-%d"]
"""


def write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def watchlist(tmp: Path) -> Path:
    """A small invented watchlist in FtM JSON lines."""
    rows = []

    def make(schema: str, ident: str, **props: object) -> None:
        e = model.make_entity(schema)
        e.id = ident
        for k, v in props.items():
            e.add(k, v)
        rows.append(e.to_dict())

    make(
        "Person",
        "wl-1",
        name="Héctor Rusthenford Guerrero Flores",
        alias="Niño Guerrero",
        birthDate="1983-12-01",
        nationality="ve",
    )
    make("Person", "wl-2", name="Carlos Alberto Guerrero Flores", birthDate="1979-04-09", nationality="co")
    make("Person", "wl-3", name="Wilmer José Pérez Castillo", alias="Carne", nationality="ve")
    make("Organization", "wl-4", name="Tren de Aragua", country="ve", topics="crime")
    make("Membership", "wl-5", member="wl-1", organization="wl-4", role="leader")
    path = tmp / "watchlist.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path
