"""Screening commitments and meeting notes for dangerous promises.

The method warns against five kinds of promise a group should never make to a partner:
particular articles or content, arrangements that stop us from answering to the community,
exclusivity, freezing or locking articles, and permission for Wikipedia only or any other
non-free licence. ``screen`` finds them in free English text and explains each finding with a
safer thing to offer instead.

How it works (clause-level analysis, standard library only):

1. **Normalise** the text into a lower-case copy with straight quotes and dashes, single
   spaces and expanded contractions ("won't" → "will not", "we'll" → "we will", "can't" →
   "cannot"). Every character of the copy remembers where it came from, so a finding's span
   always points into the original text.
2. **Split** the copy into sentences (full stops, question and exclamation marks, semicolons,
   colons, line breaks, bullets) and the sentences into clauses at connectors that start a new
   statement ("but", ", so", "because", "whereas", ", and we…").
3. **Match cue patterns** per category. Each pattern joins lexical groups (a promise or
   commitment verb, an action, an object such as article/page/entry, a partner, a licence
   term…) with short word windows, so many wordings of the same promise meet one pattern:
   "we guarantee ten new articles", "the Association shall ensure that articles are
   published", "we'll get a page up". A few cues are strong enough alone ("CC BY-NC", "all
   rights reserved", "exclusivity", "read-only").
4. **Scope negation** to the clause. A positive cue is dropped when a negation (not, never,
   no, nobody, nothing, neither, nor, without, cannot, refuse to, avoid, rather than, instead
   of) comes before it in the same clause, or when the clause rejects it afterwards ("… is not
   acceptable"). Some dangers are themselves negative ("we will not let editors change the
   text", "no other museum", "commercial reuse will not be allowed"); those patterns contain
   their negation, and only a further negation before them cancels them. Set phrases such as
   "no problem" or "not only" do not negate.
5. **Report** at most one finding per category per clause (the earliest cue), ordered by
   span, with the matched words, why the promise is dangerous and what to offer instead.

The rules favour precision on ordinary commitments and meeting notes; a partner's question
("could the article be frozen?") is flagged like a promise, because the answer needs care.
``screen`` does not guess the language: callers check ``looks_english`` first and say that
a text was not screened when it is not English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


def N_(text: str) -> str:
    """Marks text for translation; the application translates it when it shows it."""
    return text


CATEGORIES: tuple[str, ...] = (
    "specific_content",
    "community_control",
    "exclusivity",
    "locking",
    "non_free_licence",
)

LABELS: dict[str, str] = {
    "specific_content": N_("Promising particular articles or content"),
    "community_control": N_("Giving up our answerability to the community"),
    "exclusivity": N_("Exclusive commitment"),
    "locking": N_("Freezing or locking articles"),
    "non_free_licence": N_("Wikipedia-only permission or a non-free licence"),
}

EXPLANATIONS: dict[str, str] = {
    "specific_content": N_(
        "Volunteers decide for themselves what to write, and every article has to meet the "
        "community's rules on notability, sources and neutrality. Nobody can deliver a "
        "particular article, or a particular wording in one, on a partner's behalf."
    ),
    "community_control": N_(
        "The projects are edited under the community's rules. An arrangement that gives the "
        "partner a say over edits, removes criticism or lets us ignore the community would "
        "break those rules and our answerability to the people we represent."
    ),
    "exclusivity": N_(
        "An exclusive commitment binds volunteers who never agreed to it and shuts out other "
        "institutions the free-knowledge movement should welcome; we cannot give it."
    ),
    "locking": N_(
        "Articles stay open to everyone's edits. Protection is decided by the community's "
        "administrators only against vandalism, never to keep a partner's preferred text, "
        "so no group can promise that a page will be frozen."
    ),
    "non_free_licence": N_(
        "Content must be free for anyone to reuse, change and sell. Permission for Wikipedia "
        "alone, non-commercial, no-derivatives or reserved-rights terms do not allow the files "
        "onto Commons, and the material cannot be used by the projects."
    ),
}

ALTERNATIVES: dict[str, str] = {
    "specific_content": N_(
        "Offer to organise an edit-a-thon or writing contest on the topic, share reliable "
        "sources and images, and invite volunteers to take part, without guaranteeing any "
        "result."
    ),
    "community_control": N_(
        "Explain that the partner's staff may suggest corrections on the talk page, "
        "following the community's rules and disclosing their affiliation, and that we stay "
        "answerable to the community."
    ),
    "exclusivity": N_(
        "Propose an open, non-exclusive collaboration: this partner can be the first or the "
        "flagship, and others may join later."
    ),
    "locking": N_(
        "Offer to help staff watch the articles, explain how changes are discussed on talk "
        "pages, and show how vandalism is usually reverted quickly."
    ),
    "non_free_licence": N_(
        "Ask for a free licence on Commons (CC BY-SA 4.0, CC BY 4.0 or CC0) and explain how "
        "reuse by others spreads the partner's collection and credits it."
    ),
}

MAX_CHARS = 50_000


class ScreeningError(ValueError):
    """The text cannot be screened."""


class TextTooLong(ScreeningError):
    """The text is longer than ``MAX_CHARS``."""


class UnsupportedLanguage(ScreeningError):
    """The rules only exist for English."""


@dataclass(frozen=True)
class Finding:
    category: str
    span: tuple[int, int]
    matched: str
    explanation: str
    alternative: str
    label: str


# --- Normalisation -------------------------------------------------------------------------

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u00a0\u2007\u202f\t\u2002\u2003\u2009", " "),
}

_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bwon't\b", "will not"),
        (r"\bcan't\b", "cannot"),
        (r"\bshan't\b", "shall not"),
        (r"\bain't\b", "is not"),
        (r"(?<=[a-z])n't\b", " not"),
        (r"(?<=[a-z])'ll\b", " will"),
        (r"(?<=[a-z])'re\b", " are"),
        (r"(?<=[a-z])'ve\b", " have"),
        (r"(?<=[a-z])'d\b", " would"),
        (r"\blet's\b", "let us"),
        (r"\bi'm\b", "i am"),
    )
)


@dataclass
class _Normalised:
    text: str
    starts: list[int]  # original offset where each character's source starts
    ends: list[int]  # original offset where each character's source ends

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


def _normalise(text: str) -> _Normalised:
    chars: list[str] = []
    for char in text:
        mapped = _CHAR_MAP.get(char)
        if mapped is None:
            lowered = char.lower()
            mapped = lowered if len(lowered) == 1 else char
        chars.append(mapped)
    current = _Normalised("".join(chars), list(range(len(text))), list(range(1, len(text) + 1)))
    for pattern, replacement in _CONTRACTIONS:
        if pattern.search(current.text) is None:
            continue
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(current.text):
            pieces.append(current.text[last : match.start()])
            starts.extend(current.starts[last : match.start()])
            ends.extend(current.ends[last : match.start()])
            source_start = current.starts[match.start()]
            source_end = current.ends[match.end() - 1]
            pieces.append(replacement)
            starts.extend([source_start] * len(replacement))
            ends.extend([source_end] * len(replacement))
            last = match.end()
        pieces.append(current.text[last:])
        starts.extend(current.starts[last:])
        ends.extend(current.ends[last:])
        current = _Normalised("".join(pieces), starts, ends)
    return current


# --- Clauses -------------------------------------------------------------------------------

_SENTENCE_BREAK = re.compile(
    r"[.!?]+(?=[\s\"')\]]|$)"  # end of sentence (not the dot in "4.0")
    r"|[;\n\r\u2022\u25aa\u25cf]"  # semicolons, line breaks, bullets
    r"|:(?=\s)"  # "Action: …", "Exclusivity: …"
    r"|\s-\s"  # dashes between statements
)
_CLAUSE_BREAK = re.compile(
    r",?\s+but\s+"
    r"|,\s+so\s+(?!that\b)"
    r"|,?\s+because\s+"
    r"|,\s+(?:whereas|although|though|while|however)\b,?\s*"
    r"|,?\s+and\s+(?=(?:we|they|the|our|their|you|i|it)\s)"
)


def _clauses(text: str) -> Iterable[tuple[int, int]]:
    """Yields (start, end) of each clause of the normalised text."""
    for sentence_start, sentence_end in _split(text, _SENTENCE_BREAK, 0, len(text)):
        yield from _split(text, _CLAUSE_BREAK, sentence_start, sentence_end)


def _split(text: str, pattern: re.Pattern[str], start: int, end: int):
    position = start
    for match in pattern.finditer(text, start, end):
        if match.start() > position:
            yield position, match.start()
        position = match.end()
    if end > position:
        yield position, end


# --- Pattern language ----------------------------------------------------------------------
#
# Patterns are written with spaces between words; ``~N`` stands for up to N further words.
# They are compiled against the normalised (lower-case) clause text.


def _compile(pattern: str) -> re.Pattern[str]:
    def window(match: re.Match[str]) -> str:
        return r"(?:[\w'\"-]+[\s,\"()]+){0,%s}?" % match.group(1)

    pattern = re.sub(r" ~(\d+) ", lambda m: r"[\s,\"()]+" + window(m), pattern)
    pattern = pattern.replace(" ", r"[\s,\"()]+")
    return re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w])")


_W = r"[\w'-]+"  # one word

# Lexical groups.
COMMIT = (
    r"(?:will|shall|promise[sd]?|promising|guarantee[sd]?|guaranteeing|ensure[sd]?|ensuring"
    r"|make sure|see to it|commit(?:s|ted)? to|committing to|undertakes? to|assure[sd]?"
    r"|agree[sd]? to|deliver|going to|is to|are to)"
)
PROMISE = (
    r"(?:promise[sd]?|promising|guarantee[sd]?|guaranteeing|ensure[sd]?|ensuring|make sure"
    r"|see to it|commit(?:s|ted|ting)? to|undertakes? to|assure[sd]?|assuring|deliver(?:s|ing)?"
    r"|count on|rely on)"
)
CREATE = (
    r"(?:write|writes|create|creates|creating|writing|publish|publishing|produce|producing"
    r"|start|starting|expand|expanding|get|gets|put|add|adding|have|has|cover|covering"
    r"|deliver|make|improve|improving)"
)
OBJECT = (
    r"(?:(?<!project\s)(?<!talk\s)(?<!user\s)(?<!web\s)(?<!home\s)(?<!event\s)(?<!blog\s)"
    r"(?:article|page|entry|entries|biography|biographies|stub|section|paragraph)s?"
    r"|coverage|(?:on|in|into) (?:the )?(?:\w+ )?wikipedia)"
)
ARTICLE = (
    r"(?:article|page|entry|entries|biography|biographies|text|texts|content|version"
    r"|wording)s?"
)
MEDIA = (
    r"(?:image|photo|photograph|picture|scan|file|recording|video|work|material|text|map"
    r"|drawing|item|object|reproduction)s?"
)
EDIT = (
    r"(?:edit|edits|editing|change|changes|changing|modification|modifications|revision"
    r"|revisions|content|text|texts|wording|article|articles|page|pages)"
)
APPROVE = (
    r"(?:approve|approves|approving|approval|sign[s]? off|signed off|signing off|sign-off"
    r"|veto(?:es|ed)?|vet|vets|authori[sz]e[sd]?|consent)"
)
PEOPLE = (
    r"(?:editor|editors|volunteer|volunteers|anyone|anybody|others|people|user|users"
    r"|the community|community|wikipedians|members)"
)
CHANGE_VERB = r"(?:chang|edit|modif|alter|touch|add|remov|revert|updat|correct|rewrit)\w*"
INSTITUTION = (
    r"(?:museum|library|libraries|archive|institution|partner|organi[sz]ation|universit"
    r"|broadcaster|company|companies|gallery|galleries|sponsor|school|foundation|ministr"
    r"|agenc|competitor|provider|publisher|glam)\w*"
)
FREE = (
    r"(?:cc[\s-]?by(?:[\s-]sa)?(?: \d(?:\.\d)?)?(?![\s-]n[cd])|cc0|cc zero|public domain"
    r"|free licen[cs]e|open licen[cs]e|freely licen[cs]ed)"
)

_RULES: dict[str, tuple[str, ...]] = {
    "specific_content": (
        rf"{COMMIT} ~4 {CREATE} ~6 {OBJECT}",
        rf"{PROMISE} ~10 {OBJECT}",
        (
            r"(?:article|page|entry|biography|section)s? ~6 (?:will|shall|would|is to|are to"
            r"|is going to|are going to|is guaranteed to|are guaranteed to|to be) ~2 (?:be )?"
            r"(?:created|written|published|expanded|started|produced|added|appear|include"
            r"|mention|describe|cover|say|keep"
            r"|contain|list|feature|present|go up|show|highlight|reach)"
        ),
    ),
    "community_control": (
        rf"{APPROVE} ~4 {EDIT}",
        rf"{EDIT} ~4 (?:approved|vetted|signed off|authori[sz]ed|cleared) by",
        rf"(?:{EDIT}|edits|changes) ~6 (?:subject to|requires?|needs?|only after|only with)"
        rf" ~4 (?<!community\s)(?<!community's\s)(?:approval|consent|sign-off|permission"
        r"|authori[sz]ation|ok|go-ahead)",
        rf"(?:final|last) (?:say|word|decision) ~4 (?:{EDIT}|wikipedia)",
        rf"(?:say|control|veto) (?:over|on|in) ~3 (?:{EDIT}|wikipedia|what)",
        r"(?:editorial control|veto rights?|right to veto|right of veto|power of veto)",
        r"(?:decide|decides|determine|determines|control|controls) ~2 (?:what|which) ~4"
        r" (?:stays|goes|remains|says|say|appears|is written|gets written|(?:may|can) edit)",
        r"(?:remov|delet|tak\w* out|hid|suppress|ton\w* down|censor|cut|scrub|eras)\w* ~4"
        r" (?:critic|negative|controvers|unfavo|unflatter|complaint|scandal)\w*",
        r"(?:criticism|critical|negative|controvers\w*|unfavo\w*|unflatter\w*|scandal\w*) ~7"
        r" (?:removed|deleted|taken out|hidden|suppressed|toned down|cut|erased)",
        r"(?:ignor|disregard|dismiss|overrid|overrul|brush\w* aside)\w* ~4"
        r" (?:community|objection|concern|complaint|editor|volunteer|consensus|discussion)\w*",
        r"(?:community|objection|concern|complaint)s? ~5"
        r" (?:ignored|disregarded|dismissed|overruled|overridden)",
        r"regardless of ~4 (?:concern|objection|community|complaint|discussion|consensus)\w*",
        rf"(?:stop|stops|prevent|prevents|block|blocks|bar|bars|keep|keeps) ~1 {PEOPLE}"
        rf" ~1 from {CHANGE_VERB}",
    ),
    "exclusivity": (
        r"(?<!non-)(?<!non\s)exclusiv(?:e|ely) ~3 (?:partner|partners|partnership|agreement"
        r"|arrangement|deal|collaboration|cooperation|co-operation|rights?|licen[cs]e|access"
        r"|contract|relationship|sponsor\w*|basis|commitment|terms|with|for you|to you)",
        r"(?<!non-)(?<!non\s)exclusivity",
        r"(?:be|is|are|remain|remains|stay) exclusive\b",
        r"(?:only|solely|exclusively|just) with (?:you|them|your|their|the|this|that|us)",
        r"(?:work|works|working|partner|partners|partnering|collaborate|collaborates"
        r"|cooperate|cooperates|co-operate) (?:only|solely|exclusively)",
        r"(?:one and only|sole) (?:partner|sponsor|provider|supplier|rights?|collaborator"
        r"|licensee|beneficiary)\w*",
        r"(?:first|right of first) refusal",
        r"(?:our|your|their|its|the) (?:only|sole|single) (?:partner|sponsor|collaborator)s?\b",
        r"exclud\w* ~2 (?:other|rival|competing|competitor)\w*",
        r"(?:other|rival|competing|competitor)\w* ~4 (?:will be|shall be|are|be) ~1"
        r" (?:excluded|barred|kept out|left out)",
    ),
    "locking": (
        rf"(?:lock|freez|froze|protect|semi-protect|full-protect)\w* ~4 {ARTICLE}",
        rf"{ARTICLE} ~6 (?:will|shall|would|is to|are to|must|to) ~2 (?:be|get|remain|stay)"
        r" ~1 (?:locked|frozen|protected|read-only|fixed in)",
        rf"(?:get|have|keep) ~4 {ARTICLE} (?:\w+ly )?(?:locked|frozen|protected)",
        rf"{ARTICLE} ~4 (?:gets|get|is getting|are getting) (?:\w+ly )?(?:locked|frozen|protected)",
        r"(?:page|article|full|semi)[\s-]protection|protection (?:of|for) ~3"
        r" (?:page|article|entr)\w*|request\w* ~2 protection",
        r"read-only",
        r"(?:stay|stays|remain|remains|kept|keep|preserved|look|looks|left) ~2 (?:as|the way)"
        r" ~3 (?:wrote|written|delivered|approved|is|are|was|were|does|do|today|now"
        r"|submitted|provided|agreed)\b",
        rf"{ARTICLE} ~8 (?:remain|remains|stay|stays|be kept|kept|preserved|left)"
        r" ~2 (?:unchanged|untouched|as is|intact|frozen|locked"
        r"|in its (?:current|present|final|approved) (?:form|state|version))",
        rf"{ARTICLE} ~6 fixed in (?:its|their) (?:current|present|final|approved)",
    ),
    "non_free_licence": (
        r"cc[\s-]?by[\s-](?:sa[\s-])?n[cd]|by-n[cd]|\bn[cd]\b(?= (?:or|and|licen|clause|terms))"
        r"|non[\s-]?commercial|no[\s-]derivatives?|noderivs|all rights reserved|copyright reserved"
        r"|rights reserved|non-free|unfree|proprietary licen[cs]e",
        r"(?:educational|non-profit|not-for-profit|personal|private|internal|research)"
        r" (?:use|uses|purposes?) only"
        r"|(?:only|solely) for (?:educational|non-profit|not-for-profit|personal|private)"
        r"|(?:for|to) (?:non-profit|not-for-profit|educational) (?:use|purposes)",
        r"(?:only|solely|exclusively|just) (?:for|on|in|to|by|within) (?:use (?:on|in) )?"
        r"(?:the )?(?:\w+ )?wikipedia"
        r"|wikipedia ~2 (?:only|alone)\b",
        r"(?:only|solely|exclusively) (?:be )?(?:used|shown|published|displayed|reproduced"
        r"|shared|uploaded|placed|appear|appears) (?:on|in|within) (?:the )?(?:\w+ )?wikipedia",
        r"(?:limited|confined) to (?:use (?:on|in) )?(?:the )?(?:\w+ )?wikipedia\b",
        r"restrict\w* ~3 (?:wikipedia|non-profit|educational|not-for-profit)",
        r"(?:keep|keeps|retain|retains|reserve|reserves|keeping|retaining|hold|holds)"
        r" ~2 (?:all |full |the |its |their |our |your )?(?:rights|copyright)",
        r"(?:withdraw|revoke|cancel)\w* ~2 (?:permission|licen[cs]e|consent)",
        r"(?:reuse|re-use|use|uses)\b ~3 (?:requires?|needs?|subject to|only with|only after)"
        r" ~4 (?:consent|permission|approval|agreement)",
        r"permission ~8 (?:wikipedia|wikimedia)",
        r"(?:wikipedia|wikimedia) ~4 permission",
        r"with ~2 permission\b",
        r"permission (?:is|was)? ?(?:given|granted) (?:only )?(?:for|to)",
        r"watermark\w*",
    ),
}
# Rules whose pattern carries its own negation, by category.
_NEGATIVE_FORM: dict[str, tuple[str, ...]] = {
    "community_control": (
        rf"(?:not|never) (?:let|allow|permit)\w* ~2 {PEOPLE} ~2 (?:to )?{CHANGE_VERB}",
        rf"(?:make sure|ensure|see to it|making sure) (?:that )?(?:nobody|no one|no-one"
        rf"|no {PEOPLE}|{PEOPLE} do not|{PEOPLE} cannot|{PEOPLE} will not)",
        r"not (?:to )?(?:respond|react|reply|answer|engage|listen)\w* ~3"
        r" (?:community|concern|objection|complaint|editor|discussion|criticism)\w*",
        rf"(?:no|not any) (?:{EDIT}|edits|changes) ~3 without ~2 (?!community|consensus)"
        rf"\w+(?:'s)? ~2 (?:approval|consent|sign-off|permission|ok)",
    ),
    "exclusivity": (
        rf"(?:no|not any) other {INSTITUTION}",
        r"(?:not|never) (?:to )?(?:work|partner|collaborate|cooperate|co-operate|enter|sign"
        r"|conclude|make|approach|contact|invite|talk|run|start)\w* ~5 (?:with |to )?(?:any )?"
        r"(?:the )?(?:other|rival|competing|competitor|similar)\w*",
        r"(?:other|rival|competing|competitor)\w* ~3 (?:will|shall|would|must|may) not be"
        r" (?:invited|included|involved|allowed|approached|contacted|asked)",
    ),
    "locking": (
        rf"{ARTICLE} ~6 (?:shall|will|may|must|can|could) not be (?:modified|changed|edited"
        r"|altered|touched|updated|amended|revised)",
        r"(?:no|not any) (?:further |more |other )?(?:edits|changes|modifications|editing)"
        r" ~5 (?:allowed|permitted|accepted)",
        r"(?:nobody|no one|no-one) ~3 (?:mess|edit|chang|touch|vandali|modif|alter)\w*",
        rf"{ARTICLE} ~6 (?:remain|remains|stay|stays|be kept|kept|preserved|left)"
        r" (?:without (?:any )?(?:changes|edits|modifications)|with no (?:changes|edits))",
    ),
    "non_free_licence": (
        r"(?:commercial|derivative|further|third-party|outside|other)\w* ~2 (?:use|uses"
        r"|reuse|re-use|works?|adaptations?|copies|copying) ~4 (?:(?:not|never) (?:be )?"
        r"(?:allowed|permitted|possible)|prohibited|forbidden|not allowed|not permitted"
        r"|excluded|banned)",
        rf"{MEDIA} ~6 (?:may|must|shall|can|will) not be (?:altered|modified|cropped"
        r"|adapted|edited|changed|remixed|reused|re-used|used commercially|sold)",
        r"(?:nobody|no one|no-one) else ~2 (?:re-?uses?|copies|copy|may|can)",
    ),
}

_NEGATION = re.compile(
    r"\b(?:not(?! only\b)|never|no(?! (?:problem|worries|doubt|later than|matter|less)\b)"
    r"|none|nobody|no-one|nothing|neither|nor|without(?! (?:delay|fail)\b)|cannot"
    r"|refuse[sd]? to|refusing to|decline[sd]? to|avoid\w*|rather than|instead of)\b"
)
_REJECTED_AFTER = re.compile(
    r"\b(?:is|are|was|were|would be|will be|seems?) (?:not|never) (?:enough|acceptable"
    r"|possible|an option|allowed|compatible|ok|okay|something|sufficient|workable)"
    r"|\bunacceptable\b|\bout of the question\b|\bwill not work\b|\bdoes not work\b"
    r"|\bruled out\b|\boff the table\b|\bis not how\b"
)
_FREE = _compile(FREE)


def _build() -> dict[str, tuple[tuple[re.Pattern[str], bool], ...]]:
    built: dict[str, tuple[tuple[re.Pattern[str], bool], ...]] = {}
    for category in CATEGORIES:
        positive = [
            (_compile(rule), False) for rule in _RULES[category]
        ]
        negative = [(_compile(rule), True) for rule in _NEGATIVE_FORM.get(category, ())]
        built[category] = tuple(negative + positive)
    return built


_COMPILED = _build()


def _negated(clause: str, start: int, end: int, negative_form: bool) -> bool:
    """Whether the cue at clause[start:end] is denied within its clause."""
    before = clause[:start]
    if _NEGATION.search(before):
        return True
    if not negative_form and _NEGATION.search(clause[start:end]):
        return True
    return bool(_REJECTED_AFTER.search(clause[end:]))


def _clause_findings(clause: str) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    free_licence = bool(_FREE.search(clause))
    for category, rules in _COMPILED.items():
        best: tuple[int, int] | None = None
        for pattern, negative_form in rules:
            for match in pattern.finditer(clause):
                if match.end() == match.start():
                    continue
                if _negated(clause, match.start(), match.end(), negative_form):
                    continue
                if (
                    category == "non_free_licence"
                    and free_licence
                    and "permission" in match.group(0)
                ):
                    # "permission to publish under CC BY-SA 4.0" is the free licence itself.
                    continue
                if best is None or match.start() < best[0]:
                    best = (match.start(), match.end())
                break
        if best is not None:
            found[category] = best
    if "locking" in found:
        # "We promise the page will look as it does today" is a promise to freeze the page,
        # not to write particular content: one finding, under locking.
        found.pop("specific_content", None)
    return found


def _whole_words(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Widens a span to whole words ("we'll" when the cue began at the expanded "will")."""
    start, end = span
    inside_word = text[start].isalnum() or text[start] in "'’"
    while inside_word and start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


# --- Public interface ----------------------------------------------------------------------


def screen(text: str, lang: str = "en") -> list[Finding]:
    """Dangerous promises in ``text``, at most one per category per clause, ordered by span."""
    if not isinstance(text, str):
        raise ScreeningError("The text to screen must be a string.")
    if not isinstance(lang, str) or re.split(r"[-_]", lang.strip().lower())[0] != "en":
        raise UnsupportedLanguage(
            f"The screening rules exist for English only, not for the language {lang!r}."
        )
    if len(text) > MAX_CHARS:
        raise TextTooLong(
            f"The text has {len(text):,} characters; the screening accepts at most "
            f"{MAX_CHARS:,} characters."
        )
    if not text.strip():
        return []
    normalised = _normalise(text)
    findings: list[Finding] = []
    for clause_start, clause_end in _clauses(normalised.text):
        clause = normalised.text[clause_start:clause_end]
        for category, (start, end) in _clause_findings(clause).items():
            span = _whole_words(
                text, normalised.original_span(clause_start + start, clause_start + end)
            )
            findings.append(
                Finding(
                    category=category,
                    span=span,
                    matched=text[span[0] : span[1]],
                    explanation=EXPLANATIONS[category],
                    alternative=ALTERNATIVES[category],
                    label=LABELS[category],
                )
            )
    findings.sort(key=lambda finding: (finding.span, CATEGORIES.index(finding.category)))
    return findings


_ENGLISH_WORDS = frozenset(
    "the and of to is are was were be will would shall should we you they our your their it "
    "this that with for on at by from not no can could may must have has had about an as "
    "which who what when if or but all any each every also there here been being do does "
    "did than then them its into over under after before".split()
)
_OTHER_WORDS = frozenset(
    # German
    "der die das und ist nicht wir sie ein eine einen dem den des mit für auf zu von sich "
    "auch werden wird über unsere unser ihre ihr oder aber bei nach wie noch nur kein keine "
    # French
    "le la les et est nous vous ils une des du pour dans sur avec pas que qui ce cette sont "
    "mais ou leur leurs sera être aux au nos notre votre "
    # Spanish and Portuguese
    "el los las y es que en del por para con una uno su sus no se lo al pero como más "
    "nosotros será está são não em um uma os ao pelo pela "
    # Swedish, Danish, Norwegian and Dutch
    "och att det är som för på med av till inte vi ett en har kommer om ska skall eller "
    "og er ikke jeg vil til af het een van niet zijn wij ook aan voor naar worden".split()
) - _ENGLISH_WORDS
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def looks_english(text: str) -> bool:
    """Whether the text seems to be English (Latin script, mostly English function words)."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return True
    non_latin = sum(1 for char in letters if ord(char) > 0x024F)
    if non_latin > 0.2 * len(letters):
        return False
    words = [word for word in _WORD.findall(text.lower()) if all(ord(c) <= 0x024F for c in word)]
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    other = sum(1 for word in words if word in _OTHER_WORDS)
    if other == 0:
        return True
    return english > other


def findings_as_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """Plain dictionaries for a JSON field."""
    return [
        {
            "category": finding.category,
            "span": [finding.span[0], finding.span[1]],
            "matched": finding.matched,
            "explanation": finding.explanation,
            "alternative": finding.alternative,
            "label": finding.label,
        }
        for finding in findings
    ]


def finding_from_json(data: Mapping[str, Any]) -> Finding:
    """The finding stored by ``findings_as_json``; explanation and label default to today's."""
    try:
        category = data["category"]
        start, end = data["span"]
    except (KeyError, TypeError, ValueError) as error:
        raise ScreeningError(f"A stored finding lacks its category or span: {error}") from None
    if category not in CATEGORIES:
        raise ScreeningError(f"Unknown screening category {category!r}.")
    return Finding(
        category=category,
        span=(int(start), int(end)),
        matched=str(data.get("matched", "")),
        explanation=str(data.get("explanation") or EXPLANATIONS[category]),
        alternative=str(data.get("alternative") or ALTERNATIVES[category]),
        label=str(data.get("label") or LABELS[category]),
    )
