"""Open every page of the built site in headless Chromium, offline, and fail on anything broken.

    python site/check.py site/_build/html [--shots DIR --page index.html --page ...]

The site is served by ``python -m http.server`` on 127.0.0.1, and every request to any other
host is blocked (and counted as a failure): the site must work with no network at all. For
each page: no console error, page error or HTTP error; math typeset by MathJax (no error node,
no raw ``$$`` left in the text); every image loaded; the chapter navigation lists every page;
every internal link answers and its #anchor exists; no app figure is shown as a live canvas,
which is blank without a kernel (the site shows each app's saved picture). Each slide deck
(slides/*.html, site/slides.py) is opened with the same offline rules: reveal.js starts and
holds several slides, its math is typeset, its pictures load, and its chapter page links to
it. Exit status 1 on any failure, with the list.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urlparse

CHROMIUM = "/usr/bin/chromium"    # Debian's; Playwright never downloads a browser here
SKIP = {"genindex.html", "search.html"}

PAGE_FACTS = """() => {
  const text = [...document.querySelectorAll('article p, article li, article td')]
      .map(e => e.innerText).join('\\n');
  return {
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    rawMath: (text.match(/\\$\\$/g) || []).length,
    images: [...document.images]
        .map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]),
    nav: [...document.querySelectorAll('nav.bd-docs-nav a.reference.internal')]
        .map(a => a.getAttribute('href')),
    liveCanvases: document.querySelectorAll('.cell_output .jupyter-matplotlib').length,
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  };
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(site: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind",
                               "127.0.0.1", "--directory", str(site)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("the local web server did not start")


DECK_FACTS = """() => {
  const text = [...document.querySelectorAll('.jp-RenderedMarkdown')]
      .map(e => e.textContent).join('\\n');
  return {
    slides: Reveal.getTotalSlides(),
    title: document.querySelector('.reveal .slides section h1')?.textContent || '',
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: document.querySelectorAll('mjx-merror').length,
    rawMath: (text.match(/\\$\\$/g) || []).length,
    images: [...document.images]
        .map(i => [i.getAttribute('src').slice(0, 60), i.complete && i.naturalWidth > 0]),
    notes: document.querySelectorAll('aside.notes').length,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  };
}"""
MIN_SLIDES = 3


def check(site: Path, shots: Path | None = None, shot_pages=()) -> list[str]:
    from playwright.sync_api import sync_playwright

    everything = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                        if "_static" not in p.parts and "_sources" not in p.parts
                        and p.name not in SKIP)
    decks = [p for p in everything if p.startswith("slides/")]
    pages = [p for p in everything if p not in decks]
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    failures, ids, links = [], {}, {}
    server = serve(site, port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox"])
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            blocked = []

            def only_local(route):
                if urlparse(route.request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    blocked.append(route.request.url)
                    route.abort()

            context.route("**/*", only_local)
            for name in pages:
                problems = check_page(context, base, name, pages, blocked, ids, links,
                                      shots if name in shot_pages else None)
                failures += [f"{name}: {p}" for p in problems]
                print(f"{name}: {'ok' if not problems else f'{len(problems)} problems'}")
            for name in decks:
                problems = check_deck(context, base, name, blocked, links,
                                      shots if name in shot_pages else None)
                failures += [f"{name}: {p}" for p in problems]
                print(f"{name}: {'ok' if not problems else f'{len(problems)} problems'}")
            failures += decks_linked(decks, links, base)
            failures += check_links(context, base, ids, links)
            browser.close()
    finally:
        server.terminate()
        server.wait(5)
    return failures


def _opened(context, url):
    """A new page at ``url``, and the list its console errors, page errors and HTTP errors
    are collected in as they happen."""
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text[:300]}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status} {r.url}"))
    page.goto(url, wait_until="networkidle")
    return page, problems


def _math_and_images(facts):
    """Untypeset math and pictures that did not load, from a page's or a deck's facts."""
    problems = []
    if facts["mathErrors"] or facts["rawMath"]:
        problems.append(f"math not typeset: {facts['mathErrors']} errors, "
                        f"{facts['rawMath']} raw $$")
    return problems + [f"image did not load: {src}" for src, ok in facts["images"] if not ok]


def check_page(context, base, name, pages, blocked, ids, links, shots):
    before = len(blocked)
    page, problems = _opened(context, base + name)
    if page.evaluate("!!(window.MathJax && MathJax.startup)"):
        page.wait_for_function("MathJax.startup.promise !== undefined")
        page.evaluate("MathJax.startup.promise")
    page.wait_for_timeout(500)        # the widget manager draws saved widgets after load
    facts = page.evaluate(PAGE_FACTS)
    ids[name], links[name] = set(facts["ids"]), facts["links"]
    problems += [f"blocked request to another host: {url}" for url in blocked[before:]]
    problems += _math_and_images(facts)
    if facts["liveCanvases"]:     # without a kernel an ipympl canvas is blank: show the PNG
        problems.append(f"{facts['liveCanvases']} app figures shown as blank live canvases")
    listed = {urldefrag(href)[0] for href in facts["nav"]}
    here = Path(name).parent
    listed = {(here / href).as_posix().replace("notebooks/../", "") for href in listed}
    missing = [p for p in pages if p != name and p != "index.html"
               and p not in listed and Path(p).name not in {Path(x).name for x in listed}]
    if missing:
        problems.append(f"the chapter navigation lacks {missing}")
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / (name.replace("/", "_") + ".png")), full_page=False)
    page.close()
    return problems


def check_deck(context, base, name, blocked, links, shots):
    """A slide deck: reveal.js running offline, with its slides, math and pictures."""
    before = len(blocked)
    page, problems = _opened(context, base + name)
    try:
        page.wait_for_function("window.Reveal && Reveal.isReady && Reveal.isReady()",
                               timeout=15_000)
        page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise",
                               timeout=15_000)
        page.evaluate("MathJax.startup.promise")
    except Exception as error:                     # noqa: BLE001  (reported, not raised)
        problems.append(f"reveal.js or MathJax did not start: {str(error)[:200]}")
        page.close()
        return problems + [f"blocked request to another host: {u}" for u in blocked[before:]]
    facts = page.evaluate(DECK_FACTS)
    links[name] = facts["links"]
    problems += [f"blocked request to another host: {url}" for url in blocked[before:]]
    if facts["slides"] < MIN_SLIDES:
        problems.append(f"only {facts['slides']} slides")
    if not facts["title"].strip():
        problems.append("the first slide has no title")
    problems += _math_and_images(facts)
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / (name.replace("/", "_") + ".png")))
    print(f"  {name}: {facts['slides']} slides, {facts['math']} formulas, "
          f"{len(facts['images'])} pictures, {facts['notes']} speaker notes")
    page.close()
    return problems


def decks_linked(decks, links, base):
    """Every deck is linked from its chapter's page."""
    problems = []
    for deck in decks:
        chapter = "notebooks/" + deck.removeprefix("slides/")
        if base + deck not in {urldefrag(h)[0] for h in links.get(chapter, [])}:
            problems.append(f"{chapter} does not link to its slides, {deck}")
    return problems


def check_links(context, base, ids, links):
    problems = []
    for name, hrefs in links.items():
        for href in sorted(set(hrefs)):
            if not href.startswith(base):
                continue                      # a link to another site is fine: not requested
            url, anchor = urldefrag(href)
            target = url[len(base):] or "index.html"
            status = context.request.get(url).status
            if status >= 400:
                problems.append(f"{name}: link {href} answers HTTP {status}")
            elif anchor and target in ids and anchor not in ids[target]:
                problems.append(f"{name}: link {href}: no #{anchor} on {target}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--shots", type=Path, help="save screenshots of these pages here")
    parser.add_argument("--page", action="append", default=[], dest="pages",
                        help="a page to screenshot (repeat), e.g. index.html")
    args = parser.parse_args()
    start = time.monotonic()
    failures = check(args.site.resolve(), args.shots, set(args.pages))
    for failure in failures:
        print("FAIL", failure)
    print(f"{len(failures)} failures, {time.monotonic() - start:.0f} s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
