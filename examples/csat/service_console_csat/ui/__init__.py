"""The csat pages (imported only when a page is first opened)."""
