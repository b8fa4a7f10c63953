"""Paper-matching texts as the register shows them. `validators.paper_match` writes a pairing's
explanation (`PaperMatch.explanation`, a paper finding's `evidence`) as words, then the score's
figures after its FIGURES_MARK: every sheet shows the words, the 纸质件 sheet alone the figures.

(A module of its own so that register_view, which already imports intake, need not import a
second stage.)
"""

from __future__ import annotations

from shenbao.validators.paper_match import split_figures


def paper_words(text: str) -> str:
    """The words of a paper-matching text (all of it when it carries no figures)."""
    return split_figures(text)[0]


def paper_figures(text: str) -> str:
    """The figures of a paper-matching text, or "" when it carries none."""
    return split_figures(text)[1]
