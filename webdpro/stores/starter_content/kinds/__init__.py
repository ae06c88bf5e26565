"""One data module per kind of shop (see :mod:`webdpro.stores.starter_content`)."""
