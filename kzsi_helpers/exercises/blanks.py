"""The blank students fill in: ``____`` (four underscores), as in Kaggle Learn's exercises.

A scaffolded exercise gives students a line with a blank to fill, for example
``economy = events[events["category"] == ____]``. Until they replace it, any use of ``____`` in an
expression stops the cell with a sentence saying so (a :class:`BlankError`, which is a
``NotImplementedError`` like the other empty answers of the student edition), and a checker that
receives it reports *not attempted*. The teacher edition keeps the student's version as a comment
after ``### BLANKS`` inside the worked answer (see :mod:`kzsi_helpers.publish.student_edition`).

Examples
--------
>>> ____ == "economy"
Traceback (most recent call last):
...
kzsi_helpers.exercises.blanks.BlankError: Fill in the blank first: replace ____ with your answer, then run the cell again.
"""  # noqa: E501

from __future__ import annotations

from typing import Any, NoReturn

from kzsi_helpers.i18n.messages import N_, _

__all__ = ["Blank", "BlankError", "____", "is_blank"]

_MESSAGE = N_("Fill in the blank first: replace ____ with your answer, then run the cell again.")


class BlankError(NotImplementedError):
    """Raised when a blank (``____``) is used before the student has filled it in."""


class Blank:
    """The blank ``____``: any comparison, arithmetic, call, index or truth test on it fails clearly.

    Examples
    --------
    >>> repr(____), is_blank(____)
    ('____', True)
    """

    def _unfilled(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise BlankError(_(_MESSAGE))

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _unfilled  # type: ignore[assignment]
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _unfilled
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _unfilled
    __pow__ = __rpow__ = __neg__ = __abs__ = __and__ = __rand__ = __or__ = __ror__ = _unfilled
    __call__ = __getitem__ = __iter__ = __len__ = __bool__ = __float__ = __int__ = _unfilled
    __index__ = __contains__ = _unfilled
    __hash__ = object.__hash__

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # Python's and IPython's own look-ups (_repr_html_...) go on
            raise AttributeError(name)
        raise BlankError(_(_MESSAGE))

    def __repr__(self) -> str:
        return "____"


#: The blank itself. Lessons that scaffold an exercise import it:
#: ``from kzsi_helpers.exercises import ____``.
____ = Blank()


def is_blank(value: Any) -> bool:
    """Tell whether an answer is the blank, or a list, tuple, set or dict holding it.

    Examples
    --------
    >>> is_blank(("SI", ____)), is_blank(["SI", "KZ"])
    (True, False)
    """
    if isinstance(value, Blank):
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return any(isinstance(item, Blank) for item in value)
    if isinstance(value, dict):
        return any(isinstance(item, Blank) for item in [*value.keys(), *value.values()])
    return False
