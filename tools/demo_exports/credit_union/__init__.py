"""Harbor Point Federal Credit Union (co-managed with Northwind Managed IT)."""
