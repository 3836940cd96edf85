import sys

from playbook.cli.main import main

sys.exit(main())
