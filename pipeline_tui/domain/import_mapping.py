"""Which column of a spreadsheet holds which field: the fields of each import kind, the header
names they are recognised by (English and French), user overrides, and the conversion of a cell.

``detect_mapping(["Prénom", "Nom", "Société", "E-mail"], "contacts")`` gives
``{"Prénom": "first_name", "Nom": "last_name", "Société": "client", "E-mail": "email"}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date

from pipeline_tui.domain.companies import strip_accents
from pipeline_tui.domain.file_values import parse_bool, parse_file_date, parse_number, parse_percent
from pipeline_tui.domain.money import parse_money
from pipeline_tui.domain.validate import check_no_control, clean_email
from pipeline_tui.domain.vocabulary import ACTIVITY_KINDS, CHANNELS, STAGES
from pipeline_tui.i18n import _

IMPORT_KINDS: tuple[str, ...] = ("contacts", "deals", "activities")
IGNORE = "-"  # ``--map "Column=-"`` (or an empty field) leaves a column out


@dataclass(frozen=True)
class FieldSpec:
    """One importable field: its type, whether a row needs it, the headers that name it."""

    name: str
    type: str  # text | email | date | money | number | percent | bool | choice
    required: bool = False
    synonyms: tuple[str, ...] = ()
    max_len: int = 300
    choices: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()  # other words for a choice → the stored value
    multiline: bool = False  # line breaks and tabs allowed (notes)


# The synonyms and aliases below are data, compared with a file's headers and cells, never
# shown: each line that holds words is marked not shown.
_CLIENT = FieldSpec(
    "client",
    "text",
    synonyms=(
        "company",
        "company name",  # not shown
        "organisation",
        "organization",
        "account",
        "customer",
        "societe",
        "entreprise",
        "raison sociale",  # not shown
    ),
    max_len=200,
)
_NOTES = FieldSpec(
    "notes",
    "text",
    synonyms=("note", "comment", "comments", "commentaire"),
    max_len=10_000,
    multiline=True,
)
_CHANNEL = FieldSpec(
    "channel",
    "choice",
    synonyms=("source", "canal", "source channel"),  # not shown
    choices=CHANNELS,
    aliases=(
        ("email", "emailing"),
        ("e-mail", "emailing"),
        ("mail", "emailing"),
        ("call", "phone"),
        ("telephone", "phone"),
        ("linkedin", "social"),
        ("social network", "social"),  # not shown
        ("reseau social", "social"),  # not shown
        ("evenement", "event"),
        ("recommandation", "referral"),
        ("autre", "other"),
    ),
)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "contacts": (
        FieldSpec(
            "first_name",
            "text",
            synonyms=("first name", "firstname", "given name", "prenom"),  # not shown
            max_len=100,
        ),
        FieldSpec(
            "last_name",
            "text",
            synonyms=(
                "last name",  # not shown
                "lastname",
                "surname",
                "family name",  # not shown
                "nom",
                "nom de famille",  # not shown
            ),
            max_len=100,
        ),
        FieldSpec(
            "name",
            "text",
            synonyms=("full name", "contact", "contact name", "nom complet"),  # not shown
        ),
        _CLIENT,
        FieldSpec(
            "role",
            "text",
            synonyms=("position", "title", "job title", "poste", "fonction", "titre"),  # not shown
            max_len=150,
        ),
        FieldSpec(
            "email",
            "email",
            synonyms=(
                "e-mail",
                "email address",  # not shown
                "e-mail address",  # not shown
                "mail",
                "courriel",
                "adresse email",  # not shown
            ),
        ),
        FieldSpec(
            "phone",
            "text",
            synonyms=("telephone", "phone number", "mobile", "tel", "portable"),  # not shown
            max_len=50,
        ),
        FieldSpec(
            "profile_url",
            "text",
            synonyms=(
                "url",
                "profile",
                "linkedin",
                "linkedin url",  # not shown
                "profil",
                "profile link",  # not shown
            ),
            max_len=500,
        ),
        FieldSpec(
            "do_not_contact",
            "bool",
            synonyms=(
                "opt out",  # not shown
                "optout",
                "opted out",  # not shown
                "unsubscribed",
                "ne pas contacter",  # not shown
            ),
        ),
        _NOTES,
    ),
    "deals": (
        FieldSpec(
            "title",
            "text",
            required=True,
            synonyms=("deal", "deal name", "name", "opportunity", "intitule", "titre"),  # not shown
            max_len=200,
        ),
        replace(_CLIENT, required=True),
        FieldSpec("contact", "text", synonyms=("contact email", "contact name")),  # not shown
        FieldSpec(
            "monthly_value",
            "money",
            synonyms=(
                "value",
                "monthly",
                "amount",
                "monthly amount",  # not shown
                "mrr",
                "montant",
                "montant mensuel",  # not shown
                "valeur",
                "valeur mensuelle",  # not shown
            ),
        ),
        FieldSpec(
            "duration_months",
            "number",
            synonyms=("duration", "months", "duree", "duree mois", "nombre de mois"),  # not shown
        ),
        FieldSpec(
            "stage",
            "choice",
            synonyms=("status", "etape", "statut", "phase"),
            choices=STAGES,
            aliases=(
                ("new", "lead"),
                ("prospect", "lead"),
                ("contacte", "contacted"),
                ("rendez-vous", "meeting"),
                ("rdv", "meeting"),
                ("proposition", "proposal"),
                ("negociation", "negotiation"),
                ("gagne", "won"),
                ("perdu", "lost"),
            ),
        ),
        FieldSpec("probability", "percent", synonyms=("probabilite", "proba", "chance")),
        _CHANNEL,
        FieldSpec(
            "expected_close_on",
            "date",
            synonyms=(
                "expected close",  # not shown
                "expected close date",  # not shown
                "close date",  # not shown
                "closing date",  # not shown
                "date de signature prevue",  # not shown
                "signature prevue",  # not shown
            ),
        ),
        FieldSpec(
            "created_on",
            "date",
            synonyms=(
                "created",
                "created date",  # not shown
                "date",
                "creation",
                "date de creation",  # not shown
            ),
        ),
        FieldSpec(
            "closed_on",
            "date",
            synonyms=("closed", "date de cloture", "cloture le"),  # not shown
        ),
        FieldSpec(
            "lost_reason",
            "text",
            synonyms=("reason", "loss reason", "raison", "motif", "motif de perte"),  # not shown
            max_len=10_000,
        ),
        _NOTES,
    ),
    "activities": (
        FieldSpec(
            "kind",
            "choice",
            required=True,
            synonyms=("type", "activity", "activity type", "nature"),  # not shown
            choices=ACTIVITY_KINDS,
            aliases=(
                ("e-mail", "email"),
                ("mail", "email"),
                ("phone", "call"),
                ("appel", "call"),
                ("linkedin", "social"),
                ("message", "social"),
                ("evenement", "event"),
                ("rendez-vous", "meeting"),
                ("rdv", "meeting"),
                ("reunion", "meeting"),
                ("proposition", "proposal"),
                ("follow-up", "follow_up"),
                ("follow up", "follow_up"),  # not shown
                ("relance", "follow_up"),
            ),
        ),
        _CHANNEL,
        FieldSpec(
            "subject", "text", synonyms=("title", "summary", "description", "objet", "sujet")
        ),
        FieldSpec(
            "due_on",
            "date",
            synonyms=("due", "due date", "echeance", "a faire le", "planned"),  # not shown
        ),
        FieldSpec(
            "done_on",
            "date",
            synonyms=(
                "done",
                "date",
                "done date",  # not shown
                "completed",
                "completed on",  # not shown
                "fait le",  # not shown
            ),
        ),
        FieldSpec("outcome", "text", synonyms=("result", "resultat", "issue")),
        _NOTES,
        _CLIENT,
        FieldSpec(
            "contact",
            "text",
            synonyms=("contact email", "contact name", "person"),  # not shown
        ),
        FieldSpec(
            "deal",
            "text",
            synonyms=("deal title", "opportunity", "affaire"),  # not shown
            max_len=200,  # not shown
        ),
    ),
}


def header_key(header: str) -> str:
    """``"Adresse e-mail "`` → ``"adresse email"``: what headers are compared on."""
    text = strip_accents(header).casefold().replace("_", " ")
    key = " ".join(re.split(r"[^0-9a-z]+", text)).strip()
    return re.sub(r"\be mail\b", "email", key)


def field_names(kind: str) -> tuple[str, ...]:
    return tuple(spec.name for spec in FIELDS[kind])


def spec_of(kind: str, name: str) -> FieldSpec:
    return next(spec for spec in FIELDS[kind] if spec.name == name)


def detect_mapping(headers: Iterable[str], kind: str) -> dict[str, str]:
    """The field each recognised header holds; unrecognised headers are left out.

    A field's own name wins over a synonym, then the first column that names a field takes it.
    """
    by_name: dict[str, str] = {}
    by_synonym: dict[str, str] = {}
    for spec in FIELDS[kind]:
        by_name[header_key(spec.name)] = spec.name
        for synonym in spec.synonyms:
            by_synonym.setdefault(header_key(synonym), spec.name)
    mapping: dict[str, str] = {}
    taken: set[str] = set()
    headers = list(headers)
    for lookup in (by_name, by_synonym):
        for header in headers:
            field = lookup.get(header_key(header))
            if header not in mapping and field is not None and field not in taken:
                mapping[header] = field
                taken.add(field)
    return {h: mapping[h] for h in headers if h in mapping}


def parse_override(text: str) -> tuple[str, str]:
    """``"Société=client"`` → ``("Société", "client")``; ``"Fax="`` → ``("Fax", "-")``."""
    column, sep, field = text.rpartition("=")
    if not sep or not column.strip():
        raise ValueError(
            _('--map {text}: write COLUMN=FIELD, e.g. --map "Société=client"').format(
                text=repr(text)
            )
        )
    return column.strip(), field.strip() or IGNORE


def apply_overrides(
    mapping: dict[str, str], overrides: Iterable[str], headers: list[str], kind: str
) -> dict[str, str]:
    """The mapping with the user's ``COLUMN=FIELD`` choices applied (they win over detection)."""
    result = dict(mapping)
    known = field_names(kind)
    for text in overrides:
        column, field = parse_override(text)
        if column not in headers:
            matches = [h for h in headers if header_key(h) == header_key(column)]
            if len(matches) != 1:
                raise ValueError(
                    _(
                        "--map {text}: the file has no column {column} (its columns: {columns})"
                    ).format(text=repr(text), column=repr(column), columns=", ".join(headers))
                )
            column = matches[0]
        if field == IGNORE:
            result.pop(column, None)
            continue
        if field not in known:
            raise ValueError(
                _("--map {text}: {field} is not a field of {kind} (fields: {fields})").format(
                    text=repr(text), field=repr(field), kind=kind, fields=", ".join(known)
                )
            )
        for other, taken in list(result.items()):
            if taken == field and other != column:
                del result[other]
        result[column] = field
    return {h: result[h] for h in headers if h in result}


def check_mapping(mapping: dict[str, str], kind: str) -> None:
    """Raise ValueError when a field every row needs has no column."""
    mapped = set(mapping.values())
    missing = [s.name for s in FIELDS[kind] if s.required and s.name not in mapped]
    if kind == "contacts" and not mapped & {"first_name", "last_name", "name"}:
        missing.append(_("first_name (or name)"))
    if kind == "activities" and not mapped & {"due_on", "done_on"}:
        missing.append(_("due_on or done_on"))
    if missing:
        raise ValueError(
            _(
                "no column for {missing}; name one with --map COLUMN=FIELD "
                "(fields of {kind}: {fields})"
            ).format(missing=", ".join(missing), kind=kind, fields=", ".join(field_names(kind)))
        )


Value = str | int | float | bool | date | None


def convert(spec: FieldSpec, raw: str | None) -> Value:
    """The cell ``raw`` as the field's value (None when empty); ValueError says what is wrong."""
    return converter(spec)(raw)


def converter(spec: FieldSpec) -> Callable[[str | None], Value]:
    """:func:`convert` for one field, decided once (an import converts thousands of cells)."""
    parse = _PARSERS.get(spec.type)
    if parse is None and spec.type not in ("text", "choice"):
        raise AssertionError(f"unknown field type {spec.type}")  # not shown: a bug
    name, required, max_len, multiline = spec.name, spec.required, spec.max_len, spec.multiline

    def empty() -> None:
        if required:
            raise ValueError(_("{field} is empty").format(field=name))
        return None

    if spec.type == "text":

        def text_cell(raw: str | None) -> Value:
            text = raw.strip() if raw else ""
            if not text:
                return empty()
            if len(text) > max_len:
                raise ValueError(
                    _("{field} is longer than {count} characters").format(field=name, count=max_len)
                )
            return check_no_control(text, name, multiline=multiline)

        return text_cell
    if spec.type == "choice":
        aliases = dict(spec.aliases)

        def choice_cell(raw: str | None) -> Value:
            text = raw.strip() if raw else ""
            if not text:
                return empty()
            key = header_key(text).replace(" ", "_")
            if key in spec.choices:
                return key
            alias = aliases.get(header_key(text)) or aliases.get(strip_accents(text).casefold())
            if alias is not None:
                return alias
            raise ValueError(
                _("{field} {value} is not one of: {choices}").format(
                    field=name, value=repr(text), choices=", ".join(spec.choices)
                )
            )

        return choice_cell

    def parsed_cell(raw: str | None) -> Value:
        text = raw.strip() if raw else ""
        return parse(text) if text else empty()

    return parsed_cell


_PARSERS: dict[str, Callable[[str], Value]] = {
    "email": clean_email,
    "date": parse_file_date,
    "money": parse_money,
    "number": parse_number,
    "percent": parse_percent,
    "bool": parse_bool,
}
