"""The contract's vocabularies, defined once.

The classifier's labels, the Pandera schemas' `isin` checks and the writer all
import these tuples; nothing else spells a label list.
"""

CAUSES = (
    "unauthorised_access", "unauthorised_disclosure", "disclosed_in_error",
    "loss", "theft", "insecure_disposal", "cyber_or_technical", "human_error",
    "other", "not_stated",
)
OUTCOMES = (
    "no_action", "not_upheld", "management_action", "verbal_warning",
    "written_warning", "final_written_warning", "resigned", "dismissed",
    "caution", "prosecuted", "convicted", "ongoing", "other", "not_stated",
)
STAFF_TYPES = (
    "police_officer", "police_staff", "special_constable", "pcso", "employee",
    "contractor", "agency", "volunteer", "councillor", "not_stated",
)
AUTHORITY_TYPES = ("council", "police", "other", "not_stated")
FOI_STATUSES = ("disclosed", "partially_disclosed", "refused", "not_held", "not_stated")
PARSE_STATUSES = ("ok", "partial", "failed")
FORMATS = ("pdf", "pdf_scanned", "xlsx", "xls", "ods", "html", "csv", "docx", "doc",
           "eml", "msg", "txt", "unknown")

# the three label fields the classifier fills, with their vocabularies
LABEL_FIELDS = {"cause": CAUSES, "outcome": OUTCOMES, "staff_type": STAFF_TYPES}
