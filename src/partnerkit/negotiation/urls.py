app_name = "negotiation"

urlpatterns = []
