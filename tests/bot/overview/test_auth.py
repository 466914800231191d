"""The tab's sign-in: only a token Entra ID signed for the tab, for our tenant, in time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from bot.overview import auth

from .conftest import NOW, OTHER_TENANT, STRANGER, SUBMITTER, TENANT, MakeTab, Tab

ENDPOINTS = ["/tab/api/me", "/tab/api/cases", "/tab/api/cases/SK-2025-0001", "/tab/api/summary",
             "/tab/api/agenda", "/tab/api/cases.csv", "/tab/api/cases.xlsx"]


async def test_every_endpoint_answers_401_without_a_token_and_200_with_one(tab: Tab) -> None:
    for path in ENDPOINTS:
        response = await tab.get(path, None)
        body = await response.json()
        assert response.status == 401, path
        assert body["error"] == "no_token"
        assert "Teams" in body["message"]
        assert (await tab.get(path, SUBMITTER)).status in (200, 404), path  # 404: not theirs


@pytest.mark.parametrize("problem", ["signature", "audience", "issuer", "tenant", "expired",
                                     "unknown_key", "no_user", "garbage", "alg_none"])
async def test_a_token_that_does_not_hold_is_refused_with_401(tab: Tab, problem: str) -> None:
    signer = tab.signer
    good = signer.published[0]
    tokens: dict[str, Callable[[], str]] = {
        "signature": lambda: signer.token(sign_with=signer.new_key(publish=False), kid=good),
        "audience": lambda: signer.token(aud="api://elsewhere.example.org/other-app"),
        "issuer": lambda: signer.token(iss="https://evil.example.org/v2.0"),
        "tenant": lambda: signer.token(tid=OTHER_TENANT),
        "expired": lambda: signer.token(exp=NOW - timedelta(minutes=10)),
        "unknown_key": lambda: signer.token(kid=signer.new_key(publish=False)),
        "no_user": lambda: signer.token(None),
        "garbage": lambda: "not.a.jwt",
        "alg_none": lambda: "eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.",
    }
    response = await tab.get("/tab/api/me", token=tokens[problem]())
    body = await response.json()
    assert response.status == 401, body
    assert body["error"] == "invalid_token"
    assert body["message"].startswith("Inloggningen kunde inte godkännas")


async def test_the_reason_is_told_in_the_users_language(tab: Tab) -> None:
    token = tab.signer.token(exp=NOW - timedelta(hours=2))
    response = await tab.get("/tab/api/me", token=token, lang="en")
    assert (await response.json())["message"] == (
        "Your sign-in could not be accepted (the sign-in has expired). Open the tab in Teams "
        "again.")


async def test_the_v1_issuer_and_a_token_within_the_leeway_hold(tab: Tab) -> None:
    v1 = tab.signer.token(iss=f"https://sts.windows.net/{TENANT}/")
    assert (await tab.get("/tab/api/me", token=v1)).status == 200
    just_expired = tab.signer.token(exp=NOW - timedelta(seconds=30))
    assert (await tab.get("/tab/api/me", token=just_expired)).status == 200


async def test_keys_are_fetched_once_and_again_for_a_new_key_id(
        tab: Tab, monkeypatch: pytest.MonkeyPatch) -> None:
    for _ in range(3):
        assert (await tab.get("/tab/api/me")).status == 200
    assert tab.signer.fetches == 1
    # Within a minute of a fetch, a key id nobody published fetches nothing (a flood of
    # made-up key ids costs Entra ID nothing)...
    assert (await tab.get("/tab/api/me", token=tab.signer.token(
        kid=tab.signer.new_key(publish=False)))).status == 401
    assert tab.signer.fetches == 1
    monkeypatch.setattr(auth, "REFETCH_SECONDS", 0.0)  # ...and once the minute has passed:
    rotated = tab.signer.new_key()  # Entra ID publishes a new key
    assert (await tab.get("/tab/api/me", token=tab.signer.token(kid=rotated))).status == 200
    assert tab.signer.fetches == 2


async def test_keys_that_cannot_be_fetched_give_503_not_500(tab: Tab) -> None:
    tab.signer.failing = True
    response = await tab.get("/tab/api/me")
    assert response.status == 503
    assert (await response.json())["error"] == "keys_unavailable"
    assert tab.signer.fetches == 3  # tried three times


async def test_a_token_of_another_tenant_fetches_no_keys(tab: Tab) -> None:
    response = await tab.get("/tab/api/me", token=tab.signer.token(tid=OTHER_TENANT))
    assert response.status == 401
    assert tab.signer.fetches == 0


async def test_without_an_audience_setting_no_token_is_accepted(make_tab: MakeTab) -> None:
    tab = await make_tab(count=1, tab_audience="")
    response = await tab.get("/tab/api/me")
    assert response.status == 401
    assert (await response.json())["error"] == "not_configured"


async def test_without_a_token_outside_dev_mode_the_dev_user_is_not_used(
        make_tab: MakeTab) -> None:
    tab = await make_tab(count=1, dev_tab_user=SUBMITTER)
    assert (await tab.get("/tab/api/me", None)).status == 401


async def test_in_dev_mode_loopback_without_a_token_is_the_dev_user(make_tab: MakeTab) -> None:
    tab = await make_tab(count=3, dev=True, dev_tab_user=STRANGER.upper())
    me = await tab.json("/tab/api/me", None)
    assert me["user"]["id"] == STRANGER
    assert me["role"] == "none"  # the same rules as anyone's
    assert (await tab.get("/tab/api/cases", None)).status == 403
    unnamed = await make_tab(count=0, dev=True)
    assert (await unnamed.json("/tab/api/me", None, expect=401))["error"] == "no_dev_user"
