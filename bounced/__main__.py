"""`python -m bounced` runs the command line."""

from bounced.cli import main

main()
