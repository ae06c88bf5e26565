"""The owner's delivery agents: reads (:mod:`.selectors`: the list, one agent, their language, the cash
each holds, today's load) and writes (:mod:`.services`: add by phone, deactivate/reactivate, language,
cash limit)."""
