"""GST: GSTIN validation, Indian states and their GST codes, PIN code → state, and the tax settings of a
tenant (GSTIN, state), a store (prices include tax or not) and a product (HSN code, GST rate)."""
