from django.urls import path

from partnerkit.negotiation import views

app_name = "negotiation"

# ``pk`` is always the partnership's id; the commitment or warning sign has its own name.
urlpatterns = [
    path("capacity/", views.capacity, name="capacity"),
    path("partnerships/<int:pk>/", views.commitments, name="commitments"),
    path(
        "partnerships/<int:pk>/commitments/new/",
        views.commitment_create,
        name="commitment_create",
    ),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/edit/",
        views.commitment_edit,
        name="commitment_edit",
    ),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/delete/",
        views.commitment_delete,
        name="commitment_delete",
    ),
    path(
        "partnerships/<int:pk>/commitments/<int:commitment_pk>/keep/",
        views.commitment_acknowledge,
        name="commitment_acknowledge",
    ),
    path(
        "partnerships/<int:pk>/warning-signs/new/",
        views.warning_sign_create,
        name="warning_sign_create",
    ),
    path(
        "partnerships/<int:pk>/warning-signs/<int:sign_pk>/resolve/",
        views.warning_sign_resolve,
        name="warning_sign_resolve",
    ),
    path("partnerships/<int:pk>/say-no/", views.say_no, name="say_no"),
    path("partnerships/<int:pk>/say-no/decide/", views.say_no_decide, name="say_no_decide"),
]
