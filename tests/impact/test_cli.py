"""`partnerkit stats refresh`: a bar on stderr, the job on stdout, one-line errors, and in a
process of its own on a SQLite file with three page view requests in flight."""

import datetime as dt
import json

from partnerkit.cli import main
from partnerkit.impact import services
from partnerkit.impact.models import RefreshRun, Snapshot
from tests.conftest import error_line
from tests.fakewiki import FakeWiki, build_category
from tests.subprocesses import partnerkit_env, run_partnerkit


def test_refresh_of_a_partnerships_sources_prints_the_job(capsys, alice, running, fakewiki):
    fakewiki.add_category("Images from the CLI", files=["A.jpg"])
    source = services.source_create(partnership=running, by=alice, kind="category",
                                    name="Images from the CLI")
    code = main(["stats", "refresh", "--workspace", "north", "--partnership", str(running.pk),
                 "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    [job] = json.loads(captured.out)
    assert job["status"] == "done" and job["total"] == 1 and job["requests"] >= 2
    assert "listing Category:Images from the CLI: 1" in captured.err
    assert Snapshot.objects.get(source=source).figures["media_files"]["value"] == 1


def test_bad_arguments_name_the_option(capsys, north, running):
    assert main(["stats", "refresh"]) == 2
    assert error_line(capsys).startswith("partnerkit: error: --workspace:")
    assert main(["stats", "refresh", "--workspace", "north", "--source", "999"]) == 2
    assert "--source: workspace 'north' has no source 999" in error_line(capsys)
    assert main(["stats", "refresh", "--workspace", "north", "--partnership", str(running.pk)]) == 2
    assert "--partnership: these partnerships have no source" in error_line(capsys)
    assert main(["stats", "refresh", "--workspace", "north", "--resume", "5"]) == 2
    assert "--resume: workspace 'north' has no job 5" in error_line(capsys)
    assert main(["stats", "refresh", "--due", "--workspace", "north"]) == 2
    assert not RefreshRun.objects.exists()


def test_a_failed_refresh_exits_1_and_says_how_to_resume(capsys, alice, running, fakewiki):
    fakewiki.add_category("Flaky", files=["A.jpg"])
    services.source_create(partnership=running, by=alice, kind="category", name="Flaky")
    fakewiki.fail_next(503, retry_after=0, times=5, api="commons")  # one call's attempts
    assert main(["stats", "refresh", "--workspace", "north"]) == 1
    captured = capsys.readouterr()
    run = RefreshRun.objects.get()
    assert f"--resume {run.pk}" in captured.err and run.status == "failed"
    assert main(["stats", "refresh", "--workspace", "north", "--resume", str(run.pk)]) == 0
    run.refresh_from_db()
    assert run.status == "done" and run.attempts == 2


def test_the_command_in_a_process_fetches_page_views_three_at_a_time(tmp_path):
    with FakeWiki() as fake:
        fake.latency = 0.05
        summary = build_category(fake, "Process museum", files=120, used_files=40, pages=30,
                                 months=(dt.date(2026, 1, 1), dt.date(2026, 10, 1)), allow=False)
        env = partnerkit_env(tmp_path / "data", PARTNERKIT_WIKIMEDIA_BASE_URL=fake.url,
                             PARTNERKIT_WIKIMEDIA_REQUESTS_PER_MINUTE="3000")
        assert run_partnerkit("migrate", "--verbosity", "0", env=env).returncode == 0
        made = run_partnerkit("shell", "--no-imports", "-c", (
            "import datetime as dt\n"
            "from partnerkit.accounts.services import user_create\n"
            "from partnerkit.workspaces.services import workspace_create\n"
            "from partnerkit.partners.services import partner_create\n"
            "from partnerkit.partnerships.services import partnership_create\n"
            "from partnerkit.impact.services import source_create\n"
            "u = user_create(username='dora', email='d@example.org', password='x' * 12)\n"
            "w = workspace_create(name='East', slug='east', by=u)\n"
            "p = partner_create(workspace=w, by=u, name='Process museum', kind='museum')\n"
            "s = partnership_create(workspace=w, partner=p, by=u, title='T',"
            " started_on=dt.date(2026, 1, 2))\n"
            "source_create(partnership=s, by=u, kind='category', name='Process museum')\n"
        ), env=env)
        assert made.returncode == 0, made.stderr
        result = run_partnerkit("stats", "refresh", "--workspace", "east", "--json", env=env,
                                timeout=120)
        assert result.returncode == 0, result.stderr
        [job] = json.loads(result.stdout)
        assert job["status"] == "done"
        views = fake.count_requests(api="rest", endpoint="pageviews/per-article/monthly")
        assert views == len(summary["pages"]) == 30
        assert fake.most_concurrent == 3
        shown = run_partnerkit("shell", "--no-imports", "-c", (
            "from partnerkit.impact.models import MonthlyFigure\n"
            "print(sum(MonthlyFigure.objects.filter(metric='page_views')"
            ".values_list('value', flat=True)))\n"
        ), env=env)
        assert int(shown.stdout) == sum(summary["pageviews"]["deep"].values())
