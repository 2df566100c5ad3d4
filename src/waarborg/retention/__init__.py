"""Retention enforcement: the lawful-keep decision, sweeps, and replay of erasures after a restore."""
