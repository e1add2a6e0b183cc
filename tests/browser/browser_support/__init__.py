"""What the real-browser tests (and bench/browser_bench.py) use to drive the course in Chromium.

- ``settings``: paths, timeouts and the window size;
- ``chromium``: finding Debian's Chromium and the flags it runs with on a closed network;
- ``servers``: a private JupyterLab or Voila over a throwaway copy of ``notebooks/``;
- ``classroom``: Voila as ``make voila`` starts it, over the lessons ``make voila-lessons`` builds;
- ``notebooks``: what the saved notebook files hold;
- ``lab`` and ``voila``: opening a notebook, running it, waiting until it is drawn;
- ``controls``: doing what a student does to a widget, found by its visible label;
- ``page_checks``: errors, figures, labels and axe-core, read from the page;
- ``colours``: colour parsing and the course's colour-blind-safe palette;
- ``explorer``: the symptom-to-advice explorer (notebook 08);
- ``scripts``: the JavaScript in ``js/``, which these modules run in the page.

Nothing here writes to the repository's notebooks: the servers' root is a throwaway copy, and
``LEGPAIN_DATA`` points at the repository's ``data/``.
"""
