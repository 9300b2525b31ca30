"""Babel's extraction method for this app's texts: every t(), tn(), tp(), N_(), Nn_() and
Np_() call, read from the syntax tree.

Babel's own Python extractor reads tokens, and on Python 3.11 an f-string is one token:
a t("Phase") inside f"**{t('Phase')}:**" would never reach the catalogue and stay English
in every language. The syntax tree sees into f-strings, and joins implicitly
concatenated literals the way Python does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

Extracted = tuple[int, str, str | None | tuple[str | None, ...], list[str]]


def extract(
    fileobj: IO[bytes], keywords: dict[str, Any], comment_tags: Any, options: dict[str, Any]
) -> Iterator[Extracted]:
    """Yield (line, function, message(s), comments) for each call to a keyword function;
    an argument that is not a literal is None, which Babel skips with a warning."""
    tree = ast.parse(fileobj.read().decode(options.get("encoding", "utf-8")))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        if node.func.id not in keywords or not node.args:
            continue
        strings = tuple(
            arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
            for arg in node.args
        )
        yield node.lineno, node.func.id, strings if len(strings) > 1 else strings[0], []
