"""Products and stock: services (writes), selectors (reads), CSV, images, forecasting."""
