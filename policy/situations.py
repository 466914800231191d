"""What people bring that is not one of the contract's kinds, and how to screen it.

The review of December 2026 (``shared/audits/policy-2026-12.md`` §5) lists situations
the twelve kinds do not name. Each is screened as one of the existing kinds, with the
fields that follow from the situation; who-decides recognises the situation in a
question and says how, and the wizard's help for "Vad gäller det?" says the same
(``cards.fields``). Data only.

Where the existing kinds fit badly, a new kind is proposed in the issue note instead
(hosting with a budget of its own; bids for titles and events).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .models import Kind, Lang

__all__ = ["SITUATIONS", "Situation"]


@dataclass(frozen=True, slots=True)
class Situation:
    id: str
    kind: Kind
    how: Mapping[Lang, str]  # how it is screened, in a sentence or two
    sv: tuple[str, ...]  # the words who-decides knows it by, in base form
    en: tuple[str, ...]
    fields: Mapping[str, Any] = field(default_factory=dict)  # what the situation settles


SITUATIONS: tuple[Situation, ...] = (
    Situation(
        "hosting", Kind.INCOMING_VISIT,
        {
            "sv": "Ett internationellt möte eller evenemang som staden är värd för i Stockholm "
            "bedöms som ett internationellt besök: nämnden eller bolaget beslutar, och "
            "kommunstyrelsen koordinerar betydande besök. Är värdskapet en del av ett "
            "medlemskap, som i CTPN, bedöms det tillsammans med medlemskapet.",
            "en": "An international meeting or event the city hosts in Stockholm is screened "
            "as an international visit: the committee or company decides, and the City "
            "Executive Board coordinates significant visits. Where hosting is part of a "
            "membership, as with CTPN, it is screened with the membership.",
        },
        sv=("vara värd", "värd för", "värdskap", "värdstad", "stå värd", "arrangera i stockholm"),
        en=("host", "hosting", "host city", "hosted in stockholm"),
    ),
    Situation(
        "bid", Kind.DECLARATION,
        {
            "sv": "En ansökan om en internationell titel eller ett evenemang (till exempel "
            "European Green Capital) bedöms som ett internationellt initiativ med ökad "
            "resursbörda: kommunstyrelsen beslutar, och ett stort åtagande i budgeten kan "
            "kräva kommunfullmäktiges beslut.",
            "en": "A bid for an international title or event (for example European Green "
            "Capital) is screened as an international initiative that adds to the resource "
            "burden: the City Executive Board decides, and a large budget commitment may "
            "need the City Council.",
        },
        sv=("kandidera", "kandidatur", "ansöka om att bli", "ansökan om att bli",
            "european green capital", "kulturhuvudstad", "bud på"),
        en=("bid for", "bid to host", "candidacy", "candidate city", "apply to become",
            "green capital", "capital of culture"),
        fields={"increases_resource_burden": True},
    ),
    Situation(
        "exchange", Kind.TRIP,
        {
            "sv": "Personalutbyte, jobbskuggning och tjänstgöring utomlands bedöms som en "
            "tjänsteresa inom den egna verksamheten: nämnden beslutar (i praktiken ofta "
            "förvaltningschefen enligt delegationsordningen). Tar staden emot utländsk "
            "personal bedöms det som ett internationellt besök.",
            "en": "Staff exchanges, job shadowing and secondments abroad are screened as a "
            "trip within the operation's own work: the committee decides (in practice often "
            "the head of department under the delegation rules). Receiving staff from "
            "abroad is screened as an international visit.",
        },
        sv=("personalutbyte", "jobbskuggning", "utbyte av medarbetare", "erasmus",
            "tjänstgöring utomlands"),
        en=("staff exchange", "job shadowing", "secondment", "erasmus"),
        fields={"on_behalf_of_ks": False},
    ),
    Situation(
        "joint_statement", Kind.DECLARATION,
        {
            "sv": "Ett gemensamt uttalande, upprop eller öppet brev bedöms som en internationell "
            "deklaration. Riktar det sig till EU, bedöm det också som stadens ståndpunkt "
            "(i nära samarbete med kommunstyrelsen). Tar det ställning mellan stater är det "
            "utrikespolitik, som staden inte för.",
            "en": "A joint statement, appeal or open letter is screened as an international "
            "declaration. If it is addressed to the EU, screen it as the city's position "
            "too (in close cooperation with the City Executive Board). If it takes a side "
            "between states it is foreign policy, which the city does not conduct.",
        },
        sv=("gemensamt uttalande", "gemensam skrivelse", "öppet brev", "upprop"),
        en=("joint statement", "joint letter", "open letter"),
    ),
    Situation(
        "online", Kind.CONFERENCE,
        {
            "sv": "Ett digitalt evenemang bedöms som en konferens: sker deltagandet på uppdrag "
            "av kommunstyrelsen beslutar finansborgarrådet efter beredning i IB, annars "
            "nämnden. Kostnaden är ofta noll.",
            "en": "An online event is screened as a conference: on behalf of the City "
            "Executive Board, the Finance Commissioner decides after IB; otherwise the "
            "committee. The cost is often nil.",
        },
        sv=("digital konferens", "digitalt evenemang", "digitalt möte", "webbinarium",
            "webbinar", "virtuellt toppmöte", "online"),
        en=("webinar", "online conference", "online event", "virtual summit", "virtual event",
            "online"),
    ),
)

# Several kinds in one package (CTPN: a membership and a hosting; an EU project with
# trips): one screening is one kind, so each part is screened on its own.
SEVERAL_KINDS: Mapping[Lang, str] = {
    "sv": "Frågan nämner flera typer av engagemang ({kinds}); svaret gäller {first}. "
    "Bedöm varje del för sig.",
    "en": "The question names several kinds of engagement ({kinds}); the answer is for "
    "{first}. Screen each part on its own.",
}
