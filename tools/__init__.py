"""Course tooling: build the learner and instructor versions and the slide decks.

Not part of the ``legpain`` package that the lessons import. Run from the repository
root, for example ``python -m tools.notebook_versions`` (or ``make build``).
"""
