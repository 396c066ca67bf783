"""What a build read (reportgen.reads): recorded where each file is read, nested recordings, and
which inputs changed since, as the preview uses them to decide what to watch and rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import ReportError
from reportgen.load import load_file
from reportgen.reads import recording


def test_a_file_read_and_a_file_looked_for_are_both_recorded(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a: 1\n")
    with recording() as reads:
        load_file(tmp_path / "a.yaml")
        with pytest.raises(ReportError):
            load_file(tmp_path / "missing.yaml")
    real = tmp_path.resolve()
    assert reads.dependencies == {real / "a.yaml", real / "missing.yaml"}
    assert reads.files[real / "missing.yaml"] is None  # not there: creating it counts


def test_an_enclosing_recording_gets_what_an_inner_one_read_even_when_it_raises(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.yaml").write_text("a: [\n")
    with recording() as outer, pytest.raises(ReportError), recording() as inner:
        load_file(tmp_path / "a.yaml")
    assert inner.dependencies == outer.dependencies == {tmp_path.resolve() / "a.yaml"}


def test_changed_names_each_input_that_differs_since_it_was_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("a: 1\n")
    (tmp_path / "b.yaml").write_text("b: 1\n")
    with recording() as reads:
        load_file(tmp_path / "a.yaml")
        load_file(tmp_path / "b.yaml")
    assert reads.changed() == []
    (tmp_path / "b.yaml").write_text("b: 22\n")
    assert reads.changed() == [tmp_path.resolve() / "b.yaml"]


def test_a_listing_counts_new_names_and_folders_on_the_way_to_them(tmp_path: Path) -> None:
    from reportgen.reads import note_listing

    with recording() as reads:
        note_listing(tmp_path / "meetings", "*/minutes.yaml")
    folder = tmp_path.resolve() / "meetings"
    assert reads.relevant(folder / "2022-01-10" / "minutes.yaml")
    assert reads.relevant(folder / "2022-01-10")  # a new meeting folder, its minutes to come
    assert reads.relevant(folder)  # the listed folder, not there yet
    assert not reads.relevant(folder / "2022-01-10" / "notes.yaml")
    assert not reads.relevant(tmp_path.resolve() / "other.yaml")
    (folder / "2022-01-10").mkdir(parents=True)
    (folder / "2022-01-10" / "minutes.yaml").write_text("x: 1\n")
    assert reads.changed() == [folder]
