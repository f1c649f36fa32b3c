"""Partnership pages: the board, the list, the partnership page and its forms, and stage moves.

Each view: check permission, fetch, call a service, answer. A stage move from the board or the
partnership page goes through ``services.partnership_move`` like every other interface; when
the method's conditions are not met the answer explains, in place, what is missing.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect, reswap, retarget

from partnerkit.core.errors import ConflictError
from partnerkit.method import stages
from partnerkit.partners import selectors as partner_selectors
from partnerkit.partnerships import selectors, services
from partnerkit.partnerships.forms import MoveForm, PartnershipFilterForm, PartnershipForm
from partnerkit.partnerships.models import GoalTypeCode, Partnership, Stage
from partnerkit.web.conflicts import conflict_context
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can

PAGE_SIZE = 50
# Cards per board column. Each card carries its own move form, so a column of more than this
# is both slow to render and hard to read; the rest is one link away, in the list.
BOARD_CARDS_PER_STAGE = 25
RECENT_CHANGES = 5
# Filters that the board shares with the list; the list also filters by stage and sorts.
BOARD_FILTERS = ("q", "goal_type", "partner_kind", "owner", "tag")


def _filters(request_data, workspace, names=None):
    form = PartnershipFilterForm(request_data or None, workspace=workspace)
    values = form.filter_values() if form.is_bound else {}
    if names is not None:
        values = {name: value for name, value in values.items() if name in names}
    return form, selectors.PartnershipFilters(**values)


def _move_context(request) -> dict:
    """What every move control needs, computed once per page."""
    return {
        "pipeline_stages": [
            (value, str(label)) for value, label in Stage.choices if value in stages.PIPELINE
        ],
        # Moving there asks for a reason (the method's "reason to stop" rule).
        "stages_needing_reason": [stage.value for stage in (*stages.CLOSED, stages.Stage.ON_HOLD)],
        "can_edit": can(request.membership, "edit"),
        "can_override": can(request.membership, "override"),
        "today": timezone.localdate(),
    }


def _move_options(current: str, chosen: str | None = None) -> list[tuple[str, str, bool]]:
    """The stages a partnership can move to as (value, label, selected); unless a stage was
    chosen already, the next stage of the pipeline comes selected."""
    if chosen is None:
        position = stages.PIPELINE.index(current) if current in stages.PIPELINE else -1
        following = stages.PIPELINE[position + 1 : position + 2]
        chosen = following[0].value if following else ""
    return [
        (value, str(label), value == chosen) for value, label in Stage.choices if value != current
    ]


def _prepare_cards(cards: list[Partnership]) -> None:
    # Labels and options are made once per page, not once per card: a board has hundreds.
    goal_labels = {code: str(label) for code, label in GoalTypeCode.choices}
    options_by_stage = {}
    for card in cards:
        if card.stage not in options_by_stage:
            options_by_stage[card.stage] = _move_options(card.stage)
        card.move_options = options_by_stage[card.stage]
        card.goal_labels = [goal_labels[goal.code] for goal in card.goal_types.all()]


def _board_context(request, query: QueryDict) -> dict:
    filter_form, filters = _filters(query, request.workspace, names=BOARD_FILTERS)
    columns = selectors.board(
        workspace=request.workspace, filters=filters, cards_per_stage=BOARD_CARDS_PER_STAGE
    )
    _prepare_cards([card for column in columns for card in column.cards])
    board_url = reverse("partnerships:board", kwargs={"workspace_slug": request.workspace.slug})
    list_query = QueryDict(mutable=True)
    list_query.update(
        {name: getattr(filters, name) for name in BOARD_FILTERS if getattr(filters, name)}
    )
    return {
        **_move_context(request),
        "filter_form": filter_form,
        "filters": filters,
        "filtered": any(getattr(filters, name) for name in BOARD_FILTERS),
        "pipeline": [column for column in columns if column.stage in stages.PIPELINE],
        "set_aside": [column for column in columns if column.stage not in stages.PIPELINE],
        "total": sum(column.count for column in columns),
        "next": board_url + (f"?{query.urlencode()}" if query else ""),
        "list_query": list_query.urlencode(),
    }


@workspace_view()
def board(request):
    context = _board_context(request, request.GET)
    if request.htmx and request.htmx.target == "board-columns":
        return render(request, "partnerships/_columns.html", context)
    return render(request, "partnerships/board.html", context)


@workspace_view()
def partnership_list(request):
    filter_form, filters = _filters(request.GET, request.workspace)
    partnerships = selectors.partnership_list(workspace=request.workspace, filters=filters)
    page = Paginator(partnerships, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter_form": filter_form,
        "filters": filters,
        "filtered": any(getattr(filters, name) for name in (*BOARD_FILTERS, "stage")),
        "page": page,
        "query_string": query.urlencode(),
        "can_edit": can(request.membership, "edit"),
        "today": timezone.localdate(),
    }
    if request.htmx and request.htmx.target == "partnership-results":
        return render(request, "partnerships/_results.html", context)
    return render(request, "partnerships/list.html", context)


@workspace_view()
def partnership_detail(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    partnership.move_options = _move_options(partnership.stage)
    timeline = selectors.partnership_timeline(partnership=partnership, limit=RECENT_CHANGES)
    return render(
        request,
        "partnerships/detail.html",
        {
            **_move_context(request),
            "partnership": partnership,
            "stage_changes": list(selectors.stage_changes(partnership=partnership)),
            "timeline": timeline,
            "next": request.get_full_path(),
        },
    )


@workspace_view("edit")
def partnership_create(request):
    partner = None
    if request.GET.get("partner", "").isdigit():
        partner = partner_selectors.partner_get(
            workspace=request.workspace, pk=request.GET["partner"]
        )
    form = PartnershipForm(request.POST or None, workspace=request.workspace, partner=partner)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_create(
                workspace=request.workspace,
                partner=form.cleaned_data["partner"],
                by=request.user,
                **form.service_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("“%(title)s” was added.") % {"title": partnership.title}
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/form.html",
        {"form": form, "partnership": None, "partner": form.chosen_partner},
    )


@workspace_view("edit")
def partnership_edit(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = PartnershipForm(request.POST or None, instance=partnership, workspace=request.workspace)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.partnership_update(
                partnership=partnership,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_values(),
            )
        except ConflictError as error:
            conflict = conflict_context(form, error, Partnership)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Changes to “%(title)s” saved.") % {"title": partnership.title}
            )
            return redirect(partnership)
    return render(
        request,
        "partnerships/form.html",
        {
            "form": form,
            "partnership": partnership,
            "partner": partnership.partner,
            "conflict": conflict,
        },
    )


@dataclass
class Missing:
    """One unmet condition of a blocked move, with where to put it right."""

    message: str
    fix_url: str = ""
    fix_label: str = ""


def _missing(request, partnership: Partnership, blocked: services.StageBlocked) -> list[Missing]:
    slug = request.workspace.slug
    edit = reverse("partnerships:edit", kwargs={"workspace_slug": slug, "pk": partnership.pk})
    partner = reverse(
        "partners:detail", kwargs={"workspace_slug": slug, "pk": partnership.partner_id}
    )
    fixes = {
        "estimates_before_shortlist": (f"{edit}#estimates", _("Add the estimates")),
        "weighed_before_preparing": (f"{edit}#estimates", _("Add the estimates")),
        "go_before_preparing": (f"{edit}#decision", _("Record the decision")),
        "contact_point_before_contact": (
            f"{partner}#contacts-heading",
            _("Mark a contact point on the page of %(partner)s")
            % {"partner": partnership.partner.name},
        ),
        "pitch_ready_before_contact": (
            reverse("pitch:detail", kwargs={"workspace_slug": slug, "pk": partnership.pk})
            + "#readiness",
            _("Answer them on the pitch page"),
        ),
        "basics_before_agreement": (edit, _("Complete the partnership")),
        "plan_b_before_running": (
            reverse("running:partnership", kwargs={"workspace_slug": slug, "pk": partnership.pk})
            + "#plan-b",
            _("Write the plan B and the roles on the running page"),
        ),
        "reason_to_stop": (f"#move-reason-{partnership.pk}", _("Give the reason below")),
    }
    found = []
    for item, message in zip(blocked.unmet, blocked.messages, strict=True):
        url, label = fixes.get(item.rule, (edit, _("Edit the partnership")))
        found.append(Missing(message, url, label))
    return found


def _safe_next(request, value: str) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("partnerships:board", kwargs={"workspace_slug": request.workspace.slug})


@workspace_view("edit")
@require_POST
def partnership_move(request, pk):
    """Move from a board card or the partnership page. With htmx the answer replaces the card
    (or the page's stage section) when the move is refused, and the whole board when it is
    done; without, it goes back to the page the form was on, with a message."""
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    form = MoveForm(request.POST)
    next_url = _safe_next(request, request.POST.get("next", ""))
    if not form.is_valid():
        problem = " ".join(message for errors in form.errors.values() for message in errors)
        return _not_moved(request, partnership, next_url, problem)
    try:
        # Raises PermissionDenied (403) when a member sends an override reason.
        change = services.partnership_move(
            partnership=partnership,
            to_stage=form.cleaned_data["to"],
            by=request.user,
            reason=form.cleaned_data["reason"],
            override_reason=form.cleaned_data["override_reason"] or None,
        )
    except services.StageBlocked as blocked:
        missing = _missing(request, partnership, blocked)
        return _not_moved(request, partnership, next_url, str(blocked), missing)
    except ValidationError as error:
        return _not_moved(request, partnership, next_url, " ".join(error.messages))
    return _moved(request, partnership, change, next_url)


def _from_partnership_page(request) -> bool:
    return bool(request.htmx) and request.htmx.target == "stage-mover"


def _moved(request, partnership: Partnership, change, next_url: str):
    done = _("“%(title)s” moved to %(stage)s.") % {
        "title": partnership.title, "stage": Stage(change.to_stage).label
    }
    if change.was_override:
        done += " " + _("The override is recorded with its reason.")
    if _from_partnership_page(request):
        messages.success(request, done)
        return HttpResponseClientRedirect(partnership.get_absolute_url())
    if not request.htmx:
        messages.success(request, done)
        return redirect(next_url)
    # The whole board again: the card changed column and the totals changed. The moved card
    # is marked so the script can give it the keyboard focus.
    context = _board_context(request, QueryDict(urlsplit(next_url).query))
    context.update({"moved": partnership.pk, "status": done})
    response = render(request, "partnerships/_columns.html", context)
    return reswap(retarget(response, "#board-columns"), "outerHTML")


def _not_moved(request, partnership: Partnership, next_url: str, problem: str, missing=()):
    if not request.htmx:
        messages.error(request, " ".join([problem, *(item.message for item in missing)]))
        return redirect(next_url)
    _prepare_cards([partnership])
    # Keep what was chosen, so putting it right (a reason, an override) is one more step.
    partnership.move_options = _move_options(partnership.stage, chosen=request.POST.get("to", ""))
    context = {
        **_move_context(request),
        "partnership": partnership,
        "card": partnership,
        "next": next_url,
        "problem": problem,
        "missing": missing,
        "attempt": request.POST,
    }
    if _from_partnership_page(request):
        return render(request, "partnerships/_mover.html", context)
    return render(request, "partnerships/_card.html", context)


@workspace_view()
def partnership_history(request, pk):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    return render(
        request,
        "partnerships/history.html",
        {
            "partnership": partnership,
            "timeline": selectors.partnership_timeline(partnership=partnership),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
@require_POST
def partnership_restore(request, pk, history_id):
    partnership = selectors.partnership_get(workspace=request.workspace, pk=pk)
    try:
        services.partnership_restore(
            partnership=partnership, history_id=history_id, by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partnerships:history", workspace_slug=request.workspace.slug, pk=pk)
    messages.success(request, _("The earlier version is back; the history keeps both."))
    return redirect(partnership)


