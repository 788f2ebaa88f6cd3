#!/usr/bin/env bash
# Runs `npm run review` on a fixture change, so that the offline plan preview cannot rot: in a temporary worktree
# of HEAD, prod's config gets a new database name (db_name forces the replacement of every database instance) and
# a new owner tag (an in-place change of the provider's default tags). The review must exit 1 with
# --fail-on-destroy, flag the database replacement and list the tag change as harmless.
set -euo pipefail

root="$(pwd)"
work="$(mktemp -d)"
cleanup() {
  git -C "$root" worktree remove --force "$work/tree" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

git worktree add --detach --quiet "$work/tree" HEAD
ln -s "$root/node_modules" "$work/tree/node_modules"
cat >> "$work/tree/src/config/environments/prod.ts" <<'TS'

// Fixture change of .ci/review-fixture.sh.
Object.assign(prod, {
  database: { ...prod.database, databaseName: "fixture" },
  tags: { ...prod.tags, owner: "review-fixture" },
});
TS

cd "$work/tree"
set +e
echo "review-fixture: npm run review in $work/tree"
PLATFORM_ENVS=prod npm run --silent review -- --base HEAD --out "$work/review.md" --fail-on-destroy
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "review-fixture: expected exit 1 (dangerous change with --fail-on-destroy), got $status" >&2
  exit 1
fi
expect() {
  if ! grep -qF -- "$1" "$work/review.md"; then
    echo "review-fixture: the report lacks: $1" >&2
    cat "$work/review.md" >&2
    exit 1
  fi
}
expect '| prod | prod-data | `aws_db_instance.Database_Shard0_'
expect '`db_name`: `"app"` → `"fixture"` — **forces replacement**'
expect 'Provider `aws` changes (in place on every resource it manages that takes them):'
expect '`default_tags[0].tags.Owner`: `"platform-team"` → `"review-fixture"`'
echo "review-fixture: the database replacement is flagged and the tag change is listed in place"
