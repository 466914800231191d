"""intake.read_text: every file kind an invitation comes in, and every way it can fail."""

from __future__ import annotations

import contextlib
import io
import zipfile
from email.message import EmailMessage

import docx
import pytest
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from intake import (
    MAX_BYTES,
    Empty,
    Encrypted,
    IntakeError,
    NoText,
    TooLarge,
    Unreadable,
    Unsupported,
    read_text,
)
from policy.extract import extract

INVITATION = (
    "Invitation to the Nordic Water Forum 2026\n\n"
    "Dear colleagues,\n\n"
    "The City of Bergen is pleased to invite you to the Nordic Water Forum 2026, which takes "
    "place in Bergen, Norway, on 3-4 June 2026. The participation fee is EUR 400 per person.\n\n"
    "Kind regards,\nCity of Bergen\n"
)


def pdf(text: str | None = INVITATION, *, user_password: str | None = None,
        owner_password: str | None = None) -> bytes:
    doc = FPDF()
    doc.add_page()
    if text is None:
        doc.rect(10, 10, 120, 160, style="F")  # a page with a picture and no text
    else:
        doc.set_font("helvetica", size=11)
        doc.multi_cell(0, 6, text)
    if owner_password:
        doc.set_encryption(owner_password=owner_password, user_password=user_password)
    return bytes(doc.output())


def word(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_plain_text_is_read_in_utf8_windows_1252_and_utf16() -> None:
    assert read_text("a.txt", "Inbjudan till mötet i Åbo".encode()) == "Inbjudan till mötet i Åbo"
    assert "Åbo" in read_text("a.txt", "Inbjudan till mötet i Åbo".encode("cp1252"))
    assert "Åbo" in read_text("a.txt", "Inbjudan i Åbo".encode("utf-16"))
    assert read_text("a.txt", b"line one\r\nline two\r\n") == "line one\nline two\n"


def test_a_pdf_gives_its_text_and_the_extractor_reads_it() -> None:
    text = read_text("inbjudan.pdf", pdf())
    assert "Nordic Water Forum 2026" in text
    x = extract(text)
    assert x.engagement["kind"] == "conference"
    assert x.engagement["start_date"] == "2026-06-03"


def test_a_password_protected_pdf_says_so() -> None:
    with pytest.raises(Encrypted) as caught:
        read_text("secret.pdf", pdf(owner_password="owner", user_password="user"))
    assert "lösenordsskyddad" in caught.value.message("sv")
    assert "password-protected" in caught.value.message("en")


def test_a_pdf_locked_only_against_editing_is_read() -> None:
    assert "Nordic Water Forum" in read_text("x.pdf", pdf(owner_password="owner"))


def test_a_scanned_pdf_with_no_text_says_there_is_no_text() -> None:
    with pytest.raises(NoText) as caught:
        read_text("scan.pdf", pdf(None))
    assert "skannad" in caught.value.message("sv")


def test_a_damaged_pdf_is_unreadable() -> None:
    with pytest.raises((Unreadable, NoText)):
        read_text("x.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage" * 3)


def test_a_word_document_gives_its_paragraphs_and_tables() -> None:
    data = word(["Inbjudan till Nordiska storstadskonferensen 2026",
                 "Helsingfors stad har nöjet att bjuda in er."],
                [["Datum", "12–14 maj 2026"], ["Plats", "Helsingfors"]])
    text = read_text("inbjudan.docx", data)
    assert "Helsingfors stad har nöjet" in text
    assert "Datum\t12–14 maj 2026" in text


def test_a_password_protected_word_document_says_so() -> None:
    # Office keeps an encrypted .docx in an OLE compound file with an EncryptedPackage stream.
    data = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000
            + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 1000)
    with pytest.raises(Encrypted):
        read_text("protected.docx", data)


def test_an_outlook_msg_file_is_not_supported_and_says_what_to_do() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    with pytest.raises(Unsupported) as caught:
        read_text("mail.msg", data)
    assert ".msg" in caught.value.message("en")
    assert ".eml" in caught.value.message("en")


def test_a_damaged_word_document_is_unreadable() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<not xml")
    with pytest.raises(Unreadable):
        read_text("broken.docx", out.getvalue())


def test_a_spreadsheet_is_not_supported() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(Unsupported) as caught:
        read_text("budget.xlsx", out.getvalue())
    assert "Excel" in caught.value.message("sv")


def test_an_email_gives_subject_body_and_the_text_of_its_attachments() -> None:
    msg = EmailMessage()
    msg["Subject"] = "Inbjudan: Nordic Water Forum 2026"
    msg["From"] = "Kari <kari@bergen.example.no>"
    msg["To"] = "international@stockholm.example.se"
    msg.set_content(INVITATION.split("\n\n", 1)[1])
    msg.add_attachment(pdf("Programme\n09:00 Welcome\n10:00 Keynote"), maintype="application",
                       subtype="pdf", filename="Programme_draft.pdf")
    text = read_text("mail.eml", msg.as_bytes())
    assert text.startswith("Subject: Inbjudan: Nordic Water Forum 2026")
    assert "[Attachment: Programme_draft.pdf]" in text
    assert "10:00 Keynote" in text
    x = extract(text)
    assert x.engagement["title"] == "Nordic Water Forum 2026"
    assert x.engagement["programme_available"] is True


def test_an_html_only_email_is_read_as_text() -> None:
    msg = EmailMessage()
    msg["Subject"] = "Invitation"
    msg.set_content("<html><head><style>p{}</style></head><body><p>Dear colleagues,</p>"
                    "<p>The City of Bergen is pleased to invite you.</p></body></html>",
                    subtype="html")
    text = read_text("x.eml", msg.as_bytes())
    assert "The City of Bergen is pleased to invite you." in text
    assert "<p>" not in text
    assert "p{}" not in text


def test_a_pasted_email_without_the_eml_extension_is_read_as_an_email() -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.org"
    msg["Subject"] = "Invitation to the Nordic Water Forum 2026"
    msg.set_content("Dear colleagues,\n\nwelcome.")
    assert read_text("-", msg.as_bytes()).startswith("Subject: Invitation")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf"])
def test_an_empty_input_says_there_is_nothing_to_read(data: bytes) -> None:
    with pytest.raises(Empty) as caught:
        read_text("tom.txt", data)
    assert "ingen text" in caught.value.message("sv")


def test_a_picture_has_no_text() -> None:
    with pytest.raises(NoText):
        read_text("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100)


def test_a_20_mb_attachment_is_refused_as_too_large() -> None:
    with pytest.raises(TooLarge) as caught:
        read_text("huge.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024))
    assert "10 MB" in caught.value.message("sv")
    assert MAX_BYTES == 10 * 1024 * 1024


def test_the_size_limit_can_be_configured() -> None:
    with pytest.raises(TooLarge):
        read_text("a.txt", b"x" * 2048, max_bytes=1024)
    assert read_text("a.txt", b"x" * 2048, max_bytes=4096)


def test_a_binary_file_is_not_supported() -> None:
    with pytest.raises(Unsupported):
        read_text("a.bin", b"\x00\x01\x02binary\x00" * 50)


def test_every_error_speaks_swedish_and_english() -> None:
    for cls in (Empty, NoText, Encrypted, TooLarge, Unsupported, Unreadable):
        err = cls(limit="10", kind="x")
        assert err.message("sv") != err.message("en")
        assert "{" not in err.message("sv") + err.message("en")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "a.pdf", "a.docx", "a.eml", "-",
                                                  "a.msg", "a.html"]))
def test_any_bytes_give_text_or_an_intake_error(data: bytes, name: str) -> None:
    try:
        text: str | None = read_text(name, data)
        problem = None
    except IntakeError as exc:
        text, problem = None, exc
    if problem is None:
        assert isinstance(text, str)
    else:
        assert problem.message("sv")
        assert problem.message("en")


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=1, max_size=400))
def test_damaged_pdfs_and_zips_give_an_intake_error(tail: bytes) -> None:
    for head in (b"%PDF-1.4\n", b"PK\x03\x04"):
        with contextlib.suppress(IntakeError):
            read_text("x", head + tail)


def test_an_invitation_letter_attached_to_a_short_mail_is_what_is_read() -> None:
    msg = EmailMessage()
    msg["Subject"] = "Invitation"
    msg["From"] = "Kari <kari@bergen.example.no>"
    msg.set_content("Dear colleagues,\n\nPlease find our invitation attached.\n\n"
                    "Best regards,\nKari Nordmann\nCity of Bergen\n")
    msg.add_attachment(pdf(INVITATION), maintype="application", subtype="pdf",
                       filename="invitation.pdf")
    x = extract(read_text("mail.eml", msg.as_bytes()))
    assert x.engagement["kind"] == "conference"
    assert x.engagement["title"] == "Nordic Water Forum 2026"
    assert x.engagement["counterpart"]["name"] == "City of Bergen"
    assert (x.engagement["start_date"], x.engagement["end_date"]) == ("2026-06-03", "2026-06-04")
    assert [(a.amount, a.currency) for a in x.amounts] == [(400, "EUR")]
