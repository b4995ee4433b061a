"""Reports: the summary workbook (``summary``), ledgers (``ledgers``), statistical periods
(``periods``), shared openpyxl form helpers (``xlsx``) and printable forms (``forms``)."""
