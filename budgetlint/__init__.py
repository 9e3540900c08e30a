"""budgetlint: recompute the arithmetic of Chinese budget disclosures and report contradictions."""

__version__ = "0.1.0"
