"""Imports from and exports to other tools (LinkedIn, vCard, Google Contacts, CSV, iCalendar)."""
