"""BL99x suppressions: comments in the document that switch rules off."""
from __future__ import annotations

from ..model import Severity
from . import rule


@rule("BL990", "unused-suppression", Severity.WARNING)
def unused_suppression(ctx) -> None:
    """抑制注释没有抑制任何问题 — a suppression comment that no longer silences anything.

    What it checks: a ``<!-- budgetlint: disable=BL101 -->`` comment (or the plain-text line
    ``# budgetlint: disable=BL101``) covers findings on its line and the next;
    ``disable-file=`` covers the whole document. Once the numbers are fixed
    the comment is stale: it would silently hide the next real error written
    on that line. Only codes whose rules ran are judged.

    This rule is applied by ``budgetlint.suppress`` after every other rule has
    run on the document (only then is it known which comments were used), so
    there is nothing to do here while the other rules run.

    Why it matters: a stale suppression would silently hide the next real error written on its line.

    Example: 「收入合计90万元，其中：财政拨款收入60万元，其他收入30万元。
    <!-- budgetlint: disable=BL101 -->」 — the sum is right, so nothing is
    suppressed.

    Fix: delete the comment, or the code the finding names from its list.
    """
