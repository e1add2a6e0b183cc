"""The course's questions for learning platforms: Moodle XML, QTI 2.1, Canvas (QTI 1.2) and GIFT.

``python -m legpain export-quiz`` (see :mod:`legpain.lms.cli`) reads the self-checks of the
lessons, the held-out assessment bank (``data/assessment/``) and instructors' own question files,
validated by the same models as the lessons' self-checks, and writes one file for a platform.
No notebook imports this package.
"""
