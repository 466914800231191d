"""What a person reads for each field of the contract: its label and help text on the
wizard's inputs, and the short label of the summary's narrow title column."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from policy import Text

__all__ = ["FIELDS", "SHORT_LABELS", "FieldText"]


class FieldText(NamedTuple):
    """A field's label and the help text under its input (``None``: the input has none)."""

    label: Text
    help: Text | None


FIELDS: Mapping[str, FieldText] = {
    "kind": FieldText(
        label=Text(sv="Vad gäller det?", en="What is it?"),
        help=Text(
            sv="Välj den typ som passar bäst; frågorna som följer beror på den. Värdskap för ett "
               "evenemang i Stockholm: internationellt besök. Ansökan om en titel eller ett "
               "evenemang: deklaration eller initiativ. Personalutbyte: tjänsteresa. Gemensamt "
               "uttalande: deklaration. Digitalt evenemang: konferens. Förnyat medlemskap: "
               "medlemskap. Flera delar: bedöm varje del för sig.",
            en="Choose the closest kind; the questions that follow depend on it. Hosting an "
               "event in Stockholm: international visit. A bid for a title or event: declaration "
               "or initiative. Staff exchange: business trip. Joint statement: declaration. "
               "Online event: conference. Renewed membership: membership. Several parts: screen "
               "each on its own.",
        ),
    ),
    "title": FieldText(
        label=Text(sv="Rubrik", en="Title"),
        help=Text(sv="En kort rubrik, t.ex. ”Medlemskap i Eurocities”.",
                  en="A short title, e.g. “Membership of Eurocities”."),
    ),
    "description": FieldText(
        label=Text(sv="Beskrivning", en="Description"),
        help=Text(sv="Valfritt: bakgrund och syfte.", en="Optional: background and purpose."),
    ),
    "unit": FieldText(
        label=Text(sv="Nämnd, förvaltning eller bolag", en="Committee, department or company"),
        help=Text(sv="Vem föreslår engagemanget?", en="Who proposes the engagement?"),
    ),
    "scope": FieldText(
        label=Text(sv="Vilka verksamheter berörs?", en="Which operations are affected?"),
        help=Text(
            sv="En nämnd eller ett bolag, flera, eller hela staden. Svaret avgör om nämnden "
               "eller kommunstyrelsen beslutar.",
            en="One committee or company, several, or the whole city. The answer decides whether "
               "the committee or the City Executive Board decides.",
        ),
    ),
    "start_date": FieldText(
        label=Text(sv="Startdatum", en="Start date"),
        help=Text(sv="Lämna tomt om det inte är bestämt.", en="Leave empty if not decided."),
    ),
    "end_date": FieldText(
        label=Text(sv="Slutdatum", en="End date"),
        help=Text(sv="Lämna tomt om det saknas.", en="Leave empty if there is none."),
    ),
    "counterpart.name": FieldText(
        label=Text(sv="Motpart", en="Counterpart"),
        help=Text(sv="Staden, organisationen eller nätverket som staden möter.",
                  en="The city, organisation or network the city deals with."),
    ),
    "counterpart.type": FieldText(
        label=Text(sv="Typ av motpart", en="Type of counterpart"),
        help=Text(
            sv="Huvudstäder, särskilt de nordiska, har en särskild gemenskap med Stockholm.",
            en="Capitals, especially the Nordic ones, have a special community with Stockholm.",
        ),
    ),
    "counterpart.country": FieldText(
        label=Text(sv="Land", en="Country"),
        help=None,  # the country needs no explaining
    ),
    "on_behalf_of_ks": FieldText(
        label=Text(sv="På uppdrag av kommunstyrelsen?",
                   en="On behalf of the City Executive Board?"),
        help=Text(
            sv="Ja om staden företräds politiskt eller som helhet (på kommunstyrelsens uppdrag); "
               "då beslutar finansborgarrådet efter beredning i IB. Nej om resan hör till den "
               "egna verksamheten; då beslutar nämnden eller bolagsstyrelsen. Deltar borgarråd, "
               "finansborgarrådet eller kommunfullmäktiges presidium räknas det som på uppdrag "
               "av kommunstyrelsen om du inte svarar nej.",
            en="Yes if the city is represented politically or as a whole (on the City Executive "
               "Board's assignment); the Finance Commissioner then decides after IB. No if it "
               "belongs to the operation's own work; its committee or board then decides. With a "
               "borgarråd, the Finance Commissioner or the City Council's presidium taking part, "
               "it counts as on behalf of the Board unless you answer no.",
        ),
    ),
    "participants": FieldText(
        label=Text(sv="Vilka deltar?", en="Who takes part?"),
        help=Text(
            sv="Välj alla som deltar. Borgarråd, finansborgarrådet och kommunfullmäktiges "
               "presidium företräder staden som helhet.",
            en="Choose everyone who takes part. A borgarråd, the Finance Commissioner and the "
               "City Council's presidium represent the city as a whole.",
        ),
    ),
    "foreign_policy": FieldText(
        label=Text(sv="Berör det utrikespolitik?", en="Does it touch foreign policy?"),
        help=Text(
            sv="Ja om det rör Sveriges relationer med andra stater, utrikes-, bistånds- eller "
               "säkerhetspolitik, eller om staden skulle ta ställning mellan stater. Det är "
               "statens sak, inte stadens (avsnitt 4). Ett projekt av biståndskaraktär som helt "
               "finansieras av annan part, till exempel Sida, är inte i sig utrikespolitik. "
               "Motparter på nationell nivå, som ministerier och ambassader, prövas av "
               "stadsledningskontoret.",
            en="Yes if it concerns Sweden's relations with other states, foreign, aid or "
               "security policy, or would have the city take a side between states. That is for "
               "the state, not the city (section 4). A project of aid character fully financed "
               "by another party, such as Sida, is not in itself foreign policy. Counterparts at "
               "national level, such as ministries and embassies, are examined by the City "
               "Executive Office.",
        ),
    ),
    "directions": FieldText(
        label=Text(sv="Vilka inriktningar tjänar det?", en="Which directions does it serve?"),
        help=Text(sv="Strategins fyra inriktningar (avsnitt 3). Välj alla som passar.",
                  en="The strategy's four directions (section 3). Choose all that apply."),
    ),
    "benefit": FieldText(
        label=Text(sv="Förväntad nytta", en="Expected benefit"),
        help=Text(sv="Vad ger det stadens verksamheter och invånare? (avsnitt 2)",
                  en="What does it give the city's operations and residents? (section 2)"),
    ),
    "existing_forum": FieldText(
        label=Text(sv="Befintligt forum", en="Existing forum"),
        help=Text(
            sv="Ett etablerat nätverk eller en organisation där frågan redan hanteras, om något.",
            en="An established network or organisation where the matter is already handled, if "
               "any.",
        ),
    ),
    "existing_forums_checked": FieldText(
        label=Text(sv="Har befintliga forum undersökts?", en="Were existing forums examined?"),
        help=Text(
            sv="Möjligheten att samverka inom redan etablerade forum ska undersökas innan nya "
               "samarbetsformer initieras (avsnitt 3.3).",
            en="The possibility of cooperating within established forums is to be examined "
               "before new forms of cooperation are started (section 3.3).",
        ),
    ),
    "cost_sek": FieldText(
        label=Text(sv="Kostnad i kronor", en="Cost in SEK"),
        help=Text(sv="Total kostnad för staden, i hela kronor.",
                  en="Total cost to the city, in whole SEK."),
    ),
    "within_budget": FieldText(
        label=Text(sv="Ryms det i budgeten?", en="Does it fit the budget?"),
        help=Text(sv="Inom verksamhetens givna ekonomiska ram (avsnitt 5).",
                  en="Within the operation's given economic frame (section 5)."),
    ),
    "programme_available": FieldText(
        label=Text(sv="Finns ett program?", en="Is there a programme?"),
        help=Text(sv="Ett program för evenemanget som går att bedöma.",
                  en="A programme for the event that can be assessed."),
    ),
    "active_role": FieldText(
        label=Text(sv="Får staden en aktiv roll?", en="Does the city get an active role?"),
        help=Text(
            sv="T.ex. talare, panelist eller värd – eller att staden bidrar aktivt i nätverket.",
            en="E.g. speaker, panellist or host – or the city contributes actively in the "
               "network.",
        ),
    ),
    "invitation_transferable": FieldText(
        label=Text(sv="Kan inbjudan överlåtas?", en="Can the invitation be passed on?"),
        help=Text(sv="Får någon annan företrädare för staden delta i stället?",
                  en="May another representative of the city attend instead?"),
    ),
    "high_political_level": FieldText(
        label=Text(sv="Besök på hög politisk nivå?", en="A visit at high political level?"),
        help=Text(
            sv="T.ex. borgmästare eller ministrar. Då koordinerar kommunstyrelsen besöket; "
               "nämnden eller bolaget beslutar fortfarande.",
            en="E.g. mayors or ministers. The City Executive Board then coordinates the visit; "
               "the committee or company still decides.",
        ),
    ),
    "mutual_benefit": FieldText(
        label=Text(sv="Ömsesidig nytta?", en="Mutual benefit?"),
        help=Text(sv="Tydlig nytta för båda parter.", en="A clear benefit for both parties."),
    ),
    "prioritised_visit": FieldText(
        label=Text(sv="Särskilt prioriterat besök?", en="A specially prioritised visit?"),
        help=Text(
            sv="Inbjudningsbrev skickas bara för besök som är särskilt prioriterade för "
               "verksamheten.",
            en="Invitation letters are sent only for visits specially prioritised for the "
               "operation.",
        ),
    ),
    "concrete_exchange": FieldText(
        label=Text(sv="Konkret utbyte?", en="A concrete exchange?"),
        help=Text(
            sv="Ett konkret utbyte inom ett tematiskt område – inte en allmän vänskapsrelation.",
            en="A concrete exchange in a thematic area – not a general friendship.",
        ),
    ),
    "thematic_area": FieldText(
        label=Text(sv="Tematiskt område", en="Thematic area"),
        help=Text(sv="Det specifika tematiska område samarbetet gäller, t.ex. avfallshantering.",
                  en="The specific thematic area the cooperation concerns, e.g. waste management."),
    ),
    "within_initiative": FieldText(
        label=Text(sv="Inom ett internationellt initiativ?",
                   en="Within an international initiative?"),
        help=Text(
            sv="Avtalet ingås inom ett internationellt initiativ som staden deltar i.",
            en="The agreement is made within an international initiative the city takes part in.",
        ),
    ),
    "review_years": FieldText(
        label=Text(sv="Omprövning efter antal år", en="Review after how many years"),
        help=Text(
            sv="Hur ofta det omprövas. Medlemskap och intentionsavtal bör omprövas regelbundet "
               "(exempelvis vart fjärde år).",
            en="How often it is reviewed. Memberships and intent agreements should be reviewed "
               "regularly (for example every fourth year).",
        ),
    ),
    "renewal": FieldText(
        label=Text(sv="Finns medlemskapet redan?", en="Is it an existing membership?"),
        help=Text(
            sv="Ja om ett befintligt medlemskap omprövas, förnyas eller avslutas. "
               "Kommunfullmäktige beslutar om nya medlemskap i stadsövergripande organisationer.",
            en="Yes if an existing membership is reviewed, renewed or ended. The City Council "
               "decides on new memberships of city-wide organisations.",
        ),
    ),
    "membership_body": FieldText(
        label=Text(sv="Organisation eller nätverk?", en="Organisation or network?"),
        help=Text(
            sv="En organisation är en formell sammanslutning med stadgar och medlemmar; ett "
               "nätverk är en lösare samverkan. Nya medlemskap i stadsövergripande "
               "organisationer beslutar kommunfullmäktige om.",
            en="An organisation is a formal body with statutes and members; a network is looser "
               "cooperation. New memberships of city-wide organisations are decided by the City "
               "Council.",
        ),
    ),
    "increases_resource_burden": FieldText(
        label=Text(sv="Ökar det stadens resursbörda?",
                   en="Does it add to the city's resource burden?"),
        help=Text(
            sv="Ja om det medför ökad resursbörda för staden – pengar, personal eller nya "
               "åtaganden; då beslutar kommunstyrelsen. Annars beslutar finansborgarrådet efter "
               "beredning i IB.",
            en="Yes if it adds to the city's resource burden – money, staff or new commitments; "
               "the City Executive Board then decides. Otherwise the Finance Commissioner "
               "decides after IB.",
        ),
    ),
    "linked_to_operational_plan": FieldText(
        label=Text(sv="Kopplat till verksamhetsplanen?", en="Linked to the operational plan?"),
        help=Text(
            sv="EU-projekt ska ha tydlig koppling till planerad utveckling av verksamheten "
               "(avsnitt 3.3).",
            en="EU projects need a clear link to the operation's planned development (section "
               "3.3).",
        ),
    ),
    "financing": FieldText(
        label=Text(sv="Finansiering", en="Financing"),
        help=Text(
            sv="Staden kan engagera sig i projekt av biståndskaraktär då hela finansieringen "
               "bärs av annan part, till exempel Sida. Ett EU-bidrag räknas så bara om staden "
               "inte betalar något.",
            en="The city can engage in projects of aid character when the whole financing is "
               "borne by another party, for example Sida. An EU grant counts only if the city "
               "pays nothing.",
        ),
    ),
    "funder": FieldText(
        label=Text(sv="Finansiär", en="Funder"),
        help=Text(sv="T.ex. Sida.", en="E.g. Sida."),
    ),
}

# Short labels for the summary's narrow title column: field: its label.
SHORT_LABELS: Mapping[str, Text] = {
    "kind": Text(sv="Typ", en="Kind"),
    "title": Text(sv="Rubrik", en="Title"),
    "description": Text(sv="Beskrivning", en="Description"),
    "unit": Text(sv="Föreslås av", en="Proposed by"),
    "scope": Text(sv="Berör", en="Affects"),
    "start_date": Text(sv="Start", en="Start"),
    "end_date": Text(sv="Slut", en="End"),
    "counterpart.name": Text(sv="Motpart", en="Counterpart"),
    "counterpart.type": Text(sv="Typ av motpart", en="Party type"),
    "counterpart.country": Text(sv="Land", en="Country"),
    "on_behalf_of_ks": Text(sv="På KS uppdrag", en="For the Board"),
    "participants": Text(sv="Deltagare", en="Participants"),
    "foreign_policy": Text(sv="Utrikespolitik", en="Foreign policy"),
    "directions": Text(sv="Inriktningar", en="Directions"),
    "benefit": Text(sv="Nytta", en="Benefit"),
    "existing_forum": Text(sv="Befintligt forum", en="Existing forum"),
    "existing_forums_checked": Text(sv="Forum prövade", en="Forums checked"),
    "cost_sek": Text(sv="Kostnad", en="Cost"),
    "within_budget": Text(sv="Inom budget", en="Within budget"),
    "programme_available": Text(sv="Program finns", en="Programme"),
    "active_role": Text(sv="Aktiv roll", en="Active role"),
    "invitation_transferable": Text(sv="Kan överlåtas", en="Transferable"),
    "high_political_level": Text(sv="Hög nivå", en="High level"),
    "mutual_benefit": Text(sv="Ömsesidig nytta", en="Mutual benefit"),
    "prioritised_visit": Text(sv="Prioriterat", en="Prioritised"),
    "concrete_exchange": Text(sv="Konkret utbyte", en="Concrete exchange"),
    "thematic_area": Text(sv="Tema", en="Theme"),
    "within_initiative": Text(sv="Inom initiativ", en="In an initiative"),
    "review_years": Text(sv="Omprövning", en="Review"),
    "renewal": Text(sv="Befintligt", en="Existing"),
    "membership_body": Text(sv="Medlem i", en="Member of"),
    "increases_resource_burden": Text(sv="Ökad resursbörda", en="Adds burden"),
    "linked_to_operational_plan": Text(sv="Verksamhetsplan", en="Operational plan"),
    "financing": Text(sv="Finansiering", en="Financing"),
    "funder": Text(sv="Finansiär", en="Funder"),
}
