from django.urls import path

from partnerkit.partners import views

app_name = "partners"

urlpatterns = [
    path("", views.partner_list, name="list"),
    path("new/", views.partner_create, name="create"),
    path("<int:pk>/", views.partner_detail, name="detail"),
    path("<int:pk>/edit/", views.partner_edit, name="edit"),
    path("<int:pk>/archive/", views.partner_archive, name="archive"),
    path("<int:pk>/unarchive/", views.partner_unarchive, name="unarchive"),
    path("<int:pk>/history/", views.partner_history, name="history"),
    path("<int:pk>/history/<int:history_id>/restore/", views.partner_restore, name="restore"),
    path(
        "<int:pk>/history/contacts/<int:history_id>/restore/",
        views.contact_restore,
        name="contact_restore",
    ),
    path("<int:pk>/contacts/new/", views.contact_create, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", views.contact_edit, name="contact_edit"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/delete/", views.contact_delete, name="contact_delete"
    ),
]
