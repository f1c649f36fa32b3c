from django.db import migrations

# The eight goal types of the method, frozen here as they were when this migration was made;
# a later change to the catalogue comes with a migration of its own.
CODES = [
    "content_acquisition",
    "content_spreading",
    "access",
    "outreach_awareness",
    "outreach_recruitment",
    "in_kind",
    "fundraising",
    "advocacy",
]


def add_goal_types(apps, schema_editor):
    GoalType = apps.get_model("partnerships", "GoalType")
    GoalType.objects.bulk_create([GoalType(code=code) for code in CODES], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(add_goal_types, migrations.RunPython.noop)]
