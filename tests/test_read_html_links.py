"""Links inside a page's main content are text; lists of links outside it (menus, other articles) are not."""

from policy_archive.clean import clean
from policy_archive.read import read_bytes

NAV = '<div class="nav"><a href="/">首页</a> | <a href="/a">政务公开</a> | <a href="/b">通知公告</a> | <a href="/c">办事服务</a></div>'
RELATED = (
    '<div class="related"><h3>相关文章</h3><ul><li><a href="/1">关于2023年度教工体检的通知</a>[08-15]</li>'
    '<li><a href="/2">关于开展春季火灾疏散演练的通知</a>[03-25]</li><li><a href="/3">关于组织全校师生核酸检测的通知</a>[10-24]</li></ul></div>'
)
CITATION = (
    '<p>根据<a href="/law/1">《中华人民共和国教育法》</a>、<a href="/law/2">《中华人民共和国义务教育法》</a>、'
    '<a href="/law/3">《中华人民共和国教师法》</a>等规定，结合本市实际，制定本办法。</p>'
)
TITLES = [
    "关于印发《某市2024年教育工作要点》的通知",
    "关于做好2024年义务教育招生入学工作的通知",
    "关于开展中小学校园安全隐患排查整治的通知",
]
TITLE_LIST = "<ul>" + "".join(f'<li><a href="/doc/{k}.doc">{k + 1}.{title}</a></li>' for k, title in enumerate(TITLES)) + "</ul>"


def page(content: str, hint: str = 'class="TRS_Editor"') -> bytes:
    return f"<html><body>{NAV}<div {hint}>{content}</div>{RELATED}<div class='footer'>主办单位：某市教育局</div></body></html>".encode()


def paragraphs(data: bytes) -> list[str]:
    return list(clean(read_bytes(data, "a.html", "html")).paragraphs)


def test_a_paragraph_whose_cited_laws_are_links_is_text():
    lines = paragraphs(page("<h1>某市中小学校管理办法</h1>" + CITATION + "<p>第一条 本办法适用于本市各级各类中小学校。</p>"))
    assert "根据《中华人民共和国教育法》、《中华人民共和国义务教育法》、《中华人民共和国教师法》等规定，结合本市实际，制定本办法。" in lines
    assert not any("政务公开" in line or "火灾疏散" in line for line in lines)


def test_a_linked_citation_is_text_on_a_page_without_a_content_element_too():
    html = f"<html><body>{NAV}<p>某市中小学校管理办法</p>{CITATION}<p>第一条 本办法适用于本市各级各类中小学校。</p></body></html>"
    lines = paragraphs(html.encode())
    assert any(line.startswith("根据《中华人民共和国教育法》") and line.endswith("制定本办法。") for line in lines)
    assert not any("政务公开" in line for line in lines)


def test_a_notice_whose_body_is_a_list_of_linked_titles_is_text():
    notice = "<h1>关于公布2024年已废止文件目录的通知</h1><p>各区县教育局：</p><p>经清理，下列文件予以废止：</p>" + TITLE_LIST
    notice += "<p>某市教育局</p><p>2024年3月1日</p>"
    lines = paragraphs(page(notice))
    for k, title in enumerate(TITLES):
        assert f"{k + 1}.{title}" in lines
    assert lines[-2:] == ["某市教育局", "2024年3月1日"]
    assert not any("政务公开" in line or "教工体检" in line for line in lines)


def test_an_attachment_list_of_links_at_the_end_of_the_content_is_text():
    notice = "<p>各区县教育局：</p><p>现将有关文件印发给你们，请认真贯彻执行。</p><p>附件：</p>" + TITLE_LIST
    lines = paragraphs(page(notice, hint='id="zoom"'))
    assert lines[-3:] == [f"{k + 1}.{title}" for k, title in enumerate(TITLES)]


def test_a_nav_menu_and_related_articles_outside_the_content_are_dropped():
    lines = paragraphs(page("<p>各区县教育局：</p><p>现将有关事项通知如下，请认真贯彻执行。</p>"))
    assert lines == ["各区县教育局：", "现将有关事项通知如下，请认真贯彻执行。"]


def test_related_articles_dated_at_the_bottom_of_the_content_are_dropped():
    related = RELATED.replace('<div class="related">', "<div>")
    lines = paragraphs(page("<p>各区县教育局：</p><p>现将有关事项通知如下，请认真贯彻执行。</p>" + related))
    assert lines == ["各区县教育局：", "现将有关事项通知如下，请认真贯彻执行。"]


def test_a_menu_of_short_labels_inside_the_content_element_is_furniture_wherever_it_stands():
    # A CMS whose "content" frame holds the disclosure fields, then the site's whole menu (a menu of menus, each
    # under a label that is not a link), then the text.
    menu = "".join(
        f'<div class="col"><span>{label}</span><ul>'
        + "".join(f'<li><a href="/{label}/{k}">{item}</a></li>' for k, item in enumerate(items))
        + "</ul></div>"
        for label, items in (("走进本市", ["本市概况", "文物古迹", "本市成语"]), ("政民互动", ["我要留言", "更多回复", "我要查询"]))
    )
    content = (
        f"<p>索引号：000014348/2020-35147</p><div class='dhlm'>{menu}</div><p>第一条 本办法适用于本市各级各类中小学校，各校要认真落实。</p>"
    )
    lines = paragraphs(page(content, 'class="container content"'))
    assert "第一条 本办法适用于本市各级各类中小学校，各校要认真落实。" in lines
    assert not any(word in line for line in lines for word in ("走进本市", "文物古迹", "我要留言", "政民互动"))
