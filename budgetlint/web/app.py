"""The ASGI app behind ``budgetlint serve`` (Starlette) and the function that runs it (uvicorn).

Two routes: ``GET /`` (the page) and ``POST /check`` (multipart files in,
progress and then the report and its downloads out). What a request can do is bounded:

- the body's declared size and the number of files are capped; a refused
  upload gets a one-line reason (HTTP 413) and the server goes on serving;
- uploads are written into a fresh temporary folder under names the server
  makes from the file's base name and checked one by one, the answer saying
  which file is being checked (JSON lines, so the page shows progress); the
  folder is removed once the answer is complete, or the browser gave up; no
  request names a path on the server, and nothing but the page and the check
  endpoint is served;
- a file that cannot be read gives its one-line error in the page; the other
  files are still checked.
"""
from __future__ import annotations

import json
import os
import re
import socket
import shutil
import tempfile
from dataclasses import dataclass
from html import escape
from importlib import resources
from string import Template
from typing import AsyncIterator

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from ..batch import check_file
from ..config import Config
from ..crossdoc import cross_check
from ..ingest import READERS, InputError
from ..report import FORMATTERS, locate
from ..report.html import SCRIPT as report_script
from ..report.html import csp_hash, format_html

STRINGS = {
    "zh": {"lang": "zh-CN", "title": "budgetlint 预决算公开文件检查",
           "intro": "选择或拖入要检查的文件（$types），一次最多 $files 个、合计不超过 $size。"
                    "文件只在这台电脑上检查，检查完即删除。",
           "choose": "选择文件", "drop": "或把文件拖到这里", "uploading": "上传中",
           "checking": "检查中（$done/$total）：$name",
           "done": "检查完成：$docs 个文件，错误 $error，警告 $warning，提示 $info", "download": "下载报告：",
           "not_read": "未能读取的文件", "failed": "连接中断，请重试",
           "too_big": "上传被拒绝：共 {size}，超过上限 {limit}（可用 --max-upload-mb 调整）",
           "too_many": "上传被拒绝：一次最多 {limit} 个文件（可用 --max-files 调整）",
           "no_length": "上传被拒绝：请求没有说明大小（Content-Length）", "no_files": "没有收到文件",
           "bad_form": "上传内容无法解析（{why}）"},
    "en": {"lang": "en", "title": "budgetlint — check budget disclosure documents",
           "intro": "Choose or drop the files to check ($types): at most $files files, "
                    "$size in all. Files are checked on this computer only and deleted once checked.",
           "choose": "Choose files", "drop": "or drop files here", "uploading": "uploading",
           "checking": "checking ($done/$total): $name",
           "done": "Done: $docs files, $error errors, $warning warnings, $info info", "download": "Download the report:",
           "not_read": "Files that could not be read", "failed": "The connection failed; try again",
           "too_big": "Upload refused: {size} in all, above the limit of {limit} (see --max-upload-mb)",
           "too_many": "Upload refused: at most {limit} files at once (see --max-files)",
           "no_length": "Upload refused: the request does not state its size (Content-Length)",
           "no_files": "No files received", "bad_form": "The upload could not be parsed ({why})"},
}
DOWNLOADS = {"html": "budgetlint-report.html", "json": "budgetlint.json", "csv": "budgetlint.csv",
             "sarif": "budgetlint.sarif"}
_DRAIN = 8  # a refused body up to this many times the limit is read and dropped, so the browser sees the answer
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


@dataclass
class Limits:
    max_upload: int = 50 * 1024 * 1024  # bytes of one request body
    max_files: int = 20


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def safe_name(filename: str, index: int) -> str:
    """The base name of an uploaded file, without directories or characters a file system refuses."""
    base = _UNSAFE.sub("_", re.split(r"[/\\]", filename or "")[-1]).strip(" .")
    return base[-120:] if base else f"file{index}"


def create_app(config: Config, lang: str = "zh", limits: Limits = Limits()) -> Starlette:
    s = STRINGS[lang]
    script = _asset("app.js")
    # the report is shown in a srcdoc frame, which inherits this policy: its script's hash is allowed too
    csp = (f"default-src 'none'; script-src {csp_hash(script)} {csp_hash(report_script)}; "
           "style-src 'unsafe-inline'; img-src data: blob:; connect-src 'self'; frame-src 'self'; "
           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    headers = {"Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
    types = " ".join(sorted(READERS))
    fields = {k: escape(Template(v).safe_substitute(files=limits.max_files, size=_size(limits.max_upload), types=types))
              for k, v in s.items()}
    page = Template(_asset("index.html")).substitute(fields, style=_asset("app.css"), script=script,
                                                     accept=",".join(sorted(READERS)))

    def refuse(message: str, status: int = 413) -> JSONResponse:
        return JSONResponse({"error": message}, status_code=status, headers=headers)

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers=headers)

    async def check(request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is None or not length.isdigit():
            return refuse(s["no_length"], 411)
        if int(length) > limits.max_upload:
            if int(length) <= _DRAIN * limits.max_upload:
                async for _ in request.stream():
                    pass
            return refuse(s["too_big"].format(size=_size(int(length)), limit=_size(limits.max_upload)))
        try:
            form = await request.form(max_files=limits.max_files + 1, max_fields=limits.max_files + 10)
        except HTTPException as e:  # more files than max_files + 1, or a malformed body
            if "files" in str(e.detail).lower():
                return refuse(s["too_many"].format(limit=limits.max_files))
            return refuse(s["bad_form"].format(why=e.detail), 400)
        try:
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            if not files:
                return refuse(s["no_files"], 400)
            if len(files) > limits.max_files:
                return refuse(s["too_many"].format(limit=limits.max_files))
            tmp = tempfile.mkdtemp(prefix="budgetlint-serve-")
            try:
                uploads = []
                for i, f in enumerate(files):
                    uploads.append(await _save(f, i, tmp, {name for _, name in uploads}))
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        finally:
            await form.close()
        return StreamingResponse(_progress(uploads, tmp, config, lang), media_type="application/x-ndjson",
                                 headers=headers)

    return Starlette(routes=[Route("/", index), Route("/check", check, methods=["POST"])])


async def _save(f: UploadFile, i: int, tmp: str, taken: set[str]) -> tuple[str, str]:
    """Write one upload into its own folder under ``tmp``; its path there and the name it is shown by
    (made unique among the upload's names: two 「说明.txt」 become 「说明.txt」 and 「说明 (2).txt」)."""
    name = safe_name(f.filename or "", i + 1)
    stem, ext = os.path.splitext(name)
    k = 1
    while name in taken:
        k += 1
        name = f"{stem} ({k}){ext}"
    folder = os.path.join(tmp, str(i))
    os.mkdir(folder)
    path = os.path.join(folder, name)
    with open(path, "wb") as out:
        while chunk := await f.read(1 << 20):
            out.write(chunk)
    return path, name


async def _progress(uploads: list[tuple[str, str]], tmp: str, config: Config, lang: str) -> AsyncIterator[str]:
    """One JSON line per file as it is checked (``{"checking": name, "done": i, "total": n}``), then the
    report and its downloads (``{"result": …}``); the temporary folder goes when the answer is complete
    or the browser gives up."""
    from ..checks import load_rules

    try:
        load_rules()
        results, errors = [], []
        configs = {name: config.for_file(name) for _, name in uploads}
        for i, (path, name) in enumerate(uploads):
            yield json.dumps({"checking": name, "done": i, "total": len(uploads)}, ensure_ascii=False) + "\n"
            r = await run_in_threadpool(check_file, path, configs[name])
            if r.error:
                errors.append(InputError(name, r.error[1], r.error[2]))
                continue
            r.path = r.doc.path = name  # from here on, every message and download names the file as uploaded
            if r.ledger is not None:
                r.ledger.path = name
            results.append(r)
        await run_in_threadpool(cross_check, results, configs)  # the files of one upload are read together
        files = {name: path for path, name in uploads}
        result = await run_in_threadpool(_result, results, errors, files, lang)
        yield json.dumps({"result": result}, ensure_ascii=False) + "\n"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _result(results: list, errors: list[InputError], files: dict[str, str], lang: str) -> dict:
    """The report and its downloads (``files``: where each uploaded name was saved)."""
    html = format_html(results, lang, errors, files=files)
    items = [it for r in results for it in locate(r.doc, r.findings)]
    checked = [r.doc.path for r in results]
    downloads = {"html": html, **{k: FORMATTERS[k](items, lang, checked) for k in ("json", "csv", "sarif")}}
    downloads["csv"] = "\ufeff" + downloads["csv"]  # so that Excel reads the Chinese as UTF-8
    counts = {k: sum(1 for it in items if it.finding.severity.value == k) for k in ("error", "warning", "info")}
    return {"report": html, "downloads": downloads, "names": DOWNLOADS, "counts": counts,
            "documents": len(results), "errors": [e.message(lang) for e in errors]}


def serve(config: Config, lang: str, host: str, port: int, limits: Limits) -> None:
    """Listen on ``host:port`` (port 0: any free port), print the address, serve until interrupted."""
    import uvicorn

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    shown = f"[{host}]" if family == socket.AF_INET6 else host
    url = f"http://{shown}:{sock.getsockname()[1]}/"
    print(f"budgetlint serve: {url}  (" + ("按 Ctrl+C 停止" if lang == "zh" else "Ctrl+C to stop") + ")", flush=True)
    server = uvicorn.Server(uvicorn.Config(create_app(config, lang, limits), log_level="warning"))
    server.run(sockets=[sock])
