"""bot.teams.files: Teams' file consent and file info cards, and the accepted consent read
by the Teams API's own models."""

from __future__ import annotations

import pytest

from bot.teams import files


def test_the_consent_card_offers_the_file_with_its_context_both_ways() -> None:
    card = files.consent_attachment("register.csv", 1234, "Registret", {"export": "cases"})
    assert card == {
        "contentType": files.FILE_CONSENT,
        "name": "register.csv",
        "content": {"description": "Registret", "sizeInBytes": 1234,
                    "acceptContext": {"export": "cases"},
                    "declineContext": {"export": "cases"}},
    }


def test_an_accepted_consent_gives_the_file_info_card() -> None:
    info = files.upload_info({"uploadUrl": "https://x.sharepoint.com/up",
                              "contentUrl": "https://x.sharepoint.com/f", "name": "r.csv",
                              "uniqueId": "u-1", "fileType": "csv"})
    assert files.info_attachment(info) == {
        "contentType": files.FILE_INFO, "contentUrl": "https://x.sharepoint.com/f",
        "name": "r.csv", "content": {"uniqueId": "u-1", "fileType": "csv"},
    }


@pytest.mark.parametrize("junk", [None, "text", [], {"uploadUrl": 5}, {"name": {"x": 1}}])
async def test_an_upload_info_that_is_not_one_is_refused_without_a_request(
    junk: object,
) -> None:
    asked: list[str] = []

    def allowed(url: str) -> bool:
        asked.append(url)
        return True

    with pytest.raises(files.UploadFailed):
        await files.upload(files.upload_info(junk), b"a;b\n", allowed=allowed)
    assert asked == []
