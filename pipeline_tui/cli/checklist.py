"""``checklist``: change and delete what an offboarding holds, as the offboarding screen does.

- ``checklist item edit|rm CLIENT KEY``: an item of the client's latest checklist, by its key
  (``offboarding CLIENT`` lists them);
- ``checklist step add CLIENT TASK`` and ``checklist step edit|rm ID``: the transition plan;
- ``checklist doc add CLIENT NAME`` and ``checklist doc edit|rm ID``: the documents to hand over;
- ``checklist lesson edit|rm ID``: a lesson of the post-mortem (``lessons`` lists them with their
  ids; ``lesson`` adds one).

The ids of steps and documents are in ``offboarding CLIENT --json``. Parse, call the services,
print; every write is one transaction in its service.
"""

from __future__ import annotations

import click

from pipeline_tui.cli.base import Runtime, cli, confirm_removal, record_id, rm_by_id, yes_option
from pipeline_tui.cli.offboarding import client_id_named, typed_date
from pipeline_tui.domain.mathutil import format_day
from pipeline_tui.i18n import N_, _


def _offboarding_of(runtime: Runtime, client: str) -> int:
    from pipeline_tui.services.offboarding_view import latest_offboarding_id

    return latest_offboarding_id(runtime.store(), client_id_named(runtime, client))


@cli.group(
    help=_("Change or delete an offboarding's items, transition steps, documents and lessons.")
)
def checklist() -> None: ...


# --- items ---------------------------------------------------------------------------------------


@checklist.group("item", help=_("The items of a client's checklist, by key."))
def item() -> None: ...


@item.command("edit", help=_("Retitle, redate or annotate an item."))
@click.argument("client")
@click.argument("key")
@click.option("--title")
@click.option("--due", metavar="DATE")
@click.option("--notes", help=_('Notes ("" clears them).'))
@click.pass_obj
def item_edit(
    runtime: Runtime, client: str, key: str, title: str | None, due: str | None, notes: str | None
) -> None:
    from pipeline_tui.services import offboarding as service

    store = runtime.store()
    found = service.find_item(store, _offboarding_of(runtime, client), key)
    changed = service.update_item(
        store, found.id, title=title, due_on=typed_date(due, runtime, "--due"), notes=notes
    )
    click.echo(
        _("{key}: due {day}, {title}").format(
            key=key, day=format_day(changed.due_on), title=changed.title
        )
    )


@item.command(
    "rm", help=_("Delete an item that does not apply (the checklist closes when the rest is done).")
)
@click.argument("client")
@click.argument("key")
@yes_option
@click.pass_obj
def item_rm(runtime: Runtime, client: str, key: str, yes: bool) -> None:
    from pipeline_tui.services import offboarding as service

    store = runtime.store()
    found = service.find_item(store, _offboarding_of(runtime, client), key)
    confirm_removal(_("Delete the checklist item {title!r}?").format(title=found.title), yes)
    progress = service.remove_item(store, found.id, runtime.config.today)
    click.echo(_("Deleted {key}; {progress} done.").format(key=key, progress=progress))


# --- transition steps ----------------------------------------------------------------------------


@checklist.group("step", help=_("The transition plan: who takes over what."))
def step() -> None: ...


@step.command("add", help=_("Add a step to the client's transition plan."))
@click.argument("client")
@click.argument("task")
@click.option("--owner", help=_("Who takes it over."))
@click.option("--by", "due", metavar="DATE")
@click.pass_obj
def step_add(runtime: Runtime, client: str, task: str, owner: str | None, due: str | None) -> None:
    from pipeline_tui.services import offboarding as service

    made = service.add_transition_step(
        runtime.store(),
        _offboarding_of(runtime, client),
        task,
        owner=owner,
        due_on=typed_date(due, runtime, "--by"),
    )
    click.echo(_("Step #{id} added: {task}").format(id=made.id, task=made.task))


@step.command("edit", help=_("Change a step of the transition plan (what is not given stays)."))
@click.argument("step_ref", metavar="ID")
@click.option("--task")
@click.option("--owner", help=_('Who takes it over ("" for nobody named).'))
@click.option("--by", "due", metavar="DATE", help=_('By when ("" for no date).'))
@click.pass_obj
def step_edit(
    runtime: Runtime, step_ref: str, task: str | None, owner: str | None, due: str | None
) -> None:
    from pipeline_tui.services import offboarding as service
    from pipeline_tui.services.offboarding_view import transition_step

    store, step_id = runtime.store(), record_id(step_ref, _("a transition step"))
    current = transition_step(store, step_id)
    changed = service.update_transition_step(
        store,
        step_id,
        current.task if task is None else task,
        owner=current.owner if owner is None else owner,
        due_on=current.due_on if due is None else typed_date(due or None, runtime, "--by"),
    )
    click.echo(_("Step #{id}: {task}").format(id=changed.id, task=changed.task))


@rm_by_id(
    step,
    N_("a transition step"),
    N_("Delete transition step #{id}?"),
    N_("Deleted step #{id}."),
    help=_("Delete a step of the transition plan."),
)
def step_rm(store, step_id: int) -> None:
    from pipeline_tui.services import offboarding as service

    service.remove_transition_step(store, step_id)


# --- documents -----------------------------------------------------------------------------------


@checklist.group("doc", help=_("The documents to gather and hand over."))
def doc() -> None: ...


@doc.command("add", help=_("Add a document to hand over."))
@click.argument("client")
@click.argument("name")
@click.pass_obj
def doc_add(runtime: Runtime, client: str, name: str) -> None:
    from pipeline_tui.services import offboarding as service

    made = service.add_document(runtime.store(), _offboarding_of(runtime, client), name)
    click.echo(_("Document #{id} added: {name}").format(id=made.id, name=made.name))


@doc.command("edit", help=_("Rename a document."))
@click.argument("doc_ref", metavar="ID")
@click.argument("name")
@click.pass_obj
def doc_edit(runtime: Runtime, doc_ref: str, name: str) -> None:
    from pipeline_tui.services import offboarding as service

    changed = service.rename_document(runtime.store(), record_id(doc_ref, _("a document")), name)
    click.echo(_("Document #{id}: {name}").format(id=changed.id, name=changed.name))


@rm_by_id(
    doc,
    N_("a document"),
    N_("Delete document #{id} from the list?"),
    N_("Deleted document #{id}."),
    help=_("Delete a document from the list."),
)
def doc_rm(store, doc_id: int) -> None:
    from pipeline_tui.services import offboarding as service

    service.remove_document(store, doc_id)


# --- lessons -------------------------------------------------------------------------------------


@checklist.group("lesson", help=_("The lessons of a post-mortem."))
def lesson() -> None: ...


@lesson.command(
    "edit", help=_("Rewrite a lesson (without --training-by it is something that did not work).")
)
@click.argument("lesson_ref", metavar="ID")
@click.argument("text")
@click.option("--training-by", metavar="DATE", help=_("A training to take, by this date."))
@click.pass_obj
def lesson_edit(runtime: Runtime, lesson_ref: str, text: str, training_by: str | None) -> None:
    from pipeline_tui.services import lessons as service

    due_on = typed_date(training_by, runtime, "--training-by")
    changed = service.update_lesson(
        runtime.store(),
        record_id(lesson_ref, _("a lesson")),
        text,
        kind="training" if due_on else "went_wrong",
        due_on=due_on,
    )
    click.echo(_("Lesson #{id}: {text}").format(id=changed.id, text=changed.text))


@rm_by_id(
    lesson,
    N_("a lesson"),
    N_("Delete lesson #{id}?"),
    N_("Deleted lesson #{id}."),
    help=_("Delete a lesson."),
)
def lesson_rm(store, lesson_id: int) -> None:
    from pipeline_tui.services import lessons as service

    service.remove_lesson(store, lesson_id)
