"""The files `policy-archive new` writes into a new archive."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import yaml


def write_scaffold(folder: Path, title: str, description: str, tool_from: str) -> None:
    """FOLDER made an archive: mkdocs.yml with its title and description, sources/ and overrides/, the Pages
    workflow (installing the tool from tools/'s wheel, or from `tool_from`, a pinned git source), .gitignore."""
    scaffold = resources.files(__package__).joinpath("data", "scaffold")
    (folder / "sources").mkdir(parents=True)
    (folder / "overrides").mkdir()
    config = scaffold.joinpath("mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  name: material\n",
        "  name: material\n  # Your own template overrides (the archive's templates come with the package).\n  custom_dir: overrides\n",
        1,
    )
    config = _set_line(config, "site_name: ", title)
    config = _set_line(config, "site_description: ", description)
    config = _set_line(config, "    title: ", title)
    config = _set_line(config, "    description: ", description)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    workflow = folder / ".github" / "workflows" / "pages.yml"
    workflow.parent.mkdir(parents=True)
    text = scaffold.joinpath("pages.yml").read_text(encoding="utf-8")
    if tool_from != "wheel":
        text = _install_from_git(text, tool_from)
    workflow.write_text(text, encoding="utf-8")
    (folder / ".gitignore").write_text(
        "/site/\n/.cache/\n.*.staging-*/\n.*.old-*/\n.*.policy-archive-lock\n.*.policy-archive-build.json\n", encoding="utf-8"
    )


def _set_line(config: str, prefix: str, value: str) -> str:
    """The scaffold's line starting with `prefix` (exactly one) with `value`, as YAML reads it back."""
    lines = config.split("\n")
    (at,) = [i for i, line in enumerate(lines) if line.startswith(prefix)]
    lines[at] = prefix + _yaml_scalar(value)
    return "\n".join(lines)


def _yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar: plain where YAML reads it back as the same string, else double-quoted."""
    try:
        if yaml.safe_load(f"k: {value}") == {"k": value} and "#" not in value:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _install_from_git(workflow: str, source: str) -> str:
    """The workflow's install step taking policy-archive from a pinned git source instead of tools/'s wheel."""
    start = workflow.index("      - name: Install the archive builder\n")
    end = workflow.index("\n\n", start)
    step = (
        "      - name: Install the archive builder\n"
        "        env:\n"
        "          # policy-archive from its repository at one commit or tag (`policy-archive new --tool-from`);\n"
        "          # to upgrade, change it to a newer one.\n"
        f"          PACKAGE: {json.dumps(source)}\n"
        '        run: python -m pip install "$PACKAGE"'
    )
    return workflow[:start] + step + workflow[end:]
