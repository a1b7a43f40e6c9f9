"""The text rules of a good request letter, checked as the user types.

Short (under 75 words), about the reader more than the writer, ending with a
question, never asking for a job, and with the contact's hook fitting the
sentence it lands in ("…I enjoyed your post on X, …"). Each rule gives a
one-line warning a status bar can show; none of them stops the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_WORD_LIMIT = 75
REQUEST_KINDS = frozenset({"request"})
NOTE_LIMIT = 300  # LinkedIn cuts invitation notes at 300 characters (settings can change it)


@dataclass(frozen=True)
class LintWarning:
    """One broken rule: ``rule`` for code and tests, ``message`` for the user."""

    rule: str
    message: str

    def __str__(self) -> str:
        return self.message


def lint_letter(
    subject: str,
    body: str,
    *,
    kind: str = "letter",
    word_limit: int = DEFAULT_WORD_LIMIT,
    signature: str = "",
    note_limit: int = NOTE_LIMIT,
    hook: str = "",
) -> list[LintWarning]:
    """Every rule the letter breaks. ``signature`` (the profile's) is not counted;
    ``note_limit`` is the characters a LinkedIn note (kind "note") may have;
    ``hook`` (the contact's) is checked where the body has it."""
    message = message_text(body, signature)
    warnings: list[LintWarning] = []
    words = count_words(message)
    if words > word_limit:
        warnings.append(LintWarning("length", f"{words} words: keep it under {word_limit}"))
    if kind == "note" and len(body) > note_limit:
        warnings.append(
            LintWarning(
                "characters", f"{len(body)} characters: LinkedIn allows {note_limit} in a note"
            )
        )
    if kind in REQUEST_KINDS and message and not ends_with_question(message):
        last = _shorten(last_sentence(message))
        warnings.append(LintWarning("question", f"end the request with a question, not “{last}”"))
    found = job_words(f"{subject}\n{body}")
    if found:
        quoted = ", ".join(f"“{word}”" for word in found)
        warnings.append(LintWarning("job-talk", f"mentions {quoted}: ask for advice, never a job"))
    mine, yours = pronoun_counts(message)
    if mine > yours:
        warnings.append(
            LintWarning("about-you", f"{mine} I/me/my to {yours} you/your: make it about them")
        )
    problem = hook_problem(hook, body)
    if problem:
        warnings.append(LintWarning("hook", problem))
    return warnings


# -- the message without its sign-off ------------------------------------------------
_SENTENCE_END = (".", "?", "!", ":", ";")


def message_text(body: str, signature: str = "") -> str:
    """The body without the signature and the sign-off ("Best wishes,", a name).

    Trailing short lines that do not end a sentence are taken as the sign-off;
    the profile's signature is removed whole, however it is punctuated.
    """
    text = body.rstrip()
    signature = signature.strip()
    if signature and text.endswith(signature):
        text = text[: -len(signature)].rstrip()
    lines = text.split("\n")
    while lines and _is_sign_off(lines[-1]):
        lines.pop()
    return "\n".join(lines).strip()


def _is_sign_off(line: str) -> bool:
    stripped = line.strip()
    return not stripped or (len(stripped.split()) <= 5 and not stripped.endswith(_SENTENCE_END))


def ends_with_question(text: str) -> bool:
    return text.rstrip().rstrip("\"'”’)]").endswith("?")


def last_sentence(text: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    return sentences[-1] if sentences else ""


def _shorten(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else f"…{flat[-(width - 1) :]}"


# -- counting ---------------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"\[[a-z_]+\.[a-z0-9_]+\]")  # a missing field, e.g. [me.phone]


def count_words(text: str) -> int:
    """Whitespace-separated words with a letter or digit in them (a dash is not a word)."""
    return sum(1 for word in text.split() if re.search(r"\w", word))


_ME = frozenset({"i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"})
_YOU = frozenset(
    {"you", "your", "yours", "you're", "you've", "you'd", "you'll", "yourself", "yourselves"}
)


def pronoun_counts(text: str) -> tuple[int, int]:
    """How often the letter says I/me/my, and how often you/your."""
    text = _PLACEHOLDER.sub(" ", text).replace("’", "'")
    tokens = [token.lower() for token in re.findall(r"[A-Za-z']+", text)]
    return sum(token in _ME for token in tokens), sum(token in _YOU for token in tokens)


# -- the hook ----------------------------------------------------------------------------
# The bundled letters say "I enjoyed {hook}", so a hook reads well written the way
# it would follow those words: "your post on supply-chain data".
_HOOK_REPEATS = re.compile(
    r"I\s+(?:read|enjoyed|saw|watched|heard|loved|liked|came\s+across)\s+", re.IGNORECASE
)
_HOOK_THIRD_PERSON = re.compile(r"(?:her|his|their)(?=\s)", re.IGNORECASE)
_HOOK_CAPITAL = re.compile(r"(?:Your|Its|Our|My|The|An?|I)(?=[\s'’])")
_HOOK_END = (".", "!", "?")
_SENTENCE_STOPS = (".", "!", "?")


def hook_problem(hook: str, body: str) -> str:
    """Why the contact's ``hook`` does not fit where ``body`` puts it, or "".

    Only a hook the body holds is checked, and a capital only mid-sentence: a
    template may start a sentence with it, and a hand edit may have fixed it.
    """
    words = hook.split()
    if not words:
        return ""
    flat = " ".join(words)
    found = re.compile(r"\s+".join(re.escape(word) for word in words))
    for match in found.finditer(body):
        before = body[: match.start()].rsplit("\n", 1)[-1]
        after = body[match.end() :].split("\n", 1)[0]
        mid_sentence = bool(before.strip()) and not before.rstrip().endswith(_SENTENCE_STOPS)
        problem = _hook_fit(flat, before, after, mid_sentence=mid_sentence)
        if problem:
            return problem
    return ""


def _hook_fit(hook: str, before: str, after: str, *, mid_sentence: bool) -> str:
    shown = _clip(hook)
    start = "“…" + " ".join([*before.split()[-2:], *hook.split()[:2]]) + "…”"
    fixed = hook
    repeats = _HOOK_REPEATS.match(hook) if mid_sentence else None
    if repeats:
        fixed = hook[repeats.end() :]
    third = _HOOK_THIRD_PERSON.match(fixed)
    if third:
        fixed = "your" + fixed[third.end() :]
    capital = _HOOK_CAPITAL.match(fixed) if mid_sentence else None
    if capital and capital.group() == "I":
        return (
            f"hook “{shown}” lands mid-sentence ({start}): "
            "write what of theirs you read, e.g. “your post on …”"
        )
    if capital:
        fixed = fixed[0].lower() + fixed[1:]
    ends = bool(after.strip()) and fixed.endswith(_HOOK_END)
    if ends:
        fixed = fixed.rstrip("".join(_HOOK_END))
    if repeats:
        return f"hook “{shown}” repeats the letter’s words ({start}): write just “{_clip(fixed)}”"
    if third:
        return (
            f"hook “{shown}” speaks of them, but the letter speaks to them ({start}): "
            f"write “{_clip(fixed)}”"
        )
    if capital:
        return (
            f"hook “{shown}” lands mid-sentence ({start}): "
            f"start it in lower case, e.g. “{_clip(fixed)}”"
        )
    if ends:
        tail = " ".join(hook.split()[-2:])
        following = re.match(r"[^\w\n]*\w+(?:[^\w\n]+\w+)?", after)
        seen = f"…{tail}{following.group() if following else after.rstrip()}"
        return f"hook “{shown}” ends a sentence mid-letter (“{seen}”): drop the final “{hook[-1]}”"
    return ""


def _clip(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters at a word, with "…" if cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    return f"{cut.rsplit(' ', 1)[0] if ' ' in cut else cut}…"


# -- job talk -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _JobRule:
    """A word about jobs, with the contexts where it means something else."""

    word: re.Pattern[str]
    not_before: re.Pattern[str] | None = None  # tested against the text just before
    not_after: re.Pattern[str] | None = None  # tested against the text just after
    only_before: re.Pattern[str] | None = None  # counts only after one of these


def _rule(
    word: str,
    *,
    not_before: str = "",
    not_after: str = "",
    only_before: str = "",
    flags: re.RegexFlag = re.IGNORECASE,
) -> _JobRule:
    def compiled(pattern: str, anchor: str) -> re.Pattern[str] | None:
        if not pattern:
            return None
        text = f"(?:{pattern})\\s*$" if anchor == "end" else f"^\\s*(?:{pattern})"
        return re.compile(text, re.IGNORECASE)

    return _JobRule(
        re.compile(rf"\b(?:{word})\b", flags),
        compiled(not_before, "end"),
        compiled(not_after, "start"),
        compiled(only_before, "end"),
    )


_TEAM = r"(?:your|the)\s+(?:team|company|firm|group|department|organi[sz]ation|office)\b"
_JOB_RULES = (
    _rule(r"jobs?", not_before=r"\bsteve", not_after=r"to\s+be\s+done\b"),
    _rule(r"job\s+openings?|openings", not_after=r"(?:of|remarks|hours|ceremon\w*)\b"),
    _rule(r"opening", not_before=r"\bjob", only_before=r"\b(?:any|no)"),
    _rule(r"opening\s+(?:at|on|in|with|for)\s+" + _TEAM),
    _rule(r"vacanc(?:y|ies)"),
    _rule(
        r"positions?",
        not_before=r"\b(?:in\s+a|in\s+the|your|his|her|their|its)",
        not_after=r"(?:of|to|paper|papers|statement)\b",
    ),
    _rule(r"hir(?:e|es|ed|ing)", not_after=r"purchase\b"),
    _rule(r"appl(?:y|ies|ying|ied)\s+(?:for|to\s+(?:work|join|jobs?|roles?|positions?))"),
    _rule(r"appl(?:y|ies|ying|ied)\s+(?:to|at)\s+" + _TEAM),
    _rule(r"applications?", only_before=r"\b(?:job|my|our)"),
    _rule(r"applications?\s+(?:for|to)\s+(?:the|a|an|your)\s+(?:job|role|position|opening)"),
    _rule(r"résumés?|resumés?|résumes?"),  # accented: only ever the document
    _rule(r"resumes?", only_before=r"\b(?:my|a|the|your|our|attached|updated|current)"),
    _rule(r"curriculum\s+vitae"),
    _rule(
        r"CVs?",
        flags=re.NOFLAG,
        not_after=r"(?:models?|research|papers?|pipelines?|systems?|engineers?|team)\b",
    ),
    _rule(
        r"roles?", only_before=r"\b(?:open|available|vacant|advertised|entry[- ]level|junior|any)"
    ),
    _rule(r"roles?\s+(?:at|on|in|with)\s+" + _TEAM),
    _rule(r"roles?\s+(?:opening|openings|available|vacancy)"),
)


def job_words(text: str) -> list[str]:
    """The words about jobs or openings in ``text``, as written, first mention first."""
    spans: list[tuple[int, int]] = []
    for rule in _JOB_RULES:
        for match in rule.word.finditer(text):
            if _counts(rule, text[: match.start()], text[match.end() :]):
                spans.append(match.span())
    words: dict[str, str] = {}
    end = -1
    # Longest first at each start, and nothing inside a match already taken:
    # "job openings" is one mention, not "job" and "job openings".
    for start, stop in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= end:
            word = " ".join(text[start:stop].split())
            words.setdefault(word.lower(), word)
            end = stop
    return list(words.values())


def _counts(rule: _JobRule, before: str, after: str) -> bool:
    before, after = before[-40:], after[:40]
    if rule.only_before is not None and not rule.only_before.search(before):
        return False
    if rule.not_before is not None and rule.not_before.search(before):
        return False
    return not (rule.not_after is not None and rule.not_after.search(after))
