"""Text cells for CSV files that staff open in a spreadsheet."""


def safe_cell(value: str | None) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula; a quote makes it text (OWASP CSV injection)."""
    value = value or ""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
