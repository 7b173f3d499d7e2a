"""Marks that one part of the build writes into a page and another looks for. A leaf: it imports nothing, so
that the modules that write a mark and those that read it need not import each other."""

from __future__ import annotations

#: Where the part of a document page that Pagefind does not index begins: the plugin puts it before the rule that
#: render.relations_sections writes after a document's text (site.page_html.fence_relations), and the search
#: index's page state hashes what lies before it (site.pagefind.page_state).
RELATIONS_FENCE = '<div class="archive-relations" data-pagefind-ignore>'

#: Where a document page's text goes back into its rendered template (site.page_html.set_text_aside and
#: put_text_back). The mark cannot come from a document: render.py escapes every "<" of web text.
TEXT_MARK = "<!--archive-text-->"
