"""The ``budgetlint`` command and ``python -m budgetlint``."""
import gc
import os
import sys


def run() -> None:
    """Start the command line with the cyclic garbage collector off while the modules load.

    Loading click, pydantic (every model's schema and validator), the rules and
    the clause parser builds tens of thousands of long-lived objects and next
    to no garbage; the collector would traverse them again and again (about
    30 ms of a 0.27 s one-line check). They are frozen once loaded, so later
    collections, and those of ``--jobs`` workers forked from this process,
    skip them.

    Linting leaves next to no cyclic garbage either (reference counting frees
    it: a 2.9 MB document peaks at the same memory with the collector off), but
    a batch keeps every file's findings until the cross-document rules have
    run, and each full collection walks them all again: 37 passes, 2.3 s of
    the 25 s CPU of 400 documents at Python's default of a pass over the
    young objects every 700 allocations. Collecting every 50,000 instead
    leaves none there (workers inherit the setting).

    Pydantic looks for plugins of its own among the installed packages' entry
    points when it builds the first model (a scan of every package's metadata,
    about 4 ms of the cold start); budgetlint's models use none, so the command
    turns the search off unless ``PYDANTIC_DISABLE_PLUGINS`` is set already.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.disable()
    from .cli import main

    if sys.argv[1:2] == ["check"]:  # what every check loads anyway: the rules and the clause parser
        from .batch import _warm

        _warm()
    gc.freeze()
    gc.set_threshold(50_000)
    gc.enable()
    main()


if __name__ == "__main__":
    run()
