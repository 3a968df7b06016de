"""``python -m garble``: the command line."""

from garble.cli import main

main()
