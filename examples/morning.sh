#!/usr/bin/env bash
# The morning run: what the feeds you follow published since the last run, drafted quoting the
# first three paragraphs of each article. By hand, or from cron.
#
#   examples/morning.sh [drafts-folder]
#
# `clipper feed pull` prints each new article's URL once, oldest first (never one already drafted);
# `clipper grab --from -` drafts them as a batch. An item the pull offered is not offered again, so
# every article not drafted (it failed, or Ctrl-C stopped the run first) is kept in
# morning.failed.txt and tried again next time.
set -uo pipefail

drafts=${1:-drafts}
retry=morning.failed.txt
sources=$(mktemp)
log=$(mktemp)
trap 'rm -f "$sources" "$log"' EXIT
trap ':' INT  # Ctrl-C stops the grab (its posts so far are whole); what it left undone is kept below

{
  [ -f "$retry" ] && cat "$retry"
  clipper feed pull --drafts-dir "$drafts"
} | tee "$sources" | clipper grab --from - --lead 3 --json --drafts-dir "$drafts" >"$log"
statuses=("${PIPESTATUS[@]}")
pulled=${statuses[0]} grabbed=${statuses[2]}

case $pulled in
  0)  ;;
  20) echo "some feeds could not be read (named above); the others were pulled" ;;
  *)  echo "clipper could not pull the feeds (exit $pulled)" ;;
esac
case $grabbed in
  0)   echo "all done" ;;
  13)  echo "some articles failed" ;;
  14)  echo "every article failed: is the network down?" ;;
  130) echo "interrupted: the posts written so far are whole; the rest is kept for the next run" ;;
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

# Keep for the next run every article that was not drafted or skipped: the failures, and those an
# interruption left undone (the ones that worked drop out of the file).
python3 - "$sources" "$log" >"$retry" <<'PY'
import json, sys
done = {r["source"] for r in map(json.loads, open(sys.argv[2], encoding="utf-8")) if r["status"] != "failed"}
for line in open(sys.argv[1], encoding="utf-8"):
    source = line.strip()
    if source and not source.startswith("#") and source not in done:
        print(source)
PY
[ -s "$retry" ] || rm -f "$retry"

# The grab's code when it says something went wrong (130: interrupted), else the pull's (20: a feed failed).
if [ "$grabbed" -ne 0 ]; then exit "$grabbed"; fi
exit "$pulled"
