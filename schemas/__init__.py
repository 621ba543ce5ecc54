from schemas.columns import INCIDENT_COLUMNS, REJECTED_COLUMNS, RESPONSE_COLUMNS
from schemas.validate import validate_incidents, validate_responses

__all__ = ["INCIDENT_COLUMNS", "REJECTED_COLUMNS", "RESPONSE_COLUMNS",
           "validate_incidents", "validate_responses"]
