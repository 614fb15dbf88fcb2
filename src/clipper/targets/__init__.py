"""Publishing targets: the sites clipper sends finished posts to.

Each target is one module here that owns one site's API (`wordpress.py`: the WordPress REST API
with an application password). A new target is one new module in this package: plain functions
and small types that log but never print, raising the target errors of `clipper.errors`
(`TargetAuthError`, `NoTargetAPIError`, `RemotePostGoneError`, `InsecureTargetError`,
`TargetNetworkError`, `TargetTimeoutError`, `TargetHTTPError`) so that every target fails with
the same exit codes.
"""
