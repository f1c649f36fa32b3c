from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from partnerkit.workspaces.selectors import membership_list


@require_GET
@never_cache
def healthz(request):
    """200 once the database answers: what load balancers and `serve` wait for."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
def home(request):
    """The workspace worked in last, or the list of workspaces."""
    memberships = membership_list(user=request.user)
    last = request.session.get("workspace")
    chosen = next((m for m in memberships if m.workspace.slug == last), None)
    if chosen is None and len(memberships) == 1:
        chosen = memberships[0]
    if chosen is not None:
        return redirect(chosen.workspace)
    return redirect("workspaces:list")
