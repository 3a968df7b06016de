"""Project settings: ``[tool.garble]`` in pyproject.toml, or a ``.garble.toml``, into a Config.

Every field of :class:`garble.config.Config` is a key (``span-threshold`` or
``span_threshold``), so a threshold added to Config is configurable at once. A few
keys belong to the command line rather than the detector: ``min-score``,
``include``, ``exclude``, ``exclude-labels`` and ``baseline``. An unknown key or a value of the
wrong type is an error that names the key and the valid choices.

>>> s = from_table({"span-threshold": 0.7, "exclude-labels": ["repetition"], "include": ["*.txt"]})
>>> s.config.span_threshold, "repetition" in s.config.labels, s.include
(0.7, False, ('*.txt',))
"""

from __future__ import annotations

import dataclasses
import fnmatch
import tomllib
from collections.abc import Mapping
from pathlib import Path, PurePath

from garble.config import DEFAULT_CONFIG, Config
from garble.datatypes import LABELS, Label

CONFIG_FILES = (".garble.toml", "pyproject.toml")
CLI_KEYS = ("min_score", "include", "exclude", "exclude_labels", "baseline")


class SettingsError(ValueError):
    """A settings file that garble cannot use; the message says which key and what is valid."""


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """The detector's Config plus what only the command line uses."""

    config: Config = DEFAULT_CONFIG
    # Spans scoring below this do not fail `garble check`; 0.0 keeps every span the detector reports.
    min_score: float = 0.0
    include: tuple[str, ...] = ()  # file globs to check; empty = every file given
    exclude: tuple[str, ...] = ()  # file globs never to check
    baseline: Path | None = None  # accepted findings that every `garble check` reads, as it does --baseline's
    source: str | None = None  # the file these settings came from

    def wants(self, path: str) -> bool:
        """True when ``path`` passes the include and exclude globs.

        >>> Settings(include=("*.txt",), exclude=("drafts/*",)).wants("news/a.txt")
        True
        >>> Settings(include=("*.txt",), exclude=("drafts/*",)).wants("drafts/a.txt")
        False
        """
        pure = PurePath(path)
        def hit(globs: tuple[str, ...]) -> bool:
            return any(pure.match(g) or fnmatch.fnmatch(path, g) for g in globs)
        return (not self.include or hit(self.include)) and not hit(self.exclude)


def valid_keys() -> list[str]:
    """Every key ``[tool.garble]`` accepts, in kebab case."""
    names = [f.name for f in dataclasses.fields(Config)] + list(CLI_KEYS)
    return sorted(n.replace("_", "-") for n in names)


def _labels(key: str, value: object) -> frozenset[Label]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingsError(f"[tool.garble] {key} must be a list of labels, got {value!r}")
    bad = [v for v in value if v not in LABELS]
    if bad:
        raise SettingsError(f"[tool.garble] {key}: unknown label {bad[0]!r}; valid labels: {', '.join(LABELS)}")
    return frozenset(Label(v) for v in value)


def _coerce(key: str, value: object, default: object) -> object:
    """``value`` checked against the type of the field's default."""
    if isinstance(default, frozenset):
        return _labels(key, value)
    if isinstance(default, tuple):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise SettingsError(f"[tool.garble] {key} must be a list of strings, got {value!r}")
        return tuple(value)
    if isinstance(default, bool) or isinstance(value, bool):
        if type(value) is not type(default):
            raise SettingsError(f"[tool.garble] {key} must be true or false, got {value!r}")
        return value
    if isinstance(default, (int, float)):
        if not isinstance(value, (int, float)):
            raise SettingsError(f"[tool.garble] {key} must be a number, got {value!r}")
        return type(default)(value)
    if not isinstance(value, str):
        raise SettingsError(f"[tool.garble] {key} must be a string, got {value!r}")
    return value


def _min_score(key: str, value: object) -> float:
    """``min-score`` as ``--min-score`` takes it: a number from 0 to 1 (2 made every finding pass unseen)."""
    score = float(_coerce(key, value, 0.0))  # type: ignore[arg-type]
    if not 0.0 <= score <= 1.0:
        raise SettingsError(f"[tool.garble] {key} must be a number from 0 to 1, got {value!r}")
    return score


def check_weights(path: str) -> None:
    """Load the weights ``path`` names (a file, a preset such as "page", or "auto") and the models beside them
    now, so a bad weights file is found before any text is read; raises ModelError (unreadable files too).

    The weights are JSON checked field by field (garble.classifier.load); nothing is unpickled.
    """
    from garble.classifier import load_path
    from garble.context import load_context_path
    from garble.labelling import load_labels_path
    from garble.pipeline import AUTO, weights_path
    from garble.words import load_words_path

    path = weights_path("page" if path == AUTO else path)  # "auto" also uses the (always shipped) default
    load_path(path)
    load_context_path(path)
    load_labels_path(path)
    load_words_path(path)


def _check_model(path: str, source: str | None) -> None:
    """``check_weights`` for ``model-path``: a bad weights file is a settings error."""
    from garble.classifier import ModelError

    try:
        check_weights(path)
    except ModelError as err:  # read_weights turns OSError and UnicodeDecodeError into ModelError
        where = f" in {source}" if source else ""
        raise SettingsError(f"[tool.garble] model-path{where}: {err}") from None


def from_table(table: Mapping[str, object], source: str | None = None) -> Settings:
    """Settings from the contents of a ``[tool.garble]`` table."""
    fields = {f.name: getattr(DEFAULT_CONFIG, f.name) for f in dataclasses.fields(Config)}
    changes: dict[str, object] = {}
    cli: dict[str, object] = {}
    where = f" in {source}" if source else ""
    for key, value in table.items():
        name = key.replace("-", "_")
        named = key + where  # "min-score in /x/pyproject.toml": which file a wrong value is in, not only its key
        if name in fields:
            changes[name] = _coerce(named, value, fields[name])
        elif name == "min_score":
            cli[name] = _min_score(named, value)
        elif name in ("include", "exclude"):
            cli[name] = _coerce(named, value, ())
        elif name == "exclude_labels":
            cli[name] = _labels(named, value)
        elif name == "baseline":
            # beside the settings file that names it, as the baseline's own entries are beside the baseline
            path = Path(str(_coerce(named, value, "")))
            cli[name] = path if source is None else Path(source).parent / path
        else:
            raise SettingsError(f"unknown key {key!r} in [tool.garble]{where}; valid keys: {', '.join(valid_keys())}")
    off = cli.pop("exclude_labels", frozenset())
    if changes.get("model_path") is not None:
        _check_model(str(changes["model_path"]), source)
    try:
        config = dataclasses.replace(DEFAULT_CONFIG, **changes)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:  # Config's own checks: a threshold out of [0, 1], an empty phrase
        raise SettingsError(f"[tool.garble]{where}: {err}") from None
    if off:
        config = dataclasses.replace(config, labels=config.labels - off)  # type: ignore[operator]
    return Settings(config, source=source, **cli)  # type: ignore[arg-type]


def read_file(path: Path) -> Settings | None:
    """Settings from one file, or None when it has no garble table."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise SettingsError(f"cannot read {path}: {err}") from None
    except tomllib.TOMLDecodeError as err:
        raise SettingsError(f"{path} is not valid TOML: {err}") from None
    if path.name == ".garble.toml":
        table = data.get("tool", {}).get("garble", data) if "tool" in data else data
    else:
        table = data.get("tool", {}).get("garble")
        if table is None:
            return None
    if not isinstance(table, dict):
        raise SettingsError(f"[tool.garble] in {path} must be a table")
    return from_table(table, str(path))


def discover(start: Path | None = None) -> Settings:
    """The settings that apply in ``start`` (default: the current folder) or the nearest parent.

    ``.garble.toml`` wins over ``pyproject.toml`` in the same folder; a pyproject.toml
    without ``[tool.garble]`` is passed over. No file gives the defaults.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                found = read_file(candidate)
                if found is not None:
                    return found
    return Settings()
