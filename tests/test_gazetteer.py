"""The gazetteer: the shipped list, its header and format, user names, lookup by part."""

from __future__ import annotations

from importlib.resources import files

from garble import gazetteer
from garble.gazetteer import from_names, name_key


def test_shipped_file_is_sorted_unique_utf8_with_a_sources_header() -> None:
    lines = (files("garble") / "data" / "names.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(gazetteer.HEADER_PREFIX)
    assert "CC0" in lines[0] and "public domain" in lines[0]
    body = lines[1:]
    assert body == sorted(set(body))
    assert len(body) > 5000


def test_shipped_gazetteer_holds_world_leaders() -> None:
    known = gazetteer.load()
    for name in ("Kim Jong Un", "Moon Jae-in", "Xi Jinping", "Bill Clinton"):
        assert name_key(name) in known, name


def test_user_names_are_added() -> None:
    assert name_key("Kim Yo Jong") not in gazetteer.load()
    assert name_key("Kim Yo Jong") in gazetteer.load(("Kim Yo Jong",))


def test_hyphens_case_and_possessives_do_not_change_a_key() -> None:
    assert name_key("Kim Jong-un's") == name_key("KIM JONG UN")


def test_lookup_by_part() -> None:
    g = from_names(["Ri Son Gwon", "Kim Yo Jong", "Madonna"])
    assert g.sharing(name_key("Son Gwon")) == {name_key("Ri Son Gwon")}
    assert not g.has_part("madonna")


def test_variants_are_the_names_a_key_can_be_a_corruption_of() -> None:
    g = from_names(["Kim Yo Jong", "Kim Jong Un", "Kim Jong Un Sr", "Kim Dae Jung", "Ri Son Gwon"])
    assert g.variants(name_key("Kim Jong Yo")) == {name_key("Kim Yo Jong"), name_key("Kim Jong Un")}
    assert g.variants(name_key("Kim Jong Un")) == {name_key("Kim Jong Un Sr")}
    assert g.variants(name_key("Ri Gwon")) == {name_key("Ri Son Gwon")}
    assert g.variants(name_key("Park Geun Hye")) == set()


def test_census_file_is_sorted_unique_tab_separated_with_source_and_licence() -> None:
    path = files("garble") / "data" / "census_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith(gazetteer.CENSUS_HEADER_PREFIX)
    assert "US Census Bureau 1990" in lines[0] and "public domain" in lines[0]
    names = [line.split("\t")[0] for line in lines[1:]]
    assert names == sorted(set(names)) and all(n == n.casefold() for n in names)
    assert all(len(line.split("\t")) == 3 for line in lines[1:])
    assert 10_000 < len(names) < 13_000
    assert len(path.read_bytes()) < 200_000


def test_census_tells_given_names_from_surnames_and_common_words() -> None:
    census = gazetteer.census()
    assert census.is_given("hugh", ratio=50) and census.is_given("carlos", ratio=50)
    assert census.is_given("otto") and not census.is_given("otto", ratio=4)  # both a given name and a surname
    assert census.surname["smith"] > 1000 and "smith" not in census.given
    assert "people" not in census.surname and "people" not in census.given  # a common word, no name
    assert 0 < census.surname["new"] < census.surname["day"]


def test_importing_garble_reads_no_census() -> None:
    import subprocess
    import sys
    from pathlib import Path

    code = "import garble, garble.gazetteer as g; print(g.census.cache_info().currsize)"
    root = Path(__file__).resolve().parents[1]  # this tree's garble ("-c" puts the working folder first)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root).stdout
    assert out.strip() == "0"
