"""The package's documents, each rendered from the package model alone.

`narrative` (Audit-Narrative.docx), `workbook` (Control-Matrix.xlsx), `oscal` (the OSCAL
exports and the SSP's baseline) and `request_folders` (one folder per examiner request).
"""
