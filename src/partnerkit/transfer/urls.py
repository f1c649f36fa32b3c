from django.urls import path

from partnerkit.transfer import views
from partnerkit.transfer.columns import KINDS
from partnerkit.transfer.exports import FORMATS

app_name = "transfer"

urlpatterns = [
    path("", views.index, name="index"),
    path("import/", views.upload, name="upload"),
    path("import/<int:pk>/", views.run_detail, name="run"),
    path("import/<int:pk>/columns/", views.mapping, name="mapping"),
    path("import/<int:pk>/check/", views.preview, name="preview"),
    path("import/<int:pk>/apply/", views.apply, name="apply"),
    path("import/<int:pk>/discard/", views.discard, name="discard"),
    # One fixed address per kind and format (e.g. export/partners.csv), so that the only
    # URL argument is the workspace.
    *[
        path(
            f"export/{kind}.{format}", views.export, {"kind": kind, "format": format},
            name=f"export_{kind}_{format}",
        )
        for kind in KINDS
        for format in FORMATS
    ],
]
