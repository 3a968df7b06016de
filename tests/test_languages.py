"""garble.languages: a page not in English has its words' commonness read in its own language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import garble
from garble import languages
from garble.features import FEATURE_NAMES, SHAPE_NAMES, _foreign_language, _shape, line_features
from garble.lexical import TOKEN
from garble.segment import segment

PORTUGUESE_PARAGRAPHS = (
    "Início",
    "Notícias",
    "Contato",
    ("A prefeitura anunciou nesta segunda-feira que as obras da nova ponte sobre o rio vão começar em maio, "
     "depois de dois anos de atrasos e de uma longa disputa com a empresa que venceu a licitação."),
    ("Segundo o secretário de obras, o projeto foi revisto para reduzir os custos e a ponte terá uma faixa "
     "exclusiva para ônibus, além de ciclovia e calçadas mais largas para os pedestres da região."),
    ("Os moradores do bairro reclamam há anos do trânsito na única ponte que liga as duas margens do rio e "
     "dizem que a espera valeu a pena, mas que a prefeitura precisa cumprir o novo prazo desta vez."),
    "Compartilhe",
)
ENGLISH_PARAGRAPHS = (
    "Home",
    "News",
    "Contact",
    ("The city council said on Monday that work on the new bridge over the river would start in May, after "
     "two years of delays and a long dispute with the company that won the contract."),
    ("According to the works secretary, the project was revised to cut costs, and the bridge will have a bus "
     "lane as well as a cycle path and wider pavements for the people who walk across it."),
    ("Residents have complained for years about the traffic on the only bridge between the two banks and say "
     "the wait was worth it, but that the council must keep to the new deadline this time."),
    "Share",
)
PORTUGUESE = "\n\n".join(PORTUGUESE_PARAGRAPHS)
ENGLISH = "\n\n".join(ENGLISH_PARAGRAPHS)


ROOT = Path(__file__).resolve().parents[1]


def column(X: np.ndarray, name: str) -> np.ndarray:
    return X[:, FEATURE_NAMES.index(name)]


@pytest.mark.parametrize(("text", "lang"), [
    ("O governo disse que a proposta não será votada antes de maio", "pt"),
    ("Le gouvernement a dit que le projet ne sera pas voté avant le mois de mai", "fr"),
    ("Die Regierung sagte, dass der Entwurf nicht vor Mai abgestimmt wird", "de"),
    ("Правительство заявило, что законопроект не будет рассмотрен до мая", "ru"),
    ("The government said the bill would not be put to a vote before May", "en"),
])
def test_guess_names_the_language_of_a_sentence(text: str, lang: str) -> None:
    assert languages.guess(text.split()) == lang


def test_portuguese_words_are_as_common_as_their_english_translation() -> None:
    _, pt = line_features(segment(PORTUGUESE), [])
    _, en = line_features(segment(ENGLISH), [])
    prose = slice(3, 6)
    # read as English, nearly every Portuguese word was rare: rare_share 0.6-0.8, mean Zipf about 2
    assert (column(pt, "rare_share")[prose] < 0.15).all()
    for name, most in (("mean_zipf", 0.5), ("rare_share", 0.1)):
        assert np.abs(column(pt, name)[prose] - column(en, name)[prose]).max() <= most, name


def test_the_stop_words_stay_english() -> None:
    _, X = line_features(segment(PORTUGUESE), [])
    english = [_shape(text)[SHAPE_NAMES.index("stop_share")] for text in PORTUGUESE_PARAGRAPHS]
    assert column(X, "stop_share").tolist() == english


def test_an_english_document_is_read_in_english() -> None:
    before = languages.zipf_in.cache_info().currsize
    line_features(segment(ENGLISH * 3), [])
    assert languages.zipf_in.cache_info().currsize == before  # no other language's frequencies asked


def test_scanning_english_never_imports_wordfreq() -> None:
    code = ("import sys, garble; garble.scan(" + repr(ENGLISH * 5) + "); "
            "print('wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False"]


def test_every_shipped_language_has_its_commonest_words() -> None:
    table = languages._table()
    assert {"en", "pt", "es", "fr", "de", "it", "ru"} <= table.keys()
    assert all(len(words) >= 50 for words in table.values())
    assert table["pt"][:3] == ("de", "a", "o")


def test_the_shipped_table_is_what_the_build_script_makes_from_wordfreq(tmp_path: Path) -> None:
    out = tmp_path / "function_words.txt"
    subprocess.run([sys.executable, str(ROOT / "corpus" / "build_function_words.py"), "--out", str(out)],
                   check=True, capture_output=True)
    assert out.read_text(encoding="utf-8") == (ROOT / "garble" / "data" / "function_words.txt").read_text(encoding="utf-8")


KOREAN = "\n\n".join(["서울시는 월요일 새 다리 공사를 오월에 시작한다고 밝혔다 이 다리는 두 해 동안 늦어졌다"] * 12)


def test_a_language_wordfreq_cannot_read_here_is_read_as_english(monkeypatch: pytest.MonkeyPatch) -> None:
    # wordfreq splits Korean only with MeCab, which it does not install: a page taken for Korean must scan
    table = {**languages._table.__wrapped__(), "ko": tuple(dict.fromkeys(KOREAN.split()))}
    monkeypatch.setattr(languages, "_table", lambda: table)
    monkeypatch.setattr(languages, "_guessing_words", languages._guessing_words.__wrapped__)
    assert languages.guess(KOREAN.split()) == "ko"
    doc = segment(KOREAN)
    lines = [ln for b in doc.blocks for ln in b.lines]
    toks = [TOKEN.findall(ln.text) for ln in lines]
    shapes = np.array([_shape(ln.text, t) for ln, t in zip(lines, toks)])
    assert _foreign_language(shapes, toks) == ("ko" if languages.readable("ko") else None)
    assert garble.scan(KOREAN).paragraphs  # and the scan goes through either way


def test_a_page_in_every_shipped_language_is_guessed_and_scans() -> None:
    for lang, words in languages._table().items():
        text = "\n\n".join(" ".join(words[k : k + 12]) + "." for k in range(0, 96, 12))
        assert languages.guess(text.split()) == lang
        assert languages.readable(lang), lang
        assert garble.scan(text).paragraphs, lang
