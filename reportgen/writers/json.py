"""The JSON writer: an open data model (:mod:`reportgen.opendata`) as the bytes of its file.

Beside the Word and HTML writers, it only prints: keys in the order the model declares them,
indented, UTF-8, ending in a newline, and nothing that changes from one build to the next (no
time, no absolute path), so building the same report twice gives the same bytes.
"""

from __future__ import annotations

import json

from pydantic import BaseModel


def render_json(data: BaseModel) -> bytes:
    """The file of ``data``: its ``"$schema"`` first, fields left unset written as null."""
    dumped = data.model_dump(mode="json", by_alias=True)
    return (json.dumps(dumped, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
