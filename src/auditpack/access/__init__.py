"""Privilege-scoped matter access: who can open which client matter, and what is wrong with it."""
