"""The words the extractor reads an invitation by, Swedish and English, as data.

Each cue is a regular expression matched on a sentence folded to lower case
(``_text.fold``). Inflections are written out as ``\\w*`` after the stem, as
the Swedish stem of a word ("konferens" for "konferensen", "konferenser").
A cue says one thing; the extractor in ``extractor.py`` decides what to do
when cues disagree (as a rule: say nothing).
"""

from __future__ import annotations

import re

from ..models import CounterpartType, Kind, Participant

__all__ = [
    "ACTIVE_ROLE",
    "ADDRESSEE",
    "CITIES",
    "COUNTERPART_TYPES",
    "COUNTRY_ALIASES",
    "DEADLINE",
    "EN_WORDS",
    "EVENT_DATE",
    "GREETING",
    "HIGH_LEVEL",
    "INVITES",
    "KIND_CUES",
    "KIND_ORDER",
    "MEMBERSHIP_NETWORK",
    "MEMBERSHIP_ORGANISATION",
    "MONEY_COST",
    "MONEY_COVERED",
    "MONEY_FEE",
    "MONEY_FUNDING",
    "MONEY_WAIVED",
    "NOT_OUR_ROLE",
    "NOT_SIGNATURE",
    "NOT_TRANSFERABLE",
    "NO_COST_TO_CITY",
    "ORG_AFTER",
    "ORG_BEFORE",
    "ORG_JOINED",
    "PARTICIPANTS",
    "PERIOD",
    "PROGRAMME_LATER",
    "PROGRAMME_THERE",
    "REQUEST",
    "SIGNATURE",
    "SIGN_OFF",
    "SV_WORDS",
    "TRANSFERABLE",
]


def _re(*alternatives: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives), flags)


# What the invitation is about. (kind, weight, cue); a cue in the title counts three times.
KIND_CUES: tuple[tuple[Kind, int, re.Pattern[str]], ...] = (
    (Kind.INVITATION_LETTER, 6, _re(
        r"\b(?:issue|send|provide|write|prepare|utfärda|skicka|skriva|ordna)\w* (?:us |oss |the "
        r"delegation )?(?:an? |ett |the )?(?:official |formal |officiellt |formellt )?"
        r"(?:invitation letters?|letters? of invitation|inbjudningsbrev|inbjudansbrev)",
        r"\b(?:request|begäran|förfrågan) (?:for|om) (?:an? |ett )?"
        r"(?:official |formal |officiellt )?"
        r"(?:invitation letter|letter of invitation|inbjudningsbrev|inbjudansbrev)")),
    (Kind.TWINNING, 4, _re(
        r"\btwin(?:ning|ned)?[- ](?:city|cities|town|towns|agreement|partnership|relationship)",
        r"\btwinning\b", r"\bsister[- ]cit(?:y|ies)\b", r"\bsister[- ]city\b",
        r"\bvänort\w*", r"\bvänstad\w*", r"\bvänstäder\w*", r"\bsysterstad\w*",
        r"\bsysterstäder\w*")),
    (Kind.INTENT_AGREEMENT, 4, _re(
        r"\bletters? of intent\b", r"\bmemorand(?:um|a) of understanding\b", r"\bmou\b",
        r"\bintentionsavtal\w*", r"\bavsiktsförklaring\w*", r"\bstatements? of intent\b",
        r"\bintent agreements?\b", r"\bdeclarations? of intent\b", r"\bletter of intent\b")),
    (Kind.COOPERATION_AGREEMENT, 4, _re(
        r"\bco-?operation agreements?\b", r"\bcollaboration agreements?\b",
        r"\bpartnership agreements?\b", r"\bsamarbetsavtal\w*", r"\bsamverkansavtal\w*",
        r"\bavtal om samarbete\b", r"\bagreements? on (?:co-?operation|collaboration)\b",
        r"\bbilateral (?:co-?operation )?agreements?\b", r"\bsamarbetsöverenskommelse\w*")),
    (Kind.EU_PROJECT, 3, _re(
        r"\bpartner search\b", r"\bpartnersök\w*", r"\bsöker (?:\w+ ){0,3}(?:projekt)?partner\w*",
        r"\b(?:looking|searching) for (?:\w+ ){0,4}partners?\b", r"\bconsorti(?:um|a)\b",
        r"\bkonsorti\w*", r"\bhorizon europe\b", r"\bhorisont europa\b", r"\binterreg\b",
        r"\bcall for proposals\b", r"\butlysning\w*", r"\berasmus\+", r"\blife programme\b",
        r"\blife-programmet\b", r"\bproject partners?\b", r"\bprojektpartner\w*",
        r"\beu[- ]projekt\w*", r"\beu[- ]projects?\b", r"\bdigital europe programme\b",
        r"\burban innovative actions\b", r"\blead partner\b", r"\bhuvudsökande\b",
        r"\bapplication (?:to|under) the\b", r"\bproject proposal\b", r"\bprojektansökan\w*",
        r"\bhorizon-[a-z]", r"\beuropean (?:urban initiative|innovation council)\b")),
    (Kind.DECLARATION, 3, _re(
        r"\bdeclarations?\b", r"\bdeklaration\w*", r"\bpledges?\b", r"\bcharters?\b",
        r"\bmanifesto\b", r"\bupprop\w*", r"\bsignator(?:y|ies)\b", r"\bundertecknare\b",
        r"\bcall to action\b", r"\bcommitments? (?:to|of) (?:\w+ ){0,3}sign\w*",
        r"\bsign(?:ing)? (?:the|our|this) (?:\w+ ){0,3}(?:declaration|pledge|charter|commitment)")),
    (Kind.MEMBERSHIP, 3, _re(
        r"\bmemberships?\b", r"\bmedlemskap\w*", r"\bbecome (?:a|an) (?:\w+ ){0,2}members?\b",
        r"\bbli medlem\w*", r"\bblir medlem\w*",
        r"\bjoin(?:ing)? (?:the|our) (?:\w+ ){0,4}(?:network|association|alliance|platform)\b",
        r"\bansluta? (?:sig |er )?till (?:\w+ ){0,4}(?:nätverk\w*|förening\w*|organisation\w*)",
        r"\bmembership fees?\b", r"\bmedlemsavgift\w*", r"\bmember (?:cities|city|organisations)\b",
        r"\bmedlemsst[aä]d\w*", r"\bmedlemsorganisation\w*")),
    (Kind.INCOMING_VISIT, 4, _re(
        r"\b(?:visit|visiting|study visit|study tour|delegation|trip)\b[^.]{0,60}\b(?:to|in) "
        r"stockholm\b",
        r"\bbesök\w* (?:i |till |hos )?stockholm\w*", r"\bvisit(?:s|ing)? stockholm\b",
        r"\bta emot (?:\w+ ){0,4}(?:minister|borgmästare|delegation|besök|grupp)\w*",
        r"\bbesöka (?:er i )?stockholm\b", r"\bstudiebesök\w* (?:i|till|hos) (?:stockholm|er)\b",
        r"\bta emot (?:en |vår |vår lilla )?delegation\w*", r"\breceive (?:a|our|the) delegation\b",
        r"\bvisit (?:your|the) (?:city|administration)\b", r"\bbesöka er\b",
        r"\bdelegation\w* (?:\w+ ){0,6}(?:visit|be in|travel to|komma till|besöka) stockholm\b",
        r"\bhost (?:a|our|the) delegation\b", r"\btaking part in a visit to stockholm\b",
        r"\bmeet (?:with )?(?:the |representatives of (?:the )?|officials (?:of|from) (?:the )?)?"
        r"(?:city of stockholm|stockholm)\b",
        r"\bträffa (?:företrädare för |representanter för |tjänstepersoner (?:på|i|från) )?"
        r"(?:stockholms stad|staden)\b")),
    (Kind.CONFERENCE, 1, _re(
        r"\bconferences?\b", r"\bsummits?\b", r"\bforums?\b", r"\bcongress(?:es)?\b",
        r"\bsymposi(?:um|a)\b", r"\w*konferens\w*", r"\w*toppmöte\w*", r"\w*kongress\w*",
        r"\w+forum(?:et)?\b",
        r"\bsymposi\w*", r"\bgeneral assembly\b", r"\bgeneralförsamling\w*",
        r"\bhigh-level (?:meeting|event|dialogue)\b", r"\bexpo\b", r"\bworld \w+ (?:day|week)\b",
        r"\bforumet\b", r"\bmötesplats\w*", r"\bministerial meeting\b", r"\bseminari\w*",
        r"\bseminars?\b", r"\bevenemang\w*", r"\bveckan\b", r"\bworkshops?\b",
        r"\bdialogue\b", r"\bfestival\b", r"\b(?:two|three|one|full)-day (?:event|meeting)\b",
        r"\b\w+dagarna\b", r"\b(?:event|conference) (?:abroad|in)\b")),
    (Kind.TRIP, 3, _re(
        r"\bstudy (?:visit|tour|trip) to (?!stockholm)\w", r"\bstudieresa\w*",
        r"\bstudiebesök\w* (?:i|till|hos) (?!stockholm|er\b)\w",
        r"\binvite you to (?:visit|come to) (?!stockholm)\w",
        r"\bbjuda in (?:er|dig) (?:till|att besöka) (?:oss i )?(?!stockholm)\w+ (?:för|på) "
        r"(?:ett )?(?:studiebesök|besök)")),
)

# When two kinds score the same, the first of these wins.
KIND_ORDER: tuple[Kind, ...] = (
    Kind.INVITATION_LETTER, Kind.TWINNING, Kind.INTENT_AGREEMENT, Kind.COOPERATION_AGREEMENT,
    Kind.EU_PROJECT,
    Kind.DECLARATION, Kind.MEMBERSHIP, Kind.INCOMING_VISIT, Kind.CONFERENCE, Kind.TRIP,
)

# Someone asks the city for something.
REQUEST = _re(
    r"\binvit\w*", r"\bask\w*", r"\bwould (?:like|love|welcome|be (?:honou?red|delighted|"
    r"pleased|grateful|happy))\b", r"\brequest\w*", r"\boffer\w*", r"\bhope\b", r"\bpropos\w*",
    r"\bwelcome\b", r"\bbjud\w*", r"\binbjud\w*", r"\bönska\w*", r"\bvill\b", r"\bbe (?:er|dig)\b",
    r"\bhoppas\b", r"\bgärna\b", r"\bföreslå\w*", r"\berbjud\w*", r"\bkindly\b", r"\bplease\b",
    r"\bvänligen\b", r"\bcould\b", r"\bskulle\b", r"\bhonou?red\b", r"\bdelighted\b",
    r"\bgrateful\b", r"\bappreciat\w*", r"\bber\b", r"\bse gärna\b", r"\bvore\b",
    r"\bglada om\b", r"\bville\b", r"\btacksamma\b", r"\bpleased\b", r"\bhappy if\b")

# The text invites at all: a kind from one weak cue needs one of these.
INVITES = _re(
    r"\binvit\w*", r"\binbjud\w*", r"\bbjud\w* in\b", r"\bbjuda\b", r"\bvälkomm?en\b",
    r"\bwelcome\b", r"\bwould like (?:you|to)\b", r"\bvill gärna\b", r"\bjoin us\b",
    r"\bparticipat\w*", r"\bdelta\b")

ADDRESSEE = _re(
    r"\byou\b", r"\byour\b", r"\bstockholm\w*", r"\ber\b", r"\bni\b", r"\bdig\b", r"\bdu\b",
    r"\bstaden\b", r"\bthe city\b", r"\bmayor\b", r"\bfinansborgarråd\w*", r"\bborgarråd\w*",
    r"\bert\b", r"\bera\b", r"\bdin\b")

# The city is offered an active role.
ACTIVE_ROLE = _re(
    r"\bspeak(?:er|ers|ing)?\b", r"\bkeynote\w*", r"\bpanel\w*", r"\bmoderat\w*",
    r"\bco-?chair\w*", r"\bco-?host\w*", r"\bchair (?:a|the|one) (?:\w+ )?session\b",
    r"\bhost (?:a|the|one) (?:\w+ )?(?:session|workshop|roundtable)\b",
    r"\bdeliver (?:a|the) (?:\w+ )?(?:keynote|"
    r"speech|address|presentation|talk|remarks)\b", r"\bopening (?:address|remarks|speech)\b",
    r"\bwelcome address\b", r"\btalare\b", r"\btala\b", r"\banförande\w*", r"\bhuvudtalare\b",
    r"\binledningstal\w*", r"\bmoderator\w*", r"\bmedordförande\w*",
    r"\bordförande (?:för|i) (?:ett|en|den|det) (?:\w+ )?(?:session|pass|möte|arbetsgrupp)\w*",
    r"\bvärdskap\w*", r"\bstå som (?:med)?värd\b", r"\bföredrag\w*", r"\bhålla (?:ett|en) "
    r"(?:tal|anförande|föredrag|presentation|inledning)\b",
    r"\bmedverka (?:i|på|som) (?:\w+ ){0,2}(?:panel|talare|programmet)\w*",
    r"\bshare (?:your|stockholm's|the city's) (?:experience|experiences|work)\w* "
    r"(?:in|at|on|during) (?:a|the) (?:\w+ )?(?:panel|session|plenary|workshop)\b")

# A role word that is about others: "speakers include", "hear the keynote".
NOT_OUR_ROLE = _re(
    r"\bspeakers (?:include|are|will be|such as)\b", r"\bconfirmed (?:speakers|panel\w*)\b",
    r"\bkeynote (?:speakers|speeches)\b", r"\bhear\b", r"\blisten\w*", r"\blyssna\w*",
    r"\bbland (?:talarna|andra talare)\b", r"\bamong (?:the|our|other) speakers\b",
    r"\bfeaturing\b", r"\btalare (?:är|blir)\b", r"\bmeet (?:the|our) speakers\b",
    r"\bmoderated by\b", r"\bmodereras av\b", r"\benjoy\b")

# A programme exists: attached, enclosed, below, online.
PROGRAMME_THERE = _re(
    r"\b(?:programme|program|agenda|dagordning|schedule)\w*\b[^.]{0,60}?\b(?:is |are )?"
    r"(?:attached|enclosed|included|below|bifoga\w*|nedan|i bilaga|finns (?:på|bifogat|nedan|i)|"
    r"(?:is |are )?available (?:at|on|online|here)|tillgängligt|följer nedan|bifogas|"
    r"(?:can|may) be (?:found|consulted|downloaded|viewed|read)|is (?:online|published)|"
    r"finns (?:att läsa|att hämta|tillgänglig\w*|redan))",
    r"\b(?:attached|enclosed|bifogat|bifogad|bifogas|bifogar|bilaga|please find|"
    r"you will find|here is|nedan (?:följer|finns))\b[^.]{0,60}?\b(?:programme|program|agenda|"
    r"dagordning)",
    r"^(?:attachments?|bilagor?|bifogade filer|bifogad fil)\s*:.*\b(?:programme|program|agenda|"
    r"dagordning)")
PROGRAMME_LATER = _re(
    r"\b(?:programme|program|agenda)\w*\b[^.]{0,80}?\b(?:will be (?:sent|shared|published|"
    r"available|ready|online|posted|uploaded|"
    r"announced|circulated|made available|distributed)|to follow\b|follow(?:s)? later|"
    r"will follow\b|to be (?:confirmed|announced|published|finali[sz]ed)|\btba\b|\btbc\b|"
    r"kommer att (?:skickas|publiceras|meddelas|finnas)|"
    r"(?:skickas|publiceras|meddelas) (?:ut )?(?:i (?:januari|"
    r"februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|början|"
    r"slutet)|inom kort|närmare|senare|längre fram)|meddelas (?:senare|"
    r"längre fram)|är (?:ännu )?inte (?:klart|färdigt|fastställt)|not yet (?:available|ready|"
    r"final)|ännu inte|(?:is )?being (?:finali[sz]ed|prepared|developed)|under preparation|"
    r"håller på att tas fram|tas fram)")

TRANSFERABLE = _re(
    r"\bor (?:a |an |another )?(?:representative|delegate|colleague|deputy|designee|nominee|"
    r"substitute)\b",
    r"\bmay (?:also )?(?:send|nominate|delegate|designate|be passed|be transferred|be forwarded)\b",
    r"\b(?:send|nominate|designate|delegate|appoint) (?:a|another|an alternate|an) "
    r"(?:\w+ )?(?:representative|delegate|colleague|official|substitute)\b",
    r"\bcan be (?:transferred|passed on|forwarded|delegated)\b", r"\bis transferable\b",
    r"\beller (?:en |ett |annan )?(?:företrädare|representant|ersättare|ombud|kollega)\b",
    r"\b(?:får|kan) (?:gärna |också )?(?:överlåtas|vidarebefordras|lämnas vidare|skicka "
    r"(?:en |någon )?(?:annan )?(?:företrädare|representant|ersättare)|utse (?:en )?"
    r"(?:annan )?(?:företrädare|representant|ersättare))",
    r"\b(?:skicka|utse) (?:en|någon) (?:annan )?(?:företrädare|representant|ersättare)\b",
    r"\banother (?:\w+ )?representative\b", r"\bannan (?:\w+ )?(?:företrädare|representant)\b",
    r"\bin (?:your|her|his) (?:place|stead)\b", r"\bi (?:ditt|ert|hennes|hans) ställe\b",
    r"\battend instead\b", r"\bdelta i stället\b",
    r"\b(?:colleagues?|kollegor|kollega)\b[^.]{0,60}\b(?:(?:is|are) (?:very )?welcome|(?:är )?"
    r"(?:varmt )?välkomn?a?|may|kan|får) (?:to )?(?:attend|delta|participate|come)")
NOT_TRANSFERABLE = _re(
    r"\binvitation is (?:strictly )?personal\b", r"\bpersonal invitation\b",
    r"\b(?:non-transferable|not transferable|cannot be transferred|may not be transferred|"
    r"cannot be delegated|can ?not be passed on)\b", r"\bstrictly personal\b",
    r"\baddressed personally\b", r"\bpersonlig inbjudan\b", r"\binbjudan är personlig\b",
    r"\b(?:kan|får) (?:inte|ej) (?:överlåtas|lämnas vidare|vidarebefordras)\b",
    r"\bno substitut\w*", r"\bsubstitut\w* (?:are|is|will) not\b",
    r"\binbjudan gäller (?:endast|enbart|bara)\b", r"\bonly (?:for|to) the (?:invited|named)\b")

# The city's own politicians.
PARTICIPANTS: tuple[tuple[Participant, re.Pattern[str]], ...] = (
    (Participant.FINANSBORGARRAD, _re(
        r"\bfinansborgarråd\w*", r"\bmayor of stockholm\b", r"\bstockholm'?s mayor\b",
        r"\bstockholms (?:stads )?borgmästare\b", r"^(?:dear|to) (?:madam |mr\.? |ms\.? |"
        r"the (?:honou?rable )?)?mayor\b")),
    (Participant.BORGARRAD, _re(
        r"(?<!finans)\bborgarråd\w*", r"\b(?:vice|deputy) mayor(?:s)? of stockholm\b",
        r"^(?:dear|to) (?:madam |mr\.? |ms\.? |the (?:honou?rable )?)?(?:vice|deputy) mayor\b",
        r"\bstockholm'?s (?:vice|deputy) mayor\b")),
    (Participant.KF_PRESIDIUM, _re(
        r"\bordförande (?:i|för) (?:stockholms )?kommunfullmäktige\b",
        r"\bkommunfullmäktiges (?:ordförande|presidium)\b", r"\bfullmäktiges ordförande\b",
        r"\b(?:president|chair(?:man|person|woman)?) of (?:the )?(?:stockholm )?city council\b",
        r"\bkf[- ]presidi\w*")),
)

HIGH_LEVEL = _re(
    r"\b(?:led by|headed by|led(?:as|s|d|da) av|under ledning av|including|inklusive|together with|"
    r"tillsammans med|accompanied by|med)\b[^.]{0,60}?\b(?:lord )?(?:mayor|minister|deputy "
    r"minister|state secretary|governor|prime minister|borgmästare\w*|minister\w*|"
    r"statssekreterare|guvernör\w*|premiärminister\w*|vice minister|viceminister)",
    r"\b(?:the )?(?:lord )?(?:mayor|minister|governor|state secretary|borgmästare\w*|"
    r"minister\w*|statssekreterare)\b[^.]{0,80}?\b(?:will (?:lead|head|visit|be part|come)|leder|"
    r"kommer att leda|would like to (?:visit|meet)|besöker|visits|is visiting|kommer till|"
    r"arrives|vill (?:gärna )?träffa|wishes to meet)")

MEMBERSHIP_NETWORK = _re(r"\bnetwork\w*", r"\bnätverk\w*")
MEMBERSHIP_ORGANISATION = _re(
    r"\bassociation\b", r"\borgani[sz]ation\b", r"\bförening\w*", r"\bförbund\w*",
    r"\bfederation\b", r"\bmedlemsorganisation\w*")

SIGNATURE = _re(
    r"\bsign(?:ing|ed|s)?\b", r"\bsignature\w*", r"\bsignator\w*", r"\bcountersign\w*",
    r"\bendorse\w*", r"\bunderteckna\w*", r"\bsignera\w*", r"\bunderskrift\w*",
    r"\bskriva under\b", r"\bställa sig bakom\b", r"\bansluta sig till (?:deklarationen|"
    r"uppropet|åtagandet)\b")

# "Sign up", "sign in": no signature.
NOT_SIGNATURE = _re(r"\bsign(?:ed|ing|s)? (?:up|in|on|out)\b", r"\bsignup\b", r"\bsign-up\b",
                    r"\bsigned by (?:the )?(?:organi[sz]ers|secretariat)\b")

# Money: what an amount is for. A fee word makes it a cost unless a funding word is there;
# a weaker cost word only when no word of funding or covering is.
MONEY_FEE = _re(
    r"\bfees?\b", r"\bavgift\w*", r"\w+avgift\w*", r"\bprice\w*", r"\bpris\w*",
    r"\bkostar\b", r"\bticket\w*", r"\bbiljett\w*", r"\bsubscription\w*", r"\binvoic\w*",
    r"\bfaktur\w*")
MONEY_COST = _re(
    r"\bcosts?\b", r"\bkostnad\w*", r"\bcharge\w*", r"\bregistration\b", r"\bcontribution\b",
    r"\bbetala\w*", r"\bpay\w*", r"\bper (?:person|participant|delegate|deltagare|år|year|"
    r"annum)\b", r"\bannual\w*", r"\bårlig\w*", r"\bcharged\b")
MONEY_FUNDING = _re(
    r"budget\w*", r"\bgrants?\b", r"\bfunding\b", r"\bfinanc\w*", r"\bfinansier\w*",
    r"\bco-?financ\w*", r"\bmedfinansier\w*", r"\btotal (?:project )?value\b", r"\bprize\w*",
    r"\baward\w*", r"\bworth\b", r"\bturnover\b", r"\bomsättning\w*", r"\breimburs\w*",
    r"\bersätt\w*", r"\bbidrag\w*", r"\bstipend\w*", r"\bsponsor\w*", r"\bfunded\b",
    r"\bwill receive\b", r"\bwould receive\b", r"\beu contribution\b", r"\bstödberättigande\b")
MONEY_COVERED = _re(
    r"\bcovered\b", r"\bcover\b", r"\btäck\w*", r"\bstår för\b", r"\bbekostas\b")
# The fee is not the city's to pay: waived for it, or free for speakers.
MONEY_WAIVED = _re(
    r"\bwaive\w*", r"\bexempt\w*", r"\bfree (?:of charge )?for (?:speakers|you|invited|"
    r"keynote|panel)\w*", r"\bbefri\w*", r"\bslipper\b", r"\befterskänk\w*",
    r"\bkostnadsfri\w* för (?:talare|inbjudna|er|dig)\b", r"\bno (?:fee|charge) for "
    r"(?:speakers|you|invited)\w*")
NO_COST_TO_CITY = _re(
    r"\b(?:no|without any|without) (?:cost|costs|charge|fee) (?:for|to) (?:the city|stockholm|"
    r"you|your (?:city|administration))\b",
    r"\b(?:inga|utan) kostnad(?:er)? för (?:staden|stockholm|er|dig|stockholms stad)\b",
    r"\bkostnadsfritt för (?:staden|er|stockholm)\b",
    r"\bwill not (?:incur|involve) any costs? (?:for|to) (?:the city|stockholm|you)\b")

# Dates: which sentence holds the event's dates, and which only a deadline.
DEADLINE = _re(
    r"\brsvp\b", r"\bdeadline\w*", r"\bno later than\b", r"\bnot later than\b",
    r"\bat the latest\b", r"\bsenast\b", r"\bsista (?:dag|datum|anmälningsdag)\w*", r"\bosa\b",
    r"\banmäl\w*", r"\bregist(?:er|ration)\b", r"\breply\b", r"\brespond\b", r"\bconfirm\w*",
    r"\bbefore\b", r"\binnan\b", r"\bföre\b", r"\bsvar\w*", r"\bearly[- ]bird\b", r"\bsubmit\w*",
    r"\bsend (?:us|your)\b", r"\bskicka\w*", r"\bby (?:the )?\d", r"\bsent\s*:", r"\bskickat\s*:")
EVENT_DATE = _re(
    r"\btake(?:s)? place\b", r"\bwill be held\b", r"\bis held\b", r"\bheld (?:on|in|at|from)\b",
    r"\bäger rum\b", r"\bhålls\b", r"\bgenomförs\b", r"\barrangeras\b", r"\banordnas\b",
    r"^(?:date|dates|datum|när|when|tid|time|tid och plats|date and venue|dates and venue)\b\s*:",
    r"\bfrom\b.*\bto\b", r"\bwill (?:run|convene|gather|meet)\b", r"\bvisit\w*",
    r"\bbesök\w*", r"\bdelegation\w*", r"\bon\b", r"\bden\b", r"\bduring\b", r"\bunder\b")
PERIOD = _re(
    r"period\w*", r"\bduration\b", r"löptid\w*", r"\bvalid\b", r"\bgäller\b",
    r"\b(?:will|would|is to|shall) (?:run|last|start|begin|cover)\b", r"\bpågå\w*",
    r"projekttid\w*", r"\bstart(?:s|ar)?\b", r"\bfrom\b.*\b(?:to|until|till)\b",
    r"\bfrån\b.*\b(?:till|t\.o\.m)\b", r"\bmellan\b", r"\bbetween\b", r"\bterm\b")

GREETING = re.compile(
    r"^(?:dear|hello|hi|greetings|to|bästa|kära|hej|till|god dag|ärade|estimad[oa]|"
    r"sehr geehrte)\b", re.IGNORECASE)
SIGN_OFF = re.compile(
    r"^(?:(?:with )?(?:kind|best|warm|warmest|sincere)?\s*(?:regards|wishes)|yours "
    r"(?:sincerely|faithfully|truly)|yours,?$|best,?$|cheers,?$|thanks,?$|sincerely|respectfully|"
    r"med vänlig(?:a)? hälsning(?:ar)?|"
    r"vänliga hälsningar|bästa hälsningar|hälsningar|mvh|varma hälsningar|"
    r"with (?:best )?compliments)\b", re.IGNORECASE)

# Who the organiser is: a name grabbed after (``ORG_AFTER``) or before (``ORG_BEFORE``) a cue.
ORG_AFTER = _re(
    r"\bon behalf of (?:the )?", r"\bpå uppdrag av ", r"\bpå (?:\w+ )?vägnar av ",
    r"\b(?:organi[sz]ed|hosted|convened|arranged|co-organi[sz]ed|coordinated|initiated|led) by "
    r"(?:the )?",
    r"\b(?:arrangeras|anordnas|organiseras|arrangerad|anordnad|samordnas|leds|ordnas) "
    r"(?:gemensamt )?av ",
    r"\b(?:a|the|en|vår|our) (?:\w+ )?delegation (?:from|of|från) (?:the )?",
    r"\b(?:lead partner|coordinator|koordinator|huvudsökande|projektägare)(?: is| är)?:? (?:the )?",
    r"\bwe at (?:the )?", r"\bvi på ", r"\bvi vid ",
    r"\b(?:bjuder|inbjuder) (?:härmed |nu )?(?=(?-i:[A-ZÅÄÖ]))", flags=re.IGNORECASE)
# For a membership: the body the city would join.
ORG_JOINED = _re(
    r"\b(?:become|becoming|be) (?:a|an) (?:full |associate )?member of (?:the )?",
    r"\bjoin(?:ing)? (?:the )?(?=[A-Z])", r"\bbli (?:en )?medlem i ", r"\bmedlemskap i ",
    r"\bmembership (?:of|in) (?:the )?", r"\bansluta (?:sig )?till (?=[A-ZÅÄÖ])",
    r"\bgå med i (?:nätverket |föreningen |organisationen )?",
    r"\bjoin (?:the )?(?:network|association|alliance|platform) ")
ORG_BEFORE = _re(
    r"\s(?:is|are) (?:very |most |truly |particularly )?(?:pleased|delighted|honou?red|happy|"
    r"glad|proud|excited|thrilled)\b",
    r"\s(?:cordially |hereby |kindly |warmly )?invites?\b", r"\s(?:is|are) (?:kindly )?inviting\b",
    r"\s(?:has|have) (?:the )?(?:honou?r|pleasure|privilege)\b",
    r"\s(?:har|hade) (?:härmed |den stora )?(?:nöjet|äran|glädjen)\b",
    r"\s(?:bjuder|inbjuder) (?:härmed |nu |härmed in |gärna )?(?:in|er|dig)\b",
    r"\s(?:söker|is seeking|is looking for|are looking for|seeks|is searching for|are seeking)\b",
    r"\s(?:would (?:very much |also )?like to|wishes to|önskar|vill|plans to|planerar) "
    r"(?:härmed |gärna |hereby |formally )?(?:invite|bjuda|visit|besöka|propose|föreslå|sign|"
    r"teckna|inleda|ingå|explore|send|skicka|welcome|receive|host|ta emot|inform|ett|fråga|ask|"
    r"request|inquire|enquire|undersöka)\b",
    r"\s(?:vänder sig till|writes to|is writing to|approaches|presents its compliments)\b",
    r"\s(?:erbjuder|offers) (?:härmed |hereby )?\b",
    r"\s(?:is organi[sz]ing|are organi[sz]ing|arrangerar|anordnar|is hosting|will host|"
    r"står värd)\b", r"\s(?:is|are) planning\b",
    r"\s(?:är|is) (?:ett|en|a|an) (?:\w+ ){0,3}(?:nätverk|network|organisation|organization|"
    r"association|förening|alliance)\b", flags=re.IGNORECASE)

# Counterpart type from the organiser's name, first match wins.
COUNTERPART_TYPES: tuple[tuple[CounterpartType, re.Pattern[str]], ...] = (
    # A province's or county's government is a region's, not a state's.
    (CounterpartType.REGION, _re(
        r"\bprovinc\w*", r"^(?!.*\bcity\b).*\bcounty\b", r"\boblast\b", r"\bvoivodeship\b",
        r"\bprefecture\b",
        r"\bprovins\w*")),
    (CounterpartType.EU_INSTITUTION, _re(
        r"\beuropean commission\b", r"\beuropeiska kommissionen\b", r"\beu-kommissionen\b",
        r"\beuropean parliament\b", r"\beuropaparlamentet\b", r"\bcommittee of the regions\b",
        r"\beuropean committee of the regions\b", r"\bregionkommittén\b",
        r"\bcouncil of the (?:european union|eu)\b", r"\bdg [a-z]+\b", r"\bdirectorate-general\b",
        r"\beuropean (?:investment bank|economic and social committee)\b",
        r"\bexecutive agency\b", r"\bcinea\b", r"\beismea\b", r"\bcommission européenne\b")),
    (CounterpartType.NATIONAL_GOVERNMENT, _re(
        r"\bministry\b", r"\bministerio\b", r"\bministère\b", r"\bministerium\b", r"\bembassy\b",
        r"\bambassad\w*", r"\bgovernment of\b", r"\bregeringen?\b", r"\b\w*departement(?:et)?\b",
        r"\bprime minister'?s office\b", r"\bconsulate\b", r"\bkonsulat\w*",
        r"\bfederal (?:government|ministry|office)\b", r"\bnational government\b",
        r"\bstatsrådsberedning\w*", r"\bministerstwo\b")),
    (CounterpartType.INTERNATIONAL_ORGANISATION, _re(
        r"\bunited nations\b", r"\bun-habitat\b", r"\bunesco\b", r"\bunicef\b", r"\bundp\b",
        r"\bunep\b", r"\bworld health organi[sz]ation\b", r"\boecd\b", r"\bcouncil of europe\b",
        r"\beuroparådet\b", r"\bworld bank\b", r"\bvärldsbanken\b",
        r"\bnordic council(?: of ministers)?\b", r"\bnordiska (?:minister)?rådet\b",
        r"\bförenta nationerna\b", r"\bosce\b", r"\bunhcr\b", r"\bilo\b",
        r"\binternational organi[sz]ation\b", r"^(?:the )?un\b", r"\bcouncil of the baltic sea "
        r"states\b", r"\bcbss\b", r"\boecd's\b")),
    (CounterpartType.NETWORK, _re(
        r"\bnetwork\w*", r"nätverk\w*", r"\beurocities\b", r"\biclei\b", r"\bc40\b",
        r"\balliance\b", r"\bcovenant of mayors\b", r"\bcities\b", r"\bmayors\b",
        r"\bmunicipalities\b", r"\bregions\b", r"\bplatform\b", r"\bcoalition\b",
        r"\bunion of (?:the )?\w+ cities\b", r"\bstäder\w*", r"\bcemr\b", r"\bccre\b",
        r"\bubc\b")),
    (CounterpartType.ACADEMIA, _re(
        r"\buniversit\w*", r"\bhögskola\w*", r"\bcollege\b", r"\bschool of\b",
        r"\binstitute of technology\b", r"\btekniska högskola\w*", r"\bkth\b",
        r"\bacademy of sciences\b", r"\bresearch (?:institute|centre|center)\b")),
    (CounterpartType.REGION, _re(
        r"^region\b", r"\bregion\w*$", r"\bcounty council\b", r"\blandsting\w*", r"\blän\b",
        r"\bprovince\b", r"\bprovincia\b", r"\bvoivodeship\b", r"\bwojewództwo\b",
        r"\bregional government\b", r"\bregionala\b", r"\b\w+ region\b", r"\bmaakunta\b",
        r"\bfylkeskommune\b", r"\bgeneralitat\b", r"\bregione\b", r"\bland \w+\b")),
    (CounterpartType.CITY, _re(
        r"\bcity of\b", r"\bcity council\b", r"\bcity government\b", r"\bcity hall\b",
        r"\bmunicipality\b", r"\bkommun(?:e|en|s)?\b", r"\bstad\b", r"\bstads(?:fullmäktige|"
        r"förvaltning\w*|kansli\w*|styrelse\w*|ledning\w*|hus\w*)\b", r"\bstadt\b",
        r"\bville de\b", r"\bayuntamiento\b", r"\bajuntament\b", r"\bcomune di\b",
        r"\bgemeente\b", r"\bmiasto\b", r"\bmairie\b", r"\bmayor'?s office\b",
        r"\btown of\b", r"\bborough\b", r"\bkaupunki\b", r"\blinn\b", r"\bmiestas\b",
        r"\bpilsēta\b", r"\bmagistrat\w*", r"\bmunicipal\b", r"\bstadtverwaltung\b",
        r"\brathaus\b", r"\bcity (?:state )?administration\b", r"\bmetropolitan government\b",
        r"\bm[ée]tropole\b", r"\bcity county\b")),
    (CounterpartType.COMPANY, _re(
        r"\bab\b$", r"\bltd\b", r"\binc\b", r"\bgmbh\b", r"\boy\b$", r"\basa\b$",
        r"\bas$", r"\ba/s\b",
        r"\bs\.a\.$", r"\bb\.v\.$", r"\bplc\b", r"\bllc\b", r"\bcorporation\b", r"\bcorp\b")),
    (CounterpartType.CIVIL_SOCIETY, _re(
        r"\bfoundation\b", r"\bstiftelse\w*", r"\bassociation\b", r"\bfederation\b",
        r"\bförening\w*", r"\bngo\b",
        r"\bmovement\b", r"\bsociety\b", r"\btrust\b", r"\bcharity\b", r"\bred cross\b",
        r"\bröda korset\b", r"\bfonden\b", r"\bfund\b", r"\binitiative\b", r"\bnonprofit\b",
        r"\bnon-profit\b")),
)

# Language: frequent words of each.
SV_WORDS = frozenset({
    "och", "att", "det", "för", "med", "vi", "är", "som", "på", "av", "till", "en", "ett",
    "om", "har", "inte", "den", "de", "vår", "er", "ni", "kommer", "ska", "under", "också",
})
EN_WORDS = frozenset({
    "the", "and", "to", "of", "we", "is", "for", "with", "on", "be", "our", "you", "your",
    "will", "are", "this", "that", "from", "by", "as", "at", "an", "would", "have",
})

# Spellings CLDR does not give (lower case) -> ISO code.
COUNTRY_ALIASES: dict[str, str] = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states of america": "US", "the us": "US",
    "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "britain": "GB", "england och wales": "GB",
    "holland": "NL", "the netherlands": "NL", "czech republic": "CZ", "turkey": "TR",
    "turkiet": "TR", "republic of korea": "KR", "korea": "KR", "sydkorea": "KR",
    "tjeckiska republiken": "CZ", "vitryssland": "BY", "byelorussia": "BY", "russia": "RU",
    "ivory coast": "CI", "elfenbenskusten": "CI", "the philippines": "PH", "burma": "MM",
    "macedonia": "MK", "swaziland": "SZ", "cape verde": "CV", "east timor": "TL",
    "deutschland": "DE", "españa": "ES", "italia": "IT", "polska": "PL", "suomi": "FI",
    "norge": "NO", "danmark": "DK", "eesti": "EE", "latvija": "LV", "lietuva": "LT",
    "ísland": "IS", "nederland": "NL", "österreich": "AT", "schweiz": "CH",
}

# Cities named as places or in organisers' names (lower case, local, Swedish and English
# spellings) -> (ISO country code, is a capital).
_CITY_ROWS: tuple[tuple[str, str, bool], ...] = (
    ("oslo", "NO", True), ("köpenhamn|copenhagen|københavn", "DK", True),
    ("helsingfors|helsinki", "FI", True), ("reykjavík|reykjavik", "IS", True),
    ("tallinn", "EE", True), ("riga|rīga", "LV", True), ("vilnius", "LT", True),
    ("berlin", "DE", True), ("paris", "FR", True), ("london", "GB", True),
    ("madrid", "ES", True), ("rom|rome|roma", "IT", True), ("wien|vienna", "AT", True),
    ("bryssel|brussels|bruxelles|brussel", "BE", True), ("amsterdam", "NL", True),
    ("lissabon|lisbon|lisboa", "PT", True), ("dublin", "IE", True),
    ("warszawa|warsaw", "PL", True), ("prag|prague|praha", "CZ", True),
    ("budapest", "HU", True), ("aten|athens", "GR", True), ("bern", "CH", True),
    ("luxemburg|luxembourg", "LU", True), ("ljubljana", "SI", True), ("zagreb", "HR", True),
    ("bratislava", "SK", True), ("bukarest|bucharest|bucurești", "RO", True),
    ("sofia", "BG", True), ("valletta", "MT", True), ("nicosia", "CY", True),
    ("kiev|kyiv|kiiv", "UA", True), ("chișinău|chisinau", "MD", True),
    ("tbilisi", "GE", True), ("ankara", "TR", True), ("belgrad|belgrade|beograd", "RS", True),
    ("sarajevo", "BA", True), ("tirana", "AL", True), ("skopje", "MK", True),
    ("podgorica", "ME", True), ("washington", "US", True), ("ottawa", "CA", True),
    ("tokyo|tokio", "JP", True), ("peking|beijing", "CN", True), ("seoul", "KR", True),
    ("new delhi", "IN", True), ("canberra", "AU", True), ("nairobi", "KE", True),
    ("kapstaden|cape town", "ZA", False), ("pretoria", "ZA", True),
    ("buenos aires", "AR", True), ("brasília|brasilia", "BR", True),
    ("mexico city|mexiko city", "MX", True), ("taipei", "TW", True),
    ("singapore|singapore city", "SG", True), ("jerusalem", "IL", False),
    ("barcelona", "ES", False), ("valencia", "ES", False), ("bilbao", "ES", False),
    ("sevilla|seville", "ES", False), ("hamburg", "DE", False),
    ("münchen|munich", "DE", False), ("frankfurt", "DE", False), ("köln|cologne", "DE", False),
    ("milano|milan", "IT", False), ("turin|torino", "IT", False), ("bologna", "IT", False),
    ("florens|florence|firenze", "IT", False), ("lyon", "FR", False),
    ("marseille", "FR", False), ("strasbourg|strasbourg", "FR", False),
    ("bordeaux", "FR", False), ("nantes", "FR", False), ("rotterdam", "NL", False),
    ("utrecht", "NL", False), ("eindhoven", "NL", False), ("haag|the hague|den haag", "NL", False),
    ("antwerpen|antwerp", "BE", False), ("gent|ghent", "BE", False),
    ("porto", "PT", False), ("göteborg|gothenburg", "SE", False), ("malmö", "SE", False),
    ("stockholm", "SE", True), ("uppsala", "SE", False), ("bergen", "NO", False),
    ("trondheim", "NO", False), ("århus|aarhus", "DK", False), ("odense", "DK", False),
    ("tammerfors|tampere", "FI", False), ("åbo|turku", "FI", False),
    ("esbo|espoo", "FI", False), ("vanda|vantaa", "FI", False), ("tartu", "EE", False),
    ("kaunas", "LT", False), ("gdańsk|gdansk", "PL", False), ("kraków|krakow|krakau", "PL", False),
    ("wrocław|wroclaw", "PL", False), ("manchester", "GB", False), ("glasgow", "GB", False),
    ("edinburgh", "GB", False), ("birmingham", "GB", False), ("bristol", "GB", False),
    ("new york", "US", False), ("boston", "US", False), ("chicago", "US", False),
    ("los angeles", "US", False), ("san francisco", "US", False), ("seattle", "US", False),
    ("montreal|montréal", "CA", False), ("toronto", "CA", False), ("vancouver", "CA", False),
    ("zürich|zurich", "CH", False), ("genève|geneva|genève|genf", "CH", False),
    ("dubai", "AE", False), ("istanbul", "TR", False), ("shanghai", "CN", False),
    ("osaka", "JP", False), ("melbourne", "AU", False), ("sydney", "AU", False),
    ("rio de janeiro", "BR", False), ("são paulo|sao paulo", "BR", False),
    ("bonn", "DE", False), ("salzburg", "AT", False), ("graz", "AT", False),
)
CITIES: dict[str, tuple[str, bool]] = {
    name: (code, capital) for names, code, capital in _CITY_ROWS for name in names.split("|")
}
