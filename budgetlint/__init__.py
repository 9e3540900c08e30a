"""budgetlint: recompute the arithmetic of Chinese budget disclosures and report contradictions.

``budgetlint.lint_path(path, config=None)`` lints one file and returns its
findings (a ``batch.FileResult``): pure, with picklable inputs and result, so
it maps over processes or a cluster. Imported on first use, so that
``import budgetlint`` stays cheap.
"""

__version__ = "0.1.0"
__all__ = ["lint_path"]


def __getattr__(name: str):
    if name == "lint_path":
        from .batch import lint_path

        return lint_path
    raise AttributeError(f"module 'budgetlint' has no attribute {name!r}")
