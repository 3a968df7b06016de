"""Config checks every option when it is made: a wrong one fails with its name, not deep in a scan or never."""

from __future__ import annotations

from fractions import Fraction

import pytest

import garble
from garble import Config, Label

PAGE = "Read more:\n\nThe minister said on Monday that talks would resume next week.\n\nShare this article"


@pytest.mark.parametrize(("options", "error"), [
    ({"span_threshold": "0.5"}, TypeError),
    ({"span_threshold": float("nan")}, ValueError),
    ({"span_threshold": 1.5}, ValueError),
    ({"span_threshold": True}, TypeError),
    ({"allow_phrases": "Read more"}, TypeError),
    ({"allow_phrases": ("",)}, ValueError),
    ({"labels": "boilerplate"}, TypeError),
    ({"labels": {"nonsense"}}, ValueError),
    ({"names": "Kim Yo Jong"}, TypeError),
    ({"model_path": ""}, ValueError),
    ({"model_path": 3}, TypeError),
])
def test_a_wrong_option_fails_with_its_name(options: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error, match=f"Config.{next(iter(options))}"):
        Config(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["Madonna", "O'Neill", "  ", "Kim-"])
def test_a_name_of_one_word_is_refused_with_the_reason(name: str) -> None:
    """The gazetteer keys names by their parts and keeps only those of two or more, so names=["Madonna"] was
    dropped without a word and the user believed it in use."""
    with pytest.raises(ValueError, match="Config.names") as err:
        Config(names=["Kim Yo Jong", name])
    assert repr(name) in str(err.value) and "two or more" in str(err.value)


def test_a_name_of_two_parts_in_one_word_is_taken() -> None:
    assert Config(names=["Jean-Paul", "Kim Yo Jong"]).names == ("Jean-Paul", "Kim Yo Jong")


def test_options_take_any_collection() -> None:
    config = Config(labels=["boilerplate"], allow_phrases=["Share this"], names={"Kim Yo Jong"})
    assert config.labels == frozenset({Label.BOILERPLATE}) and config.allow_phrases == ("Share this",)
    assert [PAGE[s.start : s.end] for s in garble.scan(PAGE).spans] != [PAGE[s.start : s.end] for s in garble.scan(PAGE, config).spans] == ["Read more:"]


def test_a_threshold_may_be_any_real_number() -> None:
    """A threshold from numpy (a float32 of an array of scores) or a Fraction was refused as "not a number"."""
    import numpy as np

    for value in (np.float32(0.75), np.float64(0.75), Fraction(3, 4), np.int64(1)):
        config = Config(span_threshold=value)  # type: ignore[arg-type]
        assert type(config.span_threshold) is float and config.span_threshold == float(value)
    assert [s.reason for s in garble.scan(PAGE, Config(span_threshold=np.float32(0.7))).spans] == [  # type: ignore[arg-type]
        s.reason for s in garble.scan(PAGE, Config(span_threshold=0.7)).spans]
    with pytest.raises(ValueError, match="Config.span_threshold"):
        Config(span_threshold=np.float32("nan"))  # type: ignore[arg-type]


def test_scan_refuses_what_is_not_a_config() -> None:
    with pytest.raises(TypeError, match="garble.Config"):
        garble.scan(PAGE, None)  # type: ignore[arg-type]


def test_auto_weights_say_what_they_chose() -> None:
    """With --model auto, each record's output names the weights it was scanned with (a user could not tell)."""
    page = "Home\nNews\nSport\n" * 12 + "The minister said talks would resume."
    chosen = [garble.scan(t, Config(model_path="auto")).weights for t in (PAGE, page)]
    assert chosen == ["body", "page"] and garble.scan(page).weights is None
    assert garble.scan(page, Config(model_path="auto")).to_dict("a")["weights"] == "page"
    assert "weights" not in garble.scan(page).to_dict("a")


def test_a_config_reads_the_same_in_every_process() -> None:
    """A logged Config listed its labels in an order that changed with the process's string hashing."""
    import os
    import subprocess
    import sys

    code = "import garble; print(repr(garble.Config())); print(repr(garble.Config(labels=[])))"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1
    [out] = outputs
    first, empty = out.splitlines()
    assert first == repr(Config())
    places = [first.index(f"'{label.value}'") for label in garble.LABELS]
    assert places == sorted(places)  # in LABELS' order, every one of them
    assert "labels=frozenset()" in empty
