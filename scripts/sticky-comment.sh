#!/usr/bin/env bash
# Create or update the one pull-request comment that carries the marker
# <!-- linkpolicy -->, with the body in file $1. Needs gh (GH_TOKEN), GITHUB_REPOSITORY
# and PR_NUMBER. Used by action.yml.
#
# Only a comment written by the token's own identity is ever edited: the login from
# `gh api user`, or for the Actions token (which may not read /user) COMMENT_AUTHOR,
# default github-actions[bot]. Another author's comment that carries the marker is left
# alone. Where the token may not comment (a pull request from a fork gets a read-only
# token: HTTP 403), the script warns and succeeds.
set -euo pipefail
body_file=${1:?usage: sticky-comment.sh BODY_FILE}
marker='<!-- linkpolicy -->'
: "${GITHUB_REPOSITORY:?}" "${PR_NUMBER:?}"
if ! grep -qF -- "$marker" "$body_file"; then
  printf '%s\n' "$marker" | cat - "$body_file" > "$body_file.tmp" && mv "$body_file.tmp" "$body_file"
fi

# gh_call OUT_FILE ARGS...: run `gh api ARGS`, stdout to OUT_FILE; on HTTP 403 warn and exit 0.
gh_call() {
  local out=$1 err
  shift
  err=$(mktemp)
  if gh api "$@" > "$out" 2> "$err"; then
    rm -f "$err"
    return 0
  fi
  if grep -q 'HTTP 403' "$err"; then
    echo "::warning::linkpolicy: this token may not comment on the pull request (HTTP 403, e.g. a pull request from a fork); the comment was skipped"
    rm -f "$err"
    exit 0
  fi
  cat "$err" >&2
  rm -f "$err"
  return 1
}

me=$(gh api user --jq .login 2> /dev/null || true)
me=${me:-${COMMENT_AUTHOR:-github-actions[bot]}}
listing=$(mktemp)
trap 'rm -f "$listing"' EXIT
gh_call "$listing" --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" \
  --jq ".[] | select(.body | contains(\"$marker\")) | [.id, .user.login] | @tsv"
existing=$(awk -F '\t' -v me="$me" '$2 == me { print $1; exit }' "$listing")
if [ -n "$existing" ]; then
  gh_call /dev/null --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body_file"
  echo "updated comment $existing"
else
  gh_call /dev/null --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body_file"
  echo "created a comment"
fi
