"""Every generated page, as HTML bodies inside Markdown files that MkDocs renders."""
