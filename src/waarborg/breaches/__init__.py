"""The data-breach register: the Dutch DPA's notification questions, the 72-hour clock, the decision
to notify (Art. 33, 34 GDPR). Pure parts: incident, questions, options, belgium, clock, assess,
prefill; the store-backed service and the outputs sit around them."""
