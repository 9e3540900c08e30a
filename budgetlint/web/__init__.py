"""``budgetlint serve``: a local page where people who never open a terminal check their documents.

One drops or chooses files, sees the upload's progress, then the HTML report
(the same page as ``--format html``, in a sandboxed frame) and downloads it
as HTML, JSON, CSV or SARIF. Needs the ``web`` extra (Starlette, uvicorn,
python-multipart); see ``app.py`` for what a request may and may not do.
"""
