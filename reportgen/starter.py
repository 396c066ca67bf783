"""``reportgen init``: start a council's folder with its configuration, a starter profile and
the JSON Schemas of the files it will write.

Everything is written or nothing is: a file that is already there is a placed problem (O590)
and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.profile import CONFIG_NAME, PROFILE_NAME

STARTER_PROFILE = "profile"
"""The starter profile's folder, beside the configuration file."""

CONFIG_TEXT = f"""\
# Which council profile the reports in this folder, and every folder below it, use: a folder
# relative to this file, or a bundled profile's name (nottinghamshire). `--profile` on the
# command line overrides it.
profile: {STARTER_PROFILE}
"""

PROFILE_TEXT = """\
# This council's profile. It extends the bundled Nottinghamshire profile and writes only what
# differs: put a file of the same name beside this one (style.yaml, headings.yaml…) holding
# just the keys you change. Mappings merge key by key; lists and text replace.
name: My Council
extends: nottinghamshire

# For example, style.yaml holding only
#
#   council: Borsetshire County Council
#
# changes the council's name and nothing else; background-papers.yaml holding only
#
#   statement: >-
#     Papers relied on in writing this report (section 50D).
#
# changes that one sentence. See "Council profiles" in the documentation for every key.
"""


def starter_files(folder: Path) -> dict[Path, bytes]:
    """The files ``reportgen init`` writes in ``folder``, with their content."""
    from reportgen.schema import KINDS, schema_text

    files = {
        folder / CONFIG_NAME: CONFIG_TEXT.encode(),
        folder / STARTER_PROFILE / PROFILE_NAME: PROFILE_TEXT.encode(),
    }
    for kind in KINDS:
        files[folder / "schemas" / f"{kind}.schema.json"] = schema_text(kind).encode()
    return files


def init(folder: Path) -> list[Path]:
    """Write the starter files of ``folder``; refuse (O590, nothing written) when any of them,
    or the profile folder, is already there. Returns the files written."""
    from reportgen.output import write_files

    files = starter_files(folder)
    problems = Problems()
    for path in [folder / STARTER_PROFILE, *files]:
        if path.exists():
            problems.add(
                "O590",
                "reportgen init would replace this; it writes into a new folder only",
                Location(str(path)),
                f"move {path} aside, or start the council's folder somewhere new",
            )
    problems.raise_if_any()
    write_files(files)
    return list(files)
