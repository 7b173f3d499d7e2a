"""Generated pages from Jinja2 templates (templates/), with HTML autoescaped and links made relative.

A page is named by its path in docs/ (`years/2014.md`); MkDocs serves it at its directory URL
(`years/2014/`). `link(target, anchor)` in a template gives the URL of another page relative to the
page being rendered, so no template counts folders; `link(file)` the URL of a site file that is no page.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

import jinja2
from markupsafe import Markup, escape

from .render import escape_markdown


def page_url(path: str) -> str:
    """docs/ path -> site URL below the root, with use_directory_urls: a/b.md -> a/b/, a/index.md -> a/."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def relative_url(from_path: str, to_path: str, anchor: str | None = None) -> str:
    url = _relative_folder(page_url(from_path), page_url(to_path))
    return url + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative_folder(base: str, target: str) -> str:
    """posixpath.relpath between two site folders ("a/b/", "" for the root), with a final slash; computed
    from their parts (relpath asks the operating system for the working directory each time, and the
    listings make tens of thousands of links)."""
    base_parts, target_parts = base.split("/")[:-1], target.split("/")[:-1]
    common = 0
    for a, b in zip(base_parts, target_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    return "/".join(parts) + "/" if parts else ""


def relative_file_url(from_path: str, to_file: str) -> str:
    """The URL of a site file that is no page (data/archive.sqlite.gz), relative to a page: MkDocs
    rewrites only Markdown links to files of docs/, and some files exist in the site alone."""
    return posixpath.relpath(to_file, page_url(from_path) or ".")


@jinja2.pass_context
def _link(context, to_path: str, anchor: str | None = None) -> str:
    if not to_path.endswith(".md"):
        return relative_file_url(context["page_path"], to_path)
    return relative_url(context["page_path"], to_path, anchor)


def html_cell(value) -> Markup:
    """A table cell's content: the value, escaped, or — for none."""
    return escape(value) if value else Markup("—")


def html_table(header, rows) -> Markup:
    """An HTML table of escaped values (Markup passes as it is), as the listing pages write them; in Python
    because a listing holds thousands of cells and a Jinja macro costs microseconds a call."""
    parts = ["<table>\n<thead>\n<tr>", *(f"<th>{escape(h)}</th>" for h in header), "</tr>\n</thead>\n<tbody>\n"]
    parts += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>\n" for row in rows]
    parts.append("</tbody>\n</table>\n\n")
    return Markup("".join(parts))


def _md(text) -> Markup:
    """Plain text set in Markdown: Markdown punctuation and HTML escaped, so it shows as written."""
    return Markup(escape_markdown(str(text)))


def make_environment() -> jinja2.Environment:
    """A new environment for the templates of templates/, with `link`, `md`, `html_cell` and `html_table`; the
    listings make their own (listings/templating.py) with their filters added, so that none is patched."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.do"],
    )
    env.filters["md"] = _md
    env.globals["link"] = _link
    env.globals.update(html_cell=html_cell, html_table=html_table)
    return env


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    return make_environment()


def render_with(env: jinja2.Environment, path: str, template: str, **context) -> str:
    """The content of docs/`path`, from `template` of `env` with `context`; one final line break."""
    text = env.get_template(template).render(page_path=path, **context)
    return text.rstrip("\n") + "\n"


def render_page(path: str, template: str, **context) -> str:
    """The content of docs/`path`, from `template` with `context`; one final line break."""
    return render_with(environment(), path, template, **context)
