"""Cold start (issue 5): scanning plain English text loads none of the slow optional imports."""

from __future__ import annotations

import subprocess
import sys

# wordfreq (with langcodes and regex) and its English table cost ~0.5 s, ftfy ~50 ms,
# numpy.ma ~35 ms; scikit-learn 1.5 s. garble answers plain text without any of them.
SLOW = ("wordfreq", "langcodes", "regex", "ftfy", "numpy.ma", "sklearn")

SCRIPT = """
import sys
import garble
text = ("Chinese President Xi Jinping will make a state visit to North Korea this week, state media "
        "announced on Monday, as U.S. talks with North Korea's leader Kim Jong-un are at a standstill.\\n\\n"
        "Read more: Xi's 2019 trip, the first in 14 years")
garble.scan(text)
print(" ".join(m for m in %r if m in sys.modules))
"""


def test_scanning_english_text_imports_no_slow_module():
    out = subprocess.run([sys.executable, "-c", SCRIPT % (SLOW,)], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


def test_a_word_outside_the_table_still_gets_wordfreqs_answer():
    script = SCRIPT.replace("garble.scan(text)", "garble.scan(text + ' Hamısı naïve')")
    out = subprocess.run([sys.executable, "-c", script % (SLOW,)], capture_output=True, text=True, check=True)
    assert "wordfreq" in out.stdout.split()
