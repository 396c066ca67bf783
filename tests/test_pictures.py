"""Pictures read by the load stage: the image beside the YAML, vetted as untrusted input.

Every refusal is a placed problem with a fix, and nothing is written (the build raises before
any writer runs). The fixture images are in tests/pictures/: tiny PNG, JPEG and SVG files, a
PNG whose header claims 100,000 × 100,000 pixels, and hostile SVGs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Picture
from reportgen.pipeline import build
from reportgen.reads import recording
from tests.conftest import MINIMAL, position, raised

PICTURES = Path(__file__).resolve().parent / "pictures"


def report(block: str) -> str:
    """The minimal report with ``block`` (one flow mapping) after its information."""
    return MINIMAL.replace("  - The information.\n", f"  - The information.\n  - {block}\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for file in PICTURES.iterdir():
        shutil.copy(file, tmp_path / file.name)
    return tmp_path


@pytest.fixture
def run(folder: Path, boilerplate: Boilerplate) -> Callable[[str], object]:
    def go(block: str) -> object:
        path = folder / "report.yaml"
        path.write_text(report(block), encoding="utf-8")
        return build(path, boilerplate)

    return go


@pytest.mark.parametrize(
    ("name", "media_type", "size"),
    [
        ("tiny.png", "image/png", (40, 30)),
        ("tiny.jpg", "image/jpeg", (40, 30)),
        ("shapes.svg", "image/svg+xml", (200, 100)),
    ],
)
def test_a_picture_is_read_by_its_content_with_its_size(
    run: Callable[[str], object], name: str, media_type: str, size: tuple[int, int]
) -> None:
    document = run(f'{{picture: {name}, alt: "Two colours side by side"}}')
    pictures = [b for b in document.blocks if isinstance(b, Picture)]  # type: ignore[attr-defined]
    assert len(pictures) == 1
    image = pictures[0].image
    assert image.media_type == media_type
    assert (image.width, image.height) == size
    assert image.data == (PICTURES / name).read_bytes()
    assert pictures[0].alt == "Two colours side by side"


def test_the_build_records_the_picture_it_read(folder: Path, boilerplate: Boilerplate) -> None:
    path = folder / "report.yaml"
    path.write_text(report('{picture: tiny.png, alt: "A flag"}'), encoding="utf-8")
    with recording() as reads:
        build(path, boilerplate)
    assert (folder / "tiny.png").resolve() in reads.files


def test_a_picture_in_a_subfolder(folder: Path, run: Callable[[str], object]) -> None:
    (folder / "pictures").mkdir()
    shutil.copy(PICTURES / "tiny.png", folder / "pictures" / "flag.png")
    document = run('{picture: pictures/flag.png, alt: "A flag"}')
    assert any(isinstance(b, Picture) for b in document.blocks)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("block", "needle", "message"),
    [
        ("{picture: tiny.png}", "picture: ", "has no alt text"),
        ('{picture: tiny.png, alt: "  "}', '"  "', "has no alt text"),
    ],
)
def test_alt_text_is_required(
    run: Callable[[str], object], block: str, needle: str, message: str
) -> None:
    (problem,) = raised(lambda: run(block))
    assert problem.code == "S280"
    assert message in problem.message
    assert problem.hint
    assert (problem.where.line, problem.where.column) == position(report(block), needle)


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("missing.png", "S281", "is not found"),
        ("../outside.png", "S281", "outside this file's folder"),
        ("/etc/passwd", "S281", "not a path relative"),
        ("bomb.png", "S282", "100,000 × 100,000 pixels"),
        ("not-a-picture.png", "S285", "is not a PNG, JPEG or SVG"),
        ("sizeless.svg", "S285", "gives no size"),
        ("script.svg", "S286", "a script element"),
        ("onload.svg", "S286", "an event handler (onload)"),
        ("external.svg", "S286", "a reference to 'https://example.org/tracker.png'"),
        ("foreign.svg", "S286", "a foreignObject element"),
        ("entities.svg", "S286", "a DOCTYPE"),
    ],
)
def test_an_unfit_picture_is_refused_at_its_place(
    folder: Path, run: Callable[[str], object], name: str, code: str, message: str
) -> None:
    shutil.copy(PICTURES / "tiny.png", folder.parent / "outside.png")
    block = f'{{picture: "{name}", alt: "A picture"}}'
    (problem,) = raised(lambda: run(block))
    assert problem.code == code, problem
    assert message in problem.message
    assert problem.hint
    assert (problem.where.line, problem.where.column) == position(report(block), f'"{name}"')
    assert problem.where.file == str(folder / "report.yaml")


def test_a_picture_too_large_in_bytes(folder: Path, run: Callable[[str], object]) -> None:
    from reportgen import pictures

    with (folder / "huge.png").open("wb") as handle:
        handle.write((PICTURES / "tiny.png").read_bytes())
        handle.truncate(pictures.MAX_BYTES + 10)
    (problem,) = raised(lambda: run('{picture: huge.png, alt: "A picture"}'))
    assert problem.code == "S282"
    assert "larger than 10 MB" in problem.message


def test_a_folder_is_not_a_picture(folder: Path, run: Callable[[str], object]) -> None:
    (folder / "shots").mkdir()
    (problem,) = raised(lambda: run('{picture: shots, alt: "A picture"}'))
    assert problem.code == "S281"
    assert "a folder" in problem.message


def test_an_svg_may_refer_to_its_own_parts(run: Callable[[str], object]) -> None:
    """shapes.svg fills a box with url(#fade), its own gradient: allowed."""
    document = run('{picture: shapes.svg, alt: "Two boxes"}')
    assert any(isinstance(b, Picture) for b in document.blocks)  # type: ignore[attr-defined]


def test_an_svg_with_an_embedded_png_is_allowed(folder: Path, run: Callable[[str], object]) -> None:
    import base64

    data = base64.b64encode((PICTURES / "tiny.png").read_bytes()).decode()
    (folder / "embedded.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 40 30"><image xlink:href="data:image/png;base64,{data}" '
        'width="40" height="30"/></svg>',
        encoding="utf-8",
    )
    document = run('{picture: embedded.svg, alt: "A flag"}')
    assert any(isinstance(b, Picture) for b in document.blocks)  # type: ignore[attr-defined]
