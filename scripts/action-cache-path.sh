#!/usr/bin/env bash
# The Action's cache step: where `linkpolicy check` keeps its parse cache and run records for
# this root (the git directory's linkpolicy/ folder, or .linkpolicy-cache/ in a root that is no
# work tree's top), asked of linkpolicy itself, and a key part that changes with its version
# and source (a cache of another version holds nothing this one reads).
# Environment (set by action.yml): LP_BIN, LP_ROOT, GITHUB_OUTPUT. Exit status 0.
set -euo pipefail
: "${LP_BIN:?}" "${GITHUB_OUTPUT:?}"
"$LP_BIN/python" - "${LP_ROOT:-.}" >> "$GITHUB_OUTPUT" <<'PY'
import sys
from pathlib import Path

from linkpolicy.content.store import cache_dir
from linkpolicy.incremental import package_digest

print(f"path={cache_dir(Path(sys.argv[1]).resolve())}")
print(f"version={package_digest()[:16]}")
PY
