"""Publishing targets: the sites clipper sends finished posts to.

Each target owns one site's API: `wordpress.py` is the WordPress REST API with an application
password, over `wordpress_entry.py`, what a push sends (built, and shown by `--dry-run`, without
sending anything). A new target is a new module in this package: plain functions and small types
that log but never print, raising the target errors of `clipper.errors` (`TargetAuthError`,
`NoTargetAPIError`, `RemotePostGoneError`, `InsecureTargetError`, `TargetNetworkError`,
`TargetTimeoutError`, `TargetHTTPError`) so that every target fails with the same exit codes.
"""
