"""Teams' single sign-on failing (a signin/failure invoke): logged with its code, the user
told in their language that they can go on, the invoke answered; over HTTP, with the
stand-in connector receiving what the bot sends."""

from __future__ import annotations

import logging

import pytest

from bot import texts

from .bot_harness import Bot

FAILURE = {"code": "resourcematchfailed", "message": "Resource match failed"}


@pytest.mark.parametrize(("locale", "lang"), [("sv-SE", "sv"), ("en-US", "en"), (None, "sv")])
async def test_a_failed_sign_in_is_answered_and_the_user_told_in_their_language(
    bot: Bot, caplog: pytest.LogCaptureFixture, locale: str | None, lang: str
) -> None:
    activity = bot.activity("invoke", name="signin/failure", value=FAILURE, locale=locale)
    with caplog.at_level(logging.WARNING, logger="bot.hosting.agent"):
        response = await bot.send(activity)
    assert response.status == 200  # an invoke nobody routes gets 400 and no message
    said = bot.connector.texts("conv-1")
    assert said == [texts.t("bot.signin_failed", lang, code="resourcematchfailed")]  # type: ignore[arg-type]
    assert "resourcematchfailed" in said[0]
    warning = [r for r in caplog.records if "single sign-on failed" in r.getMessage()]
    assert len(warning) == 1
    assert warning[0].levelno == logging.WARNING
    line = warning[0].getMessage()
    assert "resourcematchfailed ('Resource match failed')" in line
    assert "in a personal conversation" in line
    assert "Application ID URI" in line and "Token Exchange URL" in line  # noqa: PT018


async def test_the_swedish_and_english_messages_say_what_to_do() -> None:
    sv = texts.t("bot.signin_failed", "sv", code="x")
    en = texts.t("bot.signin_failed", "en", code="x")
    assert "Inloggningen via Teams misslyckades" in sv and "skriva in dem själv" in sv  # noqa: PT018
    assert "Signing in through Teams failed" in en and "type them in yourself" in en  # noqa: PT018


@pytest.mark.parametrize(("value", "code"), [
    ({}, "unknown"),
    ({"code": None, "message": None}, "unknown"),
    ({"code": "<b>*bad*</b>\n[link](https://evil.example)", "message": "x" * 5000}, "bbadblinkhttpsevilexample"),
    ("not an object", "unknown"),
])
async def test_a_failure_without_a_code_or_with_markup_in_it_is_still_answered_plainly(
    bot: Bot, caplog: pytest.LogCaptureFixture, value: object, code: str
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.hosting.agent"):
        response = await bot.send(bot.activity("invoke", name="signin/failure", value=value))
    assert response.status == 200
    assert bot.connector.texts("conv-1") == [texts.t("bot.signin_failed", "sv", code=code)]
    line = next(r.getMessage() for r in caplog.records if "single sign-on" in r.getMessage())
    assert len(line) < 600  # a long message from the client is cut, not logged whole
