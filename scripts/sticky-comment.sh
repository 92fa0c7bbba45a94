#!/usr/bin/env bash
# Create or update the one pull-request comment that carries the marker
# <!-- linkpolicy -->, with the body in file $1. Needs gh (GH_TOKEN), GITHUB_REPOSITORY
# and PR_NUMBER. Used by action.yml.
set -euo pipefail
body_file=${1:?usage: sticky-comment.sh BODY_FILE}
marker='<!-- linkpolicy -->'
: "${GITHUB_REPOSITORY:?}" "${PR_NUMBER:?}"
if ! grep -qF -- "$marker" "$body_file"; then
  printf '%s\n' "$marker" | cat - "$body_file" > "$body_file.tmp" && mv "$body_file.tmp" "$body_file"
fi
existing=$(gh api --paginate "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" \
  --jq ".[] | select(.body | contains(\"$marker\")) | .id" | head -n 1)
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body_file" > /dev/null
  echo "updated comment $existing"
else
  gh api --method POST "repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" -F "body=@$body_file" > /dev/null
  echo "created a comment"
fi
