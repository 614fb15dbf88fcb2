"""Small article pages the tests write themselves."""

from __future__ import annotations

import html
import json

PARAGRAPHS = [
    "The city council voted seven to two on Tuesday night to approve the long-awaited waterfront "
    "redevelopment plan, ending more than three years of public hearings and arguments.",
    "The plan replaces the disused freight yard with a park, a cycle path and about four hundred homes, "
    "a third of which must be offered below market rent to local families.",
    "Supporters said the vote would finally open the river to residents. Opponents warned that the "
    "budget leaves no margin for the flood defences the site will need in the coming decades.",
    "Construction is expected to start next spring and to last about two years, according to the "
    "planning office, which will publish a detailed schedule in the coming weeks.",
    "Residents can comment on the landscaping designs until the end of the month at the public "
    "library or on the council's website, where the full plans are available to download.",
    "The next public meeting on the project will be held in the town hall in March, when the council "
    "expects to present the first detailed drawings of the new river park and its paths.",
]
TITLE = "Council approves new waterfront plan after long debate"


def article_page(
    title: str = TITLE,
    paragraphs: list[str] | None = None,
    *,
    site_name: str | None = "The Riverside Courier",
    title_suffix: str | None = " | The Riverside Courier",
    author: str | None = "Jane Doe",
    published: str | None = "2024-03-05T09:30:00+00:00",
    canonical: str | None = None,
    before_body: str = "",
    between: str = "",
    ld: dict[str, object] | None = None,
    extra_head: str = "",
    raw_paragraphs: bool = False,
    charset: str = "utf-8",
) -> str:
    """A news page with navigation, share buttons and related links around the article."""
    paras = paragraphs if paragraphs is not None else PARAGRAPHS
    esc = (lambda s: s) if raw_paragraphs else html.escape
    body = [f"<p>{esc(p)}</p>" for p in paras]
    if between:
        body.insert(2, between)
    head = [f'<meta charset="{charset}">', f"<title>{html.escape(title + (title_suffix or ''))}</title>"]
    if site_name:
        head.append(f'<meta property="og:site_name" content="{html.escape(site_name)}">')
    if author:
        head.append(f'<meta name="author" content="{html.escape(author)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    if ld is not None:
        head.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    head.append(extra_head)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{"".join(head)}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>{html.escape(title)}</h1>
{before_body}
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
<div class="article-body">
{"".join(body)}
</div>
<p class="print"><a href="#">Print Friendly</a></p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Another story about the harbour</a></li>
<li><a href="/b">Weather warning for the weekend</a></li></ul></aside>
</main>
<footer><p>© 2024 The Riverside Courier. All rights reserved.</p></footer>
</body></html>
"""
