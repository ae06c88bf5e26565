"""People's roles, for the web layer (views never import ``webdpro.db``). They are defined with the users table
in :mod:`webdpro.db.users`."""

from webdpro.db.users import ROLES, Role  # noqa: F401 (re-exported)
