"""The tab's JSON: who sees which rows, the filters, sort, paging, a case, the summary, the
agenda and the exports; bad input is a 4xx with a message, never a 500. Expectations
come from the register's own reads (``CaseRegister.list``), not from the tab's queries."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import openpyxl
import pytest

from bot.persistence.register import Actor, Case, CaseStatus
from cards.i18n import choice, sek, short_label
from dialogs import ib as ib_dialogs
from ibcase import register_order
from policy import Kind, assess, parse_engagement
from policy.labels import KIND_LABELS

from .conftest import IB_MEMBER, NOW, SECRETARY, STRANGER, SUBMITTER, Tab


async def _all(tab: Tab) -> list[Case]:
    cases: list[Case] = await tab.register.list(limit=None)
    return cases


async def _ids(tab: Tab, oid: str = IB_MEMBER, **params: Any) -> list[str]:
    body = await tab.json("/tab/api/cases", oid, page_size=500, **params)
    assert body["total"] == len(body["rows"])
    return [row["id"] for row in body["rows"]]


async def test_each_role_sees_its_rows(tab: Tab) -> None:
    everything = {c.id for c in await _all(tab)}
    own = {c.id for c in await tab.register.list(submitter=SUBMITTER, limit=None)}
    assert len(everything) == 60
    assert 0 < len(own) < 60
    for oid, role, expected in ((IB_MEMBER, "ib", everything), (SECRETARY, "secretariat", everything),
                                (SUBMITTER, "submitter", own)):
        assert (await tab.json("/tab/api/me", oid))["role"] == role
        assert set(await _ids(tab, oid)) == expected, role
    # The personal tab "Mina ärenden": only one's own, for IB too.
    assert set(await _ids(tab, SUBMITTER, view="mine")) == own
    assert await _ids(tab, IB_MEMBER, view="mine") == []
    # Someone with no cases and no role: told why, on every endpoint but "me".
    assert (await tab.json("/tab/api/me", STRANGER))["role"] == "none"
    for path in ("/tab/api/cases", "/tab/api/summary", "/tab/api/agenda", "/tab/api/cases.csv",
                 f"/tab/api/cases/{next(iter(own))}"):
        body = await tab.json(path, STRANGER, expect=403)
        assert body["error"] == "no_right"
        assert "sekretariat" in body["message"]


async def test_mina_arenden_shows_what_ib_asked_of_the_submitter(tab: Tab) -> None:
    own = await tab.register.list(submitter=SUBMITTER, limit=None)
    asked = next(c for c in own if c.status is CaseStatus.SUBMITTED)
    actor = Actor(id="00000000-0000-0000-0000-0000000001b0", name="IB-sekretariatet")
    await tab.register.set_status(asked.id, CaseStatus.NEEDS_COMPLETION, actor,
                                  comment="Ange kostnaden.")
    await tab.register.set_status(asked.id, CaseStatus.ON_AGENDA, actor,
                                  meeting_date=NOW.date().replace(year=NOW.year + 1))
    await tab.register.set_status(asked.id, CaseStatus.NEEDS_COMPLETION, actor,
                                  comment="Beskriv nyttan för stockholmarna.")
    body = await tab.json("/tab/api/cases", SUBMITTER, view="mine", page_size=500)
    requests = {row["id"]: row["ib_request"] for row in body["rows"]}
    assert requests[asked.id] == "Beskriv nyttan för stockholmarna."  # the latest request
    for row in body["rows"]:
        if row["status"] != "needs_completion":
            assert row["ib_request"] is None, row["id"]


async def test_a_submitter_cannot_open_anothers_case(tab: Tab) -> None:
    other = next(c for c in await _all(tab) if c.submitter.id != SUBMITTER)
    body = await tab.json(f"/tab/api/cases/{other.id}", SUBMITTER, expect=404)
    assert body["error"] == "no_case"
    assert (await tab.json(f"/tab/api/cases/{other.id}", SECRETARY))["case"]["id"] == other.id


async def test_filters_match_the_registers_own_lists(tab: Tab) -> None:
    cases = await _all(tab)
    for status in (CaseStatus.ACCEPTED, CaseStatus.ON_AGENDA):
        expected = {c.id for c in await tab.register.list(status=status, limit=None)}
        assert set(await _ids(tab, status=status.value)) == expected
    two = {c.id for c in cases if c.status in (CaseStatus.ACCEPTED, CaseStatus.DECLINED)}
    params = [("status", "accepted"), ("status", "declined"), ("page_size", "500")]
    body = await (await tab.client.get("/tab/api/cases", params=params, headers={
        "Authorization": f"Bearer {tab.signer.token(IB_MEMBER)}"})).json()
    assert {r["id"] for r in body["rows"]} == two
    owner = cases[0].decision_owner
    assert set(await _ids(tab, owner=owner.value)) == {c.id for c in cases
                                                      if c.decision_owner is owner}
    kind = cases[1].kind
    assert set(await _ids(tab, kind=kind.value)) == {c.id for c in cases if c.kind is kind}
    unit = cases[2].unit
    assert set(await _ids(tab, unit=unit)) == {c.id for c in cases if c.unit == unit}
    assert set(await _ids(tab, year="2025")) == {c.id for c in cases if c.year == 2025}
    # Free text: the id, the title, the unit, the description; without regard to case.
    assert await _ids(tab, q=cases[5].id.lower()) == [cases[5].id]
    title = cases[7].title
    assert cases[7].id in await _ids(tab, q=title.upper())
    assert await _ids(tab, q="100%_") == []  # LIKE's wildcards are plain characters
    described = [c.id for c in cases if "Kenya" in (c.engagement.description or "")]
    assert set(described) <= set(await _ids(tab, q="kenya"))
    # Å, Ä and Ö too, on SQLite as on PostgreSQL.
    miljo = {c.id for c in cases if c.unit == "Miljöförvaltningen"}
    assert miljo
    assert set(await _ids(tab, q="MILJÖFÖRVALTNINGEN")) == miljo
    assert set(await _ids(tab, q="miljöförvaltningen")) == miljo


async def test_the_filters_counts_add_up(tab: Tab) -> None:
    body = await tab.json("/tab/api/cases", IB_MEMBER)
    for name in ("status", "owner", "kind", "year"):
        assert sum(v["count"] for v in body["filters"][name]) == 60, name
    statuses = {v["value"]: v for v in body["filters"]["status"]}
    accepted = await tab.register.list(status="accepted", limit=None)
    assert statuses["accepted"] == {"value": "accepted", "label": "Tillstyrkt",
                                    "count": len(accepted)}
    # With a status chosen, the status counts stay (to add another), the others narrow.
    narrowed = await tab.json("/tab/api/cases", IB_MEMBER, status="accepted")
    assert narrowed["filters"]["status"] == body["filters"]["status"]
    assert sum(v["count"] for v in narrowed["filters"]["kind"]) == len(accepted)


async def test_sort_and_paging(tab: Tab) -> None:
    cases = {c.id: c for c in await _all(tab)}
    by_cost = await tab.json("/tab/api/cases", IB_MEMBER, sort="cost", order="desc",
                             page_size=500)
    costs = [row["cost"] for row in by_cost["rows"]]
    assert costs == sorted(costs, reverse=True)
    assert costs[0] == max(int(c.engagement.cost_sek or 0) for c in cases.values())
    oldest = await _ids(tab, sort="id", order="asc")
    assert oldest == sorted(cases, key=register_order)
    titles = [r["title"] for r in (await tab.json("/tab/api/cases", IB_MEMBER, sort="title",
                                                  page_size=500))["rows"]]
    assert titles == sorted(titles)
    pages = []
    for page in (1, 2, 3, 4):
        body = await tab.json("/tab/api/cases", IB_MEMBER, page=page, page_size=25)
        assert (body["total"], body["page"], body["page_size"]) == (60, page, 25)
        pages.append([r["id"] for r in body["rows"]])
    assert [len(p) for p in pages] == [25, 25, 10, 0]
    assert [i for p in pages for i in p] == sorted(cases, key=register_order, reverse=True)


async def test_a_row_says_what_the_register_says_in_the_users_language(tab: Tab) -> None:
    case = next(c for c in await _all(tab) if c.status is CaseStatus.ACCEPTED)
    row = (await tab.json("/tab/api/cases", IB_MEMBER, q=case.id, lang="en"))["rows"][0]
    assert row["id"] == case.id
    assert row["status"] == "accepted"
    assert row["status_label"] == "Accepted"
    assert row["owner"] == case.decision_owner.value
    assert row["cost"] == round(case.engagement.cost_sek or 0)
    assert row["meeting_date"] == case.meeting_date.isoformat()  # type: ignore[union-attr]
    assert row["submitted_at"] == case.created_at.isoformat()


async def test_a_case_opens_to_its_versions_and_audit(tab: Tab) -> None:
    case = next(c for c in await _all(tab) if c.status is CaseStatus.DECLINED)
    body = await tab.json(f"/tab/api/cases/{case.id.lower()}", IB_MEMBER, lang="en")
    assert body["case"]["id"] == case.id
    assert [v["version"] for v in body["versions"]] == [1]
    assessment = body["versions"][0]["assessment"]
    assert assessment["verdict"] == case.verdict.value
    assert assessment["findings"]
    assert all(f["quote"] and f["citation"] for f in assessment["findings"])
    audit = await tab.register.audit(case.id)
    assert [a["event"] for a in body["audit"]] == [e.event.value for e in audit]
    assert body["audit"][-1]["status"] == "declined"
    assert body["audit"][-1]["event_label"] == "Status changed"
    assert body["audit"][-1]["comment"] == "Beslut vid sammanträdet."
    # The engagement as the wizard's summary names it, not by the contract's keys.
    fields = {f["key"]: f for f in body["versions"][0]["engagement_fields"]}
    assert fields["title"] == {"key": "title", "label": "Title", "value": case.title}
    assert fields["kind"]["value"] == KIND_LABELS[case.kind]["en"]
    assert fields["counterpart.country"]["label"] == short_label("counterpart.country", "en")
    directions = [choice(d.value, "en") for d in case.engagement.directions]
    assert fields["directions"]["value"] == ", ".join(directions)
    swedish = await tab.json(f"/tab/api/cases/{case.id}", IB_MEMBER)
    cost = {f["key"]: f for f in swedish["versions"][0]["engagement_fields"]}["cost_sek"]
    assert cost["label"] == "Kostnad"
    assert cost["value"] == sek(case.engagement.cost_sek or 0, "sv")
    assert all(f["label"] != f["key"] for f in fields.values()), fields


async def test_the_summary_counts_the_years_costs(tab: Tab) -> None:
    year = [c for c in await _all(tab) if c.year == 2025]
    body = await tab.json("/tab/api/summary", IB_MEMBER, year="2025")
    total = sum(round(c.engagement.cost_sek or 0) for c in year)
    assert body["year"] == 2025
    assert body["total_cost"] == total
    assert sum(k["cost"] for k in body["by_kind"]) == total
    assert sum(k["count"] for k in body["by_owner"]) == len(year)
    status = {s["key"]: s["count"] for s in body["by_status"]}
    assert status.get("accepted", 0) == sum(c.status is CaseStatus.ACCEPTED for c in year)
    directions = {d["key"]: d["count"] for d in body["by_direction"]}
    assert set(directions) == {"profilering", "omvarldsbevakning", "samverkan", "paverkan"}
    assert directions["samverkan"] == sum(
        any(d.value == "samverkan" for d in c.engagement.directions) for c in year)
    countries = {c["key"]: c["count"] for c in body["by_country"]}
    assert sum(countries.values()) == len(year)
    # Without a year: the clock's year in Stockholm.
    assert (await tab.json("/tab/api/summary", IB_MEMBER))["year"] == NOW.year
    # The accepted memberships and intent agreements, by review date (P5: four years on).
    accepted = await tab.register.list(status="accepted", limit=None)
    due = sorted((c.review_due.isoformat(), c.id) for c in accepted
                 if c.review_due is not None and c.review_due >= NOW.date())
    assert due
    assert [(r["review_due"], r["id"]) for r in body["upcoming_reviews"]] == due[:20]
    for case in accepted:
        if case.review_due is not None:
            assert case.kind in (Kind.MEMBERSHIP, Kind.INTENT_AGREEMENT)
            assert case.meeting_date is not None
            assert case.review_due == case.meeting_date.replace(year=case.meeting_date.year + 4)


async def test_the_agenda_is_the_next_meetings_cases_in_the_cards_order(tab: Tab) -> None:
    on_agenda = await tab.register.list(status="on_agenda", limit=None)
    meeting = ib_dialogs.next_meeting([c.meeting_date for c in on_agenda], NOW.date())
    body = await tab.json("/tab/api/agenda", IB_MEMBER)
    expected = [c for c in on_agenda if c.meeting_date == meeting]
    assert body["meeting_date"] == (meeting.isoformat() if meeting else None)
    assert {r["id"] for r in body["items"]} == {c.id for c in expected}
    assert body["total_cost"] == round(sum(c.engagement.cost_sek or 0 for c in expected))
    rank = {"high": 0, "medium": 1, "low": 2, None: 3}
    ranks = [rank[r["priority"]] for r in body["items"]]
    assert ranks == sorted(ranks)


async def test_the_csv_export_is_the_filtered_table_for_swedish_excel(tab: Tab) -> None:
    response = await tab.get("/tab/api/cases.csv", IB_MEMBER, status="accepted", page_size=1)
    assert response.status == 200
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="strategikollen-cases-{NOW.date().isoformat()}.csv"')
    raw = await response.read()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Ärende", "Rubrik", "Typ"]
    accepted = await tab.register.list(status="accepted", limit=None)
    assert {r[0] for r in rows[1:]} == {c.id for c in accepted}  # all pages, not one
    assert {r[7] for r in rows[1:]} == {"Tillstyrkt"}
    english = await tab.get("/tab/api/cases.csv", IB_MEMBER, lang="en")
    assert (await english.read()).decode("utf-8-sig").startswith("Case;Title;Kind")


async def test_the_xlsx_export_opens_with_the_rows_and_numbers(tab: Tab) -> None:
    response = await tab.get("/tab/api/cases.xlsx", SUBMITTER, lang="en")
    assert response.status == 200
    assert response.headers["Content-Disposition"].endswith('.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(await response.read()), read_only=True)
    sheet = book["Cases"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Case"
    own = {c.id: c for c in await tab.register.list(submitter=SUBMITTER, limit=None)}
    assert {r[0] for r in rows[1:]} == set(own)
    for row in rows[1:]:
        assert row[8] == round(own[str(row[0])].engagement.cost_sek or 0)
        assert row[11] is not None
        assert row[11].date() <= NOW.date()


@pytest.mark.parametrize(("params", "code"), [
    ({"status": "nonsense"}, "bad_filter"), ({"owner": "🙂"}, "bad_filter"),
    ({"kind": "x" * 5000}, "bad_filter"), ({"year": "20x6"}, "bad_year"),
    ({"year": "1066"}, "bad_year"), ({"page_size": "100000"}, "bad_request"),
    ({"page_size": "0"}, "bad_request"), ({"page": "-1"}, "bad_request"),
    ({"page": "NaN"}, "bad_request"), ({"sort": "password"}, "bad_sort"),
    ({"order": "sideways"}, "bad_sort"), ({"view": "everything"}, "bad_filter"),
    ({"q": "x" * 201}, "bad_filter"), ({"unit": "u" * 501}, "bad_filter"),
])
async def test_bad_input_is_a_400_with_a_message(tab: Tab, params: dict[str, str],
                                                 code: str) -> None:
    # The export is every page: paging is not its input.
    paths = ["/tab/api/cases"] + ([] if {"page", "page_size"} & set(params)
                                  else ["/tab/api/cases.csv"])
    for path in paths:
        body = await tab.json(path, IB_MEMBER, expect=400, **params)
        assert body["error"] == code
        assert len(body["message"]) > 20


async def test_an_unknown_case_or_path_is_a_404_with_a_message(tab: Tab) -> None:
    for case_id in ("SK-1999-0001", "SK-2025-9999", "'; DROP TABLE cases; --", "%00", "x" * 300):
        body = await tab.json(f"/tab/api/cases/{case_id}", IB_MEMBER, expect=404, lang="en")
        assert body["error"] == "no_case"
        assert body["message"].startswith("There is no case")
    assert (await tab.json("/tab/api/nothing", IB_MEMBER, expect=404))["error"] == "not_found"
    assert (await tab.json("/tab/api/summary", IB_MEMBER, expect=400, year="next"))


async def test_the_page_and_its_files_are_served_safely(tab: Tab) -> None:
    page = await tab.client.get("/tab/")
    assert page.status == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "frame-ancestors" in page.headers["Content-Security-Policy"]
    assert "teams.microsoft.com" in page.headers["Content-Security-Policy"]
    mine = await tab.client.get("/tab/?view=mine")
    assert mine.status == 200
    for bad in ("/tab/static/../routes.py", "/tab/static/%2e%2e/routes.py",
                "/tab/static/..%2Froutes.py", "/tab/static/", "/tab/static/.hidden",
                "/tab/static/vendor", "/tab/static/nothing.js", "/tab/static/%00"):
        response = await tab.client.get(bad)
        assert response.status == 404, bad
    strings = await tab.client.get("/tab/static/strings.js")
    assert strings.status == 200
    assert strings.headers["Content-Type"].startswith("text/javascript")
    assert strings.headers["Cache-Control"] == "no-cache"


def test_the_seeded_register_is_varied() -> None:
    # seed_cases' choice of fates and kinds reaches every status (checked on a register
    # in test_each_role_sees_its_rows); here the meeting days are Tuesdays.
    from random import Random

    from bot.overview.seed import _meeting

    rng = Random(1)
    assert {_meeting(date(2026, 3, d), rng).weekday() for d in range(1, 29)} == {1}


async def test_a_title_that_looks_like_a_formula_stays_text_in_both_exports(tab: Tab) -> None:
    data = {"kind": "trip", "title": "=HYPERLINK(\"http://evil.example\";\"x\")",
            "on_behalf_of_ks": False, "cost_sek": 1000}
    engagement = parse_engagement(data)
    case = await tab.register.submit(engagement, assess(engagement, "sv", today=NOW.date()),
                                     Actor(id=SUBMITTER, name="Anna Andersson"))
    csv_body = await (await tab.get("/tab/api/cases.csv", SUBMITTER, q=case.id)).read()
    (row,) = list(csv.reader(io.StringIO(csv_body.decode("utf-8-sig")), delimiter=";"))[1:]
    assert row[1] == "'" + data["title"]  # a leading apostrophe: Excel shows it as text
    xlsx_body = await (await tab.get("/tab/api/cases.xlsx", SUBMITTER, q=case.id)).read()
    book = openpyxl.load_workbook(io.BytesIO(xlsx_body))
    cell = book.active["B2"]  # type: ignore[index]
    assert cell.value == data["title"]
    assert cell.data_type == "s"  # a string cell, not a formula
    book.close()
