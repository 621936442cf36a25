"""Unreadable files fail with an InputError that names the file; iter_inputs expands folders."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import ingest, iter_inputs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("报告.txt", (SEEDS / "000_305e9a0e456975a1.txt").read_bytes())
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n  \n", "only whitespace"),
        ("blank16.txt", "\u3000\u3000\n \n".encode("utf-16"), "only whitespace"),
        ("picture.txt", PNG, "PNG image"),
        ("archive.txt", zip_bytes(), "ZIP archive"),
        ("nul.txt", b"\x00\x01\x02\x03\xff\xfe\xfd" * 50, "binary data"),
        ("fake.docx", "法治政府建设".encode(), "not a .docx"),
        ("broken.docx", zip_bytes(), "not a valid .docx"),
        ("fake.pdf", PNG, "not a PDF"),
        ("empty.pdf", b"", "empty file"),
        ("empty.html", b"", "empty file"),
        ("empty_body.html", b"<html><head><title>t</title></head><body> </body></html>", "no text found"),
    ],
)
def test_ingest_errors_unreadable_files(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem) as error:
        ingest(path)
    assert error.value.path == str(path)
    assert name in str(error.value)


def test_ingest_errors_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "不存在的报告.txt"
    with pytest.raises(InputError, match="no such file") as error:
        ingest(path)
    assert "不存在的报告.txt" in str(error.value)


def test_ingest_errors_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "report.doc"
    shutil.copy(SEEDS / "000_305e9a0e456975a1.txt", path)
    with pytest.raises(InputError, match=r"unsupported file type '\.doc'") as error:
        ingest(path)
    assert "report.doc" in str(error.value)


def test_ingest_errors_directory_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "reports.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        ingest(folder)


def test_ingest_errors_iter_inputs_expands_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    reports = ("b/deeper/2.PDF", "b/1.docx", "a.htm", "c.text", "z.html")
    for relative in (*reports, ".hidden/x.txt", "~$lock.docx", "notes.md", "b/image.png"):
        (tmp_path / relative).write_bytes(b"x")

    found = [path.relative_to(tmp_path).as_posix() for path in iter_inputs([tmp_path])]

    assert found == ["a.htm", "b/1.docx", "b/deeper/2.PDF", "c.text", "z.html"]


def test_ingest_errors_iter_inputs_files_once_in_given_order(tmp_path: Path) -> None:
    seed = SEEDS / "001_c41a6bf51d27d1a9.txt"
    found = list(iter_inputs([seed, SEEDS, str(seed)]))
    assert found[0] == seed
    assert sorted(path.name for path in found) == sorted(path.name for path in SEEDS.glob("*.txt"))
    assert list(iter_inputs(seed)) == [seed]


@pytest.mark.parametrize(
    ("setup", "problem"),
    [
        ("missing", "no such file or directory"),
        ("empty_dir", "no supported files"),
        ("unsupported_dir", "no supported files"),
        ("unsupported_file", "unsupported file type"),
    ],
)
def test_ingest_errors_iter_inputs_rejects(tmp_path: Path, setup: str, problem: str) -> None:
    target = tmp_path / setup
    if setup == "empty_dir":
        target.mkdir()
    elif setup == "unsupported_dir":
        target.mkdir()
        (target / "scan.jpg").write_bytes(b"\xff\xd8\xff")
        (target / "notes.md").write_text("法治政府建设", encoding="utf-8")
    elif setup == "unsupported_file":
        target = tmp_path / "report.xlsx"
        target.write_bytes(b"x")
    with pytest.raises(InputError, match=problem) as error:
        list(iter_inputs([SEEDS / "000_305e9a0e456975a1.txt", target]))
    assert error.value.path == str(target)
