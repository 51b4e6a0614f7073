"""Evidence: collectors that ingest exports, the append-only store, and the checks."""
