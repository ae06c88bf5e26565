"""COD and online reconciliation for an owner: the report and its reads (:mod:`.selectors`), cash handovers
(:mod:`.services`) and the report as CSV (:mod:`.export`)."""
