"""Consent and marketing preferences: the suppression list of people who must not be contacted."""
