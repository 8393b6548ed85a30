"""Allow ``python -m kzsi_helpers``."""

import sys

from kzsi_helpers.cli import main

sys.exit(main())
