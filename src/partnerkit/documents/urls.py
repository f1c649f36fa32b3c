from django.urls import path

from partnerkit.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/letterhead/", views.letterhead_save, name="letterhead"),
    path(
        "settings/wording/<slug:kind>/<slug:key>/<slug:language>/",
        views.template_edit,
        name="template_edit",
    ),
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("partnerships/<int:pk>/new/", views.document_create, name="create"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/versions/<int:number>/", views.version_diff, name="diff"),
    path("<int:pk>/versions/<int:number>/restore/", views.version_restore, name="restore"),
    path("<int:pk>/export/<slug:fmt>/", views.document_export, name="export"),
    path("<int:pk>/status/", views.document_status, name="status"),
    path("<int:pk>/signed-copy/", views.signed_copy, name="signed_copy"),
    path("<int:pk>/signed-copy/upload/", views.signed_copy_upload, name="signed_copy_upload"),
    path("<int:pk>/delete/", views.document_delete, name="delete"),
]
