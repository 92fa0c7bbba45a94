#!/usr/bin/env bash
# The Action's pull-request step: the link-graph diff against the base commit, added to
# the job summary and joined to the check report in one comment that fits GitHub's limit.
# Never fails the job for anything but a broken installation: a missing base commit, a
# pull request from a fork (read-only token) or a refused comment become notices.
# Environment (set by action.yml): LP_BIN, LP_ROOT, LP_POLICIES, LP_COMMENT, EVENT_NAME,
# BASE_SHA, HEAD_REPO (the pull request's head repository), PR_NUMBER, GH_TOKEN, and the
# runner's GITHUB_REPOSITORY, GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_STEP_SUMMARY.
set -euo pipefail
: "${LP_BIN:?}" "${RUNNER_TEMP:?}" "${GITHUB_STEP_SUMMARY:?}" "${GITHUB_ACTION_PATH:?}"
case "${EVENT_NAME:-}" in pull_request | pull_request_target) ;; *) exit 0 ;; esac
reports="$RUNNER_TEMP/linkpolicy-report"
root=${LP_ROOT:-.}
policies=()
if [ -n "${LP_POLICIES:-}" ]; then policies=(--policies "$LP_POLICIES"); fi

# The base commit, without changing the depth of the checkout: a full clone fetches it
# whole if it is missing; a shallow clone fetches that one commit (diff reads its tree).
have_base() { git -C "$root" cat-file -e "$BASE_SHA^{commit}" 2> /dev/null; }
if ! have_base; then
  if [ "$(git -C "$root" rev-parse --is-shallow-repository)" = true ]; then
    git -C "$root" fetch --quiet --no-tags --depth=1 origin "$BASE_SHA" || true
  else
    git -C "$root" fetch --quiet --no-tags origin "$BASE_SHA" || true
  fi
fi
diff_md="$reports/diff.md"
if ! have_base; then
  echo "::notice::linkpolicy: base commit $BASE_SHA is not available, so there is no link-graph diff; set fetch-depth: 0 on actions/checkout"
  : > "$diff_md"
elif "$LP_BIN/linkpolicy" diff "$BASE_SHA" --root "$root" "${policies[@]}" --format markdown \
  --fail-on info --output "$diff_md" || [ $? -eq 1 ]; then
  sed -i '1{/^<!-- linkpolicy -->$/d}' "$diff_md"
  cat "$diff_md" >> "$GITHUB_STEP_SUMMARY"
else
  echo "::warning::linkpolicy diff failed; the comment carries the check report only"
  : > "$diff_md"
fi

full="$reports/comment-full.md"
{ cat "$reports/check.md"; echo; cat "$diff_md"; } > "$full"
"$LP_BIN/python" "$GITHUB_ACTION_PATH/scripts/fit-comment.py" "$full" "$reports/comment.md"

if [ "${LP_COMMENT:-true}" != true ]; then exit 0; fi
if [ -n "${HEAD_REPO:-}" ] && [ "$HEAD_REPO" != "${GITHUB_REPOSITORY:-}" ]; then
  echo "::notice::linkpolicy: a pull request from a fork gets a read-only token, so there is no comment; the findings are in the annotations and the job summary"
  exit 0
fi
"$GITHUB_ACTION_PATH/scripts/sticky-comment.sh" "$reports/comment.md"
