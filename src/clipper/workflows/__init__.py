"""Workflows: what the commands do, as plain functions any program can call: grab (one source or
a batch, through one pipeline), check, publish, review, edit, remove, push. They ask nothing and
print nothing: a person is asked through what a command hands them (a Chooser, an editor)."""
