"""From a file's bytes to plain text: text, e-mail (.eml), HTML, PDF and Word (.docx).

The type is told by the bytes first (``%PDF``, a zip with ``word/document.xml``, an
OLE compound file), the name second. Libraries: pypdf for PDF (pure Python, tells
encrypted files apart and opens those with an empty user password), python-docx for
Word, the standard library's ``email`` for MIME and ``html.parser`` for HTML.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import io
import logging
import re
import warnings
import zipfile
from email.message import EmailMessage, Message
from html.parser import HTMLParser
from pathlib import PurePath

from .errors import Empty, Encrypted, IntakeError, NoText, TooLarge, Unreadable, Unsupported

__all__ = ["MAX_BYTES", "read_text"]

MAX_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 200
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_EMAIL_HEADER = re.compile(rb"^(?:from|to|subject|date|mime-version|received|return-path|"
                           rb"message-id|content-type|delivered-to|x-[\w-]+)\s*:", re.IGNORECASE)
_PICTURES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".heic",
                       ".webp"})
_TEXTS = frozenset({"", ".txt", ".text", ".md"})


def read_text(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """The text of one file, or an ``IntakeError`` saying why there is none.

    ``filename`` is only a hint (its extension); the bytes decide.
    """
    if len(data) > max_bytes:
        raise TooLarge(limit=f"{max_bytes / (1024 * 1024):g}")
    text = _dispatch(filename, data, max_bytes, depth=0)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise Empty()
    return text


def _ext(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def _dispatch(filename: str, data: bytes, max_bytes: int, depth: int) -> str:
    ext = _ext(filename)
    if not data.strip():
        raise Empty()
    head = data[:8]
    if head.startswith(b"%PDF-") or (ext == ".pdf" and b"%PDF-" in data[:1024]):
        return _pdf(data)
    if head.startswith(b"PK\x03\x04"):
        return _zip(data, ext)
    if head == _OLE:
        if _ENCRYPTED_PACKAGE in data[:65536] or _ENCRYPTED_PACKAGE in data:
            raise Encrypted()
        kind = {".msg": "Outlook .msg", ".doc": "Word 97–2003 .doc"}.get(ext, ext or "OLE")
        raise Unsupported(kind=kind)
    if ext in _PICTURES or head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00",
                                            b"MM\x00*")):
        raise NoText()
    if head.startswith(b"{\\rtf"):
        raise Unsupported(kind="RTF")
    if ext in {".xlsx", ".pptx", ".odt", ".zip", ".exe", ".dll"}:
        raise Unsupported(kind=ext)
    text = _decode(data, ext)
    if ext == ".eml" or (ext in _TEXTS | {".msg"} and _looks_like_email(data)):
        return _email(data, max_bytes, depth)
    if ext in {".html", ".htm"} or re.match(r"\s*(?:<!doctype html|<html)", text[:200],
                                            re.IGNORECASE):
        return _html(text)
    return text


def _decode(data: bytes, ext: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise Unreadable() from None
    if b"\x00" in data[:8192]:
        raise Unsupported(kind=ext or "binary")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _looks_like_email(data: bytes) -> bool:
    """A message as a mail program saves it: headers from the first line on.

    Text pasted from a mail program ("From: ... Subject: ..." after a line of its
    own) is read as text; the extractor reads its Subject line.
    """
    lines = data.lstrip(b"\xef\xbb\xbf")[:4096].splitlines()[:12]
    return bool(lines) and bool(_EMAIL_HEADER.match(lines[0])) and sum(
        bool(_EMAIL_HEADER.match(line)) for line in lines) >= 2 and any(
        line.lower().startswith((b"subject:", b"from:")) for line in lines)


# ------------------------------------------------------------------ PDF

def _pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("pypdf").setLevel(logging.ERROR)
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except (DependencyError, NotImplementedError, FileNotDecryptedError):
                    raise Encrypted() from None
                if not opened:
                    raise Encrypted()
            pages = []
            for number, page in enumerate(reader.pages):
                if number >= MAX_PDF_PAGES:
                    break
                pages.append(page.extract_text() or "")
        except IntakeError:
            raise
        except FileNotDecryptedError:
            raise Encrypted() from None
        except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
                OSError, RecursionError, ZeroDivisionError, AssertionError):
            raise Unreadable() from None
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise NoText()
    return text


# ------------------------------------------------------------------ Word

def _zip(data: bytes, ext: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable() from None
    if "word/document.xml" in names:
        return _docx(data)
    kind = ext or "zip"
    if "xl/workbook.xml" in names:
        kind = "Excel"
    elif "ppt/presentation.xml" in names:
        kind = "PowerPoint"
    raise Unsupported(kind=kind)


def _docx(data: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise Unreadable() from None
    except Exception:  # lxml's XMLSyntaxError and the like: a damaged file
        raise Unreadable() from None
    lines: list[str] = []
    for section in document.sections:
        lines += [p.text for p in section.header.paragraphs if p.text.strip()]
    lines += [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if cell.text not in cells:
                    cells.append(cell.text)
            lines.append("\t".join(cells))
    for section in document.sections:
        lines += [p.text for p in section.footer.paragraphs if p.text.strip()]
    return "\n".join(lines)


# ------------------------------------------------------------------ e-mail

def _email(data: bytes, max_bytes: int, depth: int) -> str:
    message = email.message_from_bytes(data, policy=email.policy.default)
    parts: list[str] = []
    subject = message.get("Subject")
    sender = message.get("From")
    if subject:
        parts.append(f"Subject: {subject}")
    if sender:
        parts.append(f"From: {sender}")
    body = _body(message)
    parts.append("")
    parts.append(body)
    for name, payload in _attachments(message):
        parts.append("")
        parts.append(f"[Attachment: {name}]")
        if depth < 2 and payload:
            with contextlib.suppress(IntakeError):
                parts.append(_dispatch(name, payload, max_bytes, depth + 1))
    text = "\n".join(parts)
    if not body.strip() and not any(p.startswith("[Attachment") for p in parts):
        raise Empty()
    return text


def _body(message: Message) -> str:
    if isinstance(message, EmailMessage):
        part = message.get_body(preferencelist=("plain", "html"))
        if part is not None:
            content = _content(part)
            if part.get_content_type() == "text/html":
                return _html(content)
            return content
    if not message.is_multipart() and message.get_content_maintype() == "text":
        content = _content(message)
        return _html(content) if message.get_content_subtype() == "html" else content
    return ""


def _content(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    for charset in (part.get_content_charset(), "utf-8", "cp1252"):
        if charset:
            try:
                return payload.decode(charset)
            except (LookupError, UnicodeDecodeError):
                continue
    return payload.decode("latin-1")


def _attachments(message: Message) -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    if not isinstance(message, EmailMessage):
        return out
    for part in message.iter_attachments():
        name = part.get_filename() or part.get_content_type()
        payload = part.get_payload(decode=True)
        out.append((name, payload if isinstance(payload, bytes) else b""))
    return out


# ------------------------------------------------------------------ HTML

class _Text(HTMLParser):
    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                        "table", "ul", "ol", "section", "article", "header", "footer",
                        "blockquote", "pre", "hr"})
    _SKIP = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self.skipping += 1
        elif tag in self._BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)


def _html(text: str) -> str:
    parser = _Text()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError):
        return text
    joined = "".join(parser.out)
    lines = [" ".join(line.split()) for line in joined.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
