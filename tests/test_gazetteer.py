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
