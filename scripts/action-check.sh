#!/usr/bin/env bash
# The Action's check step: one `linkpolicy check` writing annotations, the SARIF file, the
# job summary, the report files (for the comment and the artifact) and the step outputs.
# Environment (set by action.yml): LP_BIN (the venv's bin folder), LP_ROOT, LP_POLICIES,
# LP_FAIL_ON, LP_SARIF, LP_CATEGORY, LP_ARGS, and the runner's RUNNER_TEMP,
# GITHUB_STEP_SUMMARY, GITHUB_OUTPUT. Paths are relative to the workspace (the current
# directory), as in the rest of the caller's workflow. Exit status: 0, or 2 when
# linkpolicy could not run; findings are reported through the `status` output.
set -euo pipefail
: "${LP_BIN:?}" "${RUNNER_TEMP:?}" "${GITHUB_OUTPUT:?}" "${GITHUB_STEP_SUMMARY:?}"
reports="$RUNNER_TEMP/linkpolicy-report"
mkdir -p "$reports"
args=(--root "${LP_ROOT:-.}" --fail-on "${LP_FAIL_ON:-error}" --quiet --format github
  --sarif-category "${LP_CATEGORY:-linkpolicy}"
  --also "sarif=${LP_SARIF:-linkpolicy.sarif}"
  --also "markdown=$reports/check.md" --also "json=$reports/check.json")
if [ -n "${LP_POLICIES:-}" ]; then args+=(--policies "$LP_POLICIES"); fi
# shellcheck disable=SC2206 # LP_ARGS is a list of arguments, split on spaces
extra=(${LP_ARGS:-})
set +e
"$LP_BIN/linkpolicy" check "${args[@]}" "${extra[@]}"
status=$?
set -e
if [ "$status" -gt 1 ]; then
  echo "::error::linkpolicy could not check the site (exit $status); see the message above"
  exit "$status"
fi
cat "$reports/check.md" >> "$GITHUB_STEP_SUMMARY"
"$LP_BIN/python" - "$reports/check.json" >> "$GITHUB_OUTPUT" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1], encoding="utf-8"))["summary"]
for key in ("errors", "warnings", "infos"):
    print(f"{key}={summary[key]}")
PY
{
  echo "sarif=${LP_SARIF:-linkpolicy.sarif}"
  echo "status=$status"
} >> "$GITHUB_OUTPUT"
