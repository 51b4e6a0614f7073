"""OSCAL interoperability: validation against the official schemas and catalog import."""
