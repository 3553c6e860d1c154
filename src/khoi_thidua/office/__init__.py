"""Excel scoring sheets in and out, and Word drafts; openpyxl and docx load only when used."""
