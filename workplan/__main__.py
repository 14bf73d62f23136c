"""`python -m workplan`: the command line."""
import sys

from workplan.cli import main

sys.exit(main())
