"""Ranking and selection pages: the ranking with its chart and exports, the capacity
simulation, selecting and shortlisting, and community notices.

Each view checks permission, fetches with a selector, writes with a service and answers. The
ranking is internal (it shows estimates): workspace members only, never partner-facing.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partnerkit.core.errors import ConflictError
from partnerkit.method.weights import CRITERIA, PRESETS, RankingError
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.partnerships.services import StageBlocked, partnership_move
from partnerkit.selection import charts, exports, notices, selectors, services
from partnerkit.selection.forms import (
    NoticeCreateForm,
    NoticeForm,
    SelectForm,
    ShortlistForm,
    ThresholdForm,
    WeightsForm,
)
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can

SORT_NAMES = {
    "weighted": gettext_lazy("weighted sum"),
    "topsis": "TOPSIS",
    "title": gettext_lazy("title"),
    "partner": gettext_lazy("partner"),
    "top": gettext_lazy("share of draws in the top ranks"),
    **{criterion.code: criterion.label for criterion in CRITERIA},
}


# Column headings of the estimates; the full label and question go in the tooltip.
SHORT_LABELS = {
    "impact": gettext_lazy("Impact"),
    "likelihood": gettext_lazy("Likelihood"),
    "ease": gettext_lazy("Ease"),
    "benefit": gettext_lazy("Benefit"),
    "risk": gettext_lazy("Risk"),
    "effort": gettext_lazy("Effort (h)"),
    "fit": gettext_lazy("Fit"),
}


def _another_seed(seed: int) -> int:
    """A different seed, the same one each time, for "try another draw"."""
    return (seed * 7919 + 1) % 1_000_003


def _seed(request) -> int:
    value = request.GET.get("seed", "")
    return int(value) if value.isdigit() and len(value) < 19 else selectors.DEFAULT_SEED


def _include_preparing(request) -> bool:
    return request.GET.get("preparing") == "1"


def _url(name: str, request, **query) -> str:
    url = reverse(f"selection:{name}", kwargs={"workspace_slug": request.workspace.slug})
    query = {key: value for key, value in query.items() if value not in (None, "", False)}
    return url + (f"?{urlencode(query)}" if query else "")


# --- Ranking -----------------------------------------------------------------------------------


def _weights_form(board_settings: selectors.RankingSettings, data=None) -> WeightsForm:
    initial = {"preset": board_settings.preset, **board_settings.weights}
    return WeightsForm(data, initial=initial)


def _chart(board: selectors.RankingBoard) -> tuple[str, list]:
    """The impact/ease chart, and the candidates it cannot show with what they lack."""
    front = board.dominance.non_dominated if board.dominance else frozenset()
    ranks = {row.partnership.pk: row.weighted.rank for row in board.rows}
    points, off_chart = [], []
    partnerships = [row.partnership for row in board.rows] + [p for p, _m in board.unranked]
    estimates = {row.partnership.pk: row.candidate.estimates for row in board.rows}
    for partnership in partnerships:
        values = estimates.get(partnership.pk) or {
            "impact": partnership.impact, "ease": partnership.ease
        }
        lacking = [code for code in ("impact", "ease") if values.get(code) is None]
        if lacking:
            off_chart.append((partnership, lacking))
            continue
        points.append(
            charts.Point(
                id=partnership.pk,
                label=partnership.title,
                ease=float(values["ease"]),
                impact=float(values["impact"]),
                front=partnership.pk in front,
                rank=ranks.get(partnership.pk),
            )
        )
    svg = charts.impact_ease_svg(points) if points else ""
    return svg, off_chart


def _ranking_context(request, form: WeightsForm | None = None) -> dict:
    workspace = request.workspace
    seed = _seed(request)
    include_preparing = _include_preparing(request)
    board_settings = selectors.ranking_settings(workspace=workspace)
    try:
        board = selectors.ranking_board(
            workspace=workspace, include_preparing=include_preparing, seed=seed
        )
    except RankingError as error:
        # Weights saved before a rule changed: rank with the preset and say so.
        messages.warning(request, _("The saved weights cannot be used (%s).") % error)
        board = selectors.ranking_board(
            workspace=workspace,
            weights=board_settings.preset,
            include_preparing=include_preparing,
            seed=seed,
        )
    sort = request.GET.get("sort", "weighted")
    if sort not in selectors.SORTS:
        sort = "weighted"
    chart_svg, off_chart = _chart(board)
    base = {"preparing": "1" if include_preparing else "", "seed": seed}

    def sort_url(key):
        return _url("ranking", request, sort=key, **base)

    return {
        "board": board,
        "rows": selectors.sorted_rows(board.rows, sort),
        "sort": sort,
        "sort_label": _(str(SORT_NAMES[sort])),
        "sort_urls": {key: sort_url(key) for key in selectors.SORTS},
        "criteria": CRITERIA,
        "estimate_columns": [
            {
                "code": criterion.code,
                "label": _(criterion.label),
                "question": _(criterion.question),
                "short": SHORT_LABELS[criterion.code],
                "url": sort_url(criterion.code),
            }
            for criterion in CRITERIA
        ],
        "presets": PRESETS.values(),
        "form": form or _weights_form(board_settings),
        "chart_svg": chart_svg,
        "off_chart": off_chart,
        "can_edit": can(request.membership, "edit"),
        "seed": seed,
        "include_preparing": include_preparing,
        "toggle_preparing_url": _url(
            "ranking", request, sort=sort, seed=seed, preparing="" if include_preparing else "1"
        ),
        "reseed_url": _url("ranking", request, sort=sort, preparing=base["preparing"],
                           seed=_another_seed(seed)),
        "export_query": urlencode({k: v for k, v in base.items() if v}),
        "weights_percent": [
            (criterion, board.weights.get(criterion.code, 0) * 100) for criterion in CRITERIA
        ],
    }


@workspace_view()
def ranking(request):
    return render(request, "selection/ranking.html", _ranking_context(request))


@workspace_view("edit")
@require_POST
def weights(request):
    form = WeightsForm(request.POST)
    if form.is_valid():
        use_preset = "use_preset" in request.POST
        try:
            services.ranking_weights_update(
                workspace=request.workspace,
                by=request.user,
                preset_code=form.cleaned_data["preset"],
                weights=None if use_preset else form.weights(),
            )
        except RankingError as error:
            form.add_ranking_error(error)
        else:
            if use_preset:
                label = PRESETS[form.cleaned_data["preset"]].label
                messages.success(request, _("Weights set to the preset “%s”.") % _(label))
            else:
                messages.success(request, _("Weights saved."))
            return redirect(_url("ranking", request))
    return render(request, "selection/ranking.html", _ranking_context(request, form=form))


def _export_board(request) -> selectors.RankingBoard:
    return selectors.ranking_board(
        workspace=request.workspace,
        include_preparing=_include_preparing(request),
        seed=_seed(request),
    )


def _filename(request, extension: str) -> str:
    today = timezone.localdate().isoformat()
    return f"{request.workspace.slug}-ranking-{today}.{extension}"


@workspace_view()
def export_csv(request):
    response = HttpResponse(
        exports.as_csv(_export_board(request)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "csv")}"'
    return response


@workspace_view()
def export_xlsx(request):
    response = HttpResponse(
        exports.as_xlsx(_export_board(request)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(request, "xlsx")}"'
    return response


# --- Selecting and shortlisting ----------------------------------------------------------------


@workspace_view("edit")
def select(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    seed = _seed(request)
    if request.method == "POST":
        form = SelectForm(request.POST)
        check = None
        if form.is_valid():
            seed = form.cleaned_data["seed"]
            try:
                check = services.partnership_select(
                    partnership=partnership,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    version=form.cleaned_data["version"],
                    confirm_overload=form.cleaned_data["confirm_overload"],
                    seed=seed,
                )
            except services.OverloadWarning as warning:
                check = warning.check
                form.add_error(
                    "confirm_overload",
                    _("Tick this box to select it anyway, or defer other partnerships first."),
                )
            except ValidationError as error:
                form.add_error(None, error)
            except ConflictError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("“%(title)s” is selected. Tell the community: draft a community notice.")
                    % {"title": partnership.title},
                )
                return redirect(_url("ranking", request))
        if check is None:
            check = selectors.selection_check(partnership=partnership, seed=seed)
    else:
        check = selectors.selection_check(partnership=partnership, seed=seed)
        form = SelectForm(
            initial={
                "version": partnership.version,
                "seed": seed,
                "reason": partnership.decision_reason if partnership.decision == "go" else "",
            }
        )
    return render(
        request,
        "selection/select.html",
        {"partnership": partnership, "check": check, "form": form},
    )


@workspace_view("edit")
@require_POST
def shortlist(request, pk):
    partnership = partnership_get(workspace=request.workspace, pk=pk)
    form = ShortlistForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        partnership_move(
            partnership=partnership, to_stage="shortlisted", by=request.user, reason=reason
        )
    except StageBlocked as blocked:
        messages.error(
            request,
            _("“%(title)s” cannot be shortlisted yet. %(problem)s Missing: %(missing)s")
            % {
                "title": partnership.title,
                "problem": blocked,
                "missing": " ".join(blocked.messages),
            },
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” is shortlisted.") % {"title": partnership.title})
    return redirect(_url("ranking", request))


# --- Capacity ----------------------------------------------------------------------------------


def _capacity_context(request, threshold_form: ThresholdForm | None = None) -> dict:
    seed = _seed(request)
    view = selectors.capacity_view(workspace=request.workspace, seed=seed)
    chart_svg = ""
    result = view.result
    if result is not None:
        shares = [count / result.samples for count in result.histogram.counts]
        chart_svg = charts.capacity_svg(
            charts.Bars(result.histogram.edges, shares, result.capacity),
            description=_(
                "In %(p).0f %% of %(samples)s simulated months the hours needed exceed the "
                "capacity of %(capacity)s hours."
            )
            % {"p": result.p_overload * 100, "samples": result.samples,
               "capacity": f"{result.capacity:g}"},
        )
    loads = []
    if result is not None:
        for load in result.loads:
            loads.append((view.by_id[load.id], load))
    defer = [view.by_id[pk] for pk in view.deferral.defer] if view.deferral else []
    return {
        "view": view,
        "result": result,
        "loads": loads,
        "defer": defer,
        "chart_svg": chart_svg,
        "quantiles": [
            (int(q * 100), hours) for q, hours in (result.quantiles.items() if result else [])
        ],
        "seed": seed,
        "reseed_url": _url("capacity", request, seed=_another_seed(seed)),
        "threshold_form": threshold_form
        or ThresholdForm(initial={"threshold": round(view.threshold * 100)}),
        "can_edit": can(request.membership, "edit"),
    }


@workspace_view()
def capacity(request):
    return render(request, "selection/capacity.html", _capacity_context(request))


@workspace_view("edit")
@require_POST
def threshold(request):
    form = ThresholdForm(request.POST)
    if form.is_valid():
        try:
            services.overload_threshold_update(
                workspace=request.workspace,
                by=request.user,
                threshold=form.cleaned_data["threshold"] / 100,
            )
        except ValidationError as error:
            form.add_error("threshold", " ".join(error.messages))
        else:
            messages.success(request, _("Overload warning threshold saved."))
            return redirect(_url("capacity", request))
    return render(request, "selection/capacity.html", _capacity_context(request, form))


# --- Community notices -------------------------------------------------------------------------


@workspace_view()
def notice_list(request):
    return render(
        request,
        "selection/notices.html",
        {
            "notices": selectors.notice_list(workspace=request.workspace),
            "selected_count": selectors.selected_partnerships(workspace=request.workspace).count(),
            "can_edit": can(request.membership, "edit"),
        },
    )


@workspace_view("edit")
def notice_create(request):
    selected = selectors.selected_partnerships(workspace=request.workspace)
    if request.method == "POST":
        form = NoticeCreateForm(request.POST, selected=selected)
        if form.is_valid():
            chosen = list(form.cleaned_data["partnerships"])
            wikitext = form.cleaned_data["wikitext"]
            if "draft" in request.POST or not wikitext.strip():
                # Rewrite the draft for the partnerships now ticked.
                data = request.POST.copy()
                data["wikitext"] = notices.notice_draft(
                    workspace=request.workspace, partnerships=chosen
                )
                form = NoticeCreateForm(data, selected=selected)
                form.is_valid()
            else:
                try:
                    notice = services.community_notice_create(
                        workspace=request.workspace,
                        by=request.user,
                        partnerships=chosen,
                        wikitext=wikitext,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(
                        request,
                        _("Notice saved. Post it on the wiki, then record where and what "
                          "people said."),
                    )
                    return redirect(
                        reverse(
                            "selection:notice_edit",
                            kwargs={"workspace_slug": request.workspace.slug, "pk": notice.pk},
                        )
                    )
    else:
        chosen = list(selected)
        form = NoticeCreateForm(
            initial={
                "partnerships": chosen,
                "wikitext": notices.notice_draft(workspace=request.workspace, partnerships=chosen),
            },
            selected=selected,
        )
    return render(
        request, "selection/notice_form.html", {"form": form, "has_selected": selected.exists()}
    )


@workspace_view()
def notice_detail(request, pk):
    notice = selectors.notice_get(workspace=request.workspace, pk=pk)
    return render(
        request,
        "selection/notice_detail.html",
        {"notice": notice, "can_edit": can(request.membership, "edit")},
    )


@workspace_view("edit")
def notice_edit(request, pk):
    notice = selectors.notice_get(workspace=request.workspace, pk=pk)
    initial = {
        "wikitext": notice.wikitext,
        "posted_url": notice.posted_url,
        "posted_on": notice.posted_on,
        "feedback": notice.feedback,
    }
    form = NoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.community_notice_update(notice=notice, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Notice saved."))
            return redirect(
                reverse(
                    "selection:notice",
                    kwargs={"workspace_slug": request.workspace.slug, "pk": notice.pk},
                )
            )
    return render(request, "selection/notice_edit.html", {"notice": notice, "form": form})
