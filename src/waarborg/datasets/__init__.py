"""Binding the register to real SQL tables: connections, finding a person, erasing fields."""
