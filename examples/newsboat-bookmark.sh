#!/bin/sh
# newsboat's bookmark command: draft the article under the cursor with clipper, choosing the
# paragraphs in newsboat's own terminal. In newsboat's config file:
#
#   bookmark-cmd "~/bin/newsboat-bookmark.sh"
#   bookmark-interactive yes   # newsboat hands over the terminal, so clipper's picker can ask
#   bookmark-autopilot yes     # newsboat asks no title or description first (clipper has its own)
#
# newsboat runs it as `newsboat-bookmark.sh URL TITLE DESCRIPTION FEED-TITLE`; clipper reads the
# page itself, so only the URL is used. newsboat runs it in the folder newsboat was started from:
# give clipper an absolute drafts folder (drafts_dir in the user's settings, written by
# `clipper config init --user`, or CLIPPER_DRAFTS_DIR in the environment).
url=$1

clipper grab "$url"
status=$?
case $status in
  0) ;;
  7) echo "Already drafted: nothing written." ;;
  9) echo "Nothing written." ;;
  *) echo "clipper could not draft it (exit $status)." ;;
esac
# Keep the result on screen until the editor has read it; newsboat redraws over it on return.
printf 'Press Enter to go back to newsboat. '
read -r _
exit "$status"
