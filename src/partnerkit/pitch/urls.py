from django.urls import path

from partnerkit.pitch import views

app_name = "pitch"

urlpatterns = [
    path("<int:pk>/", views.pitch_detail, name="detail"),
    path("<int:pk>/sections/<slug:section>/", views.section_save, name="section"),
    path("<int:pk>/answers/<slug:code>/", views.answer_save, name="answer"),
    path("<int:pk>/arguments/<slug:code>/", views.argument_set, name="argument"),
    path("<int:pk>/timing/", views.summary_timing, name="timing"),
    path("<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("<int:pk>/actions/<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:pk>/actions/<int:action_pk>/delete/", views.action_delete, name="action_delete"),
    path("<int:pk>/materials/link/", views.material_link, name="material_link"),
    path("<int:pk>/materials/file/", views.material_file, name="material_file"),
    path("<int:pk>/materials/content-gap/", views.material_gap, name="material_gap"),
    path(
        "<int:pk>/materials/<int:material_pk>/download/",
        views.material_download,
        name="material_download",
    ),
    path(
        "<int:pk>/materials/<int:material_pk>/delete/",
        views.material_delete,
        name="material_delete",
    ),
    path("<int:pk>/texts/new/", views.text_create, name="text_create"),
    path("<int:pk>/texts/<int:text_pk>/delete/", views.text_delete, name="text_delete"),
    path("<int:pk>/contacts/", views.contact_map, name="contacts"),
    path(
        "<int:pk>/contacts/<int:contact_pk>/contact-point/",
        views.contact_point_mark,
        name="contact_point",
    ),
]
