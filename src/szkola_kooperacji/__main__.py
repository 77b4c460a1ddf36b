"""Allow ``python -m szkola_kooperacji`` as well as ``szkola``."""

from .cli import main

main()
