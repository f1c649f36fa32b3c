from django.urls import path

from partnerkit.followups import views

app_name = "followups"

urlpatterns = [
    path("", views.my_work, name="my_work"),
    path("team/", views.team, name="team"),
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("partnerships/<int:pk>/log/", views.interaction_log, name="interaction_log"),
    path(
        "partnerships/<int:pk>/log/<int:interaction_pk>/edit/",
        views.interaction_edit,
        name="interaction_edit",
    ),
    path(
        "partnerships/<int:pk>/log/<int:interaction_pk>/delete/",
        views.interaction_delete,
        name="interaction_delete",
    ),
    path("partnerships/<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("tasks/<int:task_pk>/done/", views.task_done, name="task_done"),
    path("tasks/<int:task_pk>/snooze/", views.task_snooze, name="task_snooze"),
    path("tasks/<int:task_pk>/reassign/", views.task_reassign, name="task_reassign"),
    path("tasks/<int:task_pk>/cancel/", views.task_cancel, name="task_cancel"),
    path("plans/", views.plans, name="plans"),
    path("plans/quiet-days/", views.stale_rules, name="stale_rules"),
    path("plans/<int:plan_pk>/", views.plan_edit, name="plan_edit"),
    path("plans/<int:plan_pk>/reset/", views.plan_reset, name="plan_reset"),
    path("plans/<int:plan_pk>/steps/new/", views.step_create, name="step_create"),
    path("plans/<int:plan_pk>/steps/<int:step_pk>/", views.step_edit, name="step_edit"),
    path(
        "plans/<int:plan_pk>/steps/<int:step_pk>/delete/",
        views.step_delete,
        name="step_delete",
    ),
    path("reminders/", views.reminders, name="reminders"),
]
