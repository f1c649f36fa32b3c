from django.urls import path

from partnerkit.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("", views.board, name="board"),
]
