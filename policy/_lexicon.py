"""The words "who decides?" questions use, each mapped to what it says about the engagement.

Data only; ``policy.who_decides`` stems and indexes it once at import. A phrase
is written in its base form: inflections ("medlemskapet", "konferenser",
"resan") reach it through the stemmer, typos through fuzzy matching, and
compounds ("studiebesök", "miljönämnden") through ``compound``.

A cue says one thing: the kind (``kind``; ``weak_kind`` only counts when no
``kind`` cue is present), the routing fields (``scope``, ``body``,
``on_behalf``, ``burden``, ``high``), who takes part (``political`` for the
city's own politicians, ``staff`` for officials and other non-political
participants), and whether the city's own foreign policy is asked about
(``fp``; or ``fp_conflict`` together with ``fp_stance``), and whether a membership
exists already and is reviewed, renewed or left (``renewal``), and which situation of
``policy.situations`` the question describes (``situation``: hosting, a bid, a staff
exchange, a joint statement, an online event).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .models import Kind, Lang, MembershipBody, Scope
from .situations import SITUATIONS

__all__ = [
    "EN_FUNCTION_WORDS",
    "KIND_PRIORITY",
    "LEXICON",
    "NEGATABLE",
    "NEGATED_BY_AFTER",
    "NEGATIONS",
    "SV_FUNCTION_WORDS",
    "Cue",
    "Entry",
    "Feature",
]

Feature = Literal[
    "kind",
    "weak_kind",
    "scope",
    "body",
    "on_behalf",
    "burden",
    "high",
    "political",
    "staff",
    "fp",
    "fp_conflict",
    "fp_stance",
    "renewal",
    "situation",
]
Value = Kind | Scope | MembershipBody | bool | str

# Features whose value a negation in front flips ("inte på uppdrag av ...").
NEGATABLE: frozenset[Feature] = frozenset({"on_behalf", "burden", "high"})


@dataclass(frozen=True, slots=True)
class Cue:
    feature: Feature
    value: Value


@dataclass(frozen=True, slots=True)
class Entry:
    """Phrases of one language that all say the same things (``cues``).

    ``match``: ``"stem"`` compares stems (inflection-blind); ``"form"`` compares
    the written form, where inflection carries the meaning ("förvaltningen"
    one, "förvaltningar" several). ``compound``: ``"also"`` lets a one-word
    phrase stand as the last part of a compound too, ``"only"`` only there
    ("miljönämnden" is one committee; "nämnden" alone names an owner).
    ``negated_after``: a negation right after flips it too ("kostar inte").
    """

    lang: Lang
    phrases: tuple[str, ...]
    cues: tuple[Cue, ...]
    match: Literal["stem", "form"] = "stem"
    compound: Literal["no", "also", "only"] = "no"
    negated_after: bool = False


def kind(k: Kind) -> Cue:
    return Cue("kind", k)


def weak(k: Kind) -> Cue:
    return Cue("weak_kind", k)


def scope(s: Scope) -> Cue:
    return Cue("scope", s)


T, F = True, False
SINGLE, SEVERAL, CITY = Scope.SINGLE_OPERATION, Scope.SEVERAL_OPERATIONS, Scope.CITY_WIDE
ORG, NET = Cue("body", MembershipBody.ORGANISATION), Cue("body", MembershipBody.NETWORK)
POLITICAL, STAFF = Cue("political", T), Cue("staff", T)
ON_BEHALF, BURDEN, NO_BURDEN, HIGH = (
    Cue("on_behalf", T), Cue("burden", T), Cue("burden", F), Cue("high", T)
)
FP, FP_CONFLICT, FP_STANCE = Cue("fp", T), Cue("fp_conflict", T), Cue("fp_stance", T)
RENEWAL = Cue("renewal", T)

# When a question names several kinds, the first of these wins ("an invitation
# letter for a visiting delegation" is an invitation letter).
KIND_PRIORITY: tuple[Kind, ...] = (
    Kind.TWINNING,
    Kind.INVITATION_LETTER,
    Kind.INTENT_AGREEMENT,
    Kind.COOPERATION_AGREEMENT,
    Kind.AID_PROJECT,
    Kind.EU_PROJECT,
    Kind.DECLARATION,
    Kind.MEMBERSHIP,
    Kind.CONFERENCE,
    Kind.TRIP,
    Kind.INCOMING_VISIT,
    Kind.POSITION,
)


def _sv(*phrases: str, cues: tuple[Cue, ...], match: Literal["stem", "form"] = "stem",
        compound: Literal["no", "also", "only"] = "no", negated_after: bool = False) -> Entry:
    return Entry("sv", phrases, cues, match, compound, negated_after)


def _en(*phrases: str, cues: tuple[Cue, ...], match: Literal["stem", "form"] = "stem",
        compound: Literal["no", "also", "only"] = "no", negated_after: bool = False) -> Entry:
    return Entry("en", phrases, cues, match, compound, negated_after)


LEXICON: tuple[Entry, ...] = (
    # --- kinds ------------------------------------------------------------
    _sv("tjänsteresa", "utlandsresa", "studieresa", "resa", "resor", "åka", "åker", "flyga",
        "utomlands", "göra studiebesök", "göra ett studiebesök",
        "göra ett besök", "åka på studiebesök", "vi ska besöka", "vi vill besöka",
        "jag ska besöka", "jag vill besöka", "vi besöker",
        cues=(kind(Kind.TRIP),), compound="also"),
    _en("trip", "business trip", "study trip", "travel", "travelling", "traveling", "journey",
        "abroad", "overseas", "go abroad", "fly", "we will visit", "we want to visit",
        "i will visit", "i want to visit", "we are visiting", "visit abroad",
        cues=(kind(Kind.TRIP),)),
    _sv("konferens", "konferenser", "toppmöte", "kongress", "evenemang", "seminarium",
        "symposium", "mässa", "årsmöte", "summit", "workshop",
        cues=(kind(Kind.CONFERENCE),), compound="also"),
    _sv("möte", "möten", cues=(weak(Kind.CONFERENCE),)),
    _en("conference", "summit", "congress", "event", "seminar", "symposium", "workshop",
        "expo", "forum meeting", "annual meeting", "convention",
        cues=(kind(Kind.CONFERENCE),)),
    _en("meeting", cues=(weak(Kind.CONFERENCE),)),
    _sv("besök", "besökare", "delegation", "gästande", "ta emot", "tar emot", "tog emot",
        "besöka oss", "besöker oss", "besöka stockholm", "besöka staden",
        cues=(kind(Kind.INCOMING_VISIT),), compound="also"),
    _sv("studiebesök", cues=(kind(Kind.INCOMING_VISIT), STAFF)),
    _sv("statsbesök", "ministerbesök", "högnivåbesök", "ministerdelegation",
        cues=(kind(Kind.INCOMING_VISIT), HIGH)),
    _en("visit", "visits", "visitor", "visitors", "visiting delegation", "delegation",
        "receive", "host a delegation", "hosting a delegation", "visiting us", "visit us",
        "visit stockholm", "visiting stockholm",
        cues=(kind(Kind.INCOMING_VISIT),)),
    _en("study visit", "study visits", cues=(kind(Kind.INCOMING_VISIT), STAFF)),
    _en("state visit", "official visit", cues=(kind(Kind.INCOMING_VISIT), HIGH)),
    _sv("inbjudningsbrev", "inbjudansbrev", "visumbrev", "skriva en inbjudan",
        "skicka en inbjudan", "skriva inbjudan", "officiell inbjudan",
        cues=(kind(Kind.INVITATION_LETTER),)),
    _en("invitation letter", "letter of invitation", "visa letter", "visa invitation",
        "write an invitation", "send an invitation", "official invitation",
        cues=(kind(Kind.INVITATION_LETTER),)),
    _sv("samarbetsavtal", "partnerskap", "partnerskapsavtal", "partnerskapsprojekt",
        "samarbetsöverenskommelse", "samverkansavtal", "avtal om samarbete",
        cues=(kind(Kind.COOPERATION_AGREEMENT),)),
    _sv("avtal", "överenskommelse", "samarbete", "samarbeta", "samarbetar",
        cues=(weak(Kind.COOPERATION_AGREEMENT),), compound="also"),
    _en("cooperation agreement", "co-operation agreement", "collaboration agreement",
        "partnership", "partnership agreement", "bilateral agreement",
        cues=(kind(Kind.COOPERATION_AGREEMENT),)),
    _en("agreement", "cooperation", "collaboration", "cooperate", "collaborate",
        cues=(weak(Kind.COOPERATION_AGREEMENT),)),
    _sv("intentionsavtal", "avsiktsförklaring", "viljeförklaring", "mou",
        "memorandum of understanding", "letter of intent", "avtal om avsikt",
        cues=(kind(Kind.INTENT_AGREEMENT),)),
    _en("intent agreement", "memorandum of understanding", "letter of intent", "mou",
        "statement of intent", "declaration of intent", "memorandum",
        cues=(kind(Kind.INTENT_AGREEMENT),)),
    _sv("vänort", "vänorter", "vänortsavtal", "vänortssamarbete", "vänstad", "vänstäder",
        "vänskapsort", "systerstad", "systerstäder", "vänskapsavtal",
        cues=(kind(Kind.TWINNING),)),
    _en("twinning", "twin city", "twin cities", "twin town", "twin towns", "sister city",
        "sister cities", "town twinning", "twinning agreement", "sister city agreement",
        cues=(kind(Kind.TWINNING),)),
    _sv("medlemskap", "medlem", "medlemmar", "medlemsavgift", "bli medlem",
        "ansluta", "ansluter", "anslutning",
        cues=(kind(Kind.MEMBERSHIP),), compound="also"),
    _sv("nätverksmedlemskap", cues=(kind(Kind.MEMBERSHIP), NET)),
    _sv("gå med", "går med", "gå med i", "går med i", "vara med i", "delta i",
        cues=(weak(Kind.MEMBERSHIP),)),
    _en("membership", "member", "members", "become a member", "membership fee",
        cues=(kind(Kind.MEMBERSHIP),)),
    _en("join", "sign up", "take part in", "participate in",
        cues=(weak(Kind.MEMBERSHIP),)),
    _sv("nätverk", cues=(weak(Kind.MEMBERSHIP), NET), compound="also"),
    _sv("organisation", "förbund", "förening", "sammanslutning", "paraplyorganisation",
        cues=(weak(Kind.MEMBERSHIP), ORG), compound="also"),
    _en("network", cues=(weak(Kind.MEMBERSHIP), NET)),
    _en("organisation", "organization", "association", "federation", "alliance",
        cues=(weak(Kind.MEMBERSHIP), ORG)),
    _sv("deklaration", "upprop", "manifest", "deklarationer",
        cues=(kind(Kind.DECLARATION),), compound="also"),
    _sv("initiativ", "skriva under", "underteckna", "ställa sig bakom",
        cues=(weak(Kind.DECLARATION),), compound="also"),
    _en("declaration", "pledge", "manifesto", "charter", "covenant",
        cues=(kind(Kind.DECLARATION),)),
    _en("initiative", "sign", "endorse", cues=(weak(Kind.DECLARATION),)),
    _sv("eu projekt", "euprojekt", "eu finansierat projekt", "eu finansierade",
        "eu finansierat", "eu medel", "eu bidrag", "eu ansökan", "eu program", "horisont",
        "horisont europa", "interreg", "urbact", "erasmus", "regionalfonden",
        "socialfonden", "strukturfonderna", "esf projekt",
        cues=(kind(Kind.EU_PROJECT),)),
    _en("eu project", "eu projects", "eu funded", "eu funding", "eu grant", "eu programme",
        "eu program", "horizon europe", "horizon", "interreg", "urbact", "erasmus",
        "structural funds", "european regional development fund",
        cues=(kind(Kind.EU_PROJECT),)),
    _sv("bistånd", "biståndsprojekt", "biståndskaraktär", "biståndsinsats",
        "utvecklingssamarbete", "kapacitetsuppbyggnad", "biståndsfinansierat",
        cues=(kind(Kind.AID_PROJECT),), compound="also"),
    _sv("från sida", "av sida", "via sida", "med sida", "sida finansierar", "sida betalar",
        "sidafinansierat", "sidafinansierade", "sida finansierat", "sida finansierade",
        "sidaprojekt",
        cues=(kind(Kind.AID_PROJECT),), match="form"),
    _en("aid", "aid project", "development aid", "development cooperation",
        "development assistance", "capacity building", "funded by sida", "sida funded",
        "from sida",
        cues=(kind(Kind.AID_PROJECT),)),
    _sv("ståndpunkt", "yttrande", "remissvar", "remiss", "remissyttrande", "eu fråga",
        "eu frågor", "eu policy", "eu policyfråga", "policyfråga", "ställningstagande",
        "samrådssvar", "svar på samråd", "stadens uppfattning",
        cues=(kind(Kind.POSITION),), compound="also"),
    _sv("ta ställning", "tar ställning", "uttala sig", "uttalar sig", "uttalande",
        cues=(weak(Kind.POSITION), FP_STANCE)),
    _sv("eu", cues=(weak(Kind.POSITION),)),
    _en("consultation response", "consultation", "eu policy", "eu matter", "eu issue",
        "eu question", "stance", "city s position", "our position", "official position",
        "position paper",
        cues=(kind(Kind.POSITION),)),
    _en("position", "positions", cues=(weak(Kind.POSITION),), match="form"),
    _en("take a stand", "take a position", "take a stance", "statement", "speak out",
        "make a statement",
        cues=(weak(Kind.POSITION), FP_STANCE)),
    _en("eu", cues=(weak(Kind.POSITION),)),
    # --- scope: one operation, several, the whole city ----------------------
    _sv("förvaltning", "förvaltningen", "förvaltningens", "kontoret", "kontorets", "skola",
        "skolan", "skolans", "förskola", "enhet", "enheten", "enhetens", "avdelning",
        "avdelningen", "avdelningens", "bolaget", "bolagets", "stadsdel", "stadsdelen",
        cues=(scope(SINGLE),), match="form", compound="also"),
    _sv("nämnd", "nämnden", "nämndens", "bolagsstyrelse", "bolagsstyrelsen",
        cues=(scope(SINGLE),), match="form", compound="only"),
    _sv("vår förvaltning", "min förvaltning", "en förvaltning", "vår nämnd", "min nämnd",
        "en nämnd", "vårt bolag", "ett bolag", "en verksamhet", "vår verksamhet",
        "egen verksamhet", "egna verksamhet", "egna verksamheten", "vår enhet",
        "vår skola", "en skola", "just vår", "bara vår", "endast vår", "enbart vår",
        "en enda", "enskild", "enskilda", "verksamhetsspecifik", "verksamhetsspecifika",
        "inom förvaltningen", "inom verksamheten", "vårt kontor", "vår avdelning",
        cues=(scope(SINGLE),)),
    _sv("förvaltningar", "förvaltningarna", "förvaltningarnas", "nämnder", "nämnderna",
        "nämndernas", "bolagen", "bolagens", "verksamheter", "verksamheterna",
        "verksamheternas", "verksamhetsområden", "enheter",
        "stadsdelar", "stadsdelsförvaltningar",
        cues=(scope(SEVERAL),), match="form", compound="also"),
    _sv("flera bolag", "olika bolag", "två bolag", cues=(scope(SEVERAL),), match="form"),
    _sv("hela staden", "hela stockholm", "hela stockholms stad", "hela kommunen", "hela stan",
        "stadsövergripande", "övergripande", "stadsgemensam", "stadsgemensamma",
        "stadsgemensamt", "staden som helhet", "alla förvaltningar", "samtliga förvaltningar",
        "alla nämnder", "samtliga nämnder", "alla verksamheter", "samtliga verksamheter",
        "stadsledningskontoret", "alla stadens", "hela stadens",
        cues=(scope(CITY),), compound="also"),
    _en("department", "agency", "school", "unit", "office", "administration",
        cues=(scope(SINGLE),), match="form"),
    _en("our department", "my department", "one department", "a department",
        "our committee", "one committee", "a single committee", "our company",
        "one company", "a company", "our unit", "our school", "a school", "our office",
        "our administration", "a single operation", "one operation", "our operation",
        "our own operation", "just our", "only our", "our own", "single department",
        "specific to our",
        cues=(scope(SINGLE),)),
    _en("departments", "committees", "companies", "operations", "agencies", "units",
        "administrations", "offices",
        cues=(scope(SEVERAL),), match="form"),
    _en("city wide", "citywide", "whole city", "entire city", "city as a whole",
        "all departments", "all committees", "across the city", "all of stockholm",
        "whole of stockholm", "entire organisation of the city",
        cues=(scope(CITY),)),
    # --- on behalf of kommunstyrelsen; who takes part -----------------------
    _sv("på uppdrag av kommunstyrelsen", "uppdrag av kommunstyrelsen",
        "uppdrag från kommunstyrelsen", "kommunstyrelsens uppdrag", "uppdrag av ks",
        "uppdrag från ks", "ks uppdrag", "ks s uppdrag", "representera staden",
        "representerar staden", "representera stockholm", "representerar stockholm",
        "representera stockholms stad", "företräda staden", "företräder staden",
        "företräda stockholm", "för stadens räkning", "på stadens vägnar",
        "å stadens vägnar", "stadens representant", "stadens representanter",
        "representant för staden", "representanter för staden",
        cues=(ON_BEHALF,)),
    _en("on behalf of the city executive board", "on behalf of the executive board",
        "on behalf of the city", "on behalf of kommunstyrelsen", "on behalf of ks",
        "on behalf of stockholm", "on the city s behalf", "represent the city",
        "representing the city", "represents the city", "represent stockholm",
        "representing stockholm", "for the city executive board",
        "assignment from the city executive board", "commissioned by the city",
        cues=(ON_BEHALF,)),
    _sv("finansborgarråd", "borgarråd", "oppositionsborgarråd", "kommunstyrelsens ordförande",
        "kommunfullmäktiges ordförande", "fullmäktiges ordförande", "kf presidium",
        "presidiet",
        cues=(POLITICAL,), compound="also"),
    _en("mayor", "deputy mayor", "vice mayor", "finance commissioner", "commissioner",
        "city commissioner", "borgarråd", "finansborgarråd", "chair of the city council",
        "city council chair",
        cues=(POLITICAL,)),
    _sv("borgmästare", cues=(POLITICAL, HIGH), compound="also"),
    _sv("minister", "president", "guvernör", "kung", "kungen", "drottning", "drottningen",
        "prins", "prinsessa", "kunglig", "kungligt", "ambassadör", "statschef",
        "regeringschef", "hög politisk nivå", "högnivå", "toppolitiker", "högt uppsatt",
        "högt uppsatta",
        cues=(HIGH,), compound="also"),
    _en("minister", "prime minister", "president", "governor", "king", "queen", "prince",
        "princess", "royal", "ambassador", "head of state", "head of government",
        "high political level", "high level", "senior politicians", "senior politician",
        "high ranking",
        cues=(HIGH,)),
    _sv("tjänsteman", "tjänstemän", "tjänstemannanivå", "medarbetare", "anställda",
        "personal", "kollega", "kollegor", "handläggare", "experter", "lärare", "elever",
        "studenter", "forskare", "skolklass", "ingen politiker", "inga politiker",
        cues=(STAFF,), compound="also"),
    _en("official", "officials", "civil servant", "civil servants", "staff", "employee",
        "employees", "colleague", "colleagues", "teachers", "students", "pupils",
        "researchers", "experts", "officer level", "no politicians",
        cues=(STAFF,)),
    # --- resources (declarations and initiatives) ---------------------------
    _sv("resursbörda", "ökad resursbörda", "resurser", "extra resurser", "kostnad",
        "kostnader", "pengar", "finansiering", "budget", "extra arbete", "medel",
        cues=(BURDEN,), compound="also"),
    _sv("kostar", "kräver", "medför", "innebär kostnader", "kräver resurser",
        "kräver pengar", "kostar pengar",
        cues=(BURDEN,), negated_after=True),
    _sv("gratis", "kostnadsfri", "kostnadsfritt", "kostnadsfria", "kostnadsneutral",
        "kostnadsneutralt",
        cues=(NO_BURDEN,)),
    _en("resource burden", "resources", "extra resources", "cost", "costs", "money",
        "funding", "budget", "extra work", "expense", "expenses",
        cues=(BURDEN,)),
    _en("costs money", "requires resources", "requires money", "require resources",
        "will cost", "would cost",
        cues=(BURDEN,), negated_after=True),
    _en("free", "free of charge", "costs nothing", "cost nothing", "cost free",
        "cost neutral", "no cost",
        cues=(NO_BURDEN,)),
    # --- a membership that exists (reviewed, renewed, left) -------------------
    _sv("förnya", "förnyar", "förnyelse", "förnyat", "förlänga", "förlänger", "förlängning",
        "fortsatt medlemskap", "fortsätta medlemskapet", "omprövning", "ompröva", "omprövas",
        "utträde", "gå ur", "säga upp medlemskapet", "avsluta medlemskapet",
        "befintligt medlemskap", "befintliga medlemskap",
        cues=(RENEWAL,)),
    _en("renew", "renewal", "renewing", "continued membership", "continue the membership",
        "existing membership", "review of the membership", "withdraw from", "leave the",
        "cancel the membership", "end the membership",
        cues=(RENEWAL,)),
    # --- the city's own foreign policy (P1) ---------------------------------
    _sv("utrikespolitik", "utrikespolitisk", "utrikespolitiska", "säkerhetspolitik",
        "säkerhetspolitisk", "biståndspolitik", "sanktion", "sanktioner", "fördöma",
        "fördömer", "fördömande", "bojkott", "bojkotta", "bojkottar", "erkänna",
        "erkänner", "erkännande", "annat lands regering", "andra länders regeringar",
        "annan stats regering", "utländsk regering", "ockupation", "ockupationen",
        "annektering", "diplomatiska förbindelser", "ta ställning mellan",
        "ta parti", "ta ställning för", "ta ställning mot", "embargo",
        cues=(FP,), compound="also"),
    _en("foreign policy", "security policy", "sanction", "sanctions", "condemn",
        "condemns", "condemnation", "boycott", "recognise", "recognize", "recognition",
        "another country s government", "foreign government",
        "other countries governments", "take sides", "taking sides", "occupation",
        "annexation", "diplomatic relations", "embargo",
        cues=(FP,)),
    _sv("konflikt", "krig", "kriget", "invasion", "folkmord", "mellan länderna",
        "mellan staterna", cues=(FP_CONFLICT,), compound="also"),
    _en("conflict", "war", "invasion", "genocide", "between the countries",
        "between the states", cues=(FP_CONFLICT,)),
    _sv("stödja", "stödjer", "stötta", "stöttar", "protestera", "protesterar",
        "kritisera", "kritiserar", "ta avstånd", "tar avstånd", "markera", "markera mot",
        cues=(FP_STANCE,)),
    _en("support", "supports", "oppose", "protest", "criticise", "criticize",
        "side with", cues=(FP_STANCE,)),
    # --- situations screened as one of the kinds (policy.situations) ----------
    *(entry for s in SITUATIONS for entry in (
        _sv(*s.sv, cues=(Cue("situation", s.id),)),
        _en(*s.en, cues=(Cue("situation", s.id),)),
    )),
)

# Negations that flip the value of a negatable cue in the three words before it
# (or, for ``negated_after`` entries, the word right after).
NEGATIONS: frozenset[str] = frozenset({
    "inte", "ej", "icke", "utan", "ingen", "inget", "inga", "aldrig", "ingenting",
    "not", "no", "without", "never", "nothing", "isn", "doesn", "don", "won", "aren",
    "wasn", "didn", "isnt", "doesnt", "dont", "wont", "arent", "nor", "none",
})
# "inte X utan Y" — "utan" then means "but", and negates nothing.
NEGATED_BY_AFTER: frozenset[str] = frozenset({"inte", "ej", "icke"})

# Common words: they tell the language, and typo correction leaves them alone.
SV_FUNCTION_WORDS: frozenset[str] = frozenset({
    "och", "att", "är", "vem", "vilka", "vilken", "vad", "kan", "kunna", "vi", "vår", "vårt",
    "våra", "om", "en", "ett", "det", "den", "de", "dem", "för", "med", "på", "till", "som",
    "ska", "skall", "får", "beslutar", "beslut", "bestämmer", "besluta", "bestämma", "hur",
    "inte", "jag", "mig", "min", "mitt", "mina", "har", "hos", "från", "av", "eller", "men",
    "när", "var", "vart", "så", "också", "även", "där", "här", "någon", "något", "några",
    "alla", "måste", "behöver", "vill", "gäller", "ni", "er", "oss", "sig", "sin", "sitt",
    "denna", "detta", "dessa", "mycket", "blir", "bli", "vara", "varit", "göra", "gör",
    "antal", "eftersom", "utan", "inom", "under", "efter", "mellan", "mot", "då", "hej",
    "tack", "staden", "stadens", "fattar", "godkänner", "godkänna", "ansvarar", "vems",
    "ansvarig", "ansvaret", "frågan", "fråga", "vilket", "tycker", "kommer", "finns",
    "nästa", "vecka", "veckan", "idag", "igår", "imorgon", "bara", "sedan",
    "redan", "gärna", "kanske", "annan", "andra", "ingen", "inga", "inget", "själv",
    "ihop", "tillsammans", "möjligt", "samma", "stad",
    "internationell", "internationella", "internationellt", "stockholm", "stockholms",
})
EN_FUNCTION_WORDS: frozenset[str] = frozenset({
    "the", "a", "an", "is", "are", "was", "who", "what", "which", "can", "could", "we",
    "our", "us", "to", "of", "in", "on", "for", "with", "decides", "decide", "decision",
    "should", "would", "about", "does", "do", "how", "it", "this", "that", "be", "by",
    "from", "my", "you", "your", "will", "want", "need", "has", "have", "and", "or",
    "but", "not", "whom", "approve", "approves", "responsible", "hello", "hi", "please",
    "thanks", "there", "they", "their", "if", "when", "where", "city", "whose", "allowed",
    "may", "going", "get", "today", "some", "any",
    "international", "council", "board", "executive", "whether", "other", "another",
    "them", "these", "those", "its", "at", "as", "into", "than", "then", "also",
})
