"""policy_archive: turn scraped Chinese education-policy documents into a static, searchable MkDocs archive.

The pipeline has one module per stage, each a function of the previous stage's output:

    read     bytes on disk      -> Document(raw_text, source)
    clean    raw text           -> paragraphs, with web-page noise removed and text normalised
    extract  paragraphs         -> metadata (title, 文号, issuer, dates, place, topics) and structure
    render   Document           -> Markdown page with YAML front matter
    index    all Documents      -> year / place / topic / cross-reference pages (and exports: catalog.json …)
    site     docs/              -> MkDocs site with a Pagefind search index
"""

# Bumped whenever a stage's output for the same input may change: it keys the conversion cache.
PIPELINE_VERSION = "1"
