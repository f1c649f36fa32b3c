app_name = "pitch"

urlpatterns = []
