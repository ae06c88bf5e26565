"""Discount codes per store: rules (``rules``), owner writes (``services``), reads (``selectors``) and the
checkout hook (``checkout``) that takes a use inside the order transaction."""
