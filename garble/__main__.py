"""``python -m garble``: the command line."""

from garble.entry import main

main()
