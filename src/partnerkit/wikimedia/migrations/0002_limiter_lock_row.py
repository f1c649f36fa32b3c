from django.db import migrations


def create_lock_row(apps, schema_editor):
    LimiterLock = apps.get_model("wikimedia", "LimiterLock")
    LimiterLock.objects.using(schema_editor.connection.alias).get_or_create(pk=1)


class Migration(migrations.Migration):
    """The single row every rate-limiter grant locks first."""

    dependencies = [
        ("wikimedia", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_lock_row, migrations.RunPython.noop),
    ]
