"""The ``budgetlint`` command and ``python -m budgetlint``."""
import gc
import sys


def run() -> None:
    """Start the command line with the cyclic garbage collector off while the modules load.

    Loading click, pydantic (every model's schema and validator), the rules and
    the clause parser builds tens of thousands of long-lived objects and next
    to no garbage; the collector would traverse them again and again (about
    30 ms of a 0.27 s one-line check). They are frozen once loaded, so later
    collections, and those of ``--jobs`` workers forked from this process,
    skip them.
    """
    gc.disable()
    from .cli import main

    if sys.argv[1:2] == ["check"]:  # what every check loads anyway: the rules and the clause parser
        from .batch import _warm

        _warm()
    gc.freeze()
    gc.enable()
    main()


if __name__ == "__main__":
    run()
