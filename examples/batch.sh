#!/usr/bin/env bash
# A morning run: grab every link in links.txt (one a line, # comments allowed), quote the first
# three paragraphs of each, and report what failed so it can be retried or grabbed by hand.
#
#   examples/batch.sh [links.txt] [drafts-folder]
set -uo pipefail

links=${1:-links.txt}
drafts=${2:-drafts}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

clipper grab --from "$links" --lead 3 --json --drafts-dir "$drafts" >"$log"
status=$?

case $status in
  0)  echo "all done" ;;
  13) echo "some links failed" ;;
  14) echo "every link failed: is the network down?" ;;
  130) echo "interrupted: posts written so far are complete" ;;
  *)  echo "clipper could not run (exit $status)"; exit "$status" ;;
esac

# One JSON object per link: source, url, status (written/skipped/failed), path, error.
python3 - "$log" <<'PY'
import json, sys
results = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
for status in ("written", "skipped", "failed"):
    done = [r for r in results if r["status"] == status]
    print(f"{status}: {len(done)}")
    for r in done:
        if status == "written":
            print(f"  {r['path']}")
        else:
            print(f"  {r['source']}  ({r['error']})")
PY

# Keep the failures for a retry tomorrow.
python3 -c 'import json, sys; [print(r["source"]) for r in map(json.loads, open(sys.argv[1])) if r["status"] == "failed"]' \
  "$log" >"${links%.txt}.failed.txt"
exit "$status"
