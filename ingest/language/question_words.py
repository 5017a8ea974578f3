"""The words questions are made of, in Swedish and English, by the role they play.

Written in accent-folded lower case ("nar" for "när"), so a question typed without å, ä, ö is read
the same way. Nouns are listed by their head (the last part of a Swedish compound): a word belongs
to a class when it ends with one of the heads followed by an inflection ("socialnämnden" ends with
"nämnd" + "en"). Used by :mod:`ingest.language.analysis`.
"""

from __future__ import annotations


def _set(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# -- question words -------------------------------------------------------------------------------
WHO = _set("vem vems vilkas who whom whose whos")
WHAT = _set("vad what wat whats")
WHICH = _set("vilken vilket vilka which")
WHEN = _set("nar when")
WHERE = _set("var vart varifran where")
WHY = _set("varfor why")
HOW = _set("hur how")
QUESTION_WORDS = WHO | WHAT | WHICH | WHEN | WHERE | WHY | HOW

# Prepositions that can stand before a question word ("till vem", "by when", "in which year").
PREPOSITIONS = _set(
    "till for med av fran hos i pa inom under efter enligt genom mot om at vid sedan senast",
    "to for with by from at in on within under after until till since about through of into",
)
# Words that open a question without being part of it.
OPENERS = _set("och men samt sa also and but so ok okej hej hi hello please pls snalla alltsa well")
# Phrases after which the real question follows ("kan du berätta vem …", "do you know when …").
PREAMBLES = (
    "kan du berätta",
    "kan du säga",
    "kan ni berätta",
    "kan ni säga",
    "jag undrar",
    "jag vill veta",
    "vet du",
    "vet ni",
    "can you tell me",
    "could you tell me",
    "can u tell me",
    "do you know",
    "i wonder",
    "i want to know",
    "i'd like to know",
    "i would like to know",
    "tell me",
)

# -- verbs that open a yes/no question -------------------------------------------------------------
FINITE_VERBS_SV = _set(
    "ar e var har hade ska skall skulle kan kunde far fick finns fanns maste bor borde behover kommer",
    "blir blev galler stammer ingar innebar omfattar omfattas ligger ansvarar arbetar erbjuder erbjuds ger",
    "gors sker tas togs raknas hanns ingick kravs behovs kostar brukar tanker planerar planeras leder sager",
    "skiljer finansieras prioriteras ingar fungerar nämns namns beskrivs tar gar",
)
FINITE_VERBS_EN = _set("is are was were do does did will would should shall can could has have had must may might")
# Auxiliaries that leave the main verb for later: "vem ska utredaren samråda med", "who will the board appoint".
AUXILIARIES = _set(
    "ska skall skulle kan kunde maste bor borde behover far fick",
    "will would should shall can could must may might do does did",
)
SUBJECT_OPENERS = _set("den det de denna detta dessa the this these")  # a noun phrase starts here
# Claim checks that start otherwise ("stämmer det att …", "is it true that …").
CLAIM_CHECKS = (
    "stammer det att",
    "stammer de att",
    "ar det sant att",
    "ar det korrekt att",
    "ar det sa att",
    "star det i",
    "is it true that",
    "is it correct that",
    "is it right that",
    "is it the case that",
    "does the plan say that",
    "do the plans say that",
)

# -- nouns by what they name (heads, accent-folded) ----------------------------------------------
BODY_HEADS = _set(
    "namnd styrelse forvaltning myndighet verk inspektion departement regering riksdag kommun region",
    "landsting beredning rad kommitte delegation utredare utredning samordnare organisation forbund",
    "forening aktor part huvudman vardgivare utforare enhet avdelning grupp natverk team chef direktor",
    "ordforande sekreterare ledare ledning ansvarig handlaggare personal lakare sjukskoterska kurator",
    "psykolog dietist lots foretradare representant polis medarbetare tjansteperson politiker",
    "fortroendevald fullmaktige kansli sekretariat stiftelse bolag radgivare expert person",
    "board committee council authority agency administration department ministry government parliament",
    "municipality municipalities region county inquiry investigator coordinator delegation organisation",
    "organization body bodies association network group team unit chair chairman chairperson director",
    "manager secretary officer staff doctor nurse person people party parties actor actors stakeholder",
    "provider providers leader head official officials politician politicians office secretariat",
)
PLACE_HEADS = _set(
    "adress plats ort lokal stad vardcentral sjukhus mottagning lasarett station hallplats gata omrade",
    "stadsdel kommundel address place location site city town hospital clinic centre center station street",
    "venue building area areas district",
)
# "år" is not listed: folded it is "ar", like "är"; after "vilket/vilka" it is read as a year.
TIME_HEADS = _set("aret aren datum dag tidpunkt manad vecka kvartal termin sasong deadline")
TIME_WORDS_EN = _set("year date day month week quarter time deadline season")
PERIOD_HEADS = _set(
    "period tidsperiod tidsram loptid varaktighet intervall vantetid handlaggningstid svarstid",
    "timeframe duration span interval waiting",
)
AMOUNT_HEADS = _set(
    "budget kostnad belopp summa anslag bidrag avgift pris ersattning lon pengar kronor stod",
    "cost amount sum grant funding fee price money allowance salary compensation subsidy",
)
NUMBER_HEADS = _set("antal andel procent siffra mangd share percentage proportion count rate target")
PARTY_HEADS = _set("part parter medlem medlemmar deltagare members member participants partners")
CURRENCIES = _set("kronor kr sek euro euros dollar dollars miljoner miljarder mkr tkr million billion")
MONEY_WORDS = _set(
    "ekonomisk ekonomiska finansiell finansiella investera investeras investeringar satsa satsas betala",
    "betalas kosta kostar financial monetary invest invested investment spend spent pay paid fund funded",
)
CONTACT_HEADS = _set(
    "telefonnummer nummer epost e-post mejl mail mejladress epostadress e-postadress webbplats hemsida",
    "webbadress lank kontaktuppgift phone telephone email e-mail website web url link contact",
)
REASON_HEADS = _set("syfte anledning skal bakgrund motiv purpose reason rationale aim point")
DURATION_UNITS = _set(
    "dag dagar veckor vecka manader manad timmar timme minuter ar aren",
    "day days week weeks month months hour hours minute minutes years year",
)
# Heads that name their class only as whole words, not as the end of a compound ("faktor" is no "aktör").
NO_COMPOUND = _set("aktor verk part lank stod pris lon plats aret aren")
# Small numbers that announce a list ("de fem delmålen", "the three priorities").
COUNT_WORDS = _set(
    "tva tre fyra fem sex sju atta nio tio",
    "two three four five six seven eight nine ten 2 3 4 5 6 7 8 9 10",
)
# Words of a noun's Swedish inflection, in the order they are tried.
INFLECTIONS = ("", "s", "en", "et", "n", "t", "er", "ar", "or", "na", "erna", "arna", "orna", "ens", "ets", "ns")

# -- verbs by the relation they ask about ---------------------------------------------------------
REPORT_VERBS = _set(
    "redovisa redovisas redovisar rapportera rapporteras rapporterar aterrapportera lamna lamnas lamnar",
    "overlamna overlamnas skicka skickas anmala anmalas informera informeras presentera presenteras",
    "report reports reported submit submitted send sent deliver delivered present presented inform informed",
    "notify notified",
)
CONSULT_VERBS = _set(
    "samrada samverka samverkar samarbeta samarbetar dialog inhamta hora horas involvera involveras delta",
    "deltar medverka medverkar inga ingar ingick sitter undertecknat consult consulted cooperate collaborate",
    "dialogue involve involved participate participating members member part sits sit signed",
)
# Cues that a person's name is asked for.
NAME_CUES = ("heter", "namnet pa", "name of", "named", "called", "whats the name", "what is the name")
# Words that end a main clause: a subordinate clause follows ("… när en patient skrivs ut").
SUBORDINATORS = _set("nar om eftersom da innan medan sa_att if when because while before after since unless")
# "vända sig till", "turn to": the one to turn to is an owner, not a recipient.
TURN_TO = ("vanda sig", "vander mig", "vander man", "prata med", "turn to", "talk to", "speak to")

# -- cues anywhere in a question ---------------------------------------------------------------------
DEFINITION_CUES = (
    "star for",
    "stands for",
    "stand for",
    "short for",
    "betyder",
    "betydelse",
    "menas med",
    "avses med",
    "definieras",
    "definition",
    "begreppet",
    "forkortningen",
    "defini*",
    "mean by",
    "meant by",
    "does it mean",
    "what does",  # "what does X mean" is decided by the verb "mean" below
    "meaning of",
    "abbreviation",
    "acronym",
)
# Cues that the expansion of an abbreviation is asked for ("vad står SMO för?"), folded.
EXPANSION_CUES = (
    "star for", "stand for", "stands for", "short for", "forkortning", "abbreviation", "acronym",
    "betyder", "mean", "means", "utlast", "spelled out",
)  # fmt: skip
COMPARISON_CUES = (
    "skillnad*",
    "jamfor*",
    "skiljer",
    "andrats",
    "forandrats",
    "forandring*",
    "utvecklats",
    "nya sedan",
    "new since",
    "sedan forra",
    "since the last",
    "hogre eller lagre",
    "okade eller minskade",
    "okat eller minskat",
    "difference",
    "differ*",
    "compar*",
    "changed",
    "developed",
    "go up or down",
    "versus",
)
LIST_CUES = (
    "lista",
    "punkta upp",
    "rakna upp",
    "namn de",
    "namn alla",
    "vad finns det for",
    "vad for",
    "vilka typer",
    "vilka slags",
    "list",
    "enumerate",
    "name the",
    "name all",
    "what kinds",
    "which kinds",
    "what types",
    "which types",
)
REASON_CUES = (
    "hur kommer det sig",
    "vad vill man uppna",
    "i vilket syfte",
    "what is the point",
    "how come",
    "syftet med",
    "malet med",
    "the purpose of",
    "the aim of",
    "meant to achieve",
    "supposed to achieve",
)
CONTACT_VERBS = _set("ringa ringer ring call phone mejla maila email e-mail")
# Question words and cue words that are not what the question is about (never focus words).
SIGNAL_WORDS = _set(
    "vem vems vilka vilken vilket vad nar var vart varfor hur who whom whose what which when where why how",
    "whos whats ska skall skulle kan kunde far fick maste behover har hade ar finns fanns blir kommer",
    "galler gor gar tar hander is are was were do does did will would should shall can could must need",
    "have has had get go make take ansvarar ansvarig ansvaret huvudansvaret responsible charge accountable",
    "manga mycket stor hog lange ofta gamla many much large big high long often old plan planen planerna",
    "planer plans dokument document enligt according sager star skriver namns say says write mention",
    "betyder menas innebar definieras begreppet forkortningen mean stand short involve defined concept",
    "term explain syftet anledningen skalet purpose reason rationale aim skillnaden jamfort difference",
    "compared compare stammer sant true correct lista namn list name kinds",
)
