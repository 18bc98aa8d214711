"""Article pages and feeds the team writes for the tests of reading the web: the stories of
``fixtures/news/stories.txt`` dressed in six kinds of news-site page, with the boilerplate
real sites put around the text (navigation, cookie banners, bylines, share buttons, ads,
"read more" boxes, captions, author boxes, comments, footers), and RSS 2.0 and Atom feeds
of them. The stories' paragraphs are the gold text a page's extraction is scored on."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

STORIES_FILE = Path(__file__).resolve().parent / "fixtures" / "news" / "stories.txt"


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    date: dt.date | None
    paragraphs: tuple[str, ...]


def stories() -> list[Story]:
    out = []
    lines = [ln for ln in STORIES_FILE.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    for block in "\n".join(lines).split("\n---\n"):
        rows = [r for r in block.strip().splitlines() if r.strip()]
        head = dict(r.split(" ", 1) if " " in r else (r, "") for r in rows[:3])
        date = dt.date.fromisoformat(head["date"]) if head.get("date") else None
        out.append(Story(head["slug"], head["title"], date, tuple(rows[3:])))
    return out


def sentences(text: str) -> list[str]:
    """A text's sentences, whitespace and quotes normalised: the unit extraction is scored in."""
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])|\n+", text)
    return [" ".join(p.split()) for p in parts if len(p.split()) >= 3]


def _meta(story: Story, url: str) -> str:
    date = f'<meta property="article:published_time" content="{story.date}T09:30:00+02:00">' if story.date else ""
    return (f'<link rel="canonical" href="{url}">{date}'
            f'<meta property="og:title" content="{html.escape(story.title)}">'
            f'<meta name="description" content="{html.escape(story.paragraphs[0][:120])}">')


def _paras(story: Story, every: int = 0, interlude: str = "") -> str:
    out = []
    for i, p in enumerate(story.paragraphs, start=1):
        out.append(f"<p>{html.escape(p)}</p>")
        if every and i % every == 0 and i < len(story.paragraphs):
            out.append(interlude)
    return "\n".join(out)


NAV = ('<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>'
       '<li><a href="/region">Region</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a>'
       '</li><li><a href="/opinion">Opinion</a></li></ul></nav>')
FOOTER = ('<footer class="site-footer"><p>© 2023 Balkan Wire. All rights reserved.</p><ul><li><a href="/about">'
          'About us</a></li><li><a href="/privacy">Privacy policy</a></li><li><a href="/contact">Contact</a></li>'
          '</ul><div class="newsletter"><p>Sign up for our morning newsletter and never miss a story from the '
          'region.</p><form><input type="email" placeholder="Your email"><button>Subscribe</button></form></div>'
          '</footer>')


def wire(story: Story, url: str) -> str:
    """A news agency's site: semantic tags, ads and a read-more box in the article, comments."""
    ad = '<div class="ad-slot advertisement" aria-label="advertisement"><span>Advertisement</span></div>'
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(story.title)} |
Balkan Wire</title>{_meta(story, url)}</head><body>
<header><div class="logo">Balkan Wire</div>{NAV}
<div class="cookie-banner"><p>We use cookies to improve your experience on our site. By continuing to browse you
agree to our use of cookies.</p><button>Accept all</button></div></header>
<main><article class="story"><h1>{html.escape(story.title)}</h1>
<div class="byline">By Ana Petrović, Pristina</div><time datetime="{story.date or ''}">{story.date or ''}</time>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
{_paras(story, 2, ad)}
<aside class="related"><h3>Read more</h3><ul><li><a href="/a">EU envoy visits Belgrade for talks</a></li>
<li><a href="/b">What is behind the latest tension in northern Kosovo?</a></li></ul></aside>
</article>
<section class="comments" id="comments"><h3>3 comments</h3>
<div class="comment"><p class="author">Marko</p><p>This is all the government's fault and everybody knows it by now.
</p></div><div class="comment"><p class="author">Drita</p><p>Thank you for the reporting, it is good to read the
facts for once.</p></div></section></main>{FOOTER}</body></html>"""


def portal(story: Story, url: str) -> str:
    """A portal of nested divs without semantic tags, with a "most read" sidebar of headlines."""
    most_read = "".join(f'<li><a href="/m{i}">{t}</a></li>' for i, t in enumerate([
        "Government announces new measures against rising prices in the capital",
        "Football club sacks coach after third defeat in a row this season",
        "Weather service warns of storms across the region over the weekend"]))
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{html.escape(story.title)} - Portal</title>{_meta(story, url)}</head><body>
<div id="top"><div class="menu"><a href="/">Home</a> | <a href="/news">News</a> | <a href="/world">World</a></div></div>
<div id="wrapper"><div id="content"><div class="story-header"><div class="headline">{html.escape(story.title)}</div>
<div class="meta">Published {story.date or ''} | Updated 2 hours ago</div></div>
<div class="story-body">{_paras(story)}</div>
<div class="tags">Tags: <a href="/t/kosovo">Kosovo</a> <a href="/t/serbia">Serbia</a></div></div>
<div id="sidebar"><div class="most-read"><div class="title">Most read</div><ol>{most_read}</ol></div>
<div class="promo">Download our app for the latest news on your phone.</div></div></div>
<div id="bottom"><div class="copyright">Copyright 2023 Portal Media. Reproduction without permission is forbidden.
</div></div></body></html>"""


def blog(story: Story, url: str) -> str:
    """A WordPress theme: entry-content, an author box, related posts and a comment form."""
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="UTF-8"><title>{html.escape(story.title)}
</title>{_meta(story, url)}</head><body class="post-template-default single single-post">
<div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title">Northern Notes</p>
<nav id="site-navigation" class="main-navigation">{NAV}</nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article class="post type-post status-publish format-standard hentry"><header class="entry-header">
<h1 class="entry-title">{html.escape(story.title)}</h1><div class="entry-meta"><span class="posted-on">Posted on
{story.date or ''}</span> <span class="byline">by <a href="/author/editor">editor</a></span></div></header>
<div class="entry-content">{_paras(story)}</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/c/news">News</a></span></footer></article>
<div class="author-box"><h4>About the author</h4><p>Ana covers politics and security in Kosovo and Serbia for
Northern Notes and has reported from the region for ten years.</p></div>
<div class="related-posts"><h3>Related posts</h3><ul><li><a href="/r1">Elections in the north: what we know so far</a>
</li><li><a href="/r2">A short history of the bridge in Mitrovica</a></li></ul></div>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3>Leave a reply</h3>
<p class="comment-notes">Your email address will not be published. Required fields are marked.</p><form>
<textarea></textarea><input type="submit" value="Post comment"></form></div></div></main></div>
<aside id="secondary" class="widget-area"><section class="widget"><h2>Archives</h2><ul><li>June 2023</li>
<li>May 2023</li></ul></section></aside></div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress</div></footer>
</div></body></html>"""


def tabloid(story: Story, url: str) -> str:
    """A busy site: a figure with a caption, "also read" links and social embeds in the text."""
    also = ('<p class="also-read"><strong>ALSO READ:</strong> <a href="/x">Shocking pictures from the scene as '
            'crowds gather</a></p>')
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(story.title)}</title>
{_meta(story, url)}</head><body><div class="top-bar"><span>Breaking news</span> <span>Live TV</span></div>
<header class="masthead">{NAV}</header><div class="breaking-ticker">BREAKING: Markets fall as energy prices climb
again</div><article><h1>{html.escape(story.title)}</h1>
<figure><img src="/img/scene.jpg" alt="scene"><figcaption>The scene on Monday morning (Photo: Balkan Wire)
</figcaption></figure>
{_paras(story, 3, also)}
<div class="social-embed"><blockquote class="twitter-tweet"><p>Watch the video from the scene here</p>
</blockquote></div>
<div class="newsletter-inline"><p>Get the biggest stories straight to your inbox every morning.</p></div>
</article><div class="outbrain"><h4>You may also like</h4><ul><li><a href="/o1">Doctors are amazed by this simple
trick</a></li><li><a href="/o2">Ten places in the Balkans you must visit before you die</a></li></ul></div>
{FOOTER}</body></html>"""


def minimal(story: Story, url: str) -> str:
    """A plain page: a headline, the paragraphs, a one-line footer."""
    return f"""<html lang="en"><head><meta charset="utf-8"><title>{html.escape(story.title)}</title>{_meta(story, url)}
</head><body><h1>{html.escape(story.title)}</h1>
{_paras(story)}
<hr><p class="footer"><a href="/">Back to the front page</a></p></body></html>"""


def agency(story: Story, url: str) -> str:
    """A syndication page: a dateline, a "reporting by" credit, a licensing note, a JSON-LD block."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in agency_paragraphs(story))
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":'
          f'"{story.title}"' + (f',"datePublished":"{story.date}"' if story.date else "") + "}</script>")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(story.title)}</title>
{_meta(story, url)}{ld}</head><body><div class="header">{NAV}</div>
<div class="article-wrap"><div class="article-body" itemprop="articleBody">{body}</div>
<div class="credits"><p>Our standards: The Trust Principles.</p></div>
<div class="licensing">Purchase licensing rights for this article.</div></div>{FOOTER}</body></html>"""


def agency_paragraphs(story: Story) -> list[str]:
    """Agency copy opens with a dateline, which is part of the article's first sentence."""
    first, *rest = story.paragraphs
    when = f", {story.date.strftime('%B')} {story.date.day}" if story.date else ""
    return [f"PRISTINA{when} (Balkan Wire) - {first}", *rest]


TEMPLATES: dict[str, Callable[[Story, str], str]] = {
    "wire": wire, "portal": portal, "blog": blog, "tabloid": tabloid, "minimal": minimal, "agency": agency}


def gold_sentences(story: Story, template: str = "wire") -> list[str]:
    """The sentences of the story as the template's page writes them."""
    paragraphs = agency_paragraphs(story) if template == "agency" else story.paragraphs
    return [s for p in paragraphs for s in sentences(p)]


# -- pages in other languages --------------------------------------------------------------

SERBIAN = """<!DOCTYPE html><html lang="sr"><head><meta charset="utf-8"><title>Barikade na putu ka Zubinom Potoku
</title></head><body><article><h1>Barikade na putu ka Zubinom Potoku</h1>
<p>Stanovnici Zubinog Potoka zadržali su barikade na glavnom putu treći dan zaredom, rekli su lokalni zvaničnici.
Kamioni sa gorivom i brašnom vraćeni su na raskrsnici kod Gazivodskog jezera.</p>
<p>Policija u Zvečanu upotrebila je suzavac protiv okupljenih ispred zgrade opštine u jutarnjim satima. Dvojica
policajaca prevezena su u bolnicu u Mitrovici sa lakšim povredama, rekao je portparol policije.</p>
<p>Vlada Kosova u Prištini saopštila je da barikade blokiraju snabdevanje sela kod Leposavića i da će biti uklonjene.
</p></article></body></html>"""

FRENCH_UNDECLARED = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Manifestation à Mitrovica</title>
</head><body><article><h1>Manifestation à Mitrovica</h1>
<p>Plusieurs milliers de personnes ont défilé dimanche dans les rues de Mitrovica-Nord pour protester contre
l'arrestation de trois hommes de la région. La marche s'est terminée dans le calme devant le palais de justice.</p>
<p>Les hommes ont été arrêtés la semaine dernière, soupçonnés d'avoir attaqué une patrouille de police près de
Jarinje. Leurs avocats affirment que les arrestations sont politiques et qu'ils vont les contester.</p>
<p>Les organisateurs ont indiqué que des bus avaient amené des manifestants de Leposavić, de Zvečan et de Zubin Potok.
</p></article></body></html>"""


# -- feeds ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    summary: str = ""


def rss(title: str, site: str, items: Sequence[FeedItem], language: str = "en") -> str:
    """An RSS 2.0 feed."""
    rows = []
    for it in items:
        date = f"<pubDate>{email.utils.format_datetime(it.date)}</pubDate>" if it.date else ""
        rows.append(f"<item><title>{html.escape(it.title)}</title><link>{html.escape(it.link)}</link>"
                    f"<guid isPermaLink=\"true\">{html.escape(it.link)}</guid>{date}"
                    f"<description>{html.escape(it.summary)}</description></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>{site}</link><description>News</description><language>{language}</language>"
            + "".join(rows) + "</channel></rss>")


def atom(title: str, site: str, items: Sequence[FeedItem]) -> str:
    """An Atom 1.0 feed."""
    rows = []
    for it in items:
        stamp = (it.updated or it.date)
        updated = f"<updated>{stamp.isoformat()}</updated>" if stamp else ""
        published = f"<published>{it.date.isoformat()}</published>" if it.date else ""
        rows.append(f"<entry><title>{html.escape(it.title)}</title>"
                    f'<link rel="alternate" href="{html.escape(it.link)}"/>'
                    f"<id>{html.escape(it.link)}</id>{published}{updated}"
                    f"<summary>{html.escape(it.summary)}</summary></entry>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
            f"<title>{html.escape(title)}</title><link href=\"{site}\"/><id>{site}/</id>"
            f"<updated>2023-07-01T00:00:00Z</updated>" + "".join(rows) + "</feed>")


def day(story: Story, hour: int = 9) -> dt.datetime | None:
    return dt.datetime(story.date.year, story.date.month, story.date.day, hour, tzinfo=dt.UTC) if story.date else None
