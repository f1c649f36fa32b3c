from django.urls import path

from partnerkit.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.board, name="board"),
    path("list/", views.partnership_list, name="list"),
    path("new/", views.partnership_create, name="create"),
    path("<int:pk>/", views.partnership_detail, name="detail"),
    path("<int:pk>/edit/", views.partnership_edit, name="edit"),
    path("<int:pk>/move/", views.partnership_move, name="move"),
    path("<int:pk>/history/", views.partnership_history, name="history"),
    path(
        "<int:pk>/history/<int:history_id>/restore/",
        views.partnership_restore,
        name="restore",
    ),
]
