"""A long-lived LibreOffice converter, driven line by line (run by extractors/convert.py).

This script is NOT imported by shenbao: it runs under the Python that has LibreOffice's `uno`
module (Debian's /usr/bin/python3 with python3-uno), which is usually not the venv's Python:

    /usr/bin/python3 -I uno_bridge.py --soffice PATH --profile DIR --pipe NAME [--memory-mb N] [--owner PID]

It caps its own address space (RLIMIT_AS, inherited by soffice), starts soffice headless with
the private profile DIR, accepting UNO connections on the named pipe NAME only, connects, and
prints one line `{"ready": true, "soffice_pid": …}`. Then, for each JSON request on stdin

    {"in": "/private/dir/input1.doc", "out": "/private/dir/output1.docx", "filter": "MS Word 2007 XML"}

it loads `in` with macros never executed and links never updated (a text document as a model
without a view, `load_text_model`; anything else hidden and read-only), stores it to `out` with
the filter, closes it, and prints exactly one JSON reply line. The filter "pdf"
stands for the PDF export of whatever the file opened as (writer_pdf_Export for a text
document, calc_pdf_Export for a spreadsheet, …: each module has its own, and an Impress
filter, for one, fails on a text document). The reply is
`{"ok": true}`, `{"ok": false, "error": "…"}` (this file failed, the bridge goes on), or
`{"ok": false, "error": "…", "fatal": true}` (soffice is gone: the bridge exits nonzero; with
`"stale": true` when it was gone before this file was opened, so the file is not to blame).
End of stdin ends soffice and the bridge (exit 0). If its owner (`--owner`, by default its
parent) dies — killed outright, so nobody closes stdin or kills the group — the bridge kills its
own process group, soffice included, within a second, even while soffice is busy with a file
that would keep it busy for hours. Checking what was written (size, garbage) is the caller's job. Standard
library and `uno` only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from typing import Any, BinaryIO

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]
from com.sun.star.lang import DisposedException  # type: ignore[import-not-found]

# com.sun.star.document.MacroExecMode.NEVER_EXECUTE and UpdateDocMode.NO_UPDATE.
NEVER_EXECUTE = 0
NO_UPDATE = 0


def prop(name: str, value: Any) -> Any:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def start_soffice(soffice: str, profile: str, pipe: str) -> subprocess.Popen[bytes]:
    # Same session and process group as this bridge: the caller ends both with one killpg.
    return subprocess.Popen(
        [soffice, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
         "--nologo", "--nofirststartwizard", f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def connect(pipe: str, office: subprocess.Popen[bytes], timeout: float) -> Any:
    """The component context of the soffice listening on `pipe`, retried until it accepts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(f"soffice exited with {office.returncode} before accepting") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"soffice did not accept within {timeout:g} s") from None
            time.sleep(0.1)


# The PDF export filter of each kind of document a file may open as, most specific first (a
# Writer/Web document is also a text document, a presentation also a drawing).
PDF_FILTERS = (
    ("com.sun.star.text.WebDocument", "writer_web_pdf_Export"),
    ("com.sun.star.text.GlobalDocument", "writer_globaldocument_pdf_Export"),
    ("com.sun.star.text.TextDocument", "writer_pdf_Export"),
    ("com.sun.star.sheet.SpreadsheetDocument", "calc_pdf_Export"),
    ("com.sun.star.presentation.PresentationDocument", "impress_pdf_Export"),
    ("com.sun.star.drawing.DrawingDocument", "draw_pdf_Export"),
)


def pdf_filter(doc: Any) -> str:
    """The PDF export filter for the module `doc` opened in; raises when it has none."""
    for service, name in PDF_FILTERS:
        if doc.supportsService(service):
            return name
    raise ValueError("LibreOffice cannot print this kind of document to PDF")


def convert(ctx: Any, desktop: Any, src: str, dst: str, filter_name: str) -> None:
    """Load src, store it to dst with filter_name ("pdf": see pdf_filter), close it. Raises on
    failure. A text document is loaded as a model without a view (`load_text_model`)."""
    url = uno.systemPathToFileUrl(src)
    load_args = (prop("ReadOnly", True), prop("MacroExecutionMode", NEVER_EXECUTE), prop("UpdateDocMode", NO_UPDATE))
    doc = load_text_model(ctx, url, load_args)
    viewless = doc is not None
    if doc is None:
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), *load_args))
    if doc is None:
        raise ValueError("LibreOffice could not load the file")
    try:
        if filter_name == "pdf":
            if viewless:
                # Printing needs a view; without the comments, the view has no comment windows to build.
                remove_comments(doc)
                desktop.loadComponentFromURL("private:object", "_blank", 0, (prop("Model", doc), prop("Hidden", True)))
            filter_name = pdf_filter(doc)
        doc.storeToURL(uno.systemPathToFileUrl(dst), (prop("FilterName", filter_name), prop("Overwrite", True)))
    finally:
        close_document(doc)


def close_document(doc: Any) -> None:
    """Close `doc` (and its view, if any); one that refuses to close is disposed instead."""
    try:
        doc.close(True)
    except DisposedException:
        raise
    except Exception:  # noqa: BLE001 - a document that refuses to close is disposed instead
        doc.dispose()


TEXT_DOCUMENT = "com.sun.star.text.TextDocument"


def load_text_model(ctx: Any, url: str, load_args: tuple[Any, ...]) -> Any:
    """The file at `url` loaded as a Writer model with no frame and no view, when type detection
    says it is a plain text document (.doc, .wps, .docx, .rtf …); else None (the caller loads it
    the ordinary way). Why: the Debian -nogui packages ship no Writer dialogs, and a view of a
    document with comments builds a comment window from one of them — soffice 7.4 aborts
    (NoSuchElementException in Application::CreateInterimBuilder), killing the conversion of
    every Word file that has a comment left in. A model alone builds no window, and stores to
    .docx as it is."""
    smgr = ctx.ServiceManager
    detection = smgr.createInstanceWithContext("com.sun.star.document.TypeDetection", ctx)
    kind = detection.queryTypeByDescriptor((prop("URL", url),), True)[0]
    if not kind:
        return None
    import_filter = {p.Name: p.Value for p in detection.getByName(kind)}.get("PreferredFilter")
    if not import_filter:
        return None
    factory = smgr.createInstanceWithContext("com.sun.star.document.FilterFactory", ctx)
    if {p.Name: p.Value for p in factory.getByName(import_filter)}.get("DocumentService") != TEXT_DOCUMENT:
        return None
    doc = smgr.createInstanceWithContext(TEXT_DOCUMENT, ctx)
    try:
        doc.load((prop("URL", url), prop("FilterName", import_filter), *load_args))
    except BaseException:
        close_document(doc)  # a file it could not load (a password, damage) leaves no model behind
        raise
    return doc


def remove_comments(doc: Any) -> None:
    """Delete every comment (annotation field) of a Writer model: a PDF export prints none of
    them anyway (ExportNotes is off by default)."""
    fields = doc.getTextFields().createEnumeration()
    comments = []
    while fields.hasMoreElements():
        field = fields.nextElement()
        if field.supportsService("com.sun.star.text.textfield.Annotation"):
            comments.append(field)
    for field in comments:
        field.dispose()


def alive(desktop: Any, office: subprocess.Popen[bytes]) -> bool:
    """Whether soffice still runs and still answers on the connection."""
    if office.poll() is not None:
        return False
    try:
        desktop.getCurrentComponent()
    except Exception:  # noqa: BLE001 - DisposedException or a broken bridge
        return False
    return True


def stop_soffice(desktop: Any, office: subprocess.Popen[bytes]) -> None:
    try:
        if desktop is not None:
            desktop.terminate()
    except Exception:  # noqa: BLE001 - terminate() drops the connection it is called on
        pass
    try:
        office.wait(timeout=10)
    except subprocess.TimeoutExpired:
        office.kill()
        office.wait()


def die_with_owner(owner: int) -> None:
    """Kill this process group (the bridge and soffice) once `owner`, the process that started
    the bridge, is no longer its parent. A thread, because the main thread may sit in a UNO
    call for as long as soffice takes over a hostile file, and end of stdin is only read between
    files. Only when the bridge leads its own process group (as convert.py starts it)."""
    if os.getpgrp() != os.getpid():
        return

    def watch() -> None:
        while os.getppid() == owner:
            time.sleep(0.5)
        os.killpg(0, signal.SIGKILL)

    threading.Thread(target=watch, name="owner-watch", daemon=True).start()


def reply(out: BinaryIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message).encode("ascii") + b"\n")
    out.flush()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--soffice", required=True)
    ap.add_argument("--profile", required=True)
    ap.add_argument("--pipe", required=True)
    ap.add_argument("--memory-mb", type=int, default=0)
    ap.add_argument("--start-timeout", type=float, default=60.0)
    ap.add_argument("--owner", type=int, default=0, help="pid of the caller (default: the parent)")
    args = ap.parse_args()
    die_with_owner(args.owner or os.getppid())
    if args.memory_mb:
        limit = args.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Replies go to a private copy of stdout; anything else printed (by pyuno, by a library)
    # lands on stderr and can never be mistaken for a reply.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    office = start_soffice(args.soffice, args.profile, args.pipe)
    desktop = None
    try:
        try:
            ctx = connect(args.pipe, office, args.start_timeout)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception as exc:  # noqa: BLE001 - reported to the caller, which gives up on us
            reply(out, {"ready": False, "error": f"{type(exc).__name__}: {exc}"})
            return 2
        reply(out, {"ready": True, "soffice_pid": office.pid})
        for line in sys.stdin.buffer:
            if not alive(desktop, office):
                # Died while idle (killed, out of memory): this file is not to blame.
                reply(out, {"ok": False, "error": "soffice is gone", "fatal": True, "stale": True})
                return 3
            try:
                request = json.loads(line)
                convert(ctx, desktop, request["in"], request["out"], request.get("filter", "MS Word 2007 XML"))
            except Exception as exc:  # noqa: BLE001 - IOException, IllegalArgumentException, …
                # UNO's exception tree does not tell a bad file from a dead office
                # (IllegalArgumentException is a RuntimeException): ask the office itself.
                error = f"{type(exc).__name__}: {getattr(exc, 'Message', '') or exc}"
                if isinstance(exc, DisposedException) or not alive(desktop, office):
                    reply(out, {"ok": False, "error": error, "fatal": True})
                    return 3
                reply(out, {"ok": False, "error": error})
            else:
                reply(out, {"ok": True})
        return 0
    finally:
        stop_soffice(desktop, office)


if __name__ == "__main__":
    sys.exit(main())
