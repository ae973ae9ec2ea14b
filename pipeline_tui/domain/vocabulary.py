"""The domain's closed vocabularies (DESIGN.md, "The domain").

Plain tuples and small helpers, shared by the store (CHECK constraints), the services (validation)
and the UI (choices). Stored values are these lowercase identifiers; labels are for display.
"""

from __future__ import annotations

from pipeline_tui.i18n import N_, _

STAGES: tuple[str, ...] = ("lead", "contacted", "meeting", "proposal", "negotiation", "won", "lost")
OPEN_STAGES: tuple[str, ...] = ("lead", "contacted", "meeting", "proposal", "negotiation")
CLOSED_STAGES: tuple[str, ...] = ("won", "lost")

DEFAULT_STAGE_PROBABILITIES: dict[str, int] = {
    "lead": 10,
    "contacted": 20,
    "meeting": 40,
    "proposal": 60,
    "negotiation": 80,
    "won": 100,
    "lost": 0,
}

# Days an open deal may go without activity before it is "rotting", per stage.
DEFAULT_ROT_DAYS: dict[str, int] = {stage: 14 for stage in OPEN_STAGES}

CHANNELS: tuple[str, ...] = (
    "emailing",
    "phone",
    "social",
    "event",
    "referral",
    "inbound",
    "other",
)

ACTIVITY_KINDS: tuple[str, ...] = (
    "email",
    "call",
    "social",
    "event",
    "meeting",
    "proposal",
    "follow_up",
    "note",
)

# The channel an activity kind belongs to when none is given.
KIND_CHANNEL: dict[str, str] = {
    "email": "emailing",
    "call": "phone",
    "social": "social",
    "event": "event",
    "meeting": "other",
    "proposal": "other",
    "follow_up": "emailing",
    "note": "other",
}

MISSION_STATUSES: tuple[str, ...] = ("active", "ended", "ended_early")

END_REASONS: tuple[str, ...] = (
    "dissatisfaction",
    "competitor",
    "scope_creep_refused",
    "insourcing",
    "budget",
    "other",
)

SIGNAL_KINDS: tuple[str, ...] = (
    "scope_creep",
    "change_refused",
    "competitor",
    "insourcing",
    "note",
)

SURVEY_KINDS: tuple[str, ...] = ("satisfaction", "exit")
SURVEY_SCALES: tuple[str, ...] = ("csat", "nps")
SURVEY_SCALE_RANGE: dict[str, tuple[int, int]] = {"csat": (1, 5), "nps": (0, 10)}

# Why a sequence enrollment stopped: the lead replied, the deal changed stage, the contact opted
# out, every step was done, or the user cancelled it.
STOP_REASONS: tuple[str, ...] = ("reply", "stage_change", "opt_out", "completed", "cancelled")

# What a step of the offboarding template is dated from: the day notice was given, or the end.
PLAYBOOK_ANCHORS: tuple[str, ...] = ("notice", "end")
# A post-mortem lesson: what did not work, or a training to take (a dated task).
LESSON_KINDS: tuple[str, ...] = ("went_wrong", "training")

LABELS: dict[str, str] = {
    # stages
    "lead": N_("lead"),
    "contacted": N_("contacted"),
    "meeting": N_("meeting"),
    "proposal": N_("proposal"),
    "negotiation": N_("negotiation"),
    "won": N_("won"),
    "lost": N_("lost"),
    # channels
    "emailing": N_("emailing"),
    "phone": N_("phone"),
    "social": N_("social network"),
    "event": N_("event"),
    "referral": N_("referral"),
    "inbound": N_("inbound"),
    "other": N_("other"),
    # activity kinds
    "email": N_("email"),
    "call": N_("call"),
    "follow_up": N_("follow-up"),
    "note": N_("note"),
    # mission statuses
    "active": N_("active"),
    "ended": N_("ended"),
    "ended_early": N_("ended early"),
    # end reasons and signal kinds
    "dissatisfaction": N_("not satisfied"),
    "competitor": N_("competitor approach"),
    "scope_creep_refused": N_("scope creep, new proposal refused"),
    "insourcing": N_("insourcing intent"),
    "budget": N_("budget"),
    "scope_creep": N_("scope creep"),
    "change_refused": N_("change proposal refused"),
    # surveys
    "satisfaction": N_("satisfaction"),
    "exit": N_("exit"),
    # why a sequence stopped
    "reply": N_("reply"),
    "stage_change": N_("stage change"),
    "opt_out": N_("opt out"),
    "completed": N_("completed"),
    "cancelled": N_("cancelled"),
    # playbook anchors and lessons
    "notice": N_("notice"),
    "end": N_("end"),
    "went_wrong": N_("what did not work"),
    "training": N_("training"),
}
"""The words a person reads for each stored identifier, in English (messages: :func:`label`
translates them)."""


def label(value: str) -> str:
    """Human wording of a stored identifier, in the language spoken (an unknown identifier: its
    words, untranslated)."""
    text = LABELS.get(value)
    return _(text) if text is not None else value.replace("_", " ")


def sql_in(column: str, values: tuple[str, ...]) -> str:
    """A portable CHECK expression: ``column IN ('a', 'b')``."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"
