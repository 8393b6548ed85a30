"""The course itself: where its folders are, which lessons it has, and the commands that keep them fresh.

Modules: :mod:`~kzsi_helpers.course.paths` (the course, data and notebooks folders),
:mod:`~.lessons` (the lessons and their skeleton), :mod:`~.folders` (write whole or not at all),
:mod:`~.execute` (re-execute the lessons), :mod:`~.toc` (lesson 00's table of lessons),
:mod:`~.launch` (trust the lessons and open JupyterLab), :mod:`~.timing` (how long a lesson takes a
class), :mod:`~.times` and :mod:`~.guide_times` (the times it writes into the lessons and the
guide), :mod:`~.answer_key` (the guide's key, read from the executed lessons), :mod:`~.release`
(the version).
"""
