"""Workflows: what the commands do, as plain functions any program can call: grab (one source or
a batch, through one pipeline), check, publish, remove. They ask nothing and print nothing."""
