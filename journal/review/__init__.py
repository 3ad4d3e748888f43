"""The weekly review: week aggregation (``build``), the records it hands out (``model``), the
pure counting functions (``counts``), the review's JSON (``as_json``) and the ten check-in
questions (``checkin``). Its own stored state (focus, check-in, decisions) is read and written
through the store (``journal.store.review_state``)."""
