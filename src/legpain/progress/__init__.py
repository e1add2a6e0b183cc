"""A student's own progress across the course, kept on her computer.

- ``store``: the JSON file beside the lessons (record, read, merge, lock, damaged and newer files);
- ``summary``: what the record means, per lesson and for the revision round (plain functions);
- ``figure``: the bar per lesson, with its summary in words;
- ``panels``: the start page's panels (Your progress, Revise, Start again, download and load).

This package's ``__init__`` imports nothing, so that ``legpain.quiz`` can use the store while the
panels use the quiz.
"""
