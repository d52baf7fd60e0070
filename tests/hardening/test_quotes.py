"""Quote checking is bounded in time and still points at the right passage (F12)."""

from __future__ import annotations

import time

import pytest

from tutor.content.sources import closest_span, normalise


@pytest.fixture(scope="module")
def longest(articles):
    article_id = max(articles.articles, key=lambda a: len(articles.articles[a].text))
    return articles, article_id


def near_miss(text: str, every: int = 15) -> str:
    words = text.split()
    for k in range(0, len(words), every):
        words[k] += "x"
    return " ".join(words)


def test_a_near_miss_quote_of_2000_characters_is_reported_within_a_second(longest):
    articles, article_id = longest
    folded = articles.folded(article_id)[0]
    original = folded[len(folded) // 3 :][:2000]
    original = original[: original.rfind(" ")]
    started = time.perf_counter()
    found = articles.closest_passage(article_id, near_miss(original))
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, elapsed
    assert original.split()[1:] == found.split()[1:len(original.split())]  # the passage quoted (its first word may be cut)


def test_a_near_miss_quote_through_the_loader_is_bounded(articles, longest):
    from tests.conftest import DATA
    from tutor.content.errors import ContentError
    from tutor.library.loader import load_module_text

    _, article_id = longest
    folded = articles.folded(article_id)[0]
    quote = near_miss(folded[1000:3000]).replace('"', "'").replace("\\", "/")
    minimal = (DATA / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    cited = "      - source: global-recalibration\n        quote: \"During the Taliban's first regime (1996–2001)\"\n"
    assert cited in minimal
    text = minimal.replace(cited, f'      - source: {article_id}\n        quote: "{quote}"\n', 1)
    started = time.perf_counter()
    with pytest.raises(ContentError) as caught:
        load_module_text(text, "m.yaml", articles)
    assert time.perf_counter() - started < 2.0
    assert [d.message.endswith(f"is not verbatim in article '{article_id}'") for d in caught.value.diagnostics] == [True]


def test_adversarial_repetition_stays_linear():
    article = "the " * 20_000 + "bridge opened in March after two years of repairs " + "the " * 20_000
    started = time.perf_counter()
    span = closest_span(normalise(article), normalise("the " * 500 + "bridge opened in May after two years"))
    assert time.perf_counter() - started < 1.0
    assert span.endswith("the bridge opened in March after two years")  # anchored on the rare words


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("During the Taliban's first reign (1996–2001)", "During the Taliban's first regime (1996–2001),"),
        ("completely unrelated words nobody wrote", ""),
    ],
)
def test_short_quotes_point_at_the_passage(articles, quote, expected):
    article_id = next(a for a in articles.articles if "first regime (1996" in articles.folded(a)[0])
    assert articles.closest_passage(article_id, quote) == expected


def test_a_quote_with_one_word_left_out_lines_up():
    text = normalise("Alpha beta gamma. The council voted on Monday to reopen the old bridge to cyclists. Delta epsilon.")
    assert closest_span(text, "The council voted Monday to reopen the old bridge to cyclists") == (
        "The council voted on Monday to reopen the old bridge to cyclists."
    )
