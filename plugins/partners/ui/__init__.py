"""The partners plugin's pages (imported only when a page is first opened)."""
