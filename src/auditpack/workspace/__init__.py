"""The organisation's workspace: its file, loading and checking it, and the rules it must keep.

`model` (auditpack.yaml as pydantic models), `loader` (`load_workspace`), `review`
(`validate_workspace`: every finding), `scaffold` (`init` and the demos), `coverage` (what
the controls satisfy, framework by framework), and the rules of the RACI (`raci`,
`raci_matrix`), escalation paths, notification deadlines, providers' oversight and scope
decisions.
"""
