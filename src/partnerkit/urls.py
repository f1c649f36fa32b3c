from django.contrib import admin
from django.urls import include, path

from partnerkit.api.urls import api
from partnerkit.followups import views as followup_views
from partnerkit.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("healthz", web_views.healthz, name="healthz"),
    path("accounts/", include("partnerkit.accounts.urls")),
    path("", include("partnerkit.workspaces.urls")),
    path("w/<slug:workspace_slug>/dashboard/", include("partnerkit.dashboard.urls")),
    path("w/<slug:workspace_slug>/partners/", include("partnerkit.partners.urls")),
    path("w/<slug:workspace_slug>/partnerships/", include("partnerkit.partnerships.urls")),
    path("w/<slug:workspace_slug>/transfer/", include("partnerkit.transfer.urls")),
    path("w/<slug:workspace_slug>/groundwork/", include("partnerkit.groundwork.urls")),
    path("w/<slug:workspace_slug>/selection/", include("partnerkit.selection.urls")),
    path("w/<slug:workspace_slug>/research/", include("partnerkit.research.urls")),
    path("w/<slug:workspace_slug>/discover/", include("partnerkit.discovery.urls")),
    path("w/<slug:workspace_slug>/pitch/", include("partnerkit.pitch.urls")),
    path("w/<slug:workspace_slug>/meetings/", include("partnerkit.meetings.urls")),
    path("w/<slug:workspace_slug>/negotiation/", include("partnerkit.negotiation.urls")),
    path("w/<slug:workspace_slug>/follow-ups/", include("partnerkit.followups.urls")),
    path("w/<slug:workspace_slug>/documents/", include("partnerkit.documents.urls")),
    path("w/<slug:workspace_slug>/running/", include("partnerkit.running.urls")),
    path("w/<slug:workspace_slug>/impact/", include("partnerkit.impact.urls")),
    # A calendar program fetches this without signing in: the secret token is the key.
    path("calendar/<str:token>.ics", followup_views.calendar_feed, name="calendar_feed"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
