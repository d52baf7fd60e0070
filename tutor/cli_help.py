"""The text of ``tutor --help`` as argparse lays it out at 80 columns, prepared so that printing it needs no argparse.

Generated from :func:`tutor.cli.build_parser`: tests/unit/test_cli_help.py fails
when the two differ, and rewrites this file when run with TUTOR_REGENERATE_HELP=1.
"""

HELP = """\
usage: tutor [-h] [--version] [--data-dir DIR] [--lessons DIR] [--no-shipped]
             [--profile NAME]
             COMMAND ...

A terminal tutorial on Russia's July 2025 recognition of the Taliban
government, taught from five articles.

positional arguments:
  COMMAND
    start         open the interactive tutorial
    quiz          take one module's quiz (--plain for the line-by-line
                  dialogue)
    validate      check lesson files and report every problem with
                  file:line:col
    list          list the lesson modules (with your progress once you have
                  some)
    sources       list the articles, or print one article's text
    progress      show a learner's progress per module (reset: delete it)
    profiles      list the learners who have progress on this computer
    doctor        check the progress store's integrity and repair what can be
                  repaired
    assign        create an assignment file (a short wizard when run in a
                  terminal with no flags)
    submit        write (again) this learner's result file for an assignment
    report        class report from result files (or an LRS): scores,
                  pass/fail, late, most-missed questions
    export        lessons to Anki, Moodle GIFT or QTI 1.2; a learner's xAPI
                  statements to JSON
    sync          send every learner's pending xAPI statements to a Learning
                  Record Store
    serve         serve the tutorial to web browsers (a classroom on one
                  computer)

options:
  -h, --help      show this help message and exit
  --version       show program's version number and exit
  --data-dir DIR  folder for progress and your own lessons (default:
                  $TUTOR_HOME or the platform's user data folder)
  --lessons DIR   also load lesson modules from DIR (repeatable; a module here
                  replaces a shipped one with the same id)
  --no-shipped    leave out the shipped modules (their articles stay
                  available); use only --lessons, TUTOR_LESSONS and the data
                  folder
  --profile NAME  the learner (default: your user name)
"""
