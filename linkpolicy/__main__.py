import os
import sys

# `python -m linkpolicy` puts the working directory first on the path: a repository that
# holds a package named like a dependency (pydantic's own, a `click/` folder) would shadow
# it. Only a checkout of linkpolicy itself is kept there.
_HOME = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if sys.path and os.path.abspath(sys.path[0] or os.curdir) != _HOME:
    del sys.path[0]

from linkpolicy.cli import run  # noqa: E402

run()
