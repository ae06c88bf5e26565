"""A store's customers: the per-store customer item written with each order, search and CSV export."""
