from django.urls import path

from partnerkit.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("plan/<int:partnership_pk>/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/delete/", views.meeting_delete, name="delete"),
    path("<int:pk>/agenda/<int:item_pk>/", views.agenda_item_edit, name="agenda_item"),
    path("<int:pk>/attendees/", views.attendee_add, name="attendee_add"),
    path(
        "<int:pk>/attendees/<int:attendee_pk>/remove/",
        views.attendee_remove,
        name="attendee_remove",
    ),
    path("<int:pk>/materials/", views.material_add, name="material_add"),
    path("<int:pk>/materials/<int:item_pk>/toggle/", views.material_toggle, name="material_toggle"),
    path("<int:pk>/brief/", views.brief, name="brief"),
    path("<int:pk>/brief.pdf", views.brief_pdf, name="brief_pdf"),
    path("<int:pk>/notes/", views.meeting_notes, name="notes"),
    path("<int:pk>/notes/save/", views.notes_save, name="notes_save"),
    path("<int:pk>/next-steps/", views.next_step_add, name="next_step_add"),
    path("<int:pk>/next-steps/<int:step_pk>/done/", views.next_step_done, name="next_step_done"),
]
