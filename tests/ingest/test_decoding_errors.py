"""Decoding names the offending byte and suggests --encoding."""

from __future__ import annotations

import pytest

from pista.errors import ConfigError, IngestError
from pista.ingest.decoding import check_encoding, decode, html_charset


def test_utf8_with_and_without_bom() -> None:
    assert decode("año".encode(), "f") == "año"
    assert decode(b"\xef\xbb\xbfa\xc3\xb1o", "f") == "año"


def test_utf16_by_bom_is_not_mistaken_for_binary() -> None:
    assert decode("Perú".encode("utf-16"), "f") == "Perú"


def test_invalid_utf8_names_offset_byte_and_the_option() -> None:
    with pytest.raises(IngestError) as err:
        decode(b"abc\xe9def", "notes.txt")
    assert err.value.path == "notes.txt"
    assert err.value.reason == (
        "not valid UTF-8 at byte offset 3 (0xE9); "
        "if the file uses another encoding, pass it with --encoding (e.g. --encoding latin-1)"
    )


def test_invalid_in_the_chosen_encoding_says_to_check_it() -> None:
    with pytest.raises(IngestError, match=r"not valid ascii at byte offset 1 \(0xE9\); check the --encoding"):
        decode(b"a\xe9", "f", "ascii")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(IngestError, match=r"binary data, not text \(NUL byte at offset 2\)"):
        decode(b"ab\x00cd", "f")


def test_latin1_when_asked() -> None:
    assert decode("Operación".encode("latin-1"), "f", check_encoding("latin-1")) == "Operación"


def test_html_meta_charset() -> None:
    assert html_charset(b"<html><head><meta charset='windows-1252'>") == "cp1252"
    assert (
        html_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
        == "iso8859-1"
    )
    assert html_charset(b"<meta charset='nonsense-42'>") is None


def test_unknown_encoding_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown encoding 'latin-9000'"):
        check_encoding("latin-9000")
