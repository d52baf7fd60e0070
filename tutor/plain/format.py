"""The piped-answer format of plain mode; its own light module so ``tutor --help`` stays fast."""

PIPED_FORMAT = """\
Piped answers: one line per question, in the order the questions come.
  choose one, which article, which passage: the option's number, e.g. 2
  true or false: t or f (or 1 or 2)
  choose all that apply: the numbers, e.g. 1,3
  put in order: the item numbers in the right order, e.g. 3 1 2 4
  match the pairs: for each item on the left, in order, the letter of its match, e.g. b a d c
  type the answer: the text
With 'tutor start --plain', the first line names the module (its number or id).
A line that does not fit its question is reported and the next line is tried instead.
Blank lines and lines starting with # are skipped; at the end of the input the quiz stops, answers so far kept."""
