"""The Material templates the overrides replace have not changed upstream since the overrides were written.

overrides/partials/ replaces some of Material's partials outright (and main.html rewrites blocks of its base.html):
an upgrade of Material that changes one of those upstream files would otherwise go unnoticed, the override silently
keeping the old markup. tests/data/material_partials.json records, for each, the sha256 of the upstream file as of
the Material version named there; this fails, naming every file that drifted, when the installed Material's differs.
"""

import hashlib
import json
from importlib import metadata
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "tests" / "data" / "material_partials.json"
UPSTREAM = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"


def _record() -> dict:
    return json.loads(RECORD.read_text(encoding="utf-8"))


def test_every_overridden_template_is_recorded():
    """A file of overrides/ at the path of one of Material's templates replaces it: each such file is recorded."""
    recorded = {entry["override"] for entry in _record()["templates"].values()}
    replacing = {
        f"overrides/{path.relative_to(OVERRIDES).as_posix()}"
        for path in OVERRIDES.rglob("*.html")
        if (UPSTREAM / path.relative_to(OVERRIDES)).is_file()
    }
    assert replacing <= recorded, sorted(replacing - recorded)
    for name, entry in _record()["templates"].items():
        assert (ROOT / entry["override"]).is_file(), entry["override"]
        assert (UPSTREAM / name).is_file(), f"Material {metadata.version('mkdocs-material')} has no {name}"


def test_the_upstream_templates_are_the_ones_the_overrides_were_copied_from():
    record = _record()
    installed = metadata.version("mkdocs-material")
    drifted = [
        f"{name} (replaced by {entry['override']})"
        for name, entry in record["templates"].items()
        if (UPSTREAM / name).is_file() and hashlib.sha256((UPSTREAM / name).read_bytes()).hexdigest() != entry["sha256"]
    ]
    assert not drifted, (
        f"Material {installed} changed templates that the archive overrides, copied from Material {record['material']}: "
        + "; ".join(drifted)
        + f". Compare each with Material {record['material']}'s (pip download mkdocs-material=={record['material']}), carry the "
        "change into the override or decide it does not apply, then record the new version and sha256 in " + str(RECORD.relative_to(ROOT))
    )
