"""Open Referral HSDS 3 import and export of the directory (docs/hsds.md describes the shape)."""
from tarjotin.hsds.export import dumps, export_services, service_to_hsds
from tarjotin.hsds.load import HSDSFileError, ImportResult, import_services, read_records

__all__ = [
    "HSDSFileError",
    "ImportResult",
    "dumps",
    "export_services",
    "import_services",
    "read_records",
    "service_to_hsds",
]
