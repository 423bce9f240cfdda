"""Spare-part rules, Qt-free, one focused module per subject.

``ledger`` (the only writer of stock) and ``stock`` (the operations that end in ``stock.post``),
``catalogue``, ``requests`` (and reservations), ``returns`` (the return loop), ``shipments``,
``replenishment`` (safety stock), ``counts`` (盘点), ``discrepancies`` (wrong shipments), ``kpis``,
``spreadsheets`` (import and export), ``links`` (incidents and partners), ``search``.
"""
