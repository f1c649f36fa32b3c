from django.urls import path

from partnerkit.impact import views

app_name = "impact"

urlpatterns = [
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("partnerships/<int:pk>/sources/", views.source_create, name="source_create"),
    path("partnerships/<int:pk>/refresh/", views.refresh, name="refresh"),
    path("partnerships/<int:pk>/reports/", views.report_create, name="report_create"),
    path("sources/<int:pk>/", views.source_edit, name="source_edit"),
    path("sources/<int:pk>/delete/", views.source_delete, name="source_delete"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/figures/", views.report_refresh, name="report_refresh"),
    path("reports/<int:pk>/sent/", views.report_sent, name="report_sent"),
    path("reports/<int:pk>/delete/", views.report_delete, name="report_delete"),
    path("reports/<int:pk>/<slug:fmt>/", views.report_download, name="report_download"),
]
