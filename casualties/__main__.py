import sys

from casualties.cli import main

sys.exit(main())
