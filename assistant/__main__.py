"""`python -m assistant` runs the command line."""

from assistant.cli.app import main

main()
