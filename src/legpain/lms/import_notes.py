"""build/lms/README.txt: how to import each file ``make lms`` writes, in a few lines each.

``python -m legpain.lms.import_notes`` prints it. The README's "For instructors" section gives
the same steps in full.
"""

from __future__ import annotations

import sys

NOTES = """\
Leg pain in pregnancy: the course's questions for your learning platform
=========================================================================

Made by `make lms` (python -m legpain export-quiz). Two sets, four formats each:
  legpain-self-checks.*   the lessons' self-check questions (one category or section a lesson)
  legpain-assessment.*    the assessment bank, held out of the lessons: for summative quizzes only;
                          keep it hidden from students until the quiz opens.

Every question: its case and question, every option with its own feedback, the right answer,
and a general feedback with the reasoning and the sources (author, title, year, link).
Options are listed in the course's order; let the platform shuffle them.

Moodle (4.x)   *-moodle.xml
  Course > More > Question bank > Import > "Moodle XML format" > choose the file > Import.
  (Menus differ a little between Moodle versions.)
  One category a lesson, under "Leg pain in pregnancy > Self-checks" (or "> Assessment"). Keeps per-option feedback, general
  feedback with links, the question ID number, and "Shuffle the choices?" = Yes.
  Moodle adds questions on every import: delete the old category before importing a newer file.

Moodle, GIFT   *-gift.txt
  Same steps, format "GIFT". Keeps per-option and general feedback, categories, and the ID
  number and tag (Moodle 4 reads "// [id:...] [tag:...]"). Use it when Moodle XML is refused.

Canvas         *-canvas.zip
  Course > Settings > Import Course Content > "QTI .zip file" > choose the file > Import.
  One unpublished quiz a lesson: check its settings, then publish it. Keeps per-option
  ("answer comments") and general feedback, and "Shuffle answers".

Blackboard Ultra, Brightspace (D2L) and other QTI 2.1 platforms   *-qti21.zip
  Blackboard Ultra: Question Banks (in Details & Actions) > Import > the .zip; then in a test,
  Reuse questions.
  Brightspace: Question Library > Import > Upload a file.
  One section a lesson, one item a question, shuffle="true". Per-option feedback and the general
  feedback are QTI modal feedback; platforms differ in how much of it they show (check one
  question after import). Sources are inside the general feedback, with their links.

Check one question after every import: the right answer, one option's feedback and the sources.
"""


def main() -> int:
    sys.stdout.write(NOTES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
