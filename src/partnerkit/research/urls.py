from django.urls import path

from partnerkit.research import views

app_name = "research"

urlpatterns = [
    path("", views.research_index, name="index"),
    path("partners/<int:pk>/", views.partner_research, name="partner"),
    path("partners/<int:pk>/link/", views.partner_link, name="link"),
    path("partners/<int:pk>/unlink/", views.partner_unlink, name="unlink"),
    path("partners/<int:pk>/refresh/", views.partner_refresh, name="refresh"),
    path("partners/<int:pk>/answers/", views.answers_edit, name="answers"),
    path("partners/<int:pk>/sources/new/", views.source_create, name="source_create"),
    path(
        "partners/<int:pk>/sources/<int:source_pk>/edit/", views.source_edit, name="source_edit"
    ),
    path(
        "partners/<int:pk>/sources/<int:source_pk>/delete/",
        views.source_delete,
        name="source_delete",
    ),
    path("runs/", views.run_list, name="runs"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/resume/", views.run_resume, name="run_resume"),
]
