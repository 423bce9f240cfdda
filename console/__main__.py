"""`python -m console` runs the `service-console` command."""

from console.cli import main

raise SystemExit(main())
