"""Commons: category sizes and members, and global usage merged over continuation."""

import httpx
import pytest

from partnerkit.wikimedia import commons
from partnerkit.wikimedia.commons import CategoryInfo
from partnerkit.wikimedia.http import Client

from .conftest import fixture_bytes

PAGES = [
    "commons_allimages_imageinfo_globalusage_continuation_1of3.json",
    "commons_allimages_imageinfo_globalusage_continuation_2of3.json",
    "commons_allimages_imageinfo_globalusage_continuation_3of3_batchcomplete.json",
]
MUNCH = "File:Edvard Munch - Night in Nice (1891).jpg"
HEIDELBERG = "File:2002-04-02 Hauptstraße, Heidelberg IMG 0404.jpg"
GARTENWEG = "File:Niedercunnersdorf Gartenweg 12.JPG"


def recorded_pages(request):
    """The recorded pages in order, chosen by the continuation the client sent back."""
    params = request.url.params
    if "gucontinue" not in params:
        name = PAGES[0]
    elif params["gucontinue"] == "Edvard_Munch_-_Night_in_Nice_(1891).jpg|nowiki|1281339":
        name = PAGES[1]
    elif params["gucontinue"] == "Niedercunnersdorf_Gartenweg_12.JPG|dewiki|9849507":
        name = PAGES[2]
    else:
        return httpx.Response(400, json={"detail": f"unexpected continuation {dict(params)}"})
    return httpx.Response(200, content=fixture_bytes(name))


def test_global_usage_is_merged_across_the_recorded_pages_until_batchcomplete(serve):
    client, served = serve(recorded_pages)
    usage = commons.global_usage([MUNCH, HEIDELBERG, GARTENWEG], client=client)
    # Three requests: the third page says batchcomplete; its gaicontinue is the next batch.
    assert len(served.requests) == 3
    assert served.params(1)["continue"] == "||imageinfo"
    assert served.params(2)["gucontinue"] == "Niedercunnersdorf_Gartenweg_12.JPG|dewiki|9849507"
    assert "gaicontinue" not in served.params(2)
    munch = usage[MUNCH]
    # Usages of the Munch painting come on page 1 and page 2; all are kept, once each.
    assert ("da.wikipedia.org", "Værker af Edvard Munch") in munch
    assert ("no.wikipedia.org", "Liste over Edvard Munchs malerier") in munch
    assert len(munch) == len(set(munch))
    assert usage[HEIDELBERG] == [
        ("az.wikipedia.org", "Heydelberq"),
        ("en.wikipedia.org", "Heidelberg"),
        ("vi.wikipedia.org", "Heidelberg"),
    ]
    assert usage[GARTENWEG] == [
        ("de.wikipedia.org", "Liste der Kulturdenkmale in Niedercunnersdorf"),
        ("www.wikidata.org", "Q49436212"),
    ]
    # Files of the batch not asked for by name are reported under their own titles.
    assert usage["File:Minchinmavida Volcano.jpg"] == [("it.wikipedia.org", "Michinmahuida")]
    total = sum(len(uses) for uses in usage.values())
    assert total == 29  # 10 + 10 + 9 usage rows in the three recorded pages


def test_global_usage_request_parameters(serve):
    client, served = serve(recorded_pages)
    commons.global_usage(["Edvard_Munch_-_Night_in_Nice_(1891).jpg"], client=client)
    params = served.params(0)
    assert params["prop"] == "globalusage"
    assert params["titles"] == MUNCH
    assert params["gulimit"] == "max"
    assert served.requests[0].url.path == "/commons/w/api.php"


def test_global_usage_through_the_fake_server_with_small_pages(fakewiki):
    fakewiki.global_usage[MUNCH] = [(f"{lang}.wikipedia.org", f"Page {n}") for n, lang in
                                    enumerate(["da", "de", "en", "fr", "nb", "sv", "fi"])]  # fmt: skip
    fakewiki.global_usage["File:Unused.jpg"] = []
    client = Client()
    original = client.action

    def small_pages(api, params):  # the fake honours gulimit; use 3 to force continuation
        return original(api, {**params, "gulimit": 3})

    client.action = small_pages
    usage = commons.global_usage([MUNCH, "File:Unused.jpg"], client=client)
    assert usage[MUNCH] == [(f"{lang}.wikipedia.org", f"Page {n}") for n, lang in
                            enumerate(["da", "de", "en", "fr", "nb", "sv", "fi"])]  # fmt: skip
    assert usage["File:Unused.jpg"] == []
    assert len(fakewiki.served("/commons/")) == 3


def test_sixty_files_take_two_requests(fakewiki):
    titles = [f"File:Photo {n}.jpg" for n in range(60)]
    usage = commons.global_usage(titles, client=Client())
    assert list(usage) == titles
    assert [len(p["titles"].split("|")) for *_, p in fakewiki.served("/commons/")] == [50, 10]


def test_category_size(fakewiki):
    fakewiki.categories["Nordiska museet"] = (1200, 14, 3)
    assert commons.category_size("Nordiska_museet", client=Client()) == CategoryInfo(
        files=1200, subcategories=14, pages=3
    )
    assert commons.category_size("Category:No such category", client=Client()) is None
    sent = [params["titles"] for *_, params in fakewiki.served("/commons/")]
    assert sent == ["Category:Nordiska museet", "Category:No such category"]


def test_category_members_follow_continuation(fakewiki):
    members = [f"File:Photo {n}.jpg" for n in range(1200)] + ["Category:Exhibitions"]
    fakewiki.category_members["Nordiska museet"] = members
    got = commons.category_members("Nordiska museet", client=Client())
    assert got == members
    assert len(fakewiki.served("/commons/")) == 3  # 500 + 500 + 201
    files = commons.category_members("Nordiska museet", types=["file"], client=Client())
    assert len(files) == 1200


@pytest.mark.parametrize(
    ("given", "title"),
    [
        ("Foo_bar", "Category:Foo bar"),
        ("category:Foo bar", "Category:Foo bar"),
        (" Category:X ", "Category:X"),
    ],
)
def test_category_titles(given, title):
    assert commons.category_title(given) == title


def test_file_titles():
    assert commons.file_title("Image:A_b.jpg") == "File:A b.jpg"
    assert commons.file_title("A.jpg") == "File:A.jpg"
    with pytest.raises(ValueError, match="empty"):
        commons.file_title("File: ")


def test_a_generated_batch_merges_the_recorded_answers_and_says_where_to_go_on(serve):
    client, served = serve(recorded_pages)
    generator = {"generator": "allimages", "gaisort": "timestamp", "gailimit": 9}
    walk = commons.generated_usage(generator, client=client)
    batch = next(walk)
    # One batch took the three recorded answers; the third closed it with batchcomplete.
    assert len(served.requests) == 3
    assert served.params(0)["generator"] == "allimages"
    assert served.params(0)["gunamespace"] == "0"
    assert served.params(1)["gucontinue"] == "Edvard_Munch_-_Night_in_Nice_(1891).jpg|nowiki|1281339"
    assert [page.pageid for page in batch.pages] == [
        18263872, 44672185, 44672190, 44672194, 44672195, 44672196, 44672207, 44672210, 44672212
    ]
    by_title = {page.title: page for page in batch.pages}
    munch = by_title[MUNCH].usages
    # Page 1 had 7 usages of the painting and page 2 another 9: all kept, each once.
    assert len(munch) == 16 == len(set(munch))
    assert ("da.wikipedia.org", "Værker af Edvard Munch") in munch
    # The volcano's only usage came on the second answer, Gartenweg's on the third.
    assert by_title["File:Minchinmavida Volcano.jpg"].usages == [("it.wikipedia.org", "Michinmahuida")]
    assert ("www.wikidata.org", "Q49436212") in by_title[GARTENWEG].usages
    # What to send to go on with the next batch: the generator's key, as the API gave it.
    assert batch.following == {
        "continue": "gaicontinue||",
        "gaicontinue": "20151031230201|Lancelot_'Capability'_BROWN_-_Wilderness_House_Moat_Lane_Hampton_Court_Palace_Hampton_Court_London_KT8_9AR.jpg",
    }


def test_a_generated_listing_resumes_from_a_batch_and_drops_other_namespaces(serve):
    answers = {
        "": {"batchcomplete": True, "continue": {"gcmcontinue": "file|B|2", "continue": "gcmcontinue||"},
             "query": {"pages": [{"pageid": 1, "ns": 6, "title": "File:A.jpg", "globalusage": [
                 {"title": "Alpha", "wiki": "en.wikipedia.org", "ns": "0"},
                 {"title": "User:Someone", "wiki": "en.wikipedia.org", "ns": "2"}]}]}},
        "file|B|2": {"batchcomplete": True,
                     "query": {"pages": [{"pageid": 2, "ns": 6, "title": "File:B.jpg", "globalusage": []}]}},
    }

    def handler(request):
        return httpx.Response(200, json=answers[request.url.params.get("gcmcontinue", "")])

    client, served = serve(handler)
    generator = {"generator": "categorymembers", "gcmtitle": "Category:X", "gcmtype": "file"}
    batches = list(commons.generated_usage(generator, client=client))
    assert [[p.title for p in b.pages] for b in batches] == [["File:A.jpg"], ["File:B.jpg"]]
    assert batches[0].pages[0].usages == [("en.wikipedia.org", "Alpha")]
    assert batches[-1].following is None
    resumed = list(commons.generated_usage(generator, start=batches[0].following, client=client))
    assert [[p.title for p in b.pages] for b in resumed] == [["File:B.jpg"]]
    assert len(served.requests) == 3


def test_an_answer_neither_complete_nor_continued_is_refused(serve):
    client, _ = serve(lambda request: httpx.Response(200, json={"query": {"pages": []}}))
    with pytest.raises(commons.BadResponse, match="neither complete"):
        list(commons.generated_usage({"generator": "allimages"}, client=client))
