"""Council profiles as layered folders (reportgen.profile, reportgen.boilerplate's loader):
extends, merging, placed problems, discovery by .reportgen.yaml, and `reportgen init`."""

from __future__ import annotations

import glob
import os
import shutil
import sys
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.cli import main
from reportgen.profile import CONFIG_NAME, profile_for
from reportgen.reads import recording
from tests.conftest import MINIMAL, raised

PROFILES = Path(__file__).resolve().parent / "profiles"


def _report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    return report


def _docx(report: Path, *args: str) -> docx.document.Document:
    out = report.with_suffix(".docx")
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return docx.Document(str(out))


def _texts(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_a_profile_of_one_key_changes_that_key_only(tmp_path: Path) -> None:
    """borsetshire is profile.yaml plus a style.yaml of one key: the council's name."""
    assert sorted(p.name for p in (PROFILES / "borsetshire").iterdir()) == [
        "profile.yaml",
        "style.yaml",
    ]
    built = _docx(_report(tmp_path), "--profile", str(PROFILES / "borsetshire"))
    assert built.core_properties.author == "Borsetshire County Council"
    standard = _docx(_report(tmp_path / "standard"))
    assert standard.core_properties.author == "Nottinghamshire County Council"
    assert _texts(built) == _texts(standard)


def test_a_chain_of_profiles_merges_every_layer(tmp_path: Path) -> None:
    """borsetshire-east extends borsetshire extends nottinghamshire; it renames one heading."""
    built = _docx(_report(tmp_path), "--profile", str(PROFILES / "borsetshire-east"))
    texts = _texts(built)
    assert "Why This Report" in texts and "Purpose of the Report" not in texts
    assert "Information and Advice" in texts  # the other headings, from nottinghamshire
    assert built.core_properties.author == "Borsetshire County Council"  # from borsetshire


def test_a_key_set_to_null_removes_the_parents() -> None:
    """no-hr's reviewers.yaml is `hr: ~`: the parent's HR reviewer is gone, the others kept."""
    words = load_boilerplate(PROFILES / "no-hr")
    assert list(words.reviewers.reviewers) == ["constitutional", "financial"]


def test_a_mapping_written_in_full_takes_the_childs_order(tmp_path: Path) -> None:
    """recommendations-second writes every section of sections.yaml, Recommendations second."""
    texts = _texts(_docx(_report(tmp_path), "--profile", str(PROFILES / "recommendations-second")))
    heading = load_boilerplate(DEFAULT_DIR).headings.sections
    order = [texts.index(heading[name]) for name in ("purpose", "recommendations", "information")]
    assert order == sorted(order)
    standard = _texts(_docx(_report(tmp_path / "standard")))
    assert standard.index(heading["information"]) < standard.index(heading["recommendations"])


def test_the_old_boilerplate_option_still_works(tmp_path: Path) -> None:
    built = _docx(_report(tmp_path), "--boilerplate", str(PROFILES / "borsetshire"))
    assert built.core_properties.author == "Borsetshire County Council"
    help_text = CliRunner().invoke(main, ["build", "--help"]).output
    assert "--profile" in help_text and "--boilerplate" not in help_text


def test_profiles_that_extend_each_other_are_a_placed_problem() -> None:
    [problem] = raised(lambda: load_boilerplate(PROFILES / "cycle-a"))
    assert problem.code == "T451"
    assert problem.where.file == str(PROFILES / "cycle-b" / "profile.yaml")
    assert (problem.where.line, problem.where.column) == (2, 10)


def test_a_missing_parent_is_placed_at_extends_with_the_fix() -> None:
    [problem] = raised(lambda: load_boilerplate(PROFILES / "orphan"))
    assert problem.code == "T450"
    assert problem.where.file == str(PROFILES / "orphan" / "profile.yaml")
    assert (problem.where.line, problem.where.column) == (2, 10)
    assert "nottinghamshire" in problem.hint


def test_an_unknown_key_is_placed_in_the_childs_file() -> None:
    [problem] = raised(lambda: load_boilerplate(PROFILES / "unknown-key"))
    assert problem.where.file == str(PROFILES / "unknown-key" / "style.yaml")
    assert (problem.where.line, problem.where.column) == (2, 1)
    assert "councill" in problem.message


def test_a_merged_value_is_placed_in_the_file_that_wrote_it() -> None:
    """The child writes style.yaml's council; the parent's per has a bad placeholder."""
    [problem] = raised(lambda: load_boilerplate(PROFILES / "bad-parent-child"))
    assert problem.where.file == str(PROFILES / "bad-parent" / "style.yaml")
    assert problem.where.line == 2
    assert "units" in problem.message


def test_an_unknown_key_of_profile_yaml_is_placed(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text("name: X\nextend: nottinghamshire\n")
    [problem] = raised(lambda: load_boilerplate(tmp_path))
    assert (problem.where.file, problem.where.line) == (str(tmp_path / "profile.yaml"), 2)


def test_a_root_profile_lacking_a_file_is_t403(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_DIR, tmp_path / "p")
    (tmp_path / "p" / "meeting.yaml").unlink()
    [problem] = raised(lambda: load_boilerplate(tmp_path / "p"))
    assert problem.code == "T403"


def test_an_old_full_folder_is_read_as_before(tmp_path: Path) -> None:
    """A copy of the eight files without profile.yaml is the same wording as the bundle."""
    shutil.copytree(DEFAULT_DIR, tmp_path / "old")
    (tmp_path / "old" / "profile.yaml").unlink()
    assert load_boilerplate(tmp_path / "old") == load_boilerplate(DEFAULT_DIR)


def test_the_cache_sees_an_edit_in_a_parent_layer(tmp_path: Path) -> None:
    shutil.copytree(PROFILES / "borsetshire", tmp_path / "parent")
    child = tmp_path / "child"
    child.mkdir()
    (child / "profile.yaml").write_text("name: Child\nextends: ../parent\n")
    style = tmp_path / "parent" / "style.yaml"
    old = os.stat(style).st_mtime_ns - 10_000_000_000
    os.utime(style, ns=(old, old))
    os.utime(child / "profile.yaml", ns=(old, old))
    os.utime(tmp_path / "parent" / "profile.yaml", ns=(old, old))
    first = load_boilerplate(child)
    assert first.style.council == "Borsetshire County Council"
    assert load_boilerplate(child) is first  # kept
    style.write_text("council: Ambridge District Council\n")
    os.utime(style, ns=(old + 1, old + 1))
    with recording() as reads:
        assert load_boilerplate(child).style.council == "Ambridge District Council"
    assert style.resolve() in reads.files and (child / "profile.yaml").resolve() in reads.files


def test_the_profile_is_discovered_from_a_nested_folder(tmp_path: Path) -> None:
    shutil.copytree(PROFILES / "borsetshire", tmp_path / "council" / "profile")
    (tmp_path / "council" / CONFIG_NAME).write_text("profile: profile\n")
    report = _report(tmp_path / "council" / "reports" / "2026" / "march")
    assert profile_for([report]) == (tmp_path / "council" / "profile").resolve()
    assert _docx(report).core_properties.author == "Borsetshire County Council"
    [document] = api.load_documents([report]).values()
    assert document.meta.council == "Borsetshire County Council"
    assert api.load_source(report).document == document


def test_the_command_lines_profile_overrides_the_configuration(tmp_path: Path) -> None:
    shutil.copytree(PROFILES / "borsetshire", tmp_path / "profile")
    (tmp_path / CONFIG_NAME).write_text("profile: profile\n")
    report = _report(tmp_path / "reports")
    built = _docx(report, "--profile", str(DEFAULT_DIR))
    assert built.core_properties.author == "Nottinghamshire County Council"


def test_a_configuration_may_name_a_bundled_profile(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("profile: nottinghamshire\n")
    assert profile_for([_report(tmp_path)]) == DEFAULT_DIR


def test_a_configuration_naming_no_profile_is_placed(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("# ours\nprofile: profiles/ours\n")
    report = _report(tmp_path / "reports")
    result = CliRunner().invoke(main, ["check", str(report)])
    assert result.exit_code == 2
    assert f"{tmp_path / CONFIG_NAME}:2:10: error T452" in result.output


def test_an_unknown_key_of_the_configuration_is_placed(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("profile: nottinghamshire\nprofiles: ours\n")
    [problem] = raised(lambda: profile_for([_report(tmp_path)]))
    assert (problem.where.file, problem.where.line) == (str(tmp_path / CONFIG_NAME), 2)


def test_files_of_different_profiles_together_are_one_problem(tmp_path: Path) -> None:
    shutil.copytree(PROFILES / "borsetshire", tmp_path / "a" / "profile")
    (tmp_path / "a" / CONFIG_NAME).write_text("profile: profile\n")
    [problem] = raised(lambda: profile_for([_report(tmp_path / "a"), _report(tmp_path / "b")]))
    assert problem.code == "T453"


def test_a_glob_of_reports_does_not_meet_the_configuration(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("profile: nottinghamshire\n")
    _report(tmp_path)
    assert glob.glob(str(tmp_path / "*.yaml")) == [str(tmp_path / "report.yaml")]  # as a shell


def test_init_starts_a_council_folder_that_builds(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "council")])
    assert result.exit_code == 0, result.output
    council = tmp_path / "council"
    assert "\nprofile: profile\n" in (council / CONFIG_NAME).read_text()
    assert sorted(p.name for p in (council / "profile").iterdir()) == ["profile.yaml"]
    assert (council / "schemas" / "report.schema.json").is_file()
    report = _report(council / "reports")
    assert profile_for([report]) == (council / "profile").resolve()
    assert _docx(report).core_properties.author == "Nottinghamshire County Council"


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "report.schema.json").write_text("{}")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'schemas' / 'report.schema.json'}: error O590" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["report.schema.json", "schemas"]


def test_schema_uses_the_profile_in_use(tmp_path: Path) -> None:
    shutil.copytree(PROFILES / "legal-reviewer", tmp_path / "profile")
    (tmp_path / CONFIG_NAME).write_text("profile: profile\n")
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["schema"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    assert '"legal"' in result.output and '"financial"' in result.output


@pytest.mark.parametrize("name", ["borsetshire", "borsetshire-east"])
def test_fixture_profiles_validate(name: str) -> None:
    assert load_boilerplate(PROFILES / name).style.council == "Borsetshire County Council"


def test_a_merged_mappings_own_problem_is_placed_in_the_child() -> None:
    """references.yaml's paragraph mapping merges the child's 'one' with the parent's others;
    the check of the mapping as a whole (its placeholders) is placed in the child's file."""
    [problem] = raised(lambda: load_boilerplate(PROFILES / "child-mistake"))
    assert problem.where.file == str(PROFILES / "child-mistake" / "references.yaml")
    assert problem.where.line == 3
    assert "{x}" in problem.message


def test_a_build_depends_on_every_layer_and_the_configuration(tmp_path: Path) -> None:
    """The live preview watches these: an edit to a parent layer or the config is seen."""
    shutil.copytree(PROFILES / "borsetshire", tmp_path / "profile")
    (tmp_path / "east").mkdir()
    (tmp_path / "east" / "profile.yaml").write_text("name: East\nextends: ../profile\n")
    (tmp_path / CONFIG_NAME).write_text("profile: east\n")
    report = _report(tmp_path / "reports")
    dependencies = api.load_source(report).dependencies
    root = tmp_path.resolve()
    assert {
        root / CONFIG_NAME,
        root / "reports" / CONFIG_NAME,
        root / "east" / "profile.yaml",
        root / "east" / "style.yaml",  # not there: creating it changes the build
        root / "profile" / "style.yaml",
        DEFAULT_DIR / "headings.yaml",
    } <= dependencies


def test_the_configuration_given_as_a_report_says_so(tmp_path: Path) -> None:
    """Python's Path.glob meets dotfiles; the configuration is then named clearly."""
    (tmp_path / CONFIG_NAME).write_text("profile: nottinghamshire\n")
    _report(tmp_path)
    [problem] = raised(lambda: api.check(sorted(tmp_path.glob("*.yaml"))))
    assert (problem.code, problem.where.file) == ("T454", str(tmp_path / CONFIG_NAME))


def test_sign_uses_the_discovered_profiles_reviewers(tmp_path: Path) -> None:
    """legal is a reviewer kind only in the council's profile, found by .reportgen.yaml."""
    shutil.copytree(PROFILES / "legal-reviewer", tmp_path / "profile")
    report = _report(tmp_path / "reports")
    comments = tmp_path / "reports" / "report.comments"
    comments.mkdir()
    (comments / "legal.yaml").write_text("initials: KAS\ndate: 2016-12-12\nbody: [Fine.]\n")
    [problem] = raised(lambda: api.sign(report, "legal"))  # no configuration yet
    assert problem.code == "R306"
    (tmp_path / CONFIG_NAME).write_text("profile: profile\n")
    assert api.sign(report, "legal") == comments / "legal.yaml"
    assert "\nreviewed: " in (comments / "legal.yaml").read_text()


def test_a_profile_installed_as_a_package_is_found_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """tests/profiles/installed is a site folder: a package holding a profile, and the
    distribution's entry point `borsetshire = borsetshire_profile` in reportgen.profiles."""
    monkeypatch.syspath_prepend(str(PROFILES / "installed"))
    (tmp_path / CONFIG_NAME).write_text("profile: borsetshire\n", encoding="utf-8")
    built = _docx(_report(tmp_path))
    assert built.core_properties.author == "Borsetshire County Council (installed)"
    assert "borsetshire_profile" not in sys.modules  # found, not imported: no code is run


def test_an_unknown_profile_name_lists_the_installed_ones_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(PROFILES / "installed"))
    (tmp_path / CONFIG_NAME).write_text("profile: barsetshire\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(_report(tmp_path))])
    assert result.exit_code == 2, result.output
    assert "borsetshire" in result.output and "kingsmere" in result.output


def test_the_command_line_may_name_a_bundled_profile(tmp_path: Path) -> None:
    """Under Kingsmere's profile, named on the command line, a Nottinghamshire report lacks
    Kingsmere's executive summary and has a signature Kingsmere's reports do not."""
    result = CliRunner().invoke(main, ["check", str(_report(tmp_path)), "--profile", "kingsmere"])
    assert result.exit_code == 1, result.output
    assert "S201" in result.output and "'executive_summary'" in result.output
    assert "S215" in result.output and "'signed_by'" in result.output
