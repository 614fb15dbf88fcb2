#!/usr/bin/env bash
# The morning run: what the feeds you follow published since the last run, drafted quoting the
# first three paragraphs of each article. By hand, or from cron.
#
#   examples/morning.sh [drafts-folder]
#
# `clipper feed pull` prints each new article's URL once, oldest first (never one already drafted);
# `clipper grab --from -` drafts them as a batch. An item the pull offered is not offered again, so
# the articles that could not be grabbed are kept in morning.failed.txt and tried again next time.
set -uo pipefail

drafts=${1:-drafts}
retry=morning.failed.txt
log=$(mktemp)
trap 'rm -f "$log"' EXIT

{
  [ -f "$retry" ] && cat "$retry"
  clipper feed pull --drafts-dir "$drafts"
} | clipper grab --from - --lead 3 --json --drafts-dir "$drafts" >"$log"
statuses=("${PIPESTATUS[@]}")
pulled=${statuses[0]} grabbed=${statuses[1]}

case $pulled in
  0)  ;;
  20) echo "some feeds could not be read (named above); the others were pulled" ;;
  *)  echo "clipper could not pull the feeds (exit $pulled)" ;;
esac
case $grabbed in
  0)   echo "all done" ;;
  13)  echo "some articles failed" ;;
  14)  echo "every article failed: is the network down?" ;;
  130) echo "interrupted: posts written so far are complete" ;;
  *)   echo "clipper could not grab (exit $grabbed)"; exit "$grabbed" ;;
esac

# One JSON object per article: source, url, status (written/skipped/failed), path, error.
python3 - "$log" <<'PY'
import json, sys
results = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
for status in ("written", "skipped", "failed"):
    done = [r for r in results if r["status"] == status]
    print(f"{status}: {len(done)}")
    for r in done:
        print(f"  {r['path']}" if status == "written" else f"  {r['source']}  ({r['error']})")
PY

# Keep the failures for the next run (those that worked drop out of the file).
python3 -c 'import json, sys; [print(r["source"]) for r in map(json.loads, open(sys.argv[1])) if r["status"] == "failed"]' \
  "$log" >"$retry"
[ -s "$retry" ] || rm -f "$retry"

# The grab's code when it says something went wrong, else the pull's (20: a feed failed).
if [ "$grabbed" -ne 0 ]; then exit "$grabbed"; fi
exit "$pulled"
