"""What an archive says about itself, in one place: the `extra: policy_archive:` block of its mkdocs.yml.

    extra:
      policy_archive:
        sources: sources          # the folder of source documents, relative to mkdocs.yml's folder
        title: 某市教育政策文件库   # the archive's name (home page, about page, feeds)
        description: …            # one sentence on what it holds

MkDocs ignores unknown keys under `extra`, so the block needs nothing from the plugin's options. The commands
(`build`, `add`, and later `review`, `serve`) read the sources folder from here when `--sources` is not given;
`title` and `description` fall back to MkDocs' own `site_name` and `site_description`.

The configuration is read with a YAML loader that tolerates MkDocs' tags (`!ENV` is resolved as MkDocs does,
`!relative`, `!!python/name:` and any other tag become None) and follows `INHERIT:`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

KEY = "policy_archive"
DEFAULT_SOURCES = "sources"
DEFAULT_CONFIG = "mkdocs.yml"  # (as archive.DEFAULT_CONFIG; this module imports nothing of the package: a leaf)
# This project's own name and description (its mkdocs.yml says the same): an archive that says nothing of itself.
DEFAULT_TITLE = "地方教育政策文件库"
DEFAULT_DESCRIPTION = "城市与区县教育局年度工作要点、工作意见、任务清单的开放检索档案"


@dataclass(frozen=True)
class Masthead:
    """What the generated pages and feeds call the archive: its name (the home page's heading, the feeds' titles)
    and one sentence on what it holds (the home and about pages' lead, the feeds' subtitle). Passed to what writes
    docs/ (write.generate), never kept in a module; the default is this project's own."""

    title: str = DEFAULT_TITLE
    description: str = DEFAULT_DESCRIPTION

    @property
    def own_description(self) -> bool:
        """Whether the description is this project's: its pages then keep their longer, hand-written lead."""
        return self.description == DEFAULT_DESCRIPTION

    @property
    def lead(self) -> str:
        """The description as a sentence: with a full stop when it has no closing punctuation of its own."""
        return self.description if self.description.endswith(("。", "！", "？", ".", "!", "?")) else self.description + "。"

    @classmethod
    def of(cls, title: str | None = None, description: str | None = None) -> Masthead:
        """A masthead from configured values, an empty or missing one taking the default."""
        return cls(title=(title or "").strip() or DEFAULT_TITLE, description=(description or "").strip() or DEFAULT_DESCRIPTION)


def packaged_config() -> Path:
    """The package's default configuration (archive.packaged_config), read where an archive has no mkdocs.yml."""
    return Path(str(resources.files(__package__).joinpath("data", "scaffold", "mkdocs.yml")))


class ConfigError(Exception):
    """The configuration cannot be read (missing, not YAML, or a value of the wrong kind); the message names the file."""


@dataclass(frozen=True)
class ArchiveConfig:
    path: Path  # the configuration read (the packaged default where the archive has none)
    packaged: bool  # True: no mkdocs.yml was found, the package's default was read
    sources: Path  # the sources folder, as the commands should open it
    title: str  # the archive's name: extra.policy_archive.title, else site_name
    description: str  # what it holds: extra.policy_archive.description, else site_description


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads any MkDocs configuration: tags it does not know are None, not an error."""


def _env(loader: _Loader, node: yaml.Node):
    """`!ENV VAR` or `!ENV [VAR, OTHER, default]`: the first variable set, else the last item (as MkDocs reads it)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node, deep=True)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


def _unknown(loader: _Loader, suffix: str, node: yaml.Node):
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _unknown)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown)


def load_yaml(path: Path, _seen: frozenset[Path] = frozenset()) -> dict:
    """The configuration as a dict, with INHERIT'ed files merged under it (the child's values win)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration {path}: {exc.strerror or exc}（无法读取配置文件 {path}）") from None
    try:
        data = yaml.load(text, Loader=_Loader)  # (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}（配置文件 {path} 不是有效的 YAML）") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a MkDocs configuration (a mapping of settings)（配置文件 {path} 格式不对）")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str) and parent:
        parent_path = (Path(path).parent / parent).resolve()
        if parent_path in _seen:
            raise ConfigError(f"{path}: INHERIT goes round in a circle ({parent})（配置文件循环继承）")
        data = _merged(load_yaml(parent_path, _seen | {parent_path}), data)
    return data


def _merged(base: dict, child: dict) -> dict:
    out = dict(base)
    for key, value in child.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def config_path(config: Path | None = None) -> tuple[Path, bool]:
    """The configuration the commands use, as archive.resolve_config finds it: `config`, else ./mkdocs.yml, else
    the packaged default; and whether it is the packaged one."""
    if config is not None:
        if not Path(config).is_file():
            raise ConfigError(f"--config {config} not found（找不到配置文件 {config}）")
        return Path(config), False
    local = Path(DEFAULT_CONFIG)
    return (local, False) if local.is_file() else (packaged_config(), True)


def read_config(config: Path | None = None) -> ArchiveConfig:
    """The archive's settings from its configuration (see the module's docstring)."""
    path, packaged = config_path(config)
    data = load_yaml(path)
    extra = data.get("extra") or {}
    ours = extra.get(KEY) if isinstance(extra, dict) else None
    ours = ours if isinstance(ours, dict) else {}
    sources = ours.get("sources") or DEFAULT_SOURCES
    if not isinstance(sources, str):
        raise ConfigError(f"{path}: extra.{KEY}.sources must be a folder name, not {sources!r}（sources 应为文件夹名）")
    # Relative to the configuration's folder, as MkDocs reads docs_dir; the packaged default's to the current folder.
    folder = Path(sources) if packaged or Path(sources).is_absolute() else path.parent / sources
    return ArchiveConfig(
        path=path,
        packaged=packaged,
        sources=folder,
        title=_text(ours.get("title")) or _text(data.get("site_name")),
        description=_text(ours.get("description")) or _text(data.get("site_description")),
    )


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""
