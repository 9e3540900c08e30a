"""Stage 4 of the pipeline: facts from prose.

``parse`` runs the clause grammar (grammars/statements.lark) and ``assemble``
links the pieces into facts with sentence and paragraph context; ``subjects``
folds subjects into ledger keys. ``expressions`` evaluates written
calculations, ``rates`` finds named control and execution rates,
``scoreclaims`` scores restated in prose, ``targets`` reads indicator targets
and actual values. Facts from tables come from ``budgetlint.tables``.
"""
