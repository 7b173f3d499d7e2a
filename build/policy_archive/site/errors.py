"""The one error of the site stage (a leaf of the package, so that every step can raise it)."""

from __future__ import annotations


class SiteBuildError(RuntimeError):
    """The site could not be built (MkDocs, Pagefind, or copying the raw sources failed)."""
