from django.urls import path

from partnerkit.workspaces import views

app_name = "workspaces"

urlpatterns = [
    path("workspaces/", views.workspace_list, name="list"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("w/<slug:workspace_slug>/", views.workspace_home, name="home"),
    path("w/<slug:workspace_slug>/members/", views.members, name="members"),
    path("w/<slug:workspace_slug>/settings/", views.workspace_settings, name="settings"),
    path(
        "w/<slug:workspace_slug>/members/<int:pk>/role/",
        views.member_change_role,
        name="member_role",
    ),
    path(
        "w/<slug:workspace_slug>/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "w/<slug:workspace_slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
]
