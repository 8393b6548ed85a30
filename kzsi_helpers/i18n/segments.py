"""Cutting a lesson's cells into the pieces a translator translates, and putting them back.

- A Markdown cell is cut into blocks at its blank lines (a fenced code block stays whole and is
  not translated). Joining the blocks with the same separators gives the cell back exactly.
- A code cell offers the string literals a reader sees (with a space and two words in them) and
  its comments of three words or more. Strings that look things up (inside ``[...]``, compared
  with ``==``, or given to ``load``/``cite``) and comments with code in them are left alone.

Examples
--------
>>> blocks = markdown_blocks("# Title\\n\\nSome text.\\n\\n```python\\nx = 1\\n```")
>>> [b.text for b in blocks if b.translatable]
['# Title', 'Some text.']
>>> join_blocks(blocks) == "# Title\\n\\nSome text.\\n\\n```python\\nx = 1\\n```"
True
>>> [s.text for s in code_strings('ax.set_title("Events per year")\\nx = d["long key here"]')]
['Events per year']
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass

__all__ = ["Block", "Span", "markdown_blocks", "join_blocks", "code_strings", "code_comments",
           "replace_spans", "literal"]

_SEPARATOR = re.compile(r"(\n(?:[ \t]*\n)+)")
_WORD = re.compile(r"[^\W\d_]{2,}")
_LOOKUP_CALLS = {"load", "cite", "set_index", "read_csv", "get_cmap", "query"}
#: Calls and keywords whose text is a label a reader sees, even a single word ("Verdict").
_LABEL_CALLS = {"set_xlabel", "set_ylabel", "set_title", "suptitle", "xlabel", "ylabel", "title",
                "print", "Markdown", "show_figure", "add_source_line", "Tooltip", "Popup",
                # words searched for in a text column: the column is in the lesson's language
                "contains"}
_LABEL_KEYWORDS = {"title", "label", "xlabel", "ylabel", "alt", "tooltip", "popup", "caption", "name"}


@dataclass(frozen=True)
class Block:
    """A piece of a Markdown cell: its text, the separator after it, and whether it is translated."""

    text: str
    after: str
    translatable: bool


@dataclass(frozen=True)
class Span:
    """A translatable piece of a code cell: its text and where it sits (character offsets)."""

    text: str
    start: int
    end: int
    kind: str  # "string", "fstring" or "comment"
    line: int


def markdown_blocks(source: str) -> list[Block]:
    """Cut a Markdown cell at its blank lines, keeping fenced code blocks whole.

    Examples
    --------
    >>> [b.after for b in markdown_blocks("a\\n\\n\\nb")]
    ['\\n\\n\\n', '']
    """
    parts = _SEPARATOR.split(source)
    texts, seps = parts[0::2], parts[1::2] + [""]
    blocks: list[Block] = []
    pending, pending_sep = "", ""
    for text, sep in zip(texts, seps, strict=True):
        if pending:
            pending += pending_sep + text
            if pending.count("```") % 2 == 0:
                blocks.append(Block(pending, sep, False))
                pending = ""
            else:
                pending_sep = sep
            continue
        if text.lstrip().startswith("```") and text.count("```") % 2 == 1:
            pending, pending_sep = text, sep
            continue
        fenced = text.lstrip().startswith("```")
        wordy = bool(_WORD.search(text)) and not text.lstrip().startswith("<!--")
        blocks.append(Block(text, sep, wordy and not fenced))
    if pending:  # an unclosed fence: keep it as it is
        blocks.append(Block(pending, pending_sep, False))
    return blocks


def join_blocks(blocks: list[Block], texts: list[str] | None = None) -> str:
    """Put a cell back together, with ``texts`` in place of the blocks' own text if given.

    Examples
    --------
    >>> join_blocks(markdown_blocks("a\\n\\nb"), ["x", "y"])
    'x\\n\\ny'
    """
    texts = texts if texts is not None else [b.text for b in blocks]
    return "".join(text + block.after for text, block in zip(texts, blocks, strict=True))


def _readable(text: str, words: int) -> bool:
    return (" " in text.strip() or words == 1) and len(_WORD.findall(text)) >= words


def _parseable(source: str) -> str:
    # IPython's magics and shell lines are not Python: blank them out, keeping every offset
    return "\n".join("#" + line[1:] if line.lstrip()[:1] in "%!" and line.strip() else line
                     for line in source.split("\n"))


def _call_name(node: ast.AST) -> str:
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _offsets(source: str) -> list[int]:
    starts, total = [0], 0
    for line in source.split("\n"):
        total += len(line) + 1
        starts.append(total)
    return starts


def _char_col(source_line: str, byte_col: int) -> int:
    return len(source_line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def code_strings(source: str) -> list[Span]:
    """Return the string literals of a code cell that a reader sees, in order.

    Examples
    --------
    >>> [s.kind for s in code_strings('print(f"{n} rows in the table")')]
    ['fstring']
    >>> code_strings('events[events["title"] == "Kasse Sebero grave"]')
    []
    >>> [s.text for s in code_strings('ax.set_ylabel("Verdict")')]
    ['Verdict']
    """
    try:
        tree = ast.parse(_parseable(source))
    except SyntaxError:
        return []
    skip: set[int] = set()
    labels: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            if _call_name(node) in _LABEL_CALLS:
                labels.update(id(arg) for arg in node.args)
            labels.update(id(k.value) for k in node.keywords if k.arg in _LABEL_KEYWORDS)
        if isinstance(node, ast.Subscript):
            skip.update(id(n) for n in ast.walk(node.slice))
        elif isinstance(node, ast.Compare):
            skip.update(id(n) for n in ast.walk(node))
        elif isinstance(node, ast.Call) and _call_name(node) in _LOOKUP_CALLS:
            skip.update(id(n) for arg in node.args for n in ast.walk(arg))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(n) for n in ast.walk(node) if n is not node)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a bare string is a docstring-like note, left as code
    lines, starts, spans = source.split("\n"), _offsets(source), []
    for node in ast.walk(tree):
        looked_up = id(node) in skip and id(node) not in labels
        if looked_up or not isinstance(node, (ast.Constant, ast.JoinedStr)):
            continue
        if isinstance(node, ast.Constant) and not isinstance(node.value, str):
            continue
        if node.end_lineno is None or node.end_col_offset is None:
            continue
        start = starts[node.lineno - 1] + _char_col(lines[node.lineno - 1], node.col_offset)
        end = starts[node.end_lineno - 1] + _char_col(lines[node.end_lineno - 1], node.end_col_offset)
        segment = source[start:end]
        if isinstance(node, ast.Constant):
            words = 1 if id(node) in labels else 2
            if segment[:1] not in "\"'" or not _readable(str(node.value), words):
                continue  # raw, bytes or prefixed literals, and short keys, stay as they are
            spans.append(Span(str(node.value), start, end, "string", node.lineno))
        else:
            match = re.fullmatch(r"[fF](\"|')(.*)\1", segment, flags=re.S)
            if match and "\n" not in match.group(2) and _readable(match.group(2), 2):
                spans.append(Span(match.group(2), start, end, "fstring", node.lineno))
    return sorted(spans, key=lambda s: s.start)


def code_comments(source: str) -> list[Span]:
    """Return the comments of a code cell written for a reader (three words, no code in them).

    Examples
    --------
    >>> [s.text for s in code_comments("x = 1  # the number of rows we keep\\n# y = (____)")]
    ['the number of rows we keep']
    """
    starts, spans = _offsets(source), []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return []
    for token in tokens:
        if token.type != tokenize.COMMENT or token.string.startswith("##"):
            continue
        text = token.string[1:].strip()
        if not _readable(text, 3) or re.search(r"[=()\[\]]|____|\w\.\w", text):
            continue
        end = starts[token.start[0] - 1] + token.end[1]
        start = end - len(token.string) + token.string.index(text)
        spans.append(Span(text, start, start + len(text), "comment", token.start[0]))
    return spans


def literal(span: Span, text: str) -> str:
    """Write ``text`` back in the form of the span it replaces (a string, an f-string, a comment).

    Examples
    --------
    >>> literal(Span("a", 0, 3, "string", 1), 'Ime "x"')
    '"Ime \\\\"x\\\\""'
    """
    if span.kind == "comment":
        return " ".join(text.split())
    if span.kind == "fstring":
        quote = '"' if '"' not in text else "'"
        return f"f{quote}{text}{quote}"
    return json.dumps(text, ensure_ascii=False)


def replace_spans(source: str, replacements: list[tuple[Span, str]]) -> str:
    """Replace spans of ``source`` (from the end backwards, so offsets stay right).

    Examples
    --------
    >>> s = 'print("two words")'
    >>> replace_spans(s, [(code_strings(s)[0], "dve besedi")])
    'print("dve besedi")'
    """
    for span, text in sorted(replacements, key=lambda r: r[0].start, reverse=True):
        source = source[: span.start] + literal(span, text) + source[span.end:]
    return source
