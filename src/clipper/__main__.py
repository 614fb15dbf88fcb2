"""`python -m clipper`."""

from clipper.cli import main

main()
