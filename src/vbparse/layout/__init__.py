"""Page layout and tables: lines, paragraphs, style, page furniture and tables from page geometry."""
