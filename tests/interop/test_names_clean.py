from __future__ import annotations

import pytest

from pista.interop.names import name_key, parse_date, split_values, tidy_name
from pista.interop.records import crime_type


def test_upper_case_names_are_title_cased_keeping_particles() -> None:
    assert tidy_name("MARIA DEL CARMEN DE LA CRUZ") == "Maria del Carmen de la Cruz"
    assert tidy_name("  JOSE   O'BRIEN ") == "Jose O'Brien"
    assert tidy_name("DE LA CRUZ") == "De la Cruz"  # a particle opening the name is capitalised


def test_mixed_case_names_are_kept() -> None:
    assert tidy_name("Juan de los Santos McCarthy") == "Juan de los Santos McCarthy"


def test_aliases_split_on_separators() -> None:
    assert split_values("Niño Guerrero; El Viejo / Viejo | Gocho") == [
        "Niño Guerrero",
        "El Viejo",
        "Viejo",
        "Gocho",
    ]
    assert split_values(["A", "A", " B "]) == ["A", "B"]
    assert split_values("") == []


def test_two_date_formats_and_missing_dates() -> None:
    formats = ["%d/%m/%Y", "%Y-%m-%d"]
    assert parse_date("01/12/1983", formats) == "1983-12-01"
    assert parse_date("1983-12-01", formats) == "1983-12-01"
    assert parse_date("", formats) is None
    assert parse_date("s/d", formats) is None
    with pytest.raises(ValueError):
        parse_date("31/02/1998", formats)


def test_name_key_folds_accents_and_script() -> None:
    assert name_key("Héctor GUERRERO") == name_key("hector guerrero")
    assert name_key("Владимир Путин").isascii()


def test_charges_map_to_crime_types() -> None:
    assert crime_type("Extorsión agravada") == "extortion"
    assert crime_type("Tráfico ilícito de drogas") == "drug_trafficking"
    assert crime_type("Disturbios") == "other"
