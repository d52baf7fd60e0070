"""The piped-answer format of plain mode; its own module so ``tutor --help`` stays light."""

PIPED_FORMAT = """\
Piped answers: one line per question, in the order the questions come.
  choice, true/false, which article, which passage: the option's number, e.g. 2
  multiple select: the numbers, e.g. 1,3
  ordering: the item numbers in the right order, e.g. 3 1 2 4
  matching: for each item on the left, in order, the letter of its match, e.g. b a d c
  short answer: the text
With 'tutor start --plain', the first line names the module (its number or id).
Blank lines and lines starting with # are skipped; at the end of the input the quiz stops, answers so far kept."""
