"""OSCAL interoperability: schema validation, catalog and profile import, catalog and package export."""
