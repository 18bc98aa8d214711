"""Main-text extraction on the team's article pages: the stories' sentences recovered.

The pages are ``tests/news_pages.py``: eight invented stories in six kinds of news-site page
(an agency's semantic article with ads, read-more boxes and comments; a portal of nested
divs with a most-read sidebar; a WordPress post with author box and comment form; a busy
page with captions, "also read" links and embeds; a bare page; a syndication page with a
dateline and credits). Precision is the share of extracted sentences that are the story's,
recall the share of the story's sentences extracted (target: 0.95 each). geo's reading
(``geo.sources.pages.read_page``: trafilatura with metadata, without comments and tables)
is printed first, then the alternatives it was chosen over.

    .venv/bin/python benchmarks/extraction.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.news_pages import TEMPLATES, gold_sentences, sentences, stories  # noqa: E402


def geo_reading(html: str, url: str) -> str:
    from geo.sources.pages import read_page

    return read_page(html.encode(), url).text


def trafilatura_mode(**options) -> Callable[[str, str], str]:
    """trafilatura with other options, the headline taken off the text as geo does."""
    def extract(html: str, url: str) -> str:
        from trafilatura import bare_extraction

        found = bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False,
                                **options)
        text, title = (found.text or "", found.title or "") if found else ("", "")
        return text[len(title):] if title and text.startswith(title) else text

    return extract


def trafilatura_baseline(html: str, url: str) -> str:
    from trafilatura import baseline

    return baseline(html)[1]


def justext_paragraphs(html: str, url: str) -> str:
    import justext

    return "\n".join(p.text for p in justext.justext(html.encode(), justext.get_stoplist("English"))
                     if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "geo (trafilatura 2.3.1, balanced)": geo_reading,
    "trafilatura, favor_precision": trafilatura_mode(favor_precision=True),
    "trafilatura, favor_recall": trafilatura_mode(favor_recall=True),
    "trafilatura.baseline": trafilatura_baseline,
    "jusText 3.0.2": justext_paragraphs,
}


def score(extract: Callable[[str, str], str]) -> tuple[dict[str, tuple[float, float]], float, float, float]:
    """Per template (precision, recall); overall precision, recall; seconds per page."""
    per, found_all, right_all, gold_all, pages = {}, 0, 0, 0, 0
    start = time.perf_counter()
    for name, template in TEMPLATES.items():
        found = right = gold_n = 0
        for story in stories():
            url = f"https://balkanwire.example/news/{story.slug}"
            got, gold = sentences(extract(template(story, url), url)), set(gold_sentences(story, name))
            found, right, gold_n = found + len(got), right + sum(s in gold for s in got), gold_n + len(gold)
            pages += 1
        per[name] = (right / found if found else 0.0, right / gold_n)
        found_all, right_all, gold_all = found_all + found, right_all + right, gold_all + gold_n
    return per, right_all / max(found_all, 1), right_all / gold_all, (time.perf_counter() - start) / pages


def main() -> None:
    n_pages = len(TEMPLATES) * len(stories())
    n_gold = sum(len(gold_sentences(s, t)) for t in TEMPLATES for s in stories())
    print(f"{n_pages} pages ({len(stories())} stories x {len(TEMPLATES)} templates), {n_gold} gold sentences\n")
    print("| extractor | precision | recall | ms/page | " + " | ".join(TEMPLATES) + " |")
    print("|---|---:|---:|---:|" + "---|" * len(TEMPLATES))
    for label, extract in EXTRACTORS.items():
        per, precision, recall, seconds = score(extract)
        cells = " | ".join(f"{p:.2f}/{r:.2f}" for p, r in per.values())
        print(f"| {label} | {precision:.3f} | {recall:.3f} | {seconds * 1000:.1f} | {cells} |")
    print("\nper template: precision/recall; target 0.95 each overall")


if __name__ == "__main__":
    main()
