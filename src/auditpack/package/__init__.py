"""The examiner-ready package: the narrative, the workbook, the evidence and the signed manifest."""
