"""Views of the case work, one module per area: pipeline, case, documents, assessments."""
