# Sphinx configuration of the static site: the committed notebooks, rendered as they are.
"""Build with ``make site`` (which stages the sources with site/stage.py, then runs Sphinx).

Everything a page needs is served by the site itself, so it can be read offline and opens no
connection to another host: MathJax, the widget manager, ipympl's front end and reveal.js (for
the slide decks site/slides.py writes) come from npm
(site/package.json, ``npm ci``) and are copied into ``_static``. Notebooks are never executed:
the site shows the outputs committed with them.
"""

import os
import shutil
import sys
from pathlib import Path

SITE = Path(__file__).resolve().parent
REPO = SITE.parent
sys.path.insert(0, str(SITE))
from stage import REPOSITORY  # noqa: E402  (pyproject.toml's [project.urls], one place)

project = "Neural Networks from Scratch"
html_title = project
# the README is the home page (staged as index.md by site/stage.py), as on GitHub
extensions = ["myst_nb"]
exclude_patterns = ["_build", "_vendor", "**.ipynb_checkpoints"]
myst_enable_extensions = ["dollarmath", "amsmath"]   # $...$ and $$...$$ in the notebooks
myst_heading_anchors = 3                               # links to "#a-section" work as on GitHub
suppress_warnings = ["mystnb.unknown_mime_type"]

# The notebooks are shown with their committed outputs, never re-run.
nb_execution_mode = "off"
# An app's saved output holds its live view AND a PNG of its state; without a kernel the view
# of an ipympl canvas is blank, so a static page shows the picture.
nb_mime_priority_overrides = [("html", "image/png", 5)]

html_theme = "sphinx_book_theme"
html_context = {"default_mode": "light"}   # the theme logs a console error without a default
html_theme_options = {
    "repository_url": REPOSITORY,
    "use_repository_button": True,
    "path_to_docs": "",
    "launch_buttons": {"binderhub_url": "https://mybinder.org", "notebook_interface": "jupyterlab"},
    "show_toc_level": 2,
}

# ---------------------------------------------------- served from _static, never from a CDN
NODE_MODULES = Path(os.environ.get("NODE_MODULES", SITE / "node_modules"))
VENDOR = SITE / "_vendor" / "npm"          # Sphinx copies _vendor/ into _build/html/_static/
if not NODE_MODULES.is_dir():
    raise RuntimeError(f"{NODE_MODULES} is missing: run `npm ci` in site/ first (make site does)")
_ASSETS = {
    "mathjax": ("mathjax/es5", shutil.ignore_patterns("*-full*", "*svg*", "node-main.js")),
    "html-manager": ("@jupyter-widgets/html-manager/dist", shutil.ignore_patterns(
        "*.map", "embed.js", "libembed-amd.js", "*.LICENSE.txt")),
    "jupyter-matplotlib": ("jupyter-matplotlib/dist", None),
    "requirejs": ("requirejs", shutil.ignore_patterns("bin", "*.md", "package.json")),
    # the classroom decks (site/slides.py): reveal.js, its themes and speaker notes
    "reveal.js/dist": ("reveal.js/dist", shutil.ignore_patterns("*.map", "*.esm.js")),
    "reveal.js/plugin/notes": ("reveal.js/plugin/notes", shutil.ignore_patterns("*.esm.js")),
}
for name, (source, ignore) in _ASSETS.items():
    shutil.copytree(NODE_MODULES / source, VENDOR / name, ignore=ignore, dirs_exist_ok=True)
html_static_path = [str(SITE / "_vendor"), str(SITE / "_static")]

mathjax_path = "npm/mathjax/tex-mml-chtml.js"      # MathJax 3, relative to _static

# Widgets other than the apps (plain sliders in 00) render in their saved state. The order
# matters: require.js, then where the widget modules live, then the embedder.
nb_ipywidgets_js = {
    "npm/requirejs/require.js": {},
    "widgets_offline.js": {},
    "npm/html-manager/embed-amd.js": {
        "data-jupyter-widgets-cdn": "_static/npm/missing-widget-modules/",   # never a CDN
    },
}
