"""The public storefront: host routing, catalogue reads, the session cart and the store's look."""
