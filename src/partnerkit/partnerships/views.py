from django.shortcuts import render

from partnerkit.partnerships import selectors
from partnerkit.workspaces.decorators import workspace_view


@workspace_view()
def board(request):
    columns = selectors.board(workspace=request.workspace)
    return render(request, "partnerships/board.html", {"columns": columns})
