from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from partnerkit.accounts.models import ApiToken, User

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["hint", "user", "name", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["hint", "key_hash", "created_at", "last_used_at"]
    search_fields = ["user__username", "name", "hint"]
