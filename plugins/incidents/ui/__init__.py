"""The incidents plugin's pages (imported only when a page is first opened)."""
