"""Reading the PDF: untrusted bytes to pages of words, rules, fills and icons with their positions."""
