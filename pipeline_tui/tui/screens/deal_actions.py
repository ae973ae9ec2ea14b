"""What can be done to a deal, the same from the board and from its detail: win it (confirmed,
then the mission it opens, prefilled), lose it (confirmed, then why), reopen it, edit it, delete
it (confirmed, saying what goes with it). Each write is one service call, so one ``ctrl+z``
undoes it whole (a win and the mission it opened together).

``DealActions`` is a mixin for a screen with a ``context``; the screen says what follows a change
in ``deal_changed`` (the board reloads; the detail reloads or closes). Moves (``]`` and ``[``)
run one after another in the order of the keys, so two quick presses move a deal two stages.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, NamedTuple

from pipeline_tui.domain.money import format_money
from pipeline_tui.domain.vocabulary import CHANNELS, OPEN_STAGES, label
from pipeline_tui.domain.winning import MissionTerms, default_months
from pipeline_tui.errors import PipelineError
from pipeline_tui.i18n import _, pgettext
from pipeline_tui.services.clients import list_clients
from pipeline_tui.services.deal_edits import (
    Reopened,
    Won,
    add_named_deal,
    deal_removal,
    remove_deal,
    reopen_deal,
    win_deal,
)
from pipeline_tui.services.deal_view import DealDetail, deal_detail
from pipeline_tui.services.deals import move_deal, update_deal
from pipeline_tui.tui.context import TuiContext
from pipeline_tui.tui.messages import DataChanged
from pipeline_tui.tui.screens.confirm import ConfirmScreen
from pipeline_tui.tui.screens.form import FieldSpec, FormScreen, renewal_field
from pipeline_tui.tui.widgets.stage_board import stage_name
from pipeline_tui.tui.workers import ERROR_SECONDS, ServiceCalls

NOTICE_SECONDS = 10  # a reopen that keeps a mission says so long enough to be read


def channel_choices() -> tuple[tuple[str, str], ...]:
    """The channels as a select offers them: (label in the language spoken, stored code)."""
    return tuple((label(c), c) for c in CHANNELS)


Callback = Callable[[], object]


class _Move(NamedTuple):
    """A move asked by a key: the deal, its new stage, what follows it (or its refusal)."""

    deal_id: int
    title: str
    target: str
    moved: Callback | None
    refused: Callback | None


def deal_fields(detail: DealDetail | None = None) -> list[FieldSpec]:
    """The fields a deal is edited with, prefilled from ``detail`` when given."""
    d = detail.deal if detail else None
    contacts = detail.client_contacts if detail else ()
    fields = [
        FieldSpec("title", _("Title"), required=True, default=d and d.title, max_len=200),
        FieldSpec(
            "monthly_value_cents",
            _("Monthly value"),
            "money",
            required=True,
            default=d and d.monthly_value_cents,
        ),
        FieldSpec(
            "duration_months",
            _("Expected duration (months)"),
            "float",
            minimum=0.5,
            default=d and d.duration_months and f"{d.duration_months:g}",
        ),
        FieldSpec(
            "probability",
            _("Own probability % (empty: the stage's)"),
            "int",
            minimum=0,
            maximum=100,
            default=d and d.probability,
        ),
        FieldSpec(
            "expected_close_on", _("Expected close"), "date", default=d and d.expected_close_on
        ),
        FieldSpec(
            "channel",
            _("Source channel"),
            "choice",
            required=True,
            default=d.channel if d else "other",
            choices=channel_choices(),
        ),
    ]
    if detail is not None:
        fields.append(
            FieldSpec(
                "contact_id",
                _("Contact"),
                "choice",
                default=d.contact_id if d else None,
                choices=tuple((c.full_name, c.id) for c in contacts),
            )
        )
        fields.append(
            renewal_field(detail.client_missions, detail.renews.id if detail.renews else None)
        )
    return fields


def mission_fields(detail: DealDetail, today) -> list[FieldSpec]:
    """The mission a win opens, prefilled from the deal (``domain.winning.mission_values``)."""
    d = detail.deal
    return [
        FieldSpec("title", _("Mission title"), required=True, default=d.title, max_len=200),
        FieldSpec("start_on", _("Start"), "date", required=True, default=today),
        FieldSpec(
            "months", _("Months"), "int", minimum=1, default=default_months(d.duration_months)
        ),
        FieldSpec(
            "monthly_cents",
            _("Monthly amount (empty it to price by the day)"),
            "money",
            default=d.monthly_value_cents or None,
        ),
        FieldSpec("day_rate_cents", _("…or day rate"), "money"),
        FieldSpec("days_per_month", _("Days per month (with a day rate)"), "float", minimum=0.5),
    ]


def mission_terms(values: dict[str, Any]) -> MissionTerms:
    return MissionTerms(
        title=values["title"],
        start_on=values["start_on"],
        months=values["months"],
        day_rate_cents=values["day_rate_cents"],
        days_per_month=values["days_per_month"],
        monthly_cents=values["monthly_cents"],
    )


class DealActions(ServiceCalls):
    """Mixin: the deal's actions, each confirmed where it is hard to take back."""

    context: TuiContext

    def deal_changed(self, deleted: bool = False) -> None:
        """After a write: say the data changed (the app reloads the visible screen)."""
        self.app.post_message(DataChanged())  # type: ignore[attr-defined]

    # -- the keys (``keymap.SCREEN_KEYS``) ---------------------------------------------------
    def deal_under_keys(self) -> int | None:
        """The id of the deal the keys act on (the board's selected card, the detail's deal);
        None when there is none (the screen has said so)."""
        raise NotImplementedError

    def _on_deal_under_keys(self, act: Callable[[int], object]) -> None:
        deal_id = self.deal_under_keys()
        if deal_id is not None:
            act(deal_id)

    def action_won(self) -> None:
        self._on_deal_under_keys(self.win)

    def action_lost(self) -> None:
        self._on_deal_under_keys(self.lose)

    def action_reopen(self) -> None:
        self._on_deal_under_keys(self.reopen)

    def action_edit(self) -> None:
        self._on_deal_under_keys(self.edit)

    def action_delete(self) -> None:
        self._on_deal_under_keys(self.delete)

    def _with_deal(self, deal_id: int, then) -> None:
        """The deal with what its forms need (client, contacts, missions), then ``then``."""
        if not self.context.can_write():
            return
        self.call_with_store(deal_detail, deal_id, then=then)

    def _with_deal_not_at(
        self, deal_id: int, stage: str, already: str, then: Callable[[DealDetail], None]
    ) -> None:
        """``_with_deal``, unless the deal is at ``stage`` already: ``already`` says so (its
        ``{deal}``, the deal's title)."""

        def unless_there(detail: DealDetail) -> None:
            if detail.deal.stage == stage:
                self.app.notify(already.format(deal=detail.deal.title), severity="warning")  # type: ignore[attr-defined]
            else:
                then(detail)

        self._with_deal(deal_id, unless_there)

    # -- move -----------------------------------------------------------------------------
    def _move_queue(self) -> deque[_Move]:
        queue = getattr(self, "_queued_moves", None)
        if queue is None:
            queue = self._queued_moves = deque()
        return queue

    @property
    def moves_pending(self) -> bool:
        """True while a move is under way or waits for the one before it."""
        return bool(self._move_queue())

    def move(
        self,
        deal_id: int,
        title: str,
        target: str,
        *,
        moved: Callback | None = None,
        refused: Callback | None = None,
    ) -> None:
        """Move the deal to ``target`` once the moves asked before are done; ``moved`` runs
        after it is recorded, ``refused`` when it is not (the moves queued after it are
        dropped: each was asked from the stage the refused one would have reached)."""
        if not self.context.can_write():
            return
        queue = self._move_queue()
        queue.append(_Move(deal_id, title, target, moved, refused))
        if len(queue) == 1:
            self._next_move()

    def _next_move(self) -> None:
        queue = self._move_queue()
        if not queue:
            return
        move = queue[0]

        def done(_deal: object) -> None:
            queue.popleft()
            if move.moved is not None:
                move.moved()
            self.deal_changed()
            self._next_move()

        def failed(error: PipelineError) -> None:
            queue.clear()
            self.app.notify(str(error), severity="error", timeout=ERROR_SECONDS)  # type: ignore[attr-defined]
            if move.refused is not None:
                move.refused()

        self.call_with_store(
            move_deal,
            move.deal_id,
            move.target,
            on=self.context.today,
            then=done,
            failed=failed,
            success=_("{deal}: {stage}").format(deal=move.title, stage=label(move.target)),
        )

    # -- won ------------------------------------------------------------------------------
    def win(self, deal_id: int) -> None:
        self._with_deal_not_at(deal_id, "won", _("{deal} is already won."), self._confirm_win)

    def _confirm_win(self, detail: DealDetail) -> None:
        d = detail.deal
        value = format_money(d.monthly_value_cents)

        def answered(yes: bool | None) -> None:
            if yes:
                self._mission_form(detail)

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmScreen(
                _("Mark “{deal}” won?").format(deal=d.title),
                [
                    _("{client}, {value}/month, now at the {stage} stage").format(
                        client=detail.client.name, value=value, stage=label(d.stage)
                    ),
                    _("Next: the mission it opens, prefilled from the deal (or none for now)"),
                ],
                yes=_("Won"),
            ),
            answered,
        )

    def _mission_form(self, detail: DealDetail) -> None:
        d = detail.deal
        store, today = self.context.require_store(), self.context.today

        def save(values: dict[str, Any]) -> Won:
            return win_deal(store, d.id, on=today, mission=mission_terms(values))

        def done(won: Won | None) -> None:
            if won is None:  # Escape / "Won, no mission": won all the same, the mission later
                self.call_service(
                    win_deal,
                    store,
                    d.id,
                    on=today,
                    then=lambda _won: self.deal_changed(),
                    success=_("{deal}: won (no mission yet)").format(deal=d.title),
                )
                return
            said = _("{deal}: won; mission “{mission}” opened")
            self.app.notify(said.format(deal=d.title, mission=won.mission.title))  # type: ignore[attr-defined,union-attr]
            self.deal_changed()

        self.app.push_screen(  # type: ignore[attr-defined]
            FormScreen(
                _("Won: {deal}\nIts mission, from the deal · Escape: won, no mission yet").format(
                    deal=d.title
                ),
                mission_fields(detail, today),
                today,
                submit_label=_("Win and open the mission"),
                cancel_label=_("Won, no mission"),
                save=save,
            ),
            done,
        )

    # -- lost -----------------------------------------------------------------------------
    def lose(self, deal_id: int) -> None:
        self._with_deal_not_at(deal_id, "lost", _("{deal} is already lost."), self._confirm_loss)

    def _confirm_loss(self, detail: DealDetail) -> None:
        d = detail.deal
        store, today = self.context.require_store(), self.context.today

        def save(values: dict[str, Any]) -> object:
            return move_deal(store, d.id, "lost", on=today, lost_reason=values["reason"])

        def lost(result: object | None) -> None:
            if result is not None:
                self.app.notify(_("{deal}: lost").format(deal=d.title))  # type: ignore[attr-defined]
                self.deal_changed()

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.push_screen(  # type: ignore[attr-defined]
                    FormScreen(
                        _("Lost: {deal}").format(deal=d.title),
                        [
                            FieldSpec(
                                "reason",
                                _("Why was it lost?"),
                                required=True,
                                placeholder=_("price, timing, went with a competitor…"),
                            )
                        ],
                        today,
                        submit_label=_("Mark lost"),
                        save=save,
                    ),
                    lost,
                )

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmScreen(
                _("Mark “{deal}” lost?").format(deal=d.title),
                [
                    _("{client}, now at the {stage} stage").format(
                        client=detail.client.name, stage=label(d.stage)
                    ),
                    _("Next: why it was lost"),
                ],
                yes=_("Lost"),
            ),
            answered,
        )

    # -- reopen ---------------------------------------------------------------------------
    def reopen(self, deal_id: int, stage: str | None = None) -> None:
        if not self.context.can_write():
            return

        def reopened(back: Reopened) -> None:
            message = _("{deal}: reopened at {stage} (was {was})").format(
                deal=back.deal.title, stage=label(back.stage), was=label(back.was)
            )
            if back.kept_sentence:
                message += f". {back.kept_sentence}"
            self.app.notify(message, timeout=NOTICE_SECONDS)  # type: ignore[attr-defined]
            self.deal_changed()

        self.call_with_store(
            reopen_deal,
            deal_id,
            on=self.context.today,
            stage=stage,
            then=reopened,
        )

    # -- edit -----------------------------------------------------------------------------
    def edit(self, deal_id: int) -> None:
        self._with_deal(deal_id, self._edit_form)

    def _edit_form(self, detail: DealDetail) -> None:
        d = detail.deal
        store = self.context.require_store()

        def save(values: dict[str, Any]) -> object:
            return update_deal(store, d.id, **values)

        def saved(result: object | None) -> None:
            if result is not None:
                self.app.notify(_("Deal saved: {deal}").format(deal=values_title(result)))  # type: ignore[attr-defined]
                self.deal_changed()

        self.app.push_screen(  # type: ignore[attr-defined]
            FormScreen(
                _("Edit deal: {deal}").format(deal=d.title),
                deal_fields(detail),
                self.context.today,
                save=save,
            ),
            saved,
        )

    # -- add ------------------------------------------------------------------------------
    def add(self, stage: str) -> None:
        if not self.context.can_write():
            return
        store, today = self.context.require_store(), self.context.today

        def names(_: object = None) -> list[str]:
            return [c.name for c in list_clients(store, today)]

        self.call_service(names, then=lambda found: self._add_form(stage, found))

    def _add_form(self, stage: str, client_names: list[str]) -> None:
        store, today = self.context.require_store(), self.context.today

        def save(values: dict[str, Any]) -> object:
            client = values.pop("client")
            title = values.pop("title")
            at = values.pop("stage")
            given = {k: v for k, v in values.items() if v is not None}
            return add_named_deal(store, client, title, on=today, stage=at, **given)

        def added(result: object | None) -> None:
            if result is not None:
                self.app.notify(_("Deal added: {deal}").format(deal=values_title(result)))  # type: ignore[attr-defined]
                self.deal_changed()

        fields = [
            FieldSpec(
                "client",
                _("Client (#id or name)"),
                required=True,
                suggestions=tuple(client_names),
                placeholder=_("start typing: → takes the name offered"),
            ),
            FieldSpec(
                "stage",
                _("Stage"),
                "choice",
                required=True,
                default=stage if stage in OPEN_STAGES else "lead",
                choices=tuple((stage_name(s), s) for s in OPEN_STAGES),
            ),
            *deal_fields(),
        ]
        self.app.push_screen(  # type: ignore[attr-defined]
            FormScreen(_("New deal"), fields, today, submit_label=_("Add the deal"), save=save),
            added,
        )

    # -- delete ---------------------------------------------------------------------------
    def delete(self, deal_id: int) -> None:
        if not self.context.can_write():
            return
        self.call_with_store(deal_removal, deal_id, then=self._confirm)

    def _confirm(self, removal) -> None:
        details = [_("The client, its contacts and missions stay.")]
        self.call_service_if_confirmed(
            ConfirmScreen(removal.question, details, yes=pgettext("button", "Delete")),
            remove_deal,
            self.context.require_store(),
            removal.id,
            then=lambda _: self.deal_changed(deleted=True),
            success=_("Deleted {name}").format(name=removal.name),
        )


def values_title(deal: object) -> str:
    return str(getattr(deal, "title", ""))
