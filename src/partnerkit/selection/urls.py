from django.urls import path

from partnerkit.selection import views

app_name = "selection"

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("weights/", views.weights, name="weights"),
    path("ranking.csv", views.export_csv, name="export_csv"),
    path("ranking.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/select/", views.select, name="select"),
    path("<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path("capacity/", views.capacity, name="capacity"),
    path("capacity/threshold/", views.threshold, name="threshold"),
    path("notices/", views.notice_list, name="notices"),
    path("notices/new/", views.notice_create, name="notice_create"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", views.notice_edit, name="notice_edit"),
]
