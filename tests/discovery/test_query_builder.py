"""The SPARQL text for a kind and an area: the triple patterns it must hold, and refusal of
anything that is not a validated id, code or number."""

import pytest
from django_countries import countries

from partnerkit.discovery import sparql

COUNTRIES = frozenset(code for code, _name in countries)


def build(kind="museum", area="SE", languages=("sv", "en"), limit=200):
    return sparql.discovery_query(
        kind=sparql.kind_for(kind),
        area=sparql.area_for(area, country_codes=COUNTRIES),
        languages=list(languages),
        limit=limit,
    )


def test_museums_in_a_country_match_the_class_with_subclasses_and_the_iso_code():
    text = build("museum", "se")
    assert "VALUES ?class { wd:Q33506 }" in text
    assert "?item wdt:P31/wdt:P279* ?class ." in text
    assert '?area wdt:P297 "SE" .' in text
    assert "?item wdt:P17 ?area ." in text
    assert "wdt:P131*" not in text
    assert "?item wikibase:sitelinks ?sitelinks ." in text
    assert "OPTIONAL { ?item wdt:P856 ?website_ . }" in text
    assert "OPTIONAL { ?item wdt:P373 ?commons_ . }" in text
    assert "ORDER BY DESC(?sitelinks)" in text
    assert text.rstrip().endswith("LIMIT 200")


def test_a_region_is_matched_with_located_in_transitively():
    for area in ("Q1754", "q1754", "https://www.wikidata.org/wiki/Q1754"):
        text = build("library", area)
        assert "?item wdt:P131* wd:Q1754 ." in text
        assert "VALUES ?class { wd:Q7075 }" in text
        assert 'wdt:P297 "' not in text


@pytest.mark.parametrize(
    "kind, classes, partner_kind",
    [
        ("archive", "wd:Q166118", "archive"),
        ("university", "wd:Q3918 wd:Q38723", "higher_education"),
        ("learned_society", "wd:Q955824", "learned_society"),
        ("government", "wd:Q327333", "national_government"),
        ("ngo", "wd:Q79913 wd:Q163740", "nonprofit"),
        ("higher_education", "wd:Q3918 wd:Q38723", "higher_education"),
        ("Learned-Society", "wd:Q955824", "learned_society"),
    ],
)
def test_each_kind_maps_to_its_wikidata_classes_and_partner_kind(kind, classes, partner_kind):
    assert f"VALUES ?class {{ {classes} }}" in build(kind)
    assert sparql.kind_for(kind).partner_kind == partner_kind


def test_labels_come_in_the_workspace_languages_then_mul_and_english():
    text = build(languages=["sv", "fi"])
    assert 'bd:serviceParam wikibase:language "sv,fi,mul,en" .' in text
    assert 'bd:serviceParam wikibase:language "en,mul" .' in build(languages=["en"])


def test_language_codes_that_are_not_codes_never_reach_the_query():
    text = build(languages=['sv" . } DROP ALL #', "pt-br"])
    assert "DROP" not in text
    assert 'wikibase:language "pt-br,mul,en"' in text


@pytest.mark.parametrize(
    "area",
    [
        "XX",  # not a country
        "Sweden",
        'SE" . ?x ?y ?z . #',
        "Q0",
        "Q1754 } DELETE",
        "wd:Q1754",
        "",
    ],
)
def test_a_bad_area_is_refused_naming_the_area(area):
    with pytest.raises(sparql.QueryInputError) as refused:
        sparql.area_for(area, country_codes=COUNTRIES)
    assert refused.value.field == "area"


def test_an_unknown_kind_is_refused_listing_the_known_ones():
    with pytest.raises(sparql.QueryInputError) as refused:
        sparql.kind_for("zoo")
    assert refused.value.field == "kind"
    assert "museum" in str(refused.value) and "ngo" in str(refused.value)


@pytest.mark.parametrize("value", ["0", "1001", "ten", "-5", "2.5"])
def test_a_limit_outside_1_to_1000_is_refused(value):
    with pytest.raises(sparql.QueryInputError) as refused:
        sparql.limit_for(value)
    assert refused.value.field == "limit"


def test_the_limit_defaults_to_200_and_is_written_as_a_number():
    assert sparql.limit_for(None) == 200
    assert sparql.limit_for("1000") == 1000
    assert build(limit=1000).rstrip().endswith("LIMIT 1000")


def test_the_builder_refuses_values_that_bypassed_validation():
    bad_area = sparql.Area(qid="Q1 } ; DROP")
    with pytest.raises(sparql.QueryInputError):
        sparql.discovery_query(
            kind=sparql.kind_for("museum"), area=bad_area, languages=["en"], limit=10
        )
    with pytest.raises(sparql.QueryInputError):
        sparql.discovery_query(
            kind=sparql.kind_for("museum"),
            area=sparql.Area(country='S"'),
            languages=["en"],
            limit=10,
        )


class TestHandWrittenQueries:
    def test_a_select_binding_item_is_accepted_with_prefixes_and_comments(self):
        query = (
            "# museums\nPREFIX ex: <http://example.org/{x}>\n"
            "SELECT DISTINCT ?item ?itemLabel WHERE { ?item wdt:P31 wd:Q33506 . }"
        )
        assert sparql.check_handwritten(f"  {query}\n") == query

    def test_select_star_is_accepted(self):
        assert sparql.check_handwritten("SELECT * WHERE { ?item wdt:P31 wd:Q33506 }")

    @pytest.mark.parametrize(
        "query",
        [
            "ASK { ?item wdt:P31 wd:Q33506 }",
            "CONSTRUCT { ?item ?p ?o } WHERE { ?item ?p ?o }",
            "DELETE WHERE { ?item ?p ?o }",
            "# SELECT ?item\nDESCRIBE wd:Q1",
        ],
    )
    def test_other_query_forms_are_refused(self, query):
        with pytest.raises(sparql.QueryInputError) as refused:
            sparql.check_handwritten(query)
        assert refused.value.field == "sparql"
        assert "SELECT" in str(refused.value)

    @pytest.mark.parametrize(
        "query",
        [
            "SELECT ?thing WHERE { ?thing wdt:P31 wd:Q33506 }",
            "SELECT ?items WHERE { ?items wdt:P31 wd:Q33506 }",
            'SELECT ?x ("?item" AS ?y) WHERE { ?x wdt:P31 wd:Q33506 }',
        ],
    )
    def test_a_select_without_item_is_refused_saying_so(self, query):
        with pytest.raises(sparql.QueryInputError) as refused:
            sparql.check_handwritten(query)
        assert "?item" in str(refused.value)

    def test_an_empty_query_is_refused(self):
        with pytest.raises(sparql.QueryInputError):
            sparql.check_handwritten("  \n ")
