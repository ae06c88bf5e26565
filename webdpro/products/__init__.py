"""Products and stock.

- ``services``   — writes: create/edit, inline price/active, conditional stock adjustments (with the
  movement log in webdpro-stock-movements), bulk activate/deactivate, ``sale_movement`` for placement.
- ``selectors``  — reads: bounded, cursor-paginated Queries by store; movements; low stock.
- ``csvio``      — streamed export; all-or-nothing validated import, written in TransactWrite batches.
- ``images``     — Pillow-checked, resized uploads through Django's storage API (local / S3).
- ``forecast``   — pure demand forecasting (Syntetos–Boylan classification → SES / SBA / TSB).
- ``prediction`` — reads sales from orders, stores ``Product.prediction``; ``refresh(store_id, product_ids)``.
"""
