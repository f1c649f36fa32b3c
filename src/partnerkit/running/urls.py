from django.urls import path

from partnerkit.running import views

app_name = "running"

urlpatterns = [
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("partnerships/<int:pk>/plan-b/", views.plan_b, name="plan_b"),
    path("partnerships/<int:pk>/roles/", views.role_add, name="role_add"),
    path("partnerships/<int:pk>/roles/<int:role_pk>/", views.role_edit, name="role_edit"),
    path(
        "partnerships/<int:pk>/roles/<int:role_pk>/delete/",
        views.role_delete,
        name="role_delete",
    ),
    path("partnerships/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:activity_pk>/", views.activity_detail, name="activity"),
    path("activities/<int:activity_pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:activity_pk>/outputs/", views.activity_outputs, name="outputs"),
    path("activities/<int:activity_pk>/cancel/", views.activity_cancel, name="activity_cancel"),
    path("activities/<int:activity_pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:activity_pk>/checklist/", views.item_add, name="item_add"),
    path(
        "activities/<int:activity_pk>/checklist/<int:item_pk>/toggle/",
        views.item_toggle,
        name="item_toggle",
    ),
    path(
        "activities/<int:activity_pk>/checklist/<int:item_pk>/owner/",
        views.item_owner,
        name="item_owner",
    ),
    path(
        "activities/<int:activity_pk>/checklist/<int:item_pk>/remove/",
        views.item_remove,
        name="item_remove",
    ),
]
