from django.urls import path

from partnerkit.groundwork import views

app_name = "groundwork"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("goals/", views.goals, name="goals"),
    path("goals/new/", views.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views.goal_delete, name="goal_delete"),
    path("swot/new/", views.swot_create, name="swot_create"),
    path("swot/<int:pk>/edit/", views.swot_edit, name="swot_edit"),
    path("swot/<int:pk>/delete/", views.swot_delete, name="swot_delete"),
    path("capacity/", views.capacity, name="capacity"),
    path("readiness/", views.readiness_list, name="readiness"),
    path("readiness/new/", views.readiness_new, name="readiness_new"),
    path("readiness/<int:pk>/", views.readiness_detail, name="readiness_detail"),
    path("goal-types/", views.goal_types, name="goal_types"),
    path("goal-types/<slug:code>/decide/", views.goal_type_decide, name="goal_type_decide"),
]
