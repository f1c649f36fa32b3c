from django.urls import path

from partnerkit.discovery import views

app_name = "discovery"

urlpatterns = [
    path("", views.discover, name="discover"),
    path("sparql/", views.discover_sparql, name="sparql"),
    path("add/", views.discover_add, name="add"),
]
