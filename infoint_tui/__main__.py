"""``python -m infoint_tui`` does what ``infoint`` does."""

from .cli import main

raise SystemExit(main())
