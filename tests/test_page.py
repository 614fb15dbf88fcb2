from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from clipper.errors import ContentError, FileError
from clipper.web.page import decode_html, load_file, meta_charset


def test_meta_charset_forms() -> None:
    assert meta_charset(b'<meta charset="koi8-r">') == "koi8-r"
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">') == "Shift_JIS"
    assert meta_charset(b"<p>no declaration</p>") is None


def test_bom_wins() -> None:
    text, name = decode_html(codecs.BOM_UTF8 + "<p>é</p>".encode(), "iso-8859-1")
    assert text == "<p>é</p>" and name == "utf-8-sig"


def test_iso_2022_jp_is_seven_bit_and_honoured() -> None:
    data = '<meta charset="iso-2022-jp"><p>日本語のテキスト</p>'.encode("iso-2022-jp")
    assert "日本語" in decode_html(data)[0]


def test_unknown_label_falls_back_to_detection() -> None:
    data = "<meta charset='no-such-charset'><p>Привет, как дела? Всё хорошо, спасибо.</p>".encode("cp1251") * 5
    assert "Привет" in decode_html(data)[0]


def test_load_saved_file(tmp_path: Path) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes("<html><body><p>Grüße aus Köln</p></body></html>".encode("cp1252"))
    loaded = load_file(page, "https://ex.com/a")
    assert "Grüße" in loaded.text
    assert loaded.final_url == "https://ex.com/a" and loaded.fetched_at is None


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [(None, FileError, "no such file"), (b"", ContentError, "empty"), (b"%PDF-1.7\x00\x01", ContentError, "binary")],
)
def test_load_file_errors(tmp_path: Path, content: bytes | None, error: type[Exception], message: str) -> None:
    path = tmp_path / "page.html"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(error, match=message):
        load_file(path)


def test_load_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="folder"):
        load_file(tmp_path)
