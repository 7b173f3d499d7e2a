"""按主题: a page per topic of the vocabulary (knowledge.topics), its documents with the sections that treat
it (split by year when long)."""

from __future__ import annotations

from ..document import Document
from ..knowledge import topics
from .grouping import BY_YEAR
from .templating import document_list, markdown_text, render


def topic_pages(docs: list[Document]) -> dict[str, str]:
    vocabulary, _ = topics()
    pages = {}
    groups = []
    for topic in vocabulary:
        tagged = [d for d in docs if topic.name in (d.metadata.get("topics") or ())]
        groups.append((topic, len(tagged)))
        terms = markdown_text("、".join(topic.terms))
        intro = f"依据词语：{terms}。按词语在标题、章节标题和各章节中所占的分量，选出每个文件的主要主题（至多六个）；只是顺带提及的不计。"
        pages.update(document_list(f"topics/{topic.slug}", topic.name, tagged, BY_YEAR, table="topic", topic=topic, intro=intro))
    pages["topics/index.md"] = render("topics/index.md", "topics-index.md.j2", groups=groups)
    return pages
